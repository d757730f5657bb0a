/**
 * The candidate analyzer's fast path: the facts of a log line that holds one candidate, read
 * straight from the line's text, with no JSON.parse, no Source, FoundCandidate or explanation
 * objects. It takes the shapes candidate logs are made of (a text log line; a JSON frame of the
 * seed's shapes, an RTCIceCandidateInit or a relay log record, on one line, without escapes) and
 * returns null for anything else, which the reference readers (LineScanner, walkJson) then read.
 * Whatever it takes, it reads as the reference does: the same candidate, context and findings
 * (test/analysis/fast-facts.test.ts holds reports from both paths identical on fuzzed logs). The
 * found candidate itself, for kept candidates and records, is made from the line when asked, with
 * the Source and path walkJson or the text scan would give it.
 */
import { classifyAddress, type AddressClass, type AddressFamily } from '../candidate/address.js';
import { candidateOfCanonical, readCanonicalCandidate, type CanonicalCandidate } from '../candidate/candidate.js';
import { candidateFindings, explainParsed, type CandidateFinding } from '../candidate/explain.js';
import { decodePriority } from '../candidate/priority.js';
import { escapedLineBreak, leadingTime, LineScanner, opensLikeJson } from '../input/line-scanner.js';
import { ellipsisCut, candidateTextEnd, candidateTextStop, cutInQuotes, namedInit, selectorAt, lineSide } from '../input/text-scan.js';
import type { FoundCandidate, FoundDescription, InputSink, Source } from '../input/types.js';
import { candidateIdHash, connectionOf, type CandidateFacts, type KeptFacts, type ParsedFound } from './facts.js';
import { toRecord } from './record.js';

/** A sink that takes facts read by the fast path (the CandidateAnalyzer): `sink[CANDIDATE_FACTS](facts)`. */
export const CANDIDATE_FACTS: unique symbol = Symbol('sdpscope.candidateFacts');

export interface FactsSink {
  [CANDIDATE_FACTS](facts: CandidateFacts): void;
}

/** The sink's fast entry, bound, or null when it has none (then every line goes to the reference readers). */
export function factsEntry(sink: InputSink): ((facts: CandidateFacts) => void) | null {
  const f = (sink as Partial<FactsSink>)[CANDIDATE_FACTS];
  return typeof f === 'function' ? f.bind(sink) : null;
}

/**
 * The found candidate of a line the fast path took, made as the reference readers make it (the
 * fast path's lazy half): the line read again, its Source and path as walkJson or the text scan
 * give them, parsed and explained once. The equivalence test holds it equal to referenceFound.
 */
function foundOfLine(line: string, lineNo: number, file: string | undefined): ParsedFound {
  let text: string;
  let from: number;
  let to: number;
  let init: Obj | null = null;
  let source: Source;
  if (line.charCodeAt(0) === 123) {
    FRAME.withSource = true;
    const ok = FRAME.read(line, lineNo, file);
    FRAME.withSource = false;
    if (!ok) return referenceFound(line, lineNo, file);
    text = FRAME.text!;
    from = 0;
    to = text.length;
    init = FRAME.init;
    source = FRAME.source as unknown as Source;
  } else {
    const span = textSpan(line);
    if (span === null) return referenceFound(line, lineNo, file);
    [from, to] = span;
    text = line;
    const timestamp = leadingTime(line);
    source = { line: lineNo, format: 'text', ...(file !== undefined ? { file } : {}), ...(timestamp !== undefined ? { timestamp } : {}) };
  }
  const r = readCanonicalCandidate(text, from, to);
  if (r === null) return referenceFound(line, lineNo, file);
  const candidate = candidateOfCanonical(r);
  const index = init?.sdpMLineIndex;
  // The side the words before a text line's candidate give it, as the text scan gives it.
  const side = init === null && source.sender === undefined ? lineSide(text, from) : undefined;
  const found = {
    text: from === 0 && to === text.length ? text : text.slice(from, to),
    candidate,
    error: null,
    explanation: explainParsed(candidate),
    sdpMid: init !== null ? (str(init.sdpMid) ?? null) : null,
    sdpMLineIndex: typeof index === 'number' && Number.isInteger(index) ? index : null,
    usernameFragment: (init !== null ? str(init.usernameFragment) : undefined) ?? candidate.ufrag ?? null,
    inDescription: false,
    source,
  };
  // Last, as emitCandidate writes it (the JSON of kept candidates compares key order too).
  return side !== undefined ? { ...found, side } : found;
}

