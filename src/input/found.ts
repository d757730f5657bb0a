/**
 * Turns the texts the readers find into findings: an SDP parsed and every a=candidate line in it,
 * a trickled candidate parsed and explained once, with the problems each raises. Shared by every
 * reader.
 */
import { tryReadCandidate, writeParsed, type Candidate } from '../candidate/candidate.js';
import { explainParsed } from '../candidate/explain.js';
import { atLine, diagnostic, type NegotiationDiagnostic } from '../diagnostics.js';
import { sideFindings, untypedFindings } from '../negotiation/one-side.js';
import { SdpscopeError, withoutStack } from '../errors.js';
import { writeLine } from '../sdp/line.js';
import type { SessionDescription } from '../sdp/model.js';
import { parseSdp } from '../sdp/parse.js';
import type { FoundCandidate, InputSink, ParsedCandidateFields, RejectedCandidateFields, SdpType, Source, WalkContext } from './types.js';
import type { ErrorInfo } from '../errors.js';
import { sessionUfrag } from './session-ufrag.js';

const SDP_TYPES: readonly string[] = ['offer', 'answer', 'pranswer', 'rollback'];

/** An RTCSdpType named by a value ("Offer" too), or null. */
export function sdpType(v: unknown): SdpType | null {
  return typeof v === 'string' && SDP_TYPES.includes(v.toLowerCase()) ? (v.toLowerCase() as SdpType) : null;
}

/** The side of an exchange a stated type is: a pranswer answers; rollback and no type are neither. */
export const sideOfType = (type: SdpType | null): 'offer' | 'answer' | null => (type === 'offer' ? 'offer' : type === 'answer' || type === 'pranswer' ? 'answer' : null);

const NO_FINDINGS: readonly NegotiationDiagnostic[] = Object.freeze([]);
/** A description of no stated side: what holds for either (illegal ICE credentials), the shared empty list when nothing. */
const untypedOrNone = (d: SessionDescription): readonly NegotiationDiagnostic[] => {
  const f = untypedFindings(d);
  return f.length === 0 ? NO_FINDINGS : f;
};

/** A string, or a number as text (ids some loggers write as numbers), or undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** True when `k` is an identifier (`[A-Za-z_$][\w$]*`), so that `.k` names it in a path. */
function isIdentifier(k: string): boolean {
  if (k.length === 0) return false;
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
    if (!letter && !(i > 0 && c >= 48 && c <= 57)) return false;
  }
  return true;
}

/** A JSON path step for an object key: `.name`, or `["8-1"]` when it is not an identifier. */
export const pathKey = (k: string): string => (isIdentifier(k) ? `.${k}` : `[${JSON.stringify(k)}]`);

/** The Source part of a walk context (the frame type is the walk's own business). */
export function sourceOf(ctx: WalkContext): Source {
  if (ctx.frameType === undefined && ctx.pinned === undefined && ctx.sideUfrags === undefined) return ctx;
  // The same keys in the same order as the context, without frameType, pinned and sideUfrags (a rest spread is slower).
  const source: Record<string, unknown> = {};
  for (const k in ctx) if (k !== 'frameType' && k !== 'pinned' && k !== 'sideUfrags') source[k] = ctx[k as keyof WalkContext];
  return source as unknown as Source;
}

/**
 * Reports an SDP and every a=candidate line in it. `cut`: the text is a quoted string that its
 * line ends before closing (a truncated log line), so its last line may be cut: an a=candidate
 * there is refused (CANDIDATE_CUT), not read with a cut last field.
 */
export function emitDescription(text: string, type: SdpType | null, source: Source, sink: InputSink, fragment = false, cut = false, lineStep = 1, lineMap?: readonly number[]): void {
  // A rollback has no SDP (W3C webrtc-pc, RFC 9429 §5.7): no description, and no "the SDP is empty"
  // error on the offer it rolls back (renegotiation audit).
  if (type === 'rollback' && text.trim() === '') return;
  let description: SessionDescription;
  try {
    description = parseSdp(text, { fragment });
  } catch (e) {
    if (!(e instanceof SdpscopeError)) throw e;
    sink.problem(diagnostic('input-sdp', e.reason, { ...atLine(source.line, e.column, null, source.file), errorCode: e.code }));
    return;
  }
  const side = sideOfType(type);
  // Said before the description, as a line's problems are: the SDP's lines after the cut are lost (an SDP cut at a line's end had no word at all).
  if (cut) sink.problem(diagnostic('sdp-cut', `the SDP's quoted string on line ${source.line} is not closed before the line ends (cut short): ${lineCount(text) - (text.endsWith('\n') ? 1 : 0)} SDP lines read, the rest lost`, atLine(source.line, null, null, source.file)));
  sink.description({ type, text, description, typeFindings: side === null ? untypedOrNone(description) : sideFindings(description, side), source });
  const found = candidatesInDescription(description, source, lineStep, lineMap);
  const last = found[found.length - 1];
  // Cut within its last line (a whole last line ends with its line break, or its CR: cut before the LF): that line's candidate is not read.
  if (cut && last !== undefined && !text.endsWith('\n') && !text.endsWith('\r') && sdpLineOf(last.source, source) === lineCount(text)) {
    found[found.length - 1] = { ...last, candidate: null, explanation: null, error: cutCandidate().toJSON() };
  }
  for (let i = 0; i < found.length; i++) {
    const f = found[i]!;
    if (!elided(f.text)) continue;
    const whole = beforeCut(f.text);
    const read = whole === null ? null : tryReadCandidate(whole);
    found[i] = read !== null && read.ok ? { ...f, text: whole!, candidate: read.candidate, explanation: explainParsed(read.candidate), error: null } : { ...f, candidate: null, explanation: null, error: elidedCandidate().toJSON() };
  }
  for (const f of found) sink.candidate(f);
}

