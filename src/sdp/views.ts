/** Builds the read-only views of a description (media kind, codecs, ICE, DTLS...) from its lines. */
import { explainParsed, placeFindings } from '../candidate/explain.js';
import { extensionOf } from './attribute-readers.js';
import { diagnostic, type FindingSink, type ParseDiagnostic } from '../diagnostics.js';
import { staticPayloadType } from './static-payload-types.js';
import { codecParameterFindings, feedbackProblem } from './codec-parameters.js';
import { DIGEST_BYTES, PAGE_SUMMARY } from './line.js';
import { lineRules, ruleDiagnostic, sectionRules, type RuleSink } from './browser-rules.js';

/** Browser-rule findings as diagnostics (rejected-by-browser), into `findings`. */
const ruleSink = (findings: FindingSink<ParseDiagnostic>, mid: string | null): RuleSink => (rule, line, column, detail) => {
  // Past the bound, counted without being made (an m= line of 100,000 bad formats made as many diagnostics: 54% of its parse).
  if (!findings.skip('rejected-by-browser', line, rule)) findings.push(ruleDiagnostic(rule, detail, { line, column, mid }));
};
import type {
  AttributeLine,
  Bandwidth,
  Connection,
  Origin,
  Timing,
  AttributeName,
  AttributeValues,
  Codec,
  Direction,
  FmtpParameter,
  MediaCandidate,
  MediaDescription,
  MediaLine,
  Rid,
  RtcpFb,
  SdpLine,
  SessionDescription,
} from './model.js';

type Of<K extends AttributeName> = AttributeLine & { name: K; value: AttributeValues[K] };

/** Each a=ice-options line whose options are joined by commas: one unknown option to the browsers (measured: both take it). */
function iceOptionsCommas(lines: readonly (AttributeLine & { value: readonly string[] })[], mid: string | null, findings: FindingSink<ParseDiagnostic>): void {
  for (const l of lines) {
    const joined = l.value.find((o) => o.includes(','));
    if (joined !== undefined) findings.push(diagnostic('ice-options-commas', `a=ice-options "${joined}" is one option to the browsers (options are separated by blanks): ${joined.split(',').filter((o) => o !== '').map((o) => JSON.stringify(o)).join(', ')} not seen`, { line: l.line, column: 15, mid }));
  }
}

/** The ICE options of the session's a=ice-options lines, then an m-section's (`media`), each once (libwebrtc's ParseIceOptions appends them). */
function iceOptionsOf(session: AttributeIndex, media: AttributeIndex | null): readonly string[] {
  const lines = media === null ? session.all('ice-options') : [...session.all('ice-options'), ...media.all('ice-options')];
  if (lines.length === 1) return lines[0]!.value;
  return [...new Set(lines.flatMap((l) => l.value))];
}

/** The attribute lines of a section by name, in order: built in one pass, read many times. */
class AttributeIndex {
  private readonly byName = new Map<string, AttributeLine[]>();
  /** The last direction attribute (sendrecv/sendonly/recvonly/inactive), if any: both browsers read the last (measured). */
  readonly direction: Direction | null = null;
  /** The lines of the direction attributes, when there are several. */
  readonly directions: readonly AttributeLine[] = [];

  constructor(lines: readonly SdpLine[]) {
    let direction: Direction | null = null;
    let directions: AttributeLine[] | null = null;
    let first: AttributeLine | null = null;
    for (const l of lines) {
      if (l.kind !== 'attribute') continue;
      const list = this.byName.get(l.name);
      if (list) list.push(l);
      else this.byName.set(l.name, [l]);
      if (DIRECTION_NAMES.has(l.name)) {
        if (direction !== null) (directions ??= [first!]).push(l);
        else first = l;
        direction = l.name as Direction;
      }
    }
    this.direction = direction;
    if (directions !== null) this.directions = directions;
  }
  all<K extends AttributeName>(name: K): readonly Of<K>[] {
    return (this.byName.get(name) ?? []) as Of<K>[];
  }
  values<K extends AttributeName>(name: K): AttributeValues[K][] {
    return this.all(name).map((l) => l.value);
  }
  first<K extends AttributeName>(name: K): AttributeValues[K] | undefined {
    return this.all(name)[0]?.value;
  }
  /** The last line's value: what libwebrtc keeps of an attribute of one value written twice (it overwrites). */
  last<K extends AttributeName>(name: K): AttributeValues[K] | undefined {
    return this.all(name).at(-1)?.value;
  }
  has(name: AttributeName): boolean {
    return this.byName.has(name);
  }
}