/** What the reference readers find in one line: the found candidate, made the slow, sure way. */
function referenceFound(text: string, line: number, file: string | undefined): ParsedFound {
  let found: FoundCandidate | null = null;
  const sink: InputSink = {
    description: (_: FoundDescription) => undefined,
    candidate: (f) => {
      found ??= f;
    },
    endOfCandidates: () => undefined,
    problem: () => undefined,
  };
  const scanner = new LineScanner(sink, file !== undefined ? { file } : {});
  scanner.push(text, '', line);
  scanner.end();
  const f = found as FoundCandidate | null;
  // The fast path takes a line only when the reference reads one parsed candidate from it.
  if (f === null || f.candidate === null || f.explanation === null) throw new Error(`sdpscope: the fast path and the reference disagree on line ${line}`);
  return f as ParsedFound;
}

/** A kept candidate the fast path read: its line, read again by the reference reader when its session is reported. */
class KeptLine implements KeptFacts {
  constructor(
    private readonly text: string,
    private readonly line: number,
    private readonly file: string | undefined,
  ) {}
  found(): ParsedFound {
    return foundOfLine(this.text, this.line, this.file);
  }
}

/** The facts of one candidate the fast path read. */
class LineFacts implements CandidateFacts {
  private made: ParsedFound | null = null;
  /** A line of its own: in no SDP. */
  readonly sdpLine = undefined;
  constructor(
    /** The line, whole: the reference reader reads it again when the found candidate is asked for. */
    private readonly text: string,
    readonly line: number,
    readonly file: string | undefined,
    readonly event: string | undefined,
    readonly sender: string | undefined,
    readonly room: string | undefined,
    readonly sdpMid: string | null,
    readonly usernameFragment: string | null,
    readonly ufrag: string | null,
    readonly foundation: string,
    readonly component: number,
    readonly transport: string,
    readonly address: string,
    readonly port: number,
    readonly priority: number,
    readonly type: string,
    readonly relatedAddress: string | null,
    readonly relatedPort: number | null,
    readonly family: AddressFamily,
    readonly addressClass: AddressClass,
    readonly relatedFamily: AddressFamily | null,
    readonly relatedClass: AddressClass | null,
    readonly warnings: readonly CandidateFinding[],
    readonly id: number,
    readonly connection: string | null,
    /** The side the words before a candidate without a ufrag give it ("onicecandidate candidate:…"), as the text scan reads them. */
    readonly side: 'local' | 'remote' | undefined,
  ) {}
  get peerConnection(): undefined {
    return undefined;
  }
  found(): ParsedFound {
    return (this.made ??= foundOfLine(this.text, this.line, this.file));
  }
  keep(): KeptFacts {
    return this.made !== null ? { found: () => this.made! } : new KeptLine(this.text, this.line, this.file);
  }
  recordJson(session: string): string {
    // Not kept: a kept candidate stays its line until its session is reported.
    const f = this.made ?? foundOfLine(this.text, this.line, this.file);
    return JSON.stringify(toRecord(f, f.candidate, f.explanation, session));
  }
}

/** The keys a frame of the fast shapes may have; any other key sends the line to the reference reader. */
const KEYS = ['type', 'candidate', 'sdpMid', 'sdpMLineIndex', 'usernameFragment', 'time', 'room', 'from', 'to', 'size', 'frame', 'binary', 'summary'] as const;

/** The relay's record keys whose values the walk finds nothing in (read, checked inert, not kept). */
const SUMMARY = 12;

/** KEYS indexes by key length: a key is told by its length, then one or two comparisons. */
const KEY_BY_LENGTH: readonly (readonly number[])[] = /* @__PURE__ */ (() => {
  const out: number[][] = [];
  KEYS.forEach((k, i) => (out[k.length] ??= []).push(i));
  return out;
})();

/** A backslash or a control character: a line with one is JSON.parse's (its strings would not be their text). */
const ESCAPE_OR_CONTROL = /[\x00-\x1f\\]/;

/** An array value: read (its strings inert, no object or array in it) and not kept. */
const ARRAY = Symbol('array');