/** A candidate a log cut and marked so: ending in " ..." (rtpengine's continuation mark) or "…" (DevTools' elision). */
export const elided = (text: string): boolean => text.endsWith(' ...') || text.endsWith('\u2026');

/**
 * What is whole in a candidate a log cut and marked so: up to the last whole extension, when its
 * eight fields are all there and its related address is not the part cut; else null (refused).
 * The token the mark ends is dropped, whole or not. The audit of the change: "… ufrag Z3f/
 * network-…" had been refused whole, its session lost; rtpengine's "… raddr 192.168.112.54 rpo
 * ..." is refused.
 */
export function beforeCut(text: string): string | null {
  // The token before the mark may be cut either way (rtpengine cuts at a length, then writes " ...":
  // "rpo ...", "ne ..."; second audit of the change: "rport 5 ..." had been read as rport 5): dropped.
  let t = text.endsWith(' ...') ? text.slice(0, -4).trimEnd() : text.slice(0, -1);
  t = t.slice(0, Math.max(0, t.lastIndexOf(' ')));
  const tokens = t.split(' ').filter((x) => x !== '');
  if (tokens.length < 8) return null;
  // An extension name cut from its value goes too (an odd count after the eight fields).
  if ((tokens.length - 8) % 2 === 1) tokens.pop();
  const names = new Set(tokens.slice(8).filter((_, i) => i % 2 === 0));
  if (names.has('raddr') !== names.has('rport')) return null;
  return tokens.join(' ');
}

/** The refusal of a candidate a log cut short and marked so. */
export function elidedCandidate(): SdpscopeError {
  return withoutStack(() => new SdpscopeError('CANDIDATE_CUT', 'the candidate ends in "..." or "…", a log\'s mark of text cut short (rtpengine\'s line continuation, DevTools\' elision): not read (its last field may be cut too)'));
}

/** An SDP held within one line of the input (a JSON string, an escaped SDP), not written out over its lines. */
const inline = (source: Source) => source.format !== 'sdp' && source.format !== 'sdp-fragment';

/** A found item's line in its SDP (`sdp`: the SDP's own source). */
const sdpLineOf = (item: Source, sdp: Source) => item.sdpLine ?? item.line - sdp.line + 1;

/** Lines in a text (its line breaks, plus one). */
function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The refusal of a candidate whose quoted string the line ends before closing. */
export function cutCandidate(): SdpscopeError {
  return withoutStack(() => new SdpscopeError('CANDIDATE_CUT', 'the line ends inside the candidate\'s quoted string: cut short, not read (its last field may be cut too)'));
}