const DIRECTION_NAMES: ReadonlySet<string> = new Set<Direction>(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

/** rid parameters with a blank where ";" belongs (RFC 8851 §10): "pt=96 max-br=1137", "max-br=1137 max-width=1280"; Chromium drops such a line's layer (measured). */
export const RID_PARAMS_BLANK_JOINED = /\S\s+[A-Za-z][\w-]*=/;

/** Attributes of one value per section whose repeats are read as libwebrtc reads them, the last (measured in Chromium 156: setup, the ICE credentials, max-message-size). */
const ONE_VALUE = ['setup', 'ice-ufrag', 'ice-pwd', 'max-message-size', 'sctp-port'] as const;

/**
 * An attribute of one value written twice in a section with different values, and two direction
 * attributes: the last is what Chromium reads (and, for the direction, Firefox: measured), so it
 * is what sdpscope reads; said, since the first is what a reader sees (sdp-diff audit: a second
 * a=setup made the DTLS roles clash, a=sendrecv then a=inactive sent nothing, read as sendrecv).
 */
function repeatedValues(a: AttributeIndex, mid: string | null, findings: FindingSink<ParseDiagnostic>, session = false): void {
  const shown = (v: unknown) => {
    const t = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
    return t.length > 40 ? `${t.slice(0, 40)}…` : t;
  };
  for (const name of ONE_VALUE) {
    const lines = a.all(name);
    if (lines.length < 2) continue;
    const last = lines.at(-1)!;
    const other = lines.find((l) => shown(l.value) !== shown(last.value));
    if (other === undefined) continue;
    const said = lines.length > 2 ? `a=${name} ${lines.length} times (lines ${lines.slice(0, 6).map((l) => l.line).join(', ')}${lines.length > 6 ? ', …' : ''}), ${shown(other.value)} among them, and last here (${shown(last.value)})` : `a=${name} on line ${other.line} (${shown(other.value)}) and again here (${shown(last.value)})`;
    findings.push(diagnostic('attribute-repeated', `${said}: Chromium reads the last, and so does sdpscope`, { line: last.line, column: null, mid }));
  }
  // At session level the browsers read no direction at all (the m-line's row says so): nothing to say of repeats there (audit of the change).
  const d = session ? [] : a.directions;
  if (d.length > 1 && d.some((l) => l.name !== d.at(-1)!.name)) {
    findings.push(diagnostic('attribute-repeated', `${d.length} direction attributes (${d.map((l) => `a=${l.name}`).join(', ')}): both browsers read the last, a=${d.at(-1)!.name}, and so does sdpscope`, { line: d.at(-1)!.line, column: null, mid }));
  }
}

/** A payload type written as 1*3DIGIT without a leading zero-run beyond "0", or -1. */
export function payloadType(format: string): number {
  if (format.length === 0 || format.length > 3) return -1;
  let n = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function buildCodecs(media: MediaLine, a: AttributeIndex, onRepeated: (format: string, firstLine: number, line: number) => void, onStray: (r: Of<'rtpmap'>) => void): Codec[] {
  if (!media.protocol.includes('RTP/') && !/RTP\//i.test(media.protocol)) return [];
  // Payload types are 0..127 (RFC 3550 §5.1): arrays indexed by them beat maps here.
  const rtpmaps: (Of<'rtpmap'> | undefined)[] = new Array(128);
  for (const r of a.all('rtpmap')) if (r.value.payloadType < 128 && !rtpmaps[r.value.payloadType]) rtpmaps[r.value.payloadType] = r;
  const fmtps = new Map<string, Of<'fmtp'>>();
  /** A format's parameters when it has several a=fmtp lines: merged as libwebrtc merges them (fmtp-repeated), in place (linear however many lines). */
  let repeated: Map<string, MergedParameters> | null = null;
  for (const f of a.all('fmtp')) {
    const first = fmtps.get(f.value.format);
    if (first === undefined) {
      fmtps.set(f.value.format, f);
      continue;
    }
    repeated ??= new Map();
    let merged = repeated.get(f.value.format);
    if (merged === undefined) {
      repeated.set(f.value.format, (merged = new MergedParameters(first.value.parameters)));
      onRepeated(f.value.format, first.line, f.line);
    }
    merged.add(f.value.parameters);
  }
  // rtcp-fb by payload type, and the "*" ones (every payload type's), each in the lines' order.
  const feedback = new Map<string, Of<'rtcp-fb'>[]>();
  const wildcard: Of<'rtcp-fb'>[] = [];
  for (const f of a.all('rtcp-fb')) {
    if (f.value.format === '*') wildcard.push(f);
    const list = feedback.get(f.value.format);
    if (list) list.push(f);
    else feedback.set(f.value.format, [f]);
  }
  // Made once per payload type, shared by a format listed twice (a filter of every line per
  // format: an m= line repeating one format made it quadratic, 148 KB in 2.3 s; parser audit).
  const merged = new Map<string, readonly RtcpFb[]>();
  const feedbackOf = (format: string): readonly RtcpFb[] => {
    let list = merged.get(format);
    if (list === undefined) {
      const own = feedback.get(format) ?? [];
      list = wildcard.length === 0 ? own.map((f) => f.value) : mergeByLine(own, wildcard).map((f) => f.value);
      merged.set(format, list);
    }
    return list;
  };
  const codecs: Codec[] = [];
  let named = 0;
  for (const format of media.formats) {
    const pt = payloadType(format);
    if (pt < 0) continue;
    const rtpmap = pt < 128 ? rtpmaps[pt] : undefined;
    const fmtp = fmtps.get(format);
    // rtcp-fb for "*" applies to every payload type; keep the lines' order.
    const fb = feedbackOf(format);
    const parameters: readonly FmtpParameter[] = repeated?.get(format)?.list ?? fmtp?.value.parameters ?? [];
    const known = rtpmap ? undefined : staticPayloadType(pt);
    if (rtpmap) named++;
    codecs.push({
      payloadType: pt,
      name: rtpmap ? rtpmap.value.encodingName : (known?.name ?? ''),
      clockRate: rtpmap ? rtpmap.value.clockRate : (known?.clockRate ?? null),
      channels: rtpmap ? rtpmap.value.channels : (known?.channels ?? null),
      parameters,
      feedback: fb,
      static: !rtpmap && known !== undefined,
      rtpmapLine: rtpmap?.line ?? null,
      fmtpLine: fmtp?.line ?? null,
    });
  }
  // An a=rtpmap of a payload type the m= line does not list (rtpmap-unlisted, said by the
  // description): looked for only when the rtpmap lines outnumber the codecs named by one.
  const lines = a.all('rtpmap');
  if (lines.length > named) {
    const listed = new Set(codecs.map((c) => c.payloadType));
    for (const r of lines) if (r.value.payloadType < 128 && !listed.has(r.value.payloadType)) onStray(r);
  }
  return codecs;
}

/**
 * How an m-section without DTLS keys its media, in words for a finding: SDES (a=crypto), plain
 * RTP, or null for a secure profile that names no keys. Internal: the description's
 * fingerprint-missing and negotiate's missing-fingerprint say it alike.
 */
export function keyingWords(m: MediaDescription): string | null {
  if (m.lines.some((l) => l.kind === 'other-attribute' && l.name === 'crypto')) return ' with a=crypto: SDES-SRTP';
  return /SAVP|DTLS/i.test(m.protocol) ? null : ': plain RTP';
}

/** The UTF-8 length of `s` (a TextEncoder per m-line cost the parse a measurable share). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * A payload type's parameters over its a=fmtp lines: a later line's added to the earlier ones', a
 * name given again taking its later value (libwebrtc's AddParameters). Names found by index, each
 * parameter once: linear in the parameters, however many lines and names.
 */
class MergedParameters {
  readonly list: FmtpParameter[];
  private readonly at = new Map<string, number>();
  constructor(first: readonly FmtpParameter[]) {
    this.list = [];
    this.add(first);
  }
  add(parameters: readonly FmtpParameter[]): void {
    for (const p of parameters) {
      const i = p.name === null ? undefined : this.at.get(p.name);
      if (i !== undefined) this.list[i] = p;
      else {
        if (p.name !== null) this.at.set(p.name, this.list.length);
        this.list.push(p);
      }
    }
  }
}

/** Two lists of lines, each in order, as one in order (by line number). */
function mergeByLine<T extends { readonly line: number }>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]!.line <= b[j]!.line) ? a[i++]! : b[j++]!);
  return out;
}

interface SessionContext {
  readonly lines: readonly SdpLine[];
  readonly attributes: AttributeIndex;
  /** The a=rtpmap lines of payload types their m= line does not list, with their m-section's index, as buildMedia finds them. */
  readonly strays: { readonly index: number; readonly rtpmap: Of<'rtpmap'> }[];
  /** Each m-section's payload types on its m= line with no a=rtpmap (not static), as buildMedia finds them: said once every section is known (unnamedCodecs). */
  readonly unnamed: { readonly index: number; readonly line: number; readonly mid: string | null; readonly pts: readonly (number | string)[] }[];
  /** The session is ICE-lite (a=ice-lite). */
  readonly lite: boolean;
  /** The text is a fragment (parseSdp's `fragment`), not a whole description. */
  readonly fragment: boolean;
}