/** A JSON value the small reader keeps: strings and numbers as JSON.parse gives them, objects as Obj. */
type Value = string | number | boolean | null | Obj | typeof ARRAY;

/** A JSON object of the fast shapes: each known key once. Reused from line to line. */
class Obj {
  type: Value | undefined = undefined;
  candidate: Value | undefined = undefined;
  sdpMid: Value | undefined = undefined;
  sdpMLineIndex: Value | undefined = undefined;
  usernameFragment: Value | undefined = undefined;
  time: Value | undefined = undefined;
  room: Value | undefined = undefined;
  from: Value | undefined = undefined;
  to: Value | undefined = undefined;
  size: Value | undefined = undefined;
  frame: Value | undefined = undefined;
  binary: Value | undefined = undefined;
  /** Never kept: read by FrameReader.inertValue. */
  summary: undefined = undefined;
  seen = 0;
  clear(): this {
    this.type = this.candidate = this.sdpMid = this.sdpMLineIndex = this.usernameFragment = undefined;
    this.time = this.room = this.from = this.to = this.size = this.frame = this.binary = undefined;
    this.seen = 0;
    return this;
  }
}

const NOT_FAST = Symbol('not fast');

/** walkJson's `str`: a string, or a number as text. */
const str = (v: Value | undefined): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/**
 * Whether walkJson, meeting this string, finds nothing in it: not an SDP, a candidate, JSON or a
 * webrtc-internals legacy value (it is then a name, a time, a room).
 */
function inert(s: string): boolean {
  if (s.length < 2) return true;
  const c0 = s.charCodeAt(0);
  if (c0 === 123 || c0 === 91) return false;
  return !(s.startsWith('v=') || s.startsWith('candidate:') || s.startsWith('a=candidate:') || s.startsWith('type: ') || s.startsWith('sdpMid: '));
}

/**
 * A small JSON reader for one line of the fast shapes (objects with the known keys, strings
 * without escapes, integers, literals, arrays of those), then walkJson's walk over what it read:
 * the one candidate the walk would find, with its context. NOT_FAST is thrown for anything else
 * (escapes, fractions, other keys, duplicate keys, deep nesting, a walk that would find anything
 * but one candidate): the line is then JSON.parse's and walkJson's. One reader serves every line.
 */
class FrameReader {
  private s = '';
  private i = 0;
  private readonly objects: Obj[] = [];
  private used = 0;
  /** Whether the walk also makes the candidate's Source and path, as walkJson does (when a found candidate is asked for). */
  withSource = false;
  /** The walk's finding. */
  source: Record<string, unknown> | null = null;
  text: string | null = null;
  init: Obj | null = null;
  sender: string | undefined = undefined;
  room: string | undefined = undefined;
  frameType: string | undefined = undefined;

  /** Reads `line`; true when the walk finds exactly one candidate (see the fields). */
  read(line: string, lineNo = 0, file: string | undefined = undefined): boolean {
    if (ESCAPE_OR_CONTROL.test(line)) return false;
    this.s = line;
    this.i = 0;
    this.used = 0;
    this.text = null;
    this.init = null;
    try {
      const top = this.value(0);
      if (!(top instanceof Obj) || this.i !== line.length) return false;
      this.source = null;
      // walkJson's context for a line: LineScanner's { format, file?, line }.
      const ctx = this.withSource ? (file !== undefined ? { format: 'json', file, line: lineNo } : { format: 'json', line: lineNo }) : null;
      this.walk(top, undefined, undefined, undefined, ctx, '$');
      return this.text !== null;
    } catch (e) {
      if (e === NOT_FAST) return false;
      throw e;
    }
  }

  private ws(): void {
    const s = this.s;
    let c = s.charCodeAt(this.i);
    while (c === 32 || c === 9) c = s.charCodeAt(++this.i);
  }

  private value(depth: number): Value {
    if (depth > 4) throw NOT_FAST;
    this.ws();
    const c = this.s.charCodeAt(this.i);
    if (c === 34) return this.string();
    if (c === 123) return this.object(depth);
    if (c === 91) return this.array(depth);
    return this.scalar();
  }

