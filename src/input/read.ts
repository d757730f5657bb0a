/**
 * Finds SDPs and ICE candidates in whatever text a WebRTC engineer has: raw SDP (CRLF or LF),
 * bare a=/m= fragments, {type,sdp} objects, the seed's {type:"offer",offer:{…}} frames,
 * JSON-escaped SDP strings inside log lines, candidate frames (candidate as a string or as an
 * RTCIceCandidateInit object), arrays of them, NDJSON frame logs and chrome://webrtc-internals
 * dumps. Every result says where it came from.
 */
import { tryParseCandidate, type Candidate } from '../candidate/candidate.js';
import { diagnostic, type ParseDiagnostic } from '../diagnostics.js';
import { SdpscopeError } from '../errors.js';
import type { SessionDescription } from '../sdp/model.js';
import { writeLine } from '../sdp/line.js';
import { parseSdp } from '../sdp/parse.js';

/** RTCSdpType. */
export type SdpType = 'offer' | 'answer' | 'pranswer' | 'rollback';

/** How the item was found. */
export type InputFormat = 'sdp' | 'sdp-fragment' | 'json' | 'webrtc-internals' | 'text';

export interface Source {
  /** 1-based line of the input where the item (or the JSON value holding it) starts. */
  readonly line: number;
  /** The file it was read from, when a reader was given several. */
  readonly file?: string;
  readonly format: InputFormat;
  /** Where in the JSON value: `$.PeerConnections["8-1"].updateLog[7].value`. */
  readonly path?: string;
  /** webrtc-internals peer connection id ("8-1"). */
  readonly peerConnection?: string;
  /** webrtc-internals event ("setLocalDescriptionOnSuccess", "onicecandidate", "addIceCandidate") or the signaling frame's type. */
  readonly event?: string;
  /** The time the log gives the item (a number in ms, or the text as written). */
  readonly timestamp?: number | string;
  /** Who sent the frame, where the log says (relay logs: "from"). */
  readonly sender?: string;
  /** The relay room, where the log says. */
  readonly room?: string;
}

export interface FoundDescription {
  /** offer/answer/pranswer/rollback from the surrounding object or event; null when nothing says. */
  readonly type: SdpType | null;
  /** The SDP text exactly as found (after JSON unescaping). */
  readonly text: string;
  readonly description: SessionDescription;
  readonly source: Source;
}

export interface FoundCandidate {
  /** The candidate text as found. */
  readonly text: string;
  /** Null when the text was rejected: see `error`. */
  readonly candidate: Candidate | null;
  readonly error: SdpscopeError | null;
  /** RTCIceCandidateInit.sdpMid, or the mid of the m-section it was in. */
  readonly sdpMid: string | null;
  readonly sdpMLineIndex: number | null;
  /** RTCIceCandidateInit.usernameFragment, or the ice-ufrag of its m-section. */
  readonly usernameFragment: string | null;
  /** True when it came out of an SDP (a=candidate), false for trickled ones. */
  readonly inDescription: boolean;
  readonly source: Source;
}

/** A trickle end-of-candidates signal: a frame whose candidate is null or "". */
export interface FoundEndOfCandidates {
  readonly sdpMid: string | null;
  readonly source: Source;
}

export interface InputReport {
  readonly descriptions: FoundDescription[];
  readonly candidates: FoundCandidate[];
  readonly endOfCandidates: FoundEndOfCandidates[];
  readonly problems: ParseDiagnostic[];
}

/** Receives what a scan finds, as it finds it. */
export interface InputSink {
  description(found: FoundDescription): void;
  candidate(found: FoundCandidate): void;
  endOfCandidates(found: FoundEndOfCandidates): void;
  problem(problem: ParseDiagnostic): void;
}

const MAX_DEPTH = 64;
const SDP_TYPES: readonly string[] = ['offer', 'answer', 'pranswer', 'rollback'];
const CANDIDATE_START = /^(?:a=)?candidate:/;

function sdpType(v: unknown): SdpType | null {
  return typeof v === 'string' && SDP_TYPES.includes(v.toLowerCase()) ? (v.toLowerCase() as SdpType) : null;
}
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const key = (k: string): string => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);

interface Context extends Source {
  readonly frameType?: string;
}

