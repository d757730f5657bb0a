/**
 * The candidate analyzer's fast path: the facts of a log line that holds one candidate, read
 * straight from the line's text, with no JSON.parse, no Source, FoundCandidate or explanation
 * objects. It takes the shapes candidate logs are made of (a text log line; a JSON frame of the
 * seed's shapes, an RTCIceCandidateInit or a relay log record, on one line, without escapes) and
 * returns null for anything else, which the reference readers (LineScanner, walkJson) then read.
 * Whatever it takes, it reads as the reference does: the same candidate, context and findings
 * (test/analysis/fast-facts.test.ts holds reports from both paths identical on fuzzed logs), and
 * the found candidate itself, for kept candidates and records, is made by the reference reader
 * from the line when asked.
 */
import { classifyAddress, type AddressClass, type AddressFamily } from '../candidate/address.js';
import { readCanonicalCandidate, type CanonicalCandidate } from '../candidate/candidate.js';
import { candidateFindings, type CandidateFinding } from '../candidate/explain.js';
import { decodePriority } from '../candidate/priority.js';
import { LineScanner, opensLikeJson } from '../input/line-scanner.js';
import { candidateTextEnd, candidateTextStop } from '../input/text-scan.js';
import type { FoundCandidate, FoundDescription, InputSink } from '../input/types.js';
import { candidateIdHash, connectionOf, type CandidateFacts, type ParsedFound } from './facts.js';
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

/** What the reference readers find in one line (the fast path's lazy half). */
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

/** The facts of one candidate the fast path read. */
class LineFacts implements CandidateFacts {
  private made: ParsedFound | null = null;
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
  ) {}
  get peerConnection(): undefined {
    return undefined;
  }
  found(): ParsedFound {
    return (this.made ??= referenceFound(this.text, this.line, this.file));
  }
  recordJson(session: string): string {
    const f = this.found();
    return JSON.stringify(toRecord(f, f.candidate, f.explanation, session));
  }
}

/** Where a frame's context says the candidate was: what walkJson carries down to it. */
interface JsonContext {
  sender: string | undefined;
  room: string | undefined;
  frameType: string | undefined;
}

/** A JSON value the small reader makes: strings and numbers as JSON.parse gives them, objects as Obj. */
type Value = string | number | boolean | null | Obj | Value[];

/** The keys a frame of the fast shapes may have; any other key sends the line to the reference reader. */
const KEYS = ['type', 'candidate', 'sdpMid', 'sdpMLineIndex', 'usernameFragment', 'time', 'room', 'from', 'to', 'size', 'frame'] as const;

/** KEYS indexes by key length: a key is told by its length, then one or two comparisons. */
const KEY_BY_LENGTH: readonly (readonly number[])[] = /* @__PURE__ */ (() => {
  const out: number[][] = [];
  KEYS.forEach((k, i) => (out[k.length] ??= []).push(i));
  return out;
})();

/** A backslash or a control character: a line with one is JSON.parse's (its strings would not be their text). */
const ESCAPE_OR_CONTROL = /[\x00-\x1f\\]/;

/** A JSON object of the fast shapes: each known key once. */
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
  seen = 0;
}

const NOT_FAST = Symbol('not fast');

/**
 * A small JSON reader for one line of the fast shapes: objects with the known keys, strings
 * without escapes, integers, literals and arrays; throws NOT_FAST for anything else (escapes,
 * fractions, other keys, duplicate keys, deep nesting), which is then JSON.parse's.
 */