  private scalar(): number | boolean | null {
    const c = this.s.charCodeAt(this.i);
    if (c === 45 || (c >= 48 && c <= 57)) return this.integer();
    if (this.s.startsWith('true', this.i)) return ((this.i += 4), true);
    if (this.s.startsWith('false', this.i)) return ((this.i += 5), false);
    if (this.s.startsWith('null', this.i)) return ((this.i += 4), null);
    throw NOT_FAST;
  }

  /** A string (the line has no escape or control character: JSON.parse's reading of it is the text). */
  private string(): string {
    const from = ++this.i;
    const close = this.s.indexOf('"', from);
    if (close < 0) throw NOT_FAST;
    this.i = close + 1;
    return this.s.slice(from, close);
  }

  /** A quoted key (at its opening quote): its index in KEYS, read in place; NOT_FAST for any other. */
  private key(): number {
    const s = this.s;
    const from = this.i + 1;
    const close = s.indexOf('"', from);
    if (close < 0) throw NOT_FAST;
    const candidates = KEY_BY_LENGTH[close - from];
    if (candidates !== undefined) {
      for (const k of candidates) {
        if (s.startsWith(KEYS[k]!, from)) {
          this.i = close + 1;
          return k;
        }
      }
    }
    throw NOT_FAST;
  }

  /** -?(0|[1-9][0-9]*) up to 15 digits: exact as a double, as JSON.parse reads it. */
  private integer(): number {
    const s = this.s;
    const from = this.i;
    let i = from;
    if (s.charCodeAt(i) === 45) i++;
    const d = i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    const n = i - d;
    if (n === 0 || n > 15 || (n > 1 && s.charCodeAt(d) === 48)) throw NOT_FAST;
    const c = s.charCodeAt(i);
    if (c === 46 || c === 101 || c === 69) throw NOT_FAST; /* . e E */
    this.i = i;
    return Number(s.slice(from, i));
  }

  /** An array of strings and scalars; its strings must be inert (the walk reads each). */
  private array(depth: number): typeof ARRAY {
    this.i++;
    this.ws();
    if (this.s.charCodeAt(this.i) === 93) return (this.i++, ARRAY);
    for (;;) {
      this.ws();
      const c = this.s.charCodeAt(this.i);
      if (c === 34) {
        if (!inert(this.string())) throw NOT_FAST;
      } else if (c === 123 || c === 91 || depth > 3) throw NOT_FAST;
      else this.scalar();
      this.ws();
      const e = this.s.charCodeAt(this.i++);
      if (e === 93) return ARRAY;
      if (e !== 44) throw NOT_FAST;
    }
  }

  private object(depth: number): Obj {
    this.i++;
    const o = (this.objects[this.used++] ??= new Obj()).clear();
    this.ws();
    if (this.s.charCodeAt(this.i) === 125) return (this.i++, o);
    for (;;) {
      this.ws();
      if (this.s.charCodeAt(this.i) !== 34) throw NOT_FAST;
      const k = this.key();
      if (o.seen & (1 << k)) throw NOT_FAST;
      o.seen |= 1 << k;
      this.ws();
      if (this.s.charCodeAt(this.i++) !== 58) throw NOT_FAST;
      if (k === SUMMARY) this.inertValue(depth + 1);
      else o[KEYS[k] as Exclude<(typeof KEYS)[number], 'summary'>] = this.value(depth + 1);
      this.ws();
      const c = this.s.charCodeAt(this.i++);
      if (c === 125) return o;
      if (c !== 44) throw NOT_FAST;
    }
  }

  /**
   * A value walkJson finds nothing in (the relay's frame summary): any keys but those that make a
   * frame (candidate, sdp, a dump's PeerConnections), inert strings, at any depth up to 8. Read, not kept.
   */
  private inertValue(depth: number): void {
    if (depth > 8) throw NOT_FAST;
    this.ws();
    const c = this.s.charCodeAt(this.i);
    if (c === 34) {
      if (!inert(this.string())) throw NOT_FAST;
      return;
    }
    if (c !== 123 && c !== 91) {
      this.scalar();
      return;
    }
    const close = c === 123 ? 125 : 93;
    this.i++;
    this.ws();
    if (this.s.charCodeAt(this.i) === close) return void this.i++;
    for (;;) {
      this.ws();
      if (close === 125) {
        if (this.s.charCodeAt(this.i) !== 34) throw NOT_FAST;
        const key = this.string();
        if (key === 'candidate' || key === 'sdp' || key === 'PeerConnections') throw NOT_FAST;
        this.ws();
        if (this.s.charCodeAt(this.i++) !== 58) throw NOT_FAST;
      }
      this.inertValue(depth + 1);
      this.ws();
      const e = this.s.charCodeAt(this.i++);
      if (e === close) return;
      if (e !== 44) throw NOT_FAST;
    }
  }