/** Reports an SDP and every a=candidate line in it. */
function emitDescription(text: string, type: SdpType | null, source: Source, sink: InputSink, fragment = false): void {
  let description: SessionDescription;
  try {
    description = parseSdp(text, { fragment });
  } catch (e) {
    if (!(e instanceof SdpscopeError)) throw e;
    sink.problem(diagnostic('input-sdp', e.message, { line: source.line, code: e.code }));
    return;
  }
  sink.description({ type, text, description, source });
  for (const found of candidatesInDescription(description, source)) sink.candidate(found);
}

/** The a=candidate lines of a description (session level and each m-section), parsed or with their error. */
export function candidatesInDescription(description: SessionDescription, source: Source): FoundCandidate[] {
  const out: FoundCandidate[] = [];
  const sections = [
    { lines: description.lines, mid: null as string | null, index: null as number | null, ufrag: description.iceUfrag },
    ...description.media.map((m) => ({ lines: m.lines, mid: m.mid, index: m.index, ufrag: m.ice.ufrag })),
  ];
  for (const sec of sections) {
    for (const l of sec.lines) {
      if ((l.kind !== 'attribute' && l.kind !== 'other-attribute') || l.name !== 'candidate') continue;
      const text = writeLine(l);
      const parsed = l.kind === 'attribute' ? { ok: true as const, candidate: l.value as Candidate } : tryParseCandidate(text);
      out.push({
        text,
        candidate: parsed.ok ? parsed.candidate : null,
        error: parsed.ok ? null : parsed.error,
        sdpMid: sec.mid,
        sdpMLineIndex: sec.index,
        usernameFragment: sec.ufrag,
        inDescription: true,
        source: { ...source, line: source.line + l.line - 1 },
      });
    }
  }
  return out;
}

function emitCandidate(text: string, init: { sdpMid?: unknown; sdpMLineIndex?: unknown; usernameFragment?: unknown }, source: Source, sink: InputSink): void {
  const parsed = tryParseCandidate(text);
  if (!parsed.ok) {
    sink.problem(diagnostic('candidate-syntax', parsed.error.message, { line: source.line, code: parsed.error.code }));
  }
  const index = init.sdpMLineIndex;
  sink.candidate({
    text,
    candidate: parsed.ok ? parsed.candidate : null,
    error: parsed.ok ? null : parsed.error,
    sdpMid: str(init.sdpMid) ?? null,
    sdpMLineIndex: typeof index === 'number' && Number.isInteger(index) ? index : null,
    usernameFragment: str(init.usernameFragment) ?? (parsed.ok ? parsed.candidate.ufrag : null),
    inDescription: false,
    source,
  });
}

const LEGACY_SDP = /^type: (\w+), sdp: (v=[\s\S]*)$/;
const LEGACY_CANDIDATE = /^sdpMid: ([^,]*), sdpMLineIndex: (\d+), candidate: ((?:a=)?candidate:.*)$/;