class JsonReader {
  i = 0;
  constructor(private readonly s: string) {}
  private ws(): void {
    const s = this.s;
    let c = s.charCodeAt(this.i);
    while (c === 32 || c === 9) c = s.charCodeAt(++this.i);
  }
  value(depth: number): Value {
    if (depth > 4) throw NOT_FAST;
    this.ws();
    const c = this.s.charCodeAt(this.i);
    if (c === 34) return this.string();
    if (c === 123) return this.object(depth);
    if (c === 91) return this.array(depth);
    if (c === 45 || (c >= 48 && c <= 57)) return this.integer();
    if (this.s.startsWith('true', this.i)) return ((this.i += 4), true);
    if (this.s.startsWith('false', this.i)) return ((this.i += 5), false);
    if (this.s.startsWith('null', this.i)) return ((this.i += 4), null);
    throw NOT_FAST;
  }
  /** A string (the line has no escape or control character: JSON.parse's reading of it is the text). */
  private string(): string {
    const s = this.s;
    const from = ++this.i;
    const close = s.indexOf('"', from);
    if (close < 0) throw NOT_FAST;
    this.i = close + 1;
    return s.slice(from, close);
  }
  /** A quoted key (at its opening quote): its index in KEYS, read in place; NOT_FAST for any other. */
  private key(): number {
    const s = this.s;
    const from = this.i + 1;
    const close = s.indexOf('"', from);
    if (close < 0) throw NOT_FAST;
    const k = KEY_BY_LENGTH[close - from]?.find((x) => s.startsWith(KEYS[x]!, from));
    if (k === undefined) throw NOT_FAST;
    this.i = close + 1;
    return k;
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
  private array(depth: number): Value[] {
    this.i++;
    const out: Value[] = [];
    this.ws();
    if (this.s.charCodeAt(this.i) === 93) return (this.i++, out);
    for (;;) {
      out.push(this.value(depth + 1));
      this.ws();
      const c = this.s.charCodeAt(this.i++);
      if (c === 93) return out;
      if (c !== 44) throw NOT_FAST;
    }
  }
  object(depth: number): Obj {
    this.i++;
    const o = new Obj();
    this.ws();
    if (this.s.charCodeAt(this.i) === 125) return (this.i++, o);
    for (;;) {
      this.ws();
      if (this.s.charCodeAt(this.i) !== 34) throw NOT_FAST;
      const k = this.key();
      if (o.seen & (1 << k)) throw NOT_FAST;
      const key = KEYS[k]!;
      o.seen |= 1 << k;
      this.ws();
      if (this.s.charCodeAt(this.i++) !== 58) throw NOT_FAST;
      o[key] = this.value(depth + 1);
      this.ws();
      const c = this.s.charCodeAt(this.i++);
      if (c === 125) return o;
      if (c !== 44) throw NOT_FAST;
    }
  }
}

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

/** The one candidate walkJson would find in a frame, with its context; null when it finds none, or more, or anything else. */
interface FrameCandidate {
  text: string;
  init: Obj;
  ctx: JsonContext;
}

/** walkJson over a value of the fast shapes: the candidate it emits, or NOT_FAST when it would emit anything else. */
function walkValue(v: Value | undefined, ctx: JsonContext, found: FrameCandidate[]): void {
  if (typeof v === 'string') {
    if (!inert(v)) throw NOT_FAST;
  } else if (v instanceof Obj) walkObject(v, ctx, found);
  else if (Array.isArray(v)) for (const x of v) walkValue(x, ctx, found);
}

function walkObject(o: Obj, ctx: JsonContext, found: FrameCandidate[]): void {
  const sender = str(o.from);
  const room = str(o.room);
  const frameType = typeof o.type === 'string' ? o.type : ctx.frameType;
  const here: JsonContext = { sender: sender ?? ctx.sender, room: room ?? ctx.room, frameType };
  // Every other string the walk meets must be inert (the walk reads no more of them once it has a candidate key).
  if (o.seen & (1 << 1)) {
    const c = o.candidate;
    if (typeof c === 'string' && c.startsWith('candidate:')) {
      found.push({ text: c, init: o, ctx: here });
      return;
    }
    if (typeof c === 'string' && c.startsWith('a=candidate:')) {
      found.push({ text: c, init: o, ctx: here });
      return;
    }
    if (c instanceof Obj) {
      walkObject(c, here, found);
      return;
    }
    // An end of candidates, a string that is not one, an array: the reference's.
    throw NOT_FAST;
  }
  walkValue(o.type, here, found);
  walkValue(o.sdpMid, here, found);
  walkValue(o.sdpMLineIndex, here, found);
  walkValue(o.usernameFragment, here, found);
  walkValue(o.time, here, found);
  walkValue(o.room, here, found);
  walkValue(o.from, here, found);
  walkValue(o.to, here, found);
  walkValue(o.size, here, found);
  walkValue(o.frame, here, found);
}

/** The candidate of a one-line JSON frame of the fast shapes, or null. */
function frameCandidate(line: string): FrameCandidate | null {
  if (ESCAPE_OR_CONTROL.test(line)) return null;
  try {
    const r = new JsonReader(line);
    const top = r.value(0);
    if (!(top instanceof Obj) || r.i !== line.length) return null;
    const found: FrameCandidate[] = [];
    walkObject(top, { sender: undefined, room: undefined, frameType: undefined }, found);
    return found.length === 1 ? found[0]! : null;
  } catch (e) {
    if (e === NOT_FAST) return null;
    throw e;
  }
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

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
  // An SDP line starts or joins a block, except a lone a=candidate line, which is read as text.
  if (line.charCodeAt(1) === 61 && isLetter(c0) && (inBlock || !line.startsWith('a=candidate:'))) return null;
  let text: string;
  let from: number;
  let to: number;
  let init: Obj | null = null;
  let ctx: JsonContext | null = null;
  if (c0 === 123) {
    const f = frameCandidate(line);
    if (f === null) return null;
    text = f.text;
    from = 0;
    to = text.length;
    init = f.init;
    ctx = f.ctx;
  } else {
    // A text line: no JSON value in it (the reference would try one), no escaped SDP, one candidate.
    if (c0 === 91 && opensLikeJson(line)) return null;
    if (line.indexOf('{') >= 0 || line.indexOf('v=0') >= 0) return null;
    const k = line.indexOf('candidate:');
    if (k < 0) return null;
    from = k >= 2 && line.charCodeAt(k - 2) === 97 && line.charCodeAt(k - 1) === 61 ? k - 2 : k;
    const end = candidateTextEnd(line, from);
    if (line.indexOf('candidate:', end) >= 0) return null;
    to = candidateTextStop(line, from, end);
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
  let networkCostText: string | null = null;
  if (networkCost !== null) {
    const x = r.extensions;
    for (let i = 0; i < x.length; i += 4) if (x[i + 1]! - x[i]! === 12 && text.startsWith('network-cost', x[i]!)) networkCostText = text.slice(x[i + 2], x[i + 3]);
  }
  const tcpType = r.tcpType === 0 ? null : r.tcpType === 1 ? 'active' : r.tcpType === 2 ? 'passive' : 'so';
  const warnings = candidateFindings({ foundation, address, relatedAddress, relatedPort, tcpType, type, networkCost }, networkCostText, decodePriority(r.priority).typePreference, addressInfo, relatedInfo);
  const sender = ctx?.sender;
  const room = ctx?.room;
  const sdpMid = init !== null ? (str(init.sdpMid) ?? null) : null;
  const usernameFragment = (init !== null ? str(init.usernameFragment) : undefined) ?? ufrag;
  return new LineFacts(
    line,
    lineNo,
    file,
    ctx?.frameType,
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
  );
}