/** The a=candidate lines of a section, each explained once; their rule findings go to `findings`, placed. */
function candidatesOf(a: AttributeIndex, mid: string | null, findings: FindingSink<ParseDiagnostic>, lite: boolean): MediaCandidate[] {
  return a.all('candidate').map((l) => {
    const explanation = explainParsed(l.value);
    // An ICE-lite agent's priorities order nothing (its peer checks in its own order: RFC 8445
    // §2.5): an unusual type preference is no finding of its description (thread audit: Sippy's offer).
    for (const f of placeFindings(explanation, { line: l.line, mid })) if (!(lite && f.kind === 'type-preference-mismatch')) findings.push(f);
    return { line: l.line, candidate: l.value, explanation };
  });
}

/** RFC 8866 §5's order of session lines, as Chromium reads them: each letter's place (r= goes with t=). */
const SESSION_ORDER: Readonly<Record<string, number>> = { v: 0, o: 1, s: 2, i: 3, u: 4, e: 5, p: 6, c: 7, b: 8, t: 9, r: 9, z: 10, k: 11, a: 12 };

/**
 * The first session line out of RFC 8866 §5's order, which Chromium refuses (measured: t= after
 * the a= lines, "Expect line: t="; b= after t=, "Expects m line"; c= after b=; s= after t=), while
 * Firefox takes them all. Within an m-section Chromium takes c=, b= and i= after the a= lines
 * (measured; munging code writes b=AS there): no rule. Lines of no known letter have their own.
 */
function sessionOrder(lines: readonly SdpLine[], rules: RuleSink): void {
  let place = 0;
  let before = 'v';
  let seen = '';
  let connections = 0;
  let said = false;
  for (const l of lines) {
    const letter = l.kind === 'field' ? l.letter : l.kind === 'origin' ? 'o' : l.kind === 'timing' ? 't' : l.kind === 'connection' ? 'c' : l.kind === 'bandwidth' ? 'b' : l.kind === 'attribute' || l.kind === 'other-attribute' ? 'a' : null;
    const p = letter === null ? undefined : SESSION_ORDER[letter];
    if (p === undefined) continue;
    // Two c= at one level Firefox refuses ("c= line specified twice at same level"; measured, session and m-section).
    // At session level Chromium refuses it too (its order): one finding, both browsers (measured).
    if (letter === 'c' && ++connections === 2) {
      rules('session-connection-repeated', l.line, 1, 'a second c= at session level');
      continue;
    }
    if (said) continue;
    // Out of order; a second of the lines Chromium reads once (i u e p c z k: measured with e=, c=, z=; RFC 8866 allows several e= and p=); r= before its t=.
    const why = p < place ? `${letter}= after ${before}= at session level (RFC 8866 §5 puts ${letter}= first)`
      : ONCE.has(letter!) && seen.includes(letter!) ? `a second ${letter}= at session level (Chromium reads one)`
      : letter === 'r' && !seen.includes('t') ? 'r= before t= at session level (RFC 8866 §5: r= follows its t=)'
      : null;
    if (why !== null) {
      rules('session-line-order', l.line, 1, why);
      said = true;
      continue;
    }
    place = p;
    before = letter!;
    if (!seen.includes(letter!)) seen += letter;
  }
}

/** Session lines Chromium reads at most once each (webrtc_sdp.cc ParseSessionDescription). */
const ONCE: ReadonlySet<string> = new Set(['v', 'o', 's', 'i', 'u', 'e', 'p', 'c', 'z', 'k']);

/** The attributes a trickle-ice-sdpfrag's m-section holds (RFC 8840 §9.2): an m-section of these alone gets no media rules. */
const FRAGMENT_ICE: ReadonlySet<string> = new Set(['mid', 'ice-ufrag', 'ice-pwd', 'ice-options', 'candidate', 'end-of-candidates', 'remote-candidates', 'ice-pacing']);