/** The a=candidate lines of a description (session level and each m-section), parsed or with their error. */
/** `lineStep`: input lines per SDP line (2 where a copy's blank line between every two was left out: line-scanner.ts; 0 for an SDP within one input line, each candidate then at that line with its sdpLine); `lineMap`: the input line of each SDP line, where they are not evenly spread (several on some input lines). */
export function candidatesInDescription(description: SessionDescription, source: Source, lineStep = 1, lineMap?: readonly number[]): FoundCandidate[] {
  const out: FoundCandidate[] = [];
  const sections = [
    { lines: description.lines, parsed: description.candidates, mid: null as string | null, index: null as number | null, ufrag: sessionUfrag(description.iceUfrag) },
    ...description.media.map((m) => ({ lines: m.lines, parsed: m.candidates, mid: m.mid, index: m.index, ufrag: sessionUfrag(m.ice.ufrag) })),
  ];
  for (const sec of sections) {
    // The a=candidate lines in line order: parsed ones are the section's candidates, in order; rejected ones carry their error.
    let next = 0;
    for (const l of sec.lines) {
      if ((l.kind !== 'attribute' && l.kind !== 'other-attribute') || l.name !== 'candidate') continue;
      const parsed = l.kind === 'attribute' ? (sec.parsed[next++] ?? null) : null;
      // A parsed line's text is its candidate's (read from "a=candidate:…", verbatim and all).
      const text = l.kind === 'attribute' ? writeParsed(l.value as Candidate) : writeLine(l);
      out.push({
        text,
        ...(parsed !== null ? { candidate: parsed.candidate, error: null, explanation: parsed.explanation } : readTrickledOutcome(text, l.kind === 'other-attribute' ? (l.rejection ?? null) : null)),
        sdpMid: sec.mid,
        sdpMLineIndex: sec.index,
        usernameFragment: sec.ufrag,
        inDescription: true,
        // In an SDP held in one input line, that line, and the line in the SDP besides.
        source: lineMap !== undefined ? { ...source, line: lineMap[l.line - 1] ?? source.line, sdpLine: l.line } : inline(source) || lineStep === 0 ? { ...source, sdpLine: l.line } : { ...source, line: source.line + (l.line - 1) * lineStep },
      });
    }
  }
  return out;
}

/** A candidate line parseSdp did not read: its rejection, or (a hand-made model without one) what reading its text again gives. */
function readTrickledOutcome(text: string, rejection: ErrorInfo | null): ParsedCandidateFields | RejectedCandidateFields {
  if (rejection !== null) return { candidate: null, error: rejection, explanation: null };
  const again = tryReadCandidate(text);
  return again.ok ? { candidate: again.candidate, error: null, explanation: explainParsed(again.candidate) } : { candidate: null, error: again.error.toJSON(), explanation: null };
}

/** What an RTCIceCandidateInit (or a log) says around a candidate string. */
export interface CandidateInit {
  readonly sdpMid?: unknown;
  readonly sdpMLineIndex?: unknown;
  readonly usernameFragment?: unknown;
}

/** A trickled candidate as read, without its Source: what {@link emitCandidate} reports, and frame summaries read. */
export type TrickledCandidate = (ParsedCandidateFields | RejectedCandidateFields) & Pick<FoundCandidate, 'sdpMid' | 'sdpMLineIndex' | 'usernameFragment'>;

/**
 * Reads a trickled candidate: parsed and explained once, or its error. `refused`: found but not
 * to be read (a cut line): unparseable, with that reason.
 */
export function readTrickled(text: string, init: CandidateInit, refused: SdpscopeError | null = null): TrickledCandidate {
  // A line ending at the end of a candidate string (`"candidate:… typ host\r\n"`, an a= line copied
  // whole) is not part of it, and two are two lines: parseCandidate reads them as Chrome's
  // candidate parser does (the reader had stripped any number: audit of the change).
  const parsed = refused !== null ? { ok: false as const, error: refused } : tryReadCandidate(text);
  const candidate = parsed.ok ? parsed.candidate : null;
  const index = init.sdpMLineIndex;
  return {
    ...(parsed.ok ? { candidate: parsed.candidate, error: null, explanation: explainParsed(parsed.candidate) } : { candidate: null, error: parsed.error.toJSON(), explanation: null }),
    sdpMid: str(init.sdpMid) ?? null,
    sdpMLineIndex: typeof index === 'number' && Number.isInteger(index) ? index : null,
    usernameFragment: str(init.usernameFragment) ?? candidate?.ufrag ?? null,
  };
}

/**
 * Reports a trickled candidate: parsed, explained once, or rejected with an unparseable-candidate
 * problem. `column` is where the text starts in its line, when the reader knows (text scans).
 */
export function emitCandidate(text: string, init: CandidateInit, source: Source, sink: InputSink, column: number | null = null, refused: SdpscopeError | null = null, side?: 'local' | 'remote', iceLite = false): void {
  // Cut and marked so: what is whole in it, read, or the candidate refused (beforeCut).
  if (refused === null && elided(text)) {
    const whole = beforeCut(text);
    if (whole === null) refused = elidedCandidate();
    else text = whole;
  }
  const read = readTrickled(text, init, refused);
  const error = read.error;
  if (error !== null) {
    const at = column !== null && error.column !== null ? column + error.column - 1 : null;
    sink.problem(diagnostic('unparseable-candidate', error.reason, { ...atLine(source.line, at, read.sdpMid, source.file), session: null, errorCode: error.code }));
  }
  const found = side === undefined ? { text, ...read, inDescription: false, source } : { text, ...read, inDescription: false, source, side };
  sink.candidate(iceLite ? { ...found, iceLite: true } : found);
}