/** Walks a JSON value (a document, an NDJSON line, a frame) for SDPs and candidates. */
export function walkJson(value: unknown, ctx: Context, sink: InputSink, depth = 0): void {
  if (depth > MAX_DEPTH || value === null || value === undefined) return;
  if (typeof value === 'string') {
    walkString(value, ctx, sink, depth);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walkJson(v, { ...ctx, path: `${ctx.path ?? '$'}[${i}]` }, sink, depth + 1));
    return;
  }
  if (typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  const path = ctx.path ?? '$';

  // chrome://webrtc-internals dump: PeerConnections → id → updateLog[] of {type, value, time|timestamp}.
  if (o['PeerConnections'] !== null && typeof o['PeerConnections'] === 'object' && !Array.isArray(o['PeerConnections'])) {
    for (const [id, pc] of Object.entries(o['PeerConnections'] as Record<string, unknown>)) {
      const log = (pc as { updateLog?: unknown } | null)?.updateLog;
      if (!Array.isArray(log)) continue;
      log.forEach((entry: unknown, i) => {
        if (entry === null || typeof entry !== 'object') return;
        const e = entry as Record<string, unknown>;
        const time = e['time'] ?? e['timestamp'];
        walkJson(e['value'], {
          line: ctx.line,
          format: 'webrtc-internals',
          path: `${path}.PeerConnections${key(id)}.updateLog[${i}].value`,
          peerConnection: id,
          ...(typeof e['type'] === 'string' ? { event: e['type'] } : {}),
          ...(typeof time === 'number' || typeof time === 'string' ? { timestamp: time } : {}),
        }, sink, depth + 1);
      });
    }
    return;
  }

  // A relay log line or any frame wrapper: carry its time, sender, room and type down.
  const time = o['time'] ?? o['timestamp'] ?? o['ts'];
  const sender = str(o['from'] ?? o['sender']);
  const room = str(o['room']);
  const frameType = typeof o['type'] === 'string' ? o['type'] : ctx.frameType;
  const here: Context = {
    ...ctx,
    ...(typeof time === 'number' || typeof time === 'string' ? { timestamp: time } : {}),
    ...(sender !== undefined ? { sender } : {}),
    ...(room !== undefined ? { room } : {}),
    ...(frameType !== undefined ? { frameType, event: ctx.format === 'webrtc-internals' ? ctx.event! : frameType } : {}),
  };

  // RTCSessionDescriptionInit: {type, sdp}.
  if (typeof o['sdp'] === 'string') {
    emitDescription(o['sdp'], sdpType(o['type']) ?? sdpType(ctx.frameType), { ...sourceOf(here), path: `${path}.sdp` }, sink);
    return;
  }
  // A candidate frame or RTCIceCandidateInit: candidate is a string, an object, or null/"" (end of candidates).
  if ('candidate' in o) {
    const c = o['candidate'];
    if (typeof c === 'string') {
      if (c === '') sink.endOfCandidates({ sdpMid: str(o['sdpMid']) ?? null, source: { ...sourceOf(here), path } });
      else if (CANDIDATE_START.test(c)) emitCandidate(c, o, { ...sourceOf(here), path: `${path}.candidate` }, sink);
      return;
    }
    if (c === null) {
      if (frameType === 'candidate' || 'sdpMid' in o) sink.endOfCandidates({ sdpMid: str(o['sdpMid']) ?? null, source: { ...sourceOf(here), path } });
      return;
    }
    if (typeof c === 'object') {
      walkJson(c, { ...here, path: `${path}.candidate` }, sink, depth + 1);
      return;
    }
  }
  for (const [k, v] of Object.entries(o)) {
    if (v !== null && (typeof v === 'object' || typeof v === 'string')) walkJson(v, { ...here, path: `${path}${key(k)}` }, sink, depth + 1);
  }
}

/** The Source part of a walk context (the frame type is the walk's own business). */
function sourceOf(ctx: Context): Source {
  const source: Context = { ...ctx };
  delete (source as { frameType?: string }).frameType;
  return source;
}

function walkString(s: string, ctx: Context, sink: InputSink, depth: number): void {
  if (s.startsWith('v=')) {
    emitDescription(s, sdpType(ctx.frameType), sourceOf(ctx), sink);
    return;
  }
  if (CANDIDATE_START.test(s)) {
    emitCandidate(s, {}, sourceOf(ctx), sink);
    return;
  }
  const c0 = s.charCodeAt(0);
  if ((c0 === 123 || c0 === 91) /* { [ */ && s.length > 1) {
    let inner: unknown;
    try {
      inner = JSON.parse(s);
    } catch {
      return;
    }
    walkJson(inner, ctx, sink, depth + 1);
    return;
  }
  // Chrome dumps before M118 wrote "type: offer, sdp: v=0…" and "sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:…".
  let m = LEGACY_SDP.exec(s);
  if (m) {
    emitDescription(m[2]!, sdpType(m[1]), sourceOf(ctx), sink);
    return;
  }
  m = LEGACY_CANDIDATE.exec(s);
  if (m) emitCandidate(m[3]!, { sdpMid: m[1], sdpMLineIndex: Number(m[2]) }, sourceOf(ctx), sink);
}

const SDP_LINE = /^[a-zA-Z]=/;

/**
 * Reads line-oriented text one line at a time: SDP blocks (and a=/m= fragments), NDJSON, and
 * log lines with candidates or JSON-escaped SDPs in them. Memory stays bounded by the longest
 * SDP block; feed it with {@link LineScanner.push} and finish with {@link LineScanner.end}.
 */
export interface LineScannerOptions {
  /** Names the input in every Source (for several files). */
  readonly file?: string;
  /**
   * Read single-candidate JSON frames without JSON.parse (default true): a line with one
   * "candidate":"candidate:…" string, no "sdp" and no backslash is read with a few anchored
   * patterns; any other line takes the full JSON path. Both give the same candidates.
   */
  readonly fastFrames?: boolean;
}

export class LineScanner {
  private block: string[] = [];
  private blockStart = 0;
  private blockFragment = false;
  private readonly base: { format: InputFormat; file?: string };
  private readonly fastFrames: boolean;