function buildMedia(index: number, lines: readonly SdpLine[], session: SessionContext, findings: FindingSink<ParseDiagnostic>): MediaDescription {
  const mline = (lines[0] as SdpLine & { kind: 'media' }).value;
  const a = new AttributeIndex(lines);
  const s = session.attributes;
  const mediaIce = a.has('ice-ufrag') || a.has('ice-pwd');
  const sessionIce = s.has('ice-ufrag') || s.has('ice-pwd');
  const fingerprints = a.values('fingerprint');
  const sctpmap = a.first('sctpmap') ?? null;
  // A section folded on webrtc-internals' page is copied as its summary alone, which still names
  // its mid and direction: read from it when the section has none (new-user audit: a folded
  // section's "mid none, sendrecv" made false BUNDLE and direction findings).
  const folded = foldedSummary(lines[0]);
  const mid = a.first('mid') ?? folded?.mid ?? null;
  let connection: Connection | null = null;
  const bandwidths: Bandwidth[] = [];
  const rules = ruleSink(findings, mid);
  // "a=rtcp-mux " (a trailing blank) does not read as the flag, yet it is there.
  let muxWritten = false;
  const rtpSection = /RTP\//i.test(mline.protocol);
  // A rejected m-line (port 0, not bundle-only): its formats are placeholders (RFC 3264 §6), as
  // sofia-sip's lone 19 (FreeSWITCH, Janus' SIP plugin): both browsers take them (measured:
  // port-zero-pt19), so no rule or finding about its payload types (SIP audit: two false errors).
  const rejectedLine = mline.port === 0 ? !a.has('bundle-only') : false;
  for (const l of lines) {
    if (l.kind === 'attribute') continue;
    if (l.kind === 'connection') {
      if (connection === null) connection = l.value;
      // Firefox: "c= line specified twice at same level" (measured; Chromium takes it in an m-section).
      else rules('connection-repeated', l.line, 1, 'a second c= in one m-section');
    } else if (l.kind === 'bandwidth') bandwidths.push(l.value);
    // …nor does "a=Rtcp-Mux", which Firefox reads and Chromium does not (measured): no "both reject" for it (attribute-syntax says it).
    else if (l.kind === 'other-attribute' && l.name.trim().toLowerCase() === 'rtcp-mux') muxWritten = true;
    lineRules(l, rules, rtpSection, rejectedLine, true);
  }
  // A fragment's m-section of ICE lines only (a trickle-ice-sdpfrag's, RFC 8840 §9.2: its m= line
  // names the m-section its candidates are for, often copied whole, payload types and all): not
  // a media description's rules (a WHIP client's PATCH had "no a=rtcp-mux" and 25 payload types
  // "with no a=rtpmap": sample hunt, MediaMTX#5682).
  const iceOnly = session.fragment && lines.every((l, i) => i === 0 || ((l.kind === 'attribute' || l.kind === 'other-attribute') && FRAGMENT_ICE.has(l.name)));
  if (!iceOnly) sectionRules(mline, lines[0]!.line, a, rules, muxWritten, s.all('extmap'));
  iceOptionsCommas(a.all('ice-options'), mid, findings);
  repeatedValues(a, mid, findings);
  // a=ice-lite is a session attribute (RFC 8839 §5.3): libwebrtc reads it at session level only, and
  // both browsers take a description with one in an m-section (measured, ice-lite-media): read as
  // full ICE, which changes who nominates (DTLS/ICE audit: said by nothing).
  // With one at session level too, the side is lite and the m-section's line is only redundant (audit of the change: the rows said lite beside "full ICE").
  if (!s.has('ice-lite')) for (const l of a.all('ice-lite')) findings.push(diagnostic('attribute-syntax', 'a=ice-lite in an m-section: it is a session-level attribute (RFC 8839 §5.3); both browsers take the description (measured) and Chromium reads ICE-lite at session level only, so this side is read as a full ICE agent (move the line above the first m=)', { line: l.line, column: null, mid }));
  // Two a=mid of different values, and a BUNDLE group naming the first: Chromium reads the last,
  // finds no m-section for the mid its group names, and refuses the description (measured;
  // sdp-diff audit: a paste that lost an "m=" put a second m-section's a=mid into the first).
  // sdpscope reads the first, as Firefox takes it. Without such a group nothing was measured.
  const midLines = a.all('mid');
  const last = midLines.at(-1)?.value;
  if (midLines.length > 1 && mid !== null && last !== undefined && last !== mid && s.all('group').some((g) => g.value.semantics.toUpperCase() === 'BUNDLE' && g.value.mids.includes(mid))) {
    // Short: a rule's detail is cut past MAX_DETAIL (README walk: "read t…"); the mids each cut to 16.
    const shown = (v: string) => JSON.stringify(v.length > 16 ? `${v.slice(0, 16)}…` : v);
    rules('mid-repeated', midLines.at(-1)!.line, 7, `${midLines.length} a=mid in one m-section (${shown(mid)} first, ${shown(last)} last), BUNDLE naming ${shown(mid)}: Chromium reads the last and finds no m-section for ${shown(mid)}`);
  }
  if (connection === null) for (const l of session.lines) if (l.kind === 'connection') { connection = l.value; break; }
  // Several a=fmtp lines for one payload type: said once per format, at its second line (found as the codecs are built).
  const codecs = buildCodecs(mline, a, (format, first, line) => findings.push(diagnostic('fmtp-repeated', `payload type ${format} has a=fmtp on line ${first} and again here: read as one set of parameters, as libwebrtc merges them`, { line, column: null, mid })), (rtpmap) => session.strays.push({ index, rtpmap }));
  // Feedback no one sends: an unknown type, or a parameter its type does not take (parse audit: Kurento's "ccm fir\\").
  for (const f of a.all('rtcp-fb')) {
    const problem = feedbackProblem(f.value);
    if (problem !== null) findings.push(diagnostic('rtcp-fb-unknown', `${problem}: no browser sends or asks for it, so it negotiates nothing`, { line: f.line, column: null, mid }));
  }
  // A FID group's rtx ssrc with no rtx payload type to send on it (munging audit: RtxModifier on Firefox's offers).
  const fid = a.all('ssrc-group').find((g) => g.value.semantics === 'FID');
  if (fid !== undefined && !codecs.some((c) => c.name.toLowerCase() === 'rtx')) findings.push(diagnostic('fid-without-rtx', `a=ssrc-group:FID ${fid.value.ssrcs.slice(0, 2).join(' ')} names an rtx ssrc, but no rtx payload type is on the m= line: nothing can be sent on it`, { line: fid.line, column: null, mid }));
  const maxptimeLine = a.all('maxptime')[0];
  codecParameterFindings(codecs, maxptimeLine !== undefined ? { value: maxptimeLine.value, line: maxptimeLine.line } : null, mid, findings);
  // A payload type above 127, or whose a=rtpmap is there but did not read, has its own finding (rejected-by-browser, attribute-syntax).
  const unread = new Set<string>();
  for (const l of lines) if (l.kind === 'other-attribute' && l.name === 'rtpmap' && l.value !== null) unread.add(l.value.split(' ')[0]!);
  const unnamed = codecs.filter((c) => c.name === '' && Number(c.payloadType) < 128 && !unread.has(String(c.payloadType))).map((c) => c.payloadType);
  // Plan B: one m-section's a=ssrc lines name several tracks (sdp-diff audit: Chromium rejects it).
  // Each ssrc's track: its msid's track id, else its label (the older form).
  const trackOf = new Map<string, string>();
  for (const x of a.values('ssrc')) {
    if (x.value === null) continue;
    if (x.attribute === 'msid') trackOf.set(x.ssrc, x.value.split(' ')[1] ?? x.value);
    else if (x.attribute === 'label' && !trackOf.has(x.ssrc)) trackOf.set(x.ssrc, x.value);
  }
  const tracks = new Set(trackOf.values());
  if (a.has('rid')) ridFindings(a.all('rid'), mline.formats, mid, findings);
  if (tracks.size > 1) findings.push(diagnostic('ssrc-multiple-tracks', `${tracks.size} tracks in one m-section's a=ssrc lines (Plan B): Chromium rejects it, Firefox accepts it`, { line: lines[0]!.line, column: null, mid, browsers: { chromium: 'rejects', firefox: 'accepts' } }));
  if (unnamed.length > 0 && !iceOnly && !rejectedLine) session.unnamed.push({ index, line: lines[0]!.line, mid, pts: unnamed });
  return {
    index,
    lines,
    kind: mline.kind,
    port: mline.port,
    portCount: mline.portCount,
    protocol: mline.protocol,
    formats: mline.formats,
    connection,
    bandwidths,
    mid,
    direction: a.direction ?? folded?.direction ?? s.direction ?? 'sendrecv',
    directionSource: a.direction || folded?.direction ? 'media' : s.direction ? 'session' : 'default',
    ice: {
      // Each from the m-section, else the session (RFC 8839 §5.4; both browsers read a media ufrag
      // with a session pwd: audit, it was "missing-ice-credentials").
      ufrag: a.last('ice-ufrag') ?? s.last('ice-ufrag') ?? null,
      pwd: a.last('ice-pwd') ?? s.last('ice-pwd') ?? null,
      options: iceOptionsOf(s, a),
      source: mediaIce ? 'media' : sessionIce ? 'session' : 'none',
    },
    fingerprints: fingerprints.length > 0 ? fingerprints : s.values('fingerprint'),
    setup: a.last('setup') ?? s.last('setup') ?? null,
    rtcpMux: a.has('rtcp-mux'),
    rtcpRsize: a.has('rtcp-rsize'),
    rtcp: a.first('rtcp') ?? null,
    codecs,
    // Those of the section, else the session's: RFC 8285 §8 allows either level, and both browsers
    // read session-level ones (libwebrtc: "all session level or all media level"); negotiate had
    // seen none, and said the answer's were "not offered" (negotiation audit).
    // RTP m-sections only: header extensions are RTP's (a data channel had "12 negotiated").
    extmaps: a.has('extmap') || !/RTP\//i.test(mline.protocol) ? a.values('extmap') : s.values('extmap'),
    ssrcs: a.values('ssrc'),
    ssrcGroups: a.values('ssrc-group'),
    msids: a.values('msid'),
    rids: a.values('rid'),
    simulcast: a.first('simulcast') ?? null,
    sctpPort: a.last('sctp-port') ?? legacySctpPort(mline) ?? sctpmap?.port ?? null,
    maxMessageSize: a.last('max-message-size') ?? null,
    sctpmap,
    bundleOnly: a.has('bundle-only'),
    candidates: candidatesOf(a, mid, findings, session.lite),
    endOfCandidates: a.has('end-of-candidates') || s.has('end-of-candidates'),
    ptime: a.first('ptime') ?? null,
    maxptime: a.first('maxptime') ?? null,
  };
}