  /** walkJson over a value read: NOT_FAST when it would find anything but the candidate. */
  private walkValue(v: Value | undefined, sender: string | undefined, room: string | undefined, frameType: string | undefined, ctx: Record<string, unknown> | null, path: string, pinned = false): void {
    if (typeof v === 'string') {
      if (!inert(v)) throw NOT_FAST;
    } else if (v instanceof Obj) this.walk(v, sender, room, frameType, descend(ctx, path), path, pinned);
  }

  /**
   * walkJson over an object: its context carried down, then its candidate, or each of its values.
   * With `ctx` (withSource), the walk context as walkJson makes it, key for key.
   */
  private walk(o: Obj, outerSender: string | undefined, outerRoom: string | undefined, outerType: string | undefined, outer: Record<string, unknown> | null, path: string, pinned = false): void {
    // Inside a relay record, a frame's own from/room do not count (walkJson's pinned context).
    const own = pinned ? undefined : str(o.from);
    const ownRoom = pinned ? undefined : str(o.room);
    const record = !pinned && own !== undefined && ownRoom !== undefined && o.frame instanceof Obj;
    const inner = pinned || record;
    const sender = own ?? outerSender;
    const room = ownRoom ?? outerRoom;
    const frameType = typeof o.type === 'string' ? o.type : outerType;
    let ctx = outer;
    if (outer !== null) {
      // walkJson's `here`: a new context only where this object says something (time, sender, room, type).
      const time = o.time;
      const timed = (typeof time === 'number' && Number.isFinite(time)) || typeof time === 'string';
      if (timed || own !== undefined || ownRoom !== undefined || frameType !== outer['frameType']) {
        const h: Record<string, unknown> = { ...outer };
        if (record) h['pinned'] = true;
        if (timed) h['timestamp'] = time;
        if (own !== undefined) h['sender'] = own;
        if (ownRoom !== undefined) h['room'] = ownRoom;
        if (frameType !== undefined) {
          h['frameType'] = frameType;
          h['event'] = frameType;
        }
        ctx = h;
      }
    }
    if (o.seen & 2 /* candidate */) {
      const c = o.candidate;
      if (c instanceof Obj) return this.walk(c, sender, room, frameType, descend(ctx, `${path}.candidate`), `${path}.candidate`, inner);
      // A candidate string (walkJson reads no other value of this object); an end of candidates or anything else is the reference's.
      if (typeof c !== 'string' || !(c.startsWith('candidate:') || c.startsWith('a=candidate:')) || this.text !== null) throw NOT_FAST;
      this.text = c;
      this.init = o;
      this.sender = sender;
      this.room = room;
      this.frameType = frameType;
      if (ctx !== null) {
        // sourceOf: the context without frameType, in its order; then the path.
        const source: Record<string, unknown> = {};
        for (const k in ctx) if (k !== 'frameType' && k !== 'pinned') source[k] = ctx[k];
        source['path'] = `${path}.candidate`;
        this.source = source;
      }
      return;
    }
    this.walkValue(o.type, sender, room, frameType, ctx, `${path}.type`, inner);
    this.walkValue(o.sdpMid, sender, room, frameType, ctx, `${path}.sdpMid`, inner);
    this.walkValue(o.sdpMLineIndex, sender, room, frameType, ctx, `${path}.sdpMLineIndex`, inner);
    this.walkValue(o.usernameFragment, sender, room, frameType, ctx, `${path}.usernameFragment`, inner);
    this.walkValue(o.time, sender, room, frameType, ctx, `${path}.time`, inner);
    this.walkValue(o.room, sender, room, frameType, ctx, `${path}.room`, inner);
    this.walkValue(o.from, sender, room, frameType, ctx, `${path}.from`, inner);
    this.walkValue(o.size, sender, room, frameType, ctx, `${path}.size`, inner);
    this.walkValue(o.frame, sender, room, frameType, ctx, `${path}.frame`, inner);
  }
}