  constructor(
    private readonly sink: InputSink,
    options: LineScannerOptions = {},
  ) {
    this.base = options.file !== undefined ? { format: 'json', file: options.file } : { format: 'json' };
    this.fastFrames = options.fastFrames ?? true;
  }

  /** Ends an SDP block being collected (the reader skipped a line that cannot belong to one). */
  breakBlock(): void {
    this.flush();
  }

  /** One line without its ending (`ending` is "\n", "\r\n" or "" for the last line). */
  push(content: string, ending: string, lineNo: number): void {
    const bare = content.endsWith('\r') ? content.slice(0, -1) : content;
    if (this.block.length > 0) {
      if (SDP_LINE.test(bare) && !bare.startsWith('v=')) {
        this.block.push(content + ending);
        return;
      }
      this.flush();
    }
    if (bare.startsWith('v=')) {
      this.startBlock(content + ending, lineNo, false);
      return;
    }
    if (/^[am]=/.test(bare) && !/^a=candidate:/.test(bare)) {
      this.startBlock(content + ending, lineNo, true);
      return;
    }
    this.scanLine(bare, lineNo);
  }

  end(): void {
    this.flush();
  }

  private startBlock(text: string, lineNo: number, fragment: boolean): void {
    this.block = [text];
    this.blockStart = lineNo;
    this.blockFragment = fragment;
  }

  private flush(): void {
    if (this.block.length === 0) return;
    const text = this.block.join('');
    this.block = [];
    emitDescription(text, null, { ...this.base, line: this.blockStart, format: this.blockFragment ? 'sdp-fragment' : 'sdp' }, this.sink, this.blockFragment);
  }

  private scanLine(line: string, lineNo: number): void {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const c0 = trimmed.charCodeAt(0);
    if (c0 === 123 || c0 === 91) {
      if (this.fastFrames && c0 === 123 && fastFrame(trimmed, { ...this.base, line: lineNo }, this.sink)) return;
      try {
        walkJson(JSON.parse(trimmed), { ...this.base, line: lineNo }, this.sink);
        return;
      } catch {
        this.sink.problem(diagnostic('input-json', `line ${lineNo} starts like JSON but does not parse`, { line: lineNo }));
      }
    } else {
      // A log prefix before a JSON value: "12:00:01 recv {…}".
      const brace = line.indexOf('{');
      const close = line.lastIndexOf('}');
      if (brace >= 0 && close > brace) {
        const json = line.slice(brace, close + 1);
        if (this.fastFrames && fastFrame(json, { ...this.base, line: lineNo }, this.sink)) return;
        try {
          walkJson(JSON.parse(json), { ...this.base, line: lineNo }, this.sink);
          return;
        } catch {
          /* not JSON: look for candidates and escaped SDPs in the text */
        }
      }
    }
    scanText(line, lineNo, this.sink, this.base.file);
  }
}

const FAST_CANDIDATE = /"candidate":"((?:a=)?candidate:[^"]*)"/;
/** The keys a frame's candidate context lives in, with a string or number value, in one pass. */
const FAST_KEYS = /"(sdpMid|sdpMLineIndex|usernameFragment|time|timestamp|ts|from|sender|room)":(?:"([^"]*)"|([0-9]+(?:\.[0-9]+)?))/g;

/**
 * The fast path for the commonest log line, a JSON frame carrying one candidate string (the
 * seed's two shapes, relay log lines). Returns false, having done nothing, for anything else.
 */
function fastFrame(line: string, ctx: Context, sink: InputSink): boolean {
  if (line.includes('\\') || line.includes('"sdp"')) return false;
  const first = line.indexOf('candidate:');
  if (first < 0 || line.indexOf('candidate:', first + 10) >= 0 || line.charCodeAt(line.length - 1) !== 125) return false;
  const m = FAST_CANDIDATE.exec(line);
  if (!m) return false;
  // One pass over the line for the keys; the first occurrence of each counts (outer wrapper first).
  let mid: string | undefined;
  let index: number | undefined;
  let ufrag: string | undefined;
  let time: string | number | undefined;
  let sender: string | undefined;
  let room: string | undefined;
  FAST_KEYS.lastIndex = 0;
  for (let k = FAST_KEYS.exec(line); k; k = FAST_KEYS.exec(line)) {
    const text = k[2];
    const num = k[3];
    switch (k[1]) {
      case 'sdpMid':
        if (mid === undefined && text !== undefined) mid = text;
        break;
      case 'sdpMLineIndex':
        if (index === undefined && num !== undefined && /^[0-9]{1,9}$/.test(num)) index = Number(num);
        break;
      case 'usernameFragment':
        if (ufrag === undefined && text !== undefined) ufrag = text;
        break;
      case 'from':
      case 'sender':
        if (sender === undefined && text !== undefined) sender = text;
        break;
      case 'room':
        if (room === undefined && text !== undefined) room = text;
        break;
      default:
        if (time === undefined) time = text !== undefined ? text : Number(num);
    }
  }
  const source: Context = {
    ...ctx,
    ...(time !== undefined ? { timestamp: time } : {}),
    ...(sender !== undefined ? { sender } : {}),
    ...(room !== undefined ? { room } : {}),
    ...(line.includes('"type":"candidate"') ? { event: 'candidate' } : {}),
  };
  emitCandidate(m[1]!, { sdpMid: mid, sdpMLineIndex: index, usernameFragment: ufrag }, source, sink);
  return true;
}

