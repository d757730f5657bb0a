/**
 * The fast path for the commonest log line, a JSON frame carrying one candidate string (the
 * seed's two frame shapes, RTCIceCandidateInit, relay log lines): one pass over the text that
 * checks its JSON syntax and keeps only the few keys the walk reads (time, from, room, type,
 * sdpMid, sdpMLineIndex, usernameFragment, candidate) on the objects that lead to the candidate,
 * instead of JSON.parse building every object and the walk spreading a context through each.
 *
 * It must find exactly what `walkJson(JSON.parse(line))` finds (a property test holds it to that
 * on fuzzed frames), so it takes only lines it can read without doubt and returns false, having
 * done nothing, for any other: a backslash (escapes), not valid JSON, an "sdp" or
 * "PeerConnections" key, more or less than one "candidate:", a "candidate" key off the way to
 * the candidate (an end-of-candidates), a string the walk would read as an SDP or a legacy
 * dump value, nesting deeper than the walk goes.
 */
import { emitCandidate, pathKey, str } from './found.js';
import { CANDIDATE_START } from './json-walk.js';
import type { InputSink, Source, WalkContext } from './types.js';

/** A value the walk reads: a string, a number, a literal, or an object of the skeleton. */
type Value = string | number | boolean | null | Obj | typeof OTHER;
/** An array (its objects are children of the enclosing object; the walk reads nothing else in it). */
const OTHER = Symbol('other');

/** An object of the line: the keys the walk reads (the last occurrence wins, as in JSON.parse). */
interface Obj {
  readonly parent: Obj | null;
  /** How the parent reaches it: `.key`, `["key"]`, `[i]` (arrays in between included). */
  readonly step: string;
  readonly keys: Map<string, Value>;
  depth: number;
}

/** The keys the walk reads; any other key's value is checked and dropped. */
const READ = new Set(['candidate', 'time', 'timestamp', 'ts', 'from', 'sender', 'room', 'type', 'sdpMid', 'sdpMLineIndex', 'usernameFragment']);

/** Strings the walk would do something with besides the one candidate: an SDP, a legacy dump value. */
const ACTIVE_STRING = /^(?:v=|type: |sdpMid: )/;

/** Bail-out: the line is not one the fast path can vouch for. */
const NO = Symbol('no');

class Reader {
  pos = 0;
  candidateObj: Obj | null = null;
  /** Objects other than the candidate's with a "candidate" key: their path must be the candidate's. */
  readonly candidateKeys: Obj[] = [];
  constructor(readonly s: string) {}

  space(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else return;
    }
  }

  /** A string with no escapes (the line has no backslash): up to the next quote, no control characters. */
  string(): string {
    const s = this.s;
    const end = s.indexOf('"', this.pos + 1);
    if (end < 0) throw NO;
    const v = s.slice(this.pos + 1, end);
    for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) < 0x20) throw NO;
    this.pos = end + 1;
    return v;
  }

  /** A JSON number (RFC 8259 §6), read with Number as JSON.parse does. */
  number(): number {
    const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    m.lastIndex = this.pos;
    const r = m.exec(this.s);
    if (!r) throw NO;
    this.pos += r[0].length;
    return Number(r[0]);
  }

  literal(word: string, v: boolean | null): boolean | null {
    if (!this.s.startsWith(word, this.pos)) throw NO;
    this.pos += word.length;
    return v;
  }

  /** Any value; `owner` and `step` say where an object found here hangs. */
  value(owner: Obj | null, step: string, depth: number): Value {
    this.space();
    const c = this.s.charCodeAt(this.pos);
    if (c === 34 /* " */) {
      const v = this.string();
      if (ACTIVE_STRING.test(v)) throw NO;
      return v;
    }
    if (c === 123 /* { */) return this.object(owner, step, depth);
    if (c === 91 /* [ */) {
      this.pos++;
      this.space();
      if (this.s.charCodeAt(this.pos) === 93) {
        this.pos++;
        return OTHER;
      }
      for (let i = 0; ; i++) {
        const v = this.value(owner, `${step}[${i}]`, depth + 1);
        // A candidate string in an array is read by the walk with no context: not for the fast path.
        if (typeof v === 'string' && CANDIDATE_START.test(v)) throw NO;
        this.space();
        const d = this.s.charCodeAt(this.pos++);
        if (d === 93 /* ] */) return OTHER;
        if (d !== 44 /* , */) throw NO;
      }
    }
    if (c === 116) return this.literal('true', true);
    if (c === 102) return this.literal('false', false);
    if (c === 110) return this.literal('null', null);
    return this.number();
  }

  object(parent: Obj | null, step: string, depth: number): Obj {
    // The walk stops 64 levels down.
    if (depth > 60) throw NO;
    const o: Obj = { parent, step, keys: new Map(), depth };
    this.pos++;
    this.space();
    if (this.s.charCodeAt(this.pos) === 125 /* } */) {
      this.pos++;
      return o;
    }
    for (;;) {
      this.space();
      if (this.s.charCodeAt(this.pos) !== 34) throw NO;
      const key = this.string();
      this.space();
      if (this.s.charCodeAt(this.pos++) !== 58 /* : */) throw NO;
      const v = this.value(o, pathKey(key), depth + 1);
      if (READ.has(key)) o.keys.set(key, v);
      else if (typeof v === 'string' && CANDIDATE_START.test(v)) throw NO;
      this.space();
      const d = this.s.charCodeAt(this.pos++);
      if (d === 125 /* } */) break;
      if (d !== 44 /* , */) throw NO;
    }
    if (o.keys.has('candidate')) {
      const c = o.keys.get('candidate');
      if (typeof c === 'string' && CANDIDATE_START.test(c)) {
        if (this.candidateObj !== null) throw NO;
        this.candidateObj = o;
      } else this.candidateKeys.push(o);
    }
    return o;
  }
}