/** walkJson's context for a value it descends into: the same, with the value's path. */
const descend = (ctx: Record<string, unknown> | null, path: string): Record<string, unknown> | null => (ctx === null ? null : { ...ctx, path });

const FRAME = /* @__PURE__ */ new FrameReader();

/**
 * Where the one candidate of a text line is, as the text scan finds it; null when the reference
 * would read the line otherwise: as JSON (a value in it), for an escaped SDP, or for two candidates.
 */
function textSpan(line: string): [number, number] | null {
  if (line.charCodeAt(0) === 91 && opensLikeJson(line)) return null;
  if (line.indexOf('{') >= 0 || line.indexOf('v=0') >= 0 || line.indexOf('#012') >= 0) return null;
  const k = line.indexOf('candidate:');
  if (k < 0) return null;
  // Candidates written as fields too (Jingle, aiortc's and aioice's reprs), or a baresip dump's
  // header: the reference's (second audit of the change: an aioice repr beside a candidate was lost).
  if (line.indexOf('<candidate ') >= 0 || capitalCandidate(line)) return null;
  const from = k >= 2 && line.charCodeAt(k - 2) === 97 && line.charCodeAt(k - 1) === 61 ? k - 2 : k;
  // A method name's "candidate:" (Swift's): the reference's, which reads none there.
  if (from === k && selectorAt(line, k)) return null;
  // After a colon (`audio:0:candidate:…`, Android's toString): the reference's (its mid, index and server URL);
  // so is one whose m-line the words before it name (Janus's, old iOS'), and a line with a libwebrtc Cand[…] too.
  if (from > 0 && line.charCodeAt(from - 1) === 58) return null;
  if (namedInit(line, from) !== null || line.indexOf('Cand[') >= 0) return null;
  const end = candidateTextEnd(line, from);
  // Ended by a backslash (`\/` in a quoted ufrag, an escaped line break): the reference's.
  if (line.charCodeAt(end) === 92) return null;
  // A cut line (the reference readers refuse its candidate), or more than one candidate.
  if (cutInQuotes(line, from, end) || line.indexOf('candidate:', k + 10) >= 0) return null;
  const stop = candidateTextStop(line, from, end);
  // Cut and marked so (" ...", "…"): the reference readers refuse it.
  // (No string made for the test: it runs on every text line the fast path takes.)
  if (ellipsisCut(line, stop) || (stop - from >= 4 && line.startsWith(' ...', stop - 4)) || line.charCodeAt(stop - 1) === 0x2026) return null;
  return [from, stop];
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Whether a line has `Candidate(` (a repr) or `Candidates:  (` (a baresip header): one search for "Candidate", not two. */
function capitalCandidate(line: string): boolean {
  for (let i = line.indexOf('Candidate'); i >= 0; i = line.indexOf('Candidate', i + 9)) {
    const c = line.charCodeAt(i + 9);
    if (c === 40 || (c === 115 && line.startsWith(':  (', i + 10))) return true;
  }
  return false;
}

/** "udp" and "tcp" as the one string each (the common transports, lower-cased). */
function transportOf(s: string, b: number, e: number): string {
  if (e - b === 3) {
    if (s.startsWith('udp', b) || s.startsWith('UDP', b)) return 'udp';
    if (s.startsWith('tcp', b) || s.startsWith('TCP', b)) return 'tcp';
  }
  return s.slice(b, e).toLowerCase();
}

function typeOf(s: string, b: number, e: number): string {
  switch (e - b) {
    case 4:
      if (s.startsWith('host', b)) return 'host';
      break;
    case 5:
      if (s.startsWith('srflx', b)) return 'srflx';
      if (s.startsWith('prflx', b)) return 'prflx';
      if (s.startsWith('relay', b)) return 'relay';
      break;
  }
  return s.slice(b, e);
}

const field = (r: CanonicalCandidate, i: number): string | null => (r.at[i]! < 0 ? null : r.text.slice(r.at[i], r.at[i + 1]));

/**
 * The facts of the one candidate a line holds, read as the reference readers read it; null when
 * the line is not of the fast shapes (the reference readers then read it). `inBlock`: whether the
 * line scanner is collecting an SDP block (an SDP line would join it).
 */
export function readLineFacts(line: string, lineNo: number, file: string | undefined, inBlock: boolean): CandidateFacts | null {
  const n = line.length;
  if (n < 12) return null;
  const c0 = line.charCodeAt(0);
  const cl = line.charCodeAt(n - 1);
  // No blank or other character trim() would take at either end: the reference's trimmed line is the line.
  if (c0 <= 32 || c0 >= 127 || cl <= 32 || cl >= 127) return null;
  // An SDP line starts or joins a block, except a lone a=candidate line, which is read as text;
  // so does one with its line break written out before it (`\na=…`): the reference's.
  if (line.charCodeAt(1) === 61 && isLetter(c0) && (inBlock || !line.startsWith('a=candidate:'))) return null;
  if (c0 === 92 && escapedLineBreak(line) > 0) return null;
  let text: string;
  let from: number;
  let to: number;
  let init: Obj | null = null;
  let sender: string | undefined;
  let room: string | undefined;
  let frameType: string | undefined;
  if (c0 === 123) {
    if (!FRAME.read(line)) return null;
    text = FRAME.text!;
    from = 0;
    to = text.length;
    init = FRAME.init;
    sender = FRAME.sender;
    room = FRAME.room;
    frameType = FRAME.frameType;
  } else {
    const span = textSpan(line);
    if (span === null) return null;
    [from, to] = span;
    text = line;
  }
  const r = readCanonicalCandidate(text, from, to);
  if (r === null) return null;
  const address = field(r, 4)!;
  const relatedAddress = field(r, 8);
  const addressInfo = classifyAddress(address);
  const relatedInfo = relatedAddress === null ? null : classifyAddress(relatedAddress);
  const foundation = field(r, 0)!;
  const transport = transportOf(text, r.at[2]!, r.at[3]!);
  const type = typeOf(text, r.at[6]!, r.at[7]!);
  const ufrag = field(r, 10);
  const relatedPort = r.relatedPort < 0 ? null : r.relatedPort;
  const networkCost = r.networkCost < 0 ? null : r.networkCost;
  // The rule reads the text only past 999 (below, any value passes it).
  let networkCostText: string | null = null;
  if (networkCost !== null && networkCost > 999) {
    const x = r.extensions;
    for (let i = 0; i < 4 * r.extensionCount; i += 4) if (x[i + 1]! - x[i]! === 12 && text.startsWith('network-cost', x[i]!)) networkCostText = text.slice(x[i + 2], x[i + 3]);
  }
  const tcpType = r.tcpType === 0 ? null : r.tcpType === 1 ? 'active' : r.tcpType === 2 ? 'passive' : 'so';
  // network-id only when it is not a number (no string made for the usual "1"): the rule reads nothing else of it.
  const idAt = r.at[12]!;
  let networkId: string | null = null;
  if (idAt >= 0) for (let i = idAt; i < r.at[13]!; i++) if (text.charCodeAt(i) < 48 || text.charCodeAt(i) > 57) {
    networkId = text.slice(idAt, r.at[13]);
    break;
  }
  const warnings = candidateFindings({ foundation, component: r.component, priority: r.priority, transport, networkId, address, relatedAddress, relatedPort, tcpType, type, networkCost }, networkCostText, decodePriority(r.priority).typePreference, addressInfo, relatedInfo);
  const sdpMid = init !== null ? (str(init.sdpMid) ?? null) : null;
  const usernameFragment = (init !== null ? str(init.usernameFragment) : undefined) ?? ufrag;
  // A text line's candidate without a ufrag: the side the words before it give it ("onicecandidate …", "remote candidate: …"), which places it.
  const side = usernameFragment === null && init === null && sender === undefined ? lineSide(text, from) : undefined;
  return new LineFacts(
    line,
    lineNo,
    file,
    frameType,
    sender,
    room,
    sdpMid,
    usernameFragment,
    ufrag,
    foundation,
    r.component,
    transport,
    address,
    r.port,
    r.priority,
    type,
    relatedAddress,
    relatedPort,
    addressInfo.family,
    addressInfo.class,
    relatedInfo?.family ?? null,
    relatedInfo?.class ?? null,
    warnings,
    candidateIdHash(foundation, r.component, transport, address, r.port, type),
    sender !== undefined ? connectionOf({ sender, room }) : null,
    side,
  );
}