/** The mid and direction a webrtc-internals summary on an m= line names (PAGE_SUMMARY), or null. */
function foldedSummary(first: SdpLine | undefined): { readonly mid: string | null; readonly direction: Direction | null } | null {
  if (first?.kind !== 'media' || first.verbatim === undefined) return null;
  const m = PAGE_SUMMARY.exec(first.verbatim.text);
  if (m === null) return null;
  const d = / direction=(sendrecv|sendonly|recvonly|inactive)/.exec(m[0]);
  const mid = / mid=(\S{1,256})/.exec(m[0]);
  return { mid: mid?.[1] ?? null, direction: (d?.[1] as Direction | undefined) ?? null };
}

/**
 * The v= and m= lines that carry chrome://webrtc-internals' section summary (line.ts read them
 * without it): said once each, with the lines a folded section lost in the copy.
 */
function pageSummaries(blocks: readonly (readonly SdpLine[])[], findings: FindingSink<ParseDiagnostic>): void {
  for (const block of blocks) {
    const first = block[0];
    if (first?.verbatim === undefined || !(first.kind === 'media' || (first.kind === 'field' && first.letter === 'v'))) continue;
    const m = PAGE_SUMMARY.exec(first.verbatim.text);
    if (m === null) continue;
    const summary = m[0].trim();
    const told = m[1] === undefined ? null : Number(m[1]);
    const lost = told !== null && block.length - 1 < told ? `; ${told - (block.length - 1)} of its ${told} other lines are not here (the section was folded on the page, or lines were lost in the copy: open each section before copying, or use the page's "Copy description to clipboard" button, or its dump): the section's findings are of the copy, not of the description the browser had` : '';
    const munged = summary.endsWith(' munged') ? '; "munged": the page saw setLocalDescription differ from createOffer\'s result in this section' : '';
    findings.push(diagnostic('page-summary', `${JSON.stringify(summary)} after the ${first.kind === 'media' ? 'm=' : 'v='} line is chrome://webrtc-internals' summary of the section, copied from the page: read without it${lost}${munged}`, { line: first.line, column: m.index + 2, mid: null }));
  }
}

/**
 * An a=rtpmap for a payload type its m= line does not list: both browsers pass over it (measured;
 * libwebrtc: "Ignore rtpmap line that did not appear in the <fmt> of the m-line"). Where another
 * m-section lists that payload type with no a=rtpmap, the line is likely that codec's, put in the
 * wrong m-section by a munge (Wowza's mungeSDPPublish puts H264's lines under m=audio).
 */
function strayRtpmaps(media: readonly MediaDescription[], strays: SessionContext['strays'], findings: FindingSink<ParseDiagnostic>): void {
  if (strays.length === 0) return;
  /** Payload type → the first m-section listing it with no a=rtpmap. */
  const homes = new Map<string, MediaDescription>();
  for (const o of media) for (const c of o.codecs) if (c.name === '' && !homes.has(String(c.payloadType))) homes.set(String(c.payloadType), o);
  for (const { index, rtpmap: l } of strays) {
    const pt = String(l.value.payloadType);
    const home = homes.get(pt);
    const there = home === undefined || home.index === index ? '' : `; m-line ${home.index} (${home.kind}${home.mid !== null ? `, mid ${home.mid}` : ''}) lists ${pt} with no a=rtpmap: the line is likely its codec's, in the wrong m-section`;
    findings.push(diagnostic('rtpmap-unlisted', `a=rtpmap:${pt} ${l.value.encodingName}/${l.value.clockRate} for payload type ${pt}, which this m= line does not list: both browsers pass over it${there}`, { line: l.line, column: 10, mid: null }));
  }
}

/**
 * codec-without-rtpmap for each m-section with payload types it does not name, and where another
 * m-section names one (munging audit: OWT's reorderCodecs searched the whole SDP for "red" and
 * put the audio section's 63 on the video m= line; said as "63 ?" alone).
 */
function unnamedCodecs(media: readonly MediaDescription[], unnamed: SessionContext['unnamed'], findings: FindingSink<ParseDiagnostic>): void {
  if (unnamed.length === 0) return;
  /** Payload type → the first m-section naming it. */
  const named = new Map<string, { readonly m: MediaDescription; readonly codec: string }>();
  for (const o of media) for (const c of o.codecs) if (c.name !== '' && !named.has(String(c.payloadType))) named.set(String(c.payloadType), { m: o, codec: `${c.name}/${c.clockRate ?? '?'}${c.channels !== null && c.channels > 1 ? `/${c.channels}` : ''}` });
  for (const u of unnamed) {
    const elsewhere = u.pts.map((pt) => [pt, named.get(String(pt))] as const).filter(([, n]) => n !== undefined && n.m.index !== u.index).slice(0, 3);
    const there = elsewhere.length === 0 ? '' : `; ${elsewhere.map(([pt, n]) => `${pt} is ${n!.codec} in m-line ${n!.m.index} (${n!.m.kind}${n!.m.mid !== null ? `, mid ${n!.m.mid}` : ''})`).join(', ')}: payload types are each m-section's own (RFC 8866 §5.14), so ${elsewhere.length === 1 ? 'it was' : 'they were'} likely carried over from there (a munge that searched the whole SDP)`;
    findings.push(diagnostic('codec-without-rtpmap', `payload type${u.pts.length === 1 ? '' : 's'} ${u.pts.join(', ')} ${u.pts.length === 1 ? 'is' : 'are'} on the m= line with no a=rtpmap (and not static)${there}`, { line: u.line, column: null, mid: u.mid }));
  }
}