/** Candidates and JSON-escaped SDPs in free text (a log line). */
function scanText(line: string, lineNo: number, sink: InputSink, file?: string): void {
  const at: Source = file !== undefined ? { line: lineNo, format: 'text', file } : { line: lineNo, format: 'text' };
  let from = 0;
  const escaped = /v=0(?:\\r)?\\n/g;
  for (let m = line.includes('v=0') ? escaped.exec(line) : null; m; m = escaped.exec(line)) {
    const start = m.index;
    // The SDP ends at the first unescaped quote (or the end of the line).
    let end = start;
    while (end < line.length && line[end] !== '"') end += line[end] === '\\' ? 2 : 1;
    let text: string;
    try {
      text = JSON.parse(`"${line.slice(start, Math.min(end, line.length))}"`) as string;
    } catch {
      continue;
    }
    emitDescription(text, null, at, sink);
    from = end;
    escaped.lastIndex = end;
  }
  const re = /(?:a=)?candidate:/g;
  re.lastIndex = from;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    let end = m.index;
    while (end < line.length && !'"\'\\<>'.includes(line[end]!)) end++;
    let text = line.slice(m.index, end).replace(/[\s),;\]}]+$/, '');
    // "candidate: candidate:…" is one (doubled) prefix, not two candidates.
    if (/^(?:a=)?candidate:\s*$/.test(text)) continue;
    if (text.length === 0) continue;
    text = text.replace(/\s+$/, '');
    emitCandidate(text, {}, at, sink);
    re.lastIndex = end;
  }
}

/** Collects what a scan finds into arrays. */
export function collectingSink(): InputSink & { report: InputReport } {
  const report: InputReport = { descriptions: [], candidates: [], endOfCandidates: [], problems: [] };
  return {
    report,
    description: (f) => report.descriptions.push(f),
    candidate: (f) => report.candidates.push(f),
    endOfCandidates: (f) => report.endOfCandidates.push(f),
    problem: (p) => report.problems.push(p),
  };
}

/** Scans a whole text, JSON document or lines, into `sink`. */
export function scanInput(text: string, sink: InputSink): void {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lead = body.length - body.trimStart().length;
  const c0 = body.charCodeAt(lead);
  if (c0 === 123 || c0 === 91) {
    let doc: unknown;
    let ok = true;
    try {
      doc = JSON.parse(body);
    } catch {
      ok = false;
    }
    if (ok) {
      const line = 1 + (body.slice(0, lead).match(/\n/g)?.length ?? 0);
      walkJson(doc, { line, format: 'json' }, sink);
      return;
    }
  }
  const scanner = new LineScanner(sink);
  let start = 0;
  let lineNo = 0;
  while (start < body.length) {
    lineNo++;
    const nl = body.indexOf('\n', start);
    const end = nl < 0 ? body.length : nl;
    scanner.push(body.slice(start, end), nl < 0 ? '' : '\n', lineNo);
    start = end + 1;
  }
  scanner.end();
}

/** Everything found in `text`: descriptions, candidates (trickled and inside SDPs), end-of-candidates, problems. */
export function readInput(text: string): InputReport {
  const sink = collectingSink();
  scanInput(text, sink);
  return sink.report;
}

/** The SDPs in `text`, each with its type (when known) and where it came from. */
export function readDescriptions(text: string): FoundDescription[] {
  return readInput(text).descriptions;
}

/** The candidates in `text`: trickled ones and those inside SDPs. */
export function readCandidates(text: string): FoundCandidate[] {
  return readInput(text).candidates;
}