/** JavaScript's `a ?? b` over the keys of one object. */
function first(o: Obj, ...keys: string[]): Value | undefined {
  for (const k of keys) {
    const v = o.keys.get(k);
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

/**
 * Reads a one-candidate frame line; false (nothing done) when the line is not one it can vouch
 * for, and the caller takes the JSON path.
 */
export function fastFrame(line: string, ctx: WalkContext, sink: InputSink): boolean {
  if (line.includes('\\') || line.includes('"sdp"') || line.includes('"PeerConnections"')) return false;
  const one = line.indexOf('candidate:');
  if (one < 0 || line.indexOf('candidate:', one + 10) >= 0) return false;
  const r = new Reader(line);
  let root: Value;
  try {
    r.space();
    if (line.charCodeAt(r.pos) !== 123) return false;
    root = r.value(null, '', 0);
    r.space();
    if (r.pos !== line.length) return false;
  } catch (e) {
    if (e === NO) return false;
    throw e;
  }
  const target = r.candidateObj;
  if (target === null || typeof root !== 'object' || root === null) return false;

  // The objects from the root down to the candidate's. The walk reaches the candidate only if
  // every one of them above it either has no "candidate" key or has the next one as its value.
  const path: Obj[] = [];
  for (let o: Obj | null = target; o !== null; o = o.parent) path.unshift(o);
  if (path[0] !== root) return false;
  const onPath = new Set(path);
  for (const o of r.candidateKeys) {
    if (!onPath.has(o)) return false;
    const next = path[path.indexOf(o) + 1];
    if (next === undefined || o.keys.get('candidate') !== next || next.step !== '.candidate') return false;
  }

  // The context as the walk carries it down, object by object (the innermost says last).
  let timestamp: number | string | undefined = ctx.timestamp;
  let sender: string | undefined = ctx.sender;
  let room: string | undefined = ctx.room;
  let frameType: string | undefined = ctx.frameType;
  for (const o of path) {
    const time = first(o, 'time', 'timestamp', 'ts');
    if ((typeof time === 'number' && Number.isFinite(time)) || typeof time === 'string') timestamp = time;
    const from = first(o, 'from', 'sender');
    const s = str(from);
    if (s !== undefined) sender = s;
    const rm = str(o.keys.get('room'));
    if (rm !== undefined) room = rm;
    const type = o.keys.get('type');
    if (typeof type === 'string') frameType = type;
  }
  let where = ctx.path ?? '$';
  for (const o of path.slice(1)) where += o.step;
  const event = ctx.format === 'webrtc-internals' ? ctx.event : frameType;
  const { frameType: _f, ...base } = ctx;
  const source: Source = {
    ...base,
    ...(timestamp !== undefined ? { timestamp } : {}),
    ...(sender !== undefined ? { sender } : {}),
    ...(room !== undefined ? { room } : {}),
    ...(event !== undefined ? { event } : {}),
    path: `${where}.candidate`,
  };
  const k = target.keys;
  emitCandidate(k.get('candidate') as string, { sdpMid: k.get('sdpMid'), sdpMLineIndex: k.get('sdpMLineIndex'), usernameFragment: k.get('usernameFragment') }, source, sink);
  return true;
}