export function buildDescription(
  lines: readonly SdpLine[],
  sections: readonly (readonly SdpLine[])[],
  eol: string,
  finalEol: boolean,
  fragment: boolean,
  bom: boolean,
  /** What reading the lines found; `findings` adds to it, bounded per kind. */
  diagnostics: readonly ParseDiagnostic[],
  findings: FindingSink<ParseDiagnostic>,
): SessionDescription {
  const s = new AttributeIndex(lines);
  pageSummaries([lines, ...sections], findings);
  iceOptionsCommas(s.all('ice-options'), null, findings);
  repeatedValues(s, null, findings, true);
  const lite = s.all('ice-lite').length > 0;
  const sessionCandidates = candidatesOf(s, null, findings, lite);
  const strays: SessionContext['strays'] = [];
  const unnamed: SessionContext['unnamed'] = [];
  const media = sections.map((sec, i) => buildMedia(i, sec, { lines, attributes: s, strays, unnamed, lite, fragment }, findings));
  strayRtpmaps(media, strays, findings);
  unnamedCodecs(media, unnamed, findings);
  const mids = new Set(media.map((m) => m.mid).filter((m) => m !== null));
  for (const g of s.all('group')) {
    if (g.value.semantics.toUpperCase() !== 'BUNDLE') continue;
    for (const mid of g.value.mids) if (mid !== '' && !mids.has(mid)) findings.push(diagnostic('bundle-mid-missing', `a=group:BUNDLE names mid ${JSON.stringify(mid)}, which no m-line has`, { line: g.line, column: null, mid: null, named: mid }));
    // A double or trailing space is an empty mid to Chromium (sdp-diff audit: "A BUNDLE group contains a MID='' matching no m= section"; Firefox trims it).
    if (g.value.mids.includes('')) findings.push(diagnostic('bundle-mid-missing', 'a=group:BUNDLE has an empty mid (a double or trailing space): Chromium rejects it, Firefox accepts it', { line: g.line, column: null, mid: null, named: '' }));
  }
  // RFC 8866 §5: v=, o=, s=, t= come before the media (a pasted fragment of a= lines has none).
  if (!fragment) {
    const letters = new Set(lines.map((l) => (l.kind === 'field' ? l.letter : l.kind === 'origin' ? 'o' : l.kind === 'timing' ? 't' : '')));
    const missing = (['v', 'o', 's', 't'] as const).filter((l) => !letters.has(l)).map((l) => `${l}=`);
    // From o=, v= alone lost: a copy that left out "v=0" (webrtc-internals' page shows it as the session's summary).
    const noVersion = missing.length === 1 && missing[0] === 'v=' ? ': the description starts at its o= line; put "v=0" above it (a copy from webrtc-internals\' page loses it with the session\'s "v=0 (N more lines)" summary)' : `${media.length > 0 ? ' before the media' : ''} (v=, o=, s=, t= are required)`;
    if (missing.length > 0) findings.push(diagnostic('missing-line', `no ${missing.join(', ')} line${missing.length === 1 ? '' : 's'}${noVersion}`, { line: null, column: null, mid: null }));
    else sessionOrder(lines, ruleSink(findings, null));
    // Nothing negotiated: legal, and taken by both browsers, yet no transport ever starts (sample
    // hunt: ion-sfu#426's offer with no m-line read "0 errors, 0 warnings"; the subscriber never connected).
    // Mids a BUNDLE group names, or codec lines, with no m= line: the m-sections were cut out of the
    // text (an author's "..." in a sample: README-as-typed audit), not a call that offers nothing.
    const named = s.all('group').flatMap((g) => g.value.mids).filter((m) => m !== '');
    const cutOut = named.length > 0 || s.has('rtpmap') || s.has('mid');
    if (missing.length === 0 && media.length === 0) findings.push(diagnostic('no-media-sections', cutOut ? `no m= line, though the text has lines of m-sections (${named.length > 0 ? `a=group:BUNDLE names mids ${named.join(' ')}` : 'a=rtpmap or a=mid at the session level'}): its m-sections were likely cut out of this copy; if not, this description negotiates nothing` : `no m= line: this description negotiates nothing, so no ICE, no DTLS, no media or data${finalEol ? '' : ' (or the text was cut before its first m= line)'}`, { line: null, column: null, mid: null }));
  }
  // Diagnostics get the mid of the m-section their line is in (sections are in line order), and come in line order.
  const starts = media.map((m) => m.lines[0]!.line);
  const midAt = (line: number): string | null => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const k = (lo + hi) >> 1;
      if (starts[k]! <= line) {
        found = k;
        lo = k + 1;
      } else hi = k - 1;
    }
    return found < 0 ? null : media[found]!.mid;
  };
  const rules = ruleSink(findings, null);
  for (const l of lines) if (l.kind !== 'attribute') lineRules(l, rules);
  // Two a=fingerprint lines at session level: Chromium refuses the description ("Can't have multiple
  // fingerprint attributes at the same level."), Firefox takes them (measured); in an m-section
  // Chromium takes the last (measured, both browsers take it).
  const sessionFingerprints = lines.filter((l) => (l.kind === 'attribute' || l.kind === 'other-attribute') && l.name === 'fingerprint');
  if (sessionFingerprints.length > 1) rules('fingerprint-session-repeated', sessionFingerprints[1]!.line, null, `${sessionFingerprints.length} a=fingerprint lines at session level`);
  // One a=msid (stream and track) in two m-sections: RFC 8830 §2 does not permit it (WHIP/SFU
  // audit: a pion offer's audio and video both "synced-video synced-video", said by nothing), and
  // Chromium refuses it (measured). One with a stream id only, twice, it takes (RFC 8829's C1 offer).
  // From each m-section's msids (no pass over its lines; a line number is looked up for a finding only).
  let msidOwner: Map<string, MediaDescription | null> | null = null;
  for (const m of media) {
    if ((m.port === 0 && !m.bundleOnly) || (m.msids.length === 0 && m.ssrcs.length === 0)) continue;
    // The legacy a=ssrc:<ssrc> msid:<stream> <track> too: Chromium refuses one named in two m-sections so (measured).
    const ssrcMsids = m.ssrcs.flatMap((y) => {
      if (y.attribute !== 'msid' || y.value === null) return [];
      const [streamId, trackId] = y.value.split(' ');
      return streamId !== undefined && streamId !== '' && trackId !== undefined && trackId !== '' ? [{ streamId, trackId }] : [];
    });
    if (m.msids.length === 0 && ssrcMsids.length === 0) continue;
    msidOwner ??= new Map();
    for (const x of [...m.msids, ...ssrcMsids]) {
      if (x.trackId === null) continue;
      const k = `${x.streamId} ${x.trackId}`;
      const first = msidOwner.get(k);
      if (first === undefined) msidOwner.set(k, m);
      else if (first !== null && first !== m) {
        const lineOf = (d: MediaDescription) => d.lines.find((l) => l.kind === 'attribute' && ((l.name === 'msid' && l.value.streamId === x.streamId && l.value.trackId === x.trackId) || (l.name === 'ssrc' && l.value.attribute === 'msid' && l.value.value === k)))?.line ?? d.lines[0]!.line;
        // Chromium refuses the description ("Duplicate a=msid lines detected"; measured, foreign-offer audit: the WHIP draft's example offer).
        ruleSink(findings, m.mid)('msid-duplicate', lineOf(m), null, `a=msid:${k.length > 80 ? `${k.slice(0, 80)}…` : k} is on line ${lineOf(first)} too, in another m-section`);
        msidOwner.set(k, null);
      }
    }
  }
  // One mid in two m-sections.
  const midOwner = new Map<string, MediaDescription>();
  for (const m of media) {
    if (m.mid === null) continue;
    const other = midOwner.get(m.mid);
    if (other) ruleSink(findings, m.mid)('mid-duplicate', m.lines[0]!.line, null, `mid ${m.mid} is also the mid of the m-section of line ${other.lines[0]!.line}`);
    else midOwner.set(m.mid, m);
    // Longer than the sdes:mid header extension carries (16 bytes): both browsers refuse it (negotiation audit: SFUs' UUID mids passed).
    const bytes = m.mid.length <= 5 ? m.mid.length : utf8Length(m.mid);
    if (bytes > 16) {
      const at = m.lines.find((l) => l.kind === 'attribute' && l.name === 'mid');
      // A stopped m-section's: Chromium alone refuses it (measured: Firefox skips them).
      ruleSink(findings, m.mid)(m.port === 0 && !m.bundleOnly ? 'mid-length-stopped' : 'mid-length', at?.line ?? m.lines[0]!.line, at ? 7 : null, `a=mid of ${bytes} bytes (${JSON.stringify(m.mid.length > 40 ? `${m.mid.slice(0, 40)}…` : m.mid)})`);
    }
  }
  // One a=extmap id for two URIs within a BUNDLE group: Chromium refuses the description ("A
  // BUNDLE group contains a codec collision for header extension id=1"; measured, foreign-offer
  // audit: Firefox 56 to 60 offered audio's id 1 as ssrc-audio-level, video's as toffset).
  for (const g of s.all('group')) {
    if (g.value.semantics.toUpperCase() !== 'BUNDLE') continue;
    const byId = new Map<number, { uri: string; m: MediaDescription }>();
    for (const mid of g.value.mids) {
      const m = midOwner.get(mid);
      if (m === undefined || (m.port === 0 && !m.bundleOnly)) continue;
      for (const e of m.extmaps) {
        // The extension itself: an encrypted one (RFC 6904) is its inner URI.
        const uri = extensionOf(e);
        const had = byId.get(e.id);
        if (had === undefined) byId.set(e.id, { uri, m });
        else if (had.uri !== uri && had.m !== m) {
          const at = m.lines.find((l) => l.kind === 'attribute' && l.name === 'extmap' && l.value.id === e.id)?.line ?? m.lines[0]!.line;
          ruleSink(findings, m.mid)('extmap-bundle-collision', at, 10, `a=extmap id ${e.id} is ${uri.slice(0, 80)} here and ${had.uri.slice(0, 80)} in mid ${had.m.mid}, one BUNDLE group`);
          byId.set(e.id, { uri, m });
        }
      }
    }
  }
  // No ICE credentials or no DTLS fingerprint for an m-section in use: both browsers refuse the
  // description, offer or answer (measured: "Called with SDP without ice-ufrag and ice-pwd",
  // "… without DTLS fingerprint"; Firefox "no ice-ufrag attribute at level 1"). A bundled one
  // other than its group's tag needs none (measured too). Said once of a whole description when
  // none has them (`parse` had said nothing of a real thread's SIP answer that Chrome refused
  // so), else of each m-section without (an unbundled video without ICE credentials had passed:
  // SFU audit). An a=fingerprint written and not read is its own finding (fingerprint-invalid),
  // not a missing one (an Asterisk offer's "a=fingerprint:SHA-256" was told to add one).
  // A kind neither browser knows (m=foo) is refused in the answer, not checked for credentials (measured: Chromium takes such an offer).
  const live = fragment ? [] : media.filter((m) => (m.port !== 0 || m.bundleOnly) && (m.kind === 'audio' || m.kind === 'video' || m.kind === 'application'));
  if (live.length > 0) {
    const notTags = new Set<string>();
    for (const g of s.all('group')) if (g.value.semantics.toUpperCase() === 'BUNDLE') for (const mid of g.value.mids.slice(1)) notTags.add(mid);
    // A bundled m-section other than its group's tag needs none; nor does a second m-section of one mid (mid-duplicate says it).
    const own = live.filter((m) => m.mid === null || (!notTags.has(m.mid) && midOwner.get(m.mid) === m));
    const hasIce = (m: MediaDescription) => m.ice.ufrag !== null && m.ice.pwd !== null;
    const halfIce = (m: MediaDescription) => m.ice.ufrag !== null || m.ice.pwd !== null;
    const unreadFingerprint = (ls: readonly SdpLine[]) => ls.some((l) => l.kind === 'other-attribute' && l.name === 'fingerprint');
    const sessionUnread = unreadFingerprint(lines);
    const hasFingerprint = (m: MediaDescription) => m.fingerprints.length > 0 || sessionUnread || unreadFingerprint(m.lines);
    const named = (m: MediaDescription) => `the ${m.kind} m-section${m.mid === null ? '' : ` (mid ${m.mid.length > 40 ? `${m.mid.slice(0, 40)}…` : m.mid})`}`;
    const first = live[0]!;
    if (!live.some(hasIce)) ruleSink(findings, first.mid)('ice-credentials-missing', first.lines[0]!.line, null, `no m-section in use has both a=ice-ufrag and a=ice-pwd${live.some(halfIce) ? ' (some have one of the two)' : ''}`);
    else for (const m of own) if (!hasIce(m)) ruleSink(findings, m.mid)('ice-credentials-missing', m.lines[0]!.line, null, `${named(m)} is in use and not bundled behind another, and has ${halfIce(m) ? 'only one of a=ice-ufrag and a=ice-pwd' : 'no a=ice-ufrag and a=ice-pwd'}, here or at the session level`);
    if (!live.some(hasFingerprint)) ruleSink(findings, first.mid)('fingerprint-missing', first.lines[0]!.line, null, `no a=fingerprint, in the session or an m-section in use (${first.protocol}${keyingWords(first) ?? ''}; the browsers implement DTLS-SRTP only)`);
    else for (const m of own) if (!hasFingerprint(m)) ruleSink(findings, m.mid)('fingerprint-missing', m.lines[0]!.line, null, `${named(m)} is in use and not bundled behind another, and has no a=fingerprint, here or at the session level`);
  }
  // One ssrc in two m-sections (Chromium: "Failed to set up audio demuxing").
  const owner = new Map<string, MediaDescription>();
  for (const m of media) {
    for (const x of new Set(m.ssrcs.map((y) => y.ssrc))) {
      const other = owner.get(x);
      if (other) ruleSink(findings, m.mid)('ssrc-duplicate', m.lines[0]!.line, null, `ssrc ${x} is also in the m-section of line ${other.lines[0]!.line}`);
      else owner.set(x, m);
    }
  }
  // A line a browser refuses needs no second finding saying its grammar is off.
  const refused = new Set(diagnostics.filter((d) => d.kind === 'rejected-by-browser').map((d) => d.line));
  const kept = refused.size === 0 ? diagnostics : diagnostics.filter((d) => !(d.kind === 'attribute-syntax' && refused.has(d.line)));
  // A hash function no browser knows, beside one of SHA-1/SHA-2 at the same level (the session's, or
  // one m-section's): Firefox takes the description (it wants one it supports, measured:
  // fingerprint-unknown-plus-valid), Chromium refuses it still (DTLS audit: "both reject").
  const hashOf = (l: SdpLine) => (l.kind === 'attribute' && l.name === 'fingerprint' ? l.value.algorithm.toLowerCase() : null);
  const besideKnown = new Set<number>();
  for (const ls of [lines, ...media.map((m) => m.lines)]) {
    if (!ls.some((l) => /^sha-(1|224|256|384|512)$/.test(hashOf(l) ?? ''))) continue;
    for (const l of ls) if (hashOf(l) !== null && DIGEST_BYTES[hashOf(l)!] === undefined) besideKnown.add(l.line);
  }
  const told = besideKnown.size === 0 ? kept : kept.map((d) => (d.kind === 'fingerprint-invalid' && d.line !== null && besideKnown.has(d.line) ? { ...d, browsers: { chromium: 'rejects', firefox: 'accepts' } as const, message: d.message.replace(/: Chromium and Firefox reject it$/, ': Chromium rejects it (Firefox accepts: a fingerprint of a hash it knows is at the same level)') } : d));
  const placed = told.map((d) => (d.line === null || d.mid !== null ? d : { ...d, mid: midAt(d.line) }));
  const withMid = placed.sort((x, y) => (x.line ?? Infinity) - (y.line ?? Infinity));
  let version: string | null = null;
  let sessionName: string | null = null;
  let origin: Origin | null = null;
  let timing: Timing | null = null;
  let connection: Connection | null = null;
  for (const l of lines) {
    if (l.kind === 'field') {
      if (l.letter === 'v' && version === null) version = l.value;
      else if (l.letter === 's' && sessionName === null) sessionName = l.value;
    } else if (l.kind === 'origin' && origin === null) origin = l.value;
    else if (l.kind === 'timing' && timing === null) timing = l.value;
    else if (l.kind === 'connection' && connection === null) connection = l.value;
  }
  const groups = s.values('group');
  const bundleGroups = groups.filter((g) => g.semantics.toUpperCase() === 'BUNDLE').map((g) => g.mids);
  return {
    lines,
    media,
    eol,
    finalEol,
    bom,
    fragment,
    version,
    origin,
    sessionName,
    timing,
    connection,
    groups,
    bundle: bundleGroups[0] ?? null,
    bundleGroups,
    iceLite: s.has('ice-lite'),
    iceUfrag: s.last('ice-ufrag') ?? null,
    icePwd: s.last('ice-pwd') ?? null,
    iceOptions: iceOptionsOf(s, null),
    fingerprints: s.values('fingerprint'),
    setup: s.last('setup') ?? null,
    direction: s.direction,
    extmapAllowMixed: s.has('extmap-allow-mixed'),
    msidSemantic: s.first('msid-semantic') ?? null,
    candidates: sessionCandidates,
    endOfCandidates: s.has('end-of-candidates'),
    diagnostics: withMid,
  };
}

/**
 * a=rid lines the receiver discards (RFC 8851 §5, as libwebrtc's RemoveInvalidRidDescriptions
 * does): a rid id on several lines (all of them), and a pt= of no payload type of the m= line
 * (simulcast audit: webrtc-rs#20's "pt=99" on "m=video … 97 98", and a repeated rid, went unsaid).
 */
function ridFindings(rids: readonly { readonly line: number; readonly value: Rid }[], formats: readonly string[], mid: string | null, findings: FindingSink<ParseDiagnostic>): void {
  const lines = new Map<string, number[]>();
  for (const r of rids) {
    const at = lines.get(r.value.id);
    if (at === undefined) lines.set(r.value.id, [r.line]);
    else at.push(r.line);
  }
  for (const [id, at] of lines) {
    if (at.length < 2) continue;
    findings.push(diagnostic('rid-discarded', `a=rid ${JSON.stringify(id.slice(0, 32))} is on lines ${at.slice(0, 4).join(', ')}${at.length > 4 ? ', …' : ''}: a repeated rid id has every a=rid line of it discarded (RFC 8851 §5): Chromium drops that layer (measured), Firefox takes it`, { line: at[1]!, column: 7, mid }));
  }
  let onLine: Set<string> | undefined;
  for (const r of rids) {
    if ((lines.get(r.value.id)?.length ?? 0) > 1) continue;
    // Parameters joined by a blank, not ";" (HexMeet's "pt=99 max-br=1137; …", or no pt= at all):
    // the line does not read; Chromium drops its layer (audit of the change, measured).
    const params = r.value.params ?? '';
    if (RID_PARAMS_BLANK_JOINED.test(params)) {
      const glued = /^pt=(\S*)\s/.exec(params);
      findings.push(diagnostic('rid-discarded', `a=rid:${r.value.id.slice(0, 32)} ${params.slice(0, 40)}${params.length > 40 ? '…' : ''}: its parameters are joined by a blank, not ";" (RFC 8851 §10${glued !== null ? `: pt=${glued[1]!.slice(0, 16)};max-br=…` : ''}), so the line does not read: RFC 8851 §5 discards it, and the rid with it; both browsers take the description, and Chromium drops the rid's layer (measured)`, { line: r.line, column: null, mid }));
      continue;
    }
    const pt = /(?:^|;)pt=([^;]*)/.exec(params);
    if (pt === null) continue;
    const listed = pt[1]!.split(',').map((x) => x.trim()).filter((x) => x !== '');
    // A set, made once: formats.includes per payload type was quadratic (hostile-input audit: 1.1 MB in 12.9 s).
    onLine ??= new Set(formats);
    const absent = listed.filter((x) => !onLine!.has(x));
    if (absent.length === 0) continue;
    const all = absent.length === listed.length;
    findings.push(diagnostic('rid-discarded', `a=rid:${r.value.id.slice(0, 32)} pt=${pt[1]!.slice(0, 40)}: ${all ? 'no payload type of it is' : `${absent.slice(0, 4).join(', ')} ${absent.length === 1 ? 'is' : 'are'} not`} on the m= line: RFC 8851 §5 ${all ? 'discards the a=rid line, and the rid with it (Chromium 156 keeps the layer: measured)' : `drops ${absent.length === 1 ? 'it' : 'them'} from pt=`}`, { line: r.line, column: null, mid }));
  }
}

/** The legacy form's SCTP port: an SCTP m= line's first format when it is a number (`DTLS/SCTP 5000`), as Chromium reads it (data channel audit: a=sctpmap's port had been taken). */
function legacySctpPort(m: MediaLine): number | null {
  if (m.kind !== 'application') return null;
  const f = m.formats[0];
  return /SCTP$/i.test(m.protocol) && f !== undefined && /^[0-9]{1,5}$/.test(f) && Number(f) <= 65535 ? Number(f) : null;
}
