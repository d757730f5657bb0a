/**
 * `sdp-diff A [B]`: negotiation report for an offer and an answer, or a diff of two of a kind.
 * What was wrong in the inputs themselves (JSON that does not parse, a description that was cut,
 * a payload type without rtpmap) is reported beside the negotiation, with the side it is on.
 */
import { iceOrDtls } from '../../src/negotiation/negotiate.js';
import { diffDescriptions, hasErrors, negotiate, pairFromOne, pairFromTwo, readInput, SdpscopeError, type DescriptionPair, type Diagnostic, type InputReport } from '../../src/index.js';
import { readTextInput } from '../../src/node/files.js';
import { diagnosticJson } from '../render/diagnostics.js';
import { eolChange, renderDiff, renderNegotiation, unchangedWords, type SideFindings } from '../render/negotiation.js';
import { reportForJson } from '../render/description-json.js';
import { toJson } from '../render/parse.js';
import { makeStyle } from '../render/style.js';
import type { SdpLine, SessionDescription } from '../../src/sdp/model.js';
import { EXIT_FINDINGS, EXIT_OK } from '../run.js';

export interface DiffOptions {
  readonly files: readonly string[];
  readonly json: boolean;
  readonly color: boolean;
  /** A relay log with several rooms: the one to compare. */
  readonly room?: string;
  /** A webrtc-internals dump with several peer connections: the one to compare. */
  readonly pc?: string;
  /** Two descriptions compared as before → after, whatever their types. */
  readonly diff?: boolean;
  /** One file holding several offer/answer rounds: the round to compare (1 the first, -1 the last). */
  readonly round?: number;
}

const label = (f: string) => (f === '-' ? 'stdin' : f);

/** Refuses an input with no complete SDP, saying what was found wrong in it. */
function requireDescription(report: InputReport, name: string): void {
  if (report.descriptions.some((d) => !d.description.fragment)) return;
  const why = report.problems.slice(0, 3).map((p) => `${p.line !== null ? `line ${p.line}: ` : ''}${p.kind}: ${p.message}`);
  // Candidates without a description: said, with the command that reads them (README walk: a bare "no SDP found").
  const trickled = report.candidates.filter((c) => !c.inDescription).length;
  // A fragment (the m-sections an RFC prints, with no session lines): said, with what to add (RFC audit: a bare "no SDP found").
  const fragment = report.descriptions.find((d) => d.description.fragment && d.description.media.length > 0);
  // A trickle-ICE fragment (RFC 8840: ICE lines and candidates under a placeholder m-line, as a WHIP
  // PATCH carries) is no description to complete: its candidates are what it holds (audit of the
  // change: the session lines added as advised gave seven meaningless errors).
  const trickle = fragment !== undefined && trickleFragment(fragment.description);
  const held = trickle
    ? `; it holds a trickle-ICE fragment (RFC 8840: ICE lines and ${fragmentCandidates(fragment.description)} candidate${fragmentCandidates(fragment.description) === 1 ? '' : 's'} for a description exchanged before, as a WHIP PATCH carries), not a description: sdpscope candidates reads it`
    : fragment !== undefined
    ? `; it holds an SDP fragment (${fragment.description.media.length} m-section${fragment.description.media.length === 1 ? '' : 's'} from line ${fragment.source.line}, no v=/o=/s=/t= lines): sdp-diff compares whole descriptions, so put "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-" and "t=0 0" above it, every line at its first column, without indentation (sdpscope parse reads it as it is)`
    : trickled > 0 ? `; it holds ${trickled} candidate${trickled === 1 ? '' : 's'} and no description: sdpscope candidates reads them` : '';
  throw new SdpscopeError('NO_SDP_FOUND', `no SDP found in ${name}${why.length ? ` (${why.join('; ')})` : ''}${held}`);
}

/** The lines a trickle-ICE fragment holds (RFC 8840 §9): ICE's, the m-line and mid it belongs to, candidates and their end. */
const TRICKLE_LINES: ReadonlySet<string> = new Set(['ice-ufrag', 'ice-pwd', 'ice-options', 'mid', 'candidate', 'end-of-candidates', 'group']);

const fragmentCandidates = (d: SessionDescription): number => d.media.reduce((n, m) => n + m.candidates.length, d.candidates.length);

function trickleFragment(d: SessionDescription): boolean {
  const only = (lines: readonly SdpLine[]) => lines.every((l) => l.kind === 'media' || ((l.kind === 'attribute' || l.kind === 'other-attribute') && TRICKLE_LINES.has(l.name)));
  return only(d.lines) && d.media.every((m) => only(m.lines)) && [...d.lines, ...d.media.flatMap((m) => m.lines)].some((l) => (l.kind === 'attribute' || l.kind === 'other-attribute') && (l.name === 'candidate' || l.name === 'end-of-candidates' || l.name === 'ice-ufrag'));
}

export async function diffCommand(opts: DiffOptions, out: (s: string) => void): Promise<number> {
  if (opts.files.length < 1 || opts.files.length > 2) throw new SdpscopeError('USAGE', 'give one file holding an offer and an answer, or two files (see --help)');
  if (opts.files.length === 2 && opts.files[0] === '-' && opts.files[1] === '-') throw new SdpscopeError('USAGE', 'standard input can be only one of the two inputs');
  const texts = await Promise.all(opts.files.map(readTextInput));
  return diffTexts(texts, opts.files.map(label), opts, out);
}

/** The command on texts already read (one or two; the fuzzer runs it on every input). */
export function diffTexts(texts: readonly string[], labels: readonly string[], opts: Omit<DiffOptions, 'files'>, out: (s: string) => void): number {
  const reports = texts.map((t) => readInput(t));
  const names: [string, string] = [labels[0]!, labels[1] ?? labels[0]!];
  reports.forEach((r, i) => requireDescription(r, names[i]!));
  let pair: DescriptionPair;
  if (texts.length === 1) {
    // --diff of one file: a round against the one before it (the last round unless --round says).
    pair = pairFromOne(reports[0]!.descriptions, names[0], { ...(opts.room !== undefined ? { room: opts.room } : {}), ...(opts.pc !== undefined ? { peerConnection: opts.pc } : {}), ...(opts.round !== undefined ? { round: opts.round } : {}), ...(opts.diff === true ? { diff: true } : {}) });
  } else {
    if (opts.room !== undefined || opts.pc !== undefined || opts.round !== undefined) throw new SdpscopeError('USAGE', '--room, --pc and --round choose within one file holding both; with two files, each gives its first description');
    pair = pairFromTwo(reports[0]!.descriptions, names[0], reports[1]!.descriptions, names[1], { diff: opts.diff === true });
    // Keep the file names with their descriptions when the pair was swapped.
    if (pair.first !== reports[0]!.descriptions.find((f) => !f.description.fragment)) names.reverse();
  }
  // What each side's input and description say about themselves (one file's problems are told once).
  const reportFor = (f: DescriptionPair['first']) => reports.find((r) => r.descriptions.includes(f))!;
  const r1 = reportFor(pair.first);
  const r2 = reportFor(pair.second);
  // Two SIP/RTP legs (no ICE, no DTLS on either side): no browser in the exchange, so what a browser
  // would refuse fails nothing; negotiation says so (sip-legs), a diff in a note (pairs audit: a
  // Kurento RTP leg exited 1 with four errors).
  const sipLegs = !iceOrDtls(pair.first.description) && !iceOrDtls(pair.second.description);
  const own = (d: SessionDescription) => (sipLegs ? d.diagnostics.filter((x) => x.kind !== 'rejected-by-browser') : d.diagnostics);
  const sides: [SideFindings, SideFindings] = [
    { side: pair.mode === 'diff' ? 'before' : 'offer', input: r1.problems, description: own(pair.first.description) },
    { side: pair.mode === 'diff' ? 'after' : 'answer', input: r2 !== r1 ? r2.problems : [], description: own(pair.second.description) },
  ];
  const s = makeStyle(opts.color);
  const sourceOf = (f: DescriptionPair['first'], name: string) => ({ file: name, ...f.source, type: f.type });
  // In JSON, each with its side, and `in`: where its line counts ("input": the file, "sdp": the description).
  const sideJson = (x: SideFindings) => [
    ...x.input.map((d: Diagnostic) => ({ ...diagnosticJson(d), side: x.side, in: 'input' })),
    ...x.description.map((d: Diagnostic) => ({ ...diagnosticJson(d), side: x.side, in: 'sdp' })),
  ];
  const inputErrors = sides.some((x) => [...x.input, ...x.description].some((d) => d.severity === 'error'));
  if (pair.mode === 'diff') {
    const raw = diffDescriptions(pair.first.description, pair.second.description);
    // A provisional answer and the answer after it (SIP's 183, then 200): no new offer, so no version
    // rule; the final answer replaces the pranswer (SIP audit: "a new offer must raise it" was said).
    const provisional = pair.first.type === 'pranswer' && pair.second.type === 'answer';
    const d = provisional ? { ...raw, changes: raw.changes.filter((c) => c.kind !== 'version-not-increased') } : raw;
    if (provisional) pair = { ...pair, notes: [...pair.notes, 'a provisional answer (pranswer) and the answer after it: the final answer replaces it, and may differ (RFC 9429 §4.1.10.1; SIP\'s 183 then 200, RFC 3262)'] };
    const refused = [pair.first, pair.second].some((f) => f.description.diagnostics.some((x) => x.kind === 'rejected-by-browser'));
    if (sipLegs && refused) pair = { ...pair, notes: [...pair.notes, 'neither description uses ICE or DTLS (no a=ice-ufrag, no a=fingerprint, no DTLS profile): SIP/RTP legs, no browser in them; what a browser would refuse in them is not counted (sdpscope parse shows it)'] };
    // No change and two texts: the layout only, said in the JSON as in the text (change audit: a script could not tell it from identical input).
    const eol = d.changes.length > 0 ? eolChange(pair) : null;
    const layout = d.changes.length === 0 && pair.first.text !== pair.second.text ? [unchangedWords(pair)] : eol !== null ? [eol] : [];
    out(opts.json ? toJson(reportForJson({ mode: 'diff', before: sourceOf(pair.first, names[0]), after: sourceOf(pair.second, names[1]), notes: [...pair.notes, ...layout], ...d, diagnostics: sides.flatMap(sideJson) }, [pair.first.description, pair.second.description])) + '\n' : renderDiff(d, pair, names, sides, s));
    return inputErrors ? EXIT_FINDINGS : EXIT_OK;
  }
  const n = negotiate(pair.first.description, pair.second.description);
  // An answer m-line without a=mid that its group names is one fault, answer-mid-missing (each
  // browser's reading); the answer's own bundle-mid-missing for that mid would count it twice, and
  // says "browsers reject it" where Chromium fills the mid in (measured: mid-removed).
  const midsLost = new Set(n.diagnostics.flatMap((d) => (d.kind === 'answer-mid-missing' && d.mid !== null ? [d.mid] : [])));
  if (midsLost.size > 0) sides[1] = { ...sides[1], description: sides[1].description.filter((d) => !(d.kind === 'bundle-mid-missing' && midsLost.has(d.named))) };
  out(opts.json
    ? toJson(reportForJson({ mode: 'negotiation', offer: sourceOf(pair.first, names[0]), answer: sourceOf(pair.second, names[1]), notes: pair.notes, ...n, diagnostics: [...sides.flatMap(sideJson), ...n.diagnostics.map(diagnosticJson)] }, [pair.first.description, pair.second.description])) + '\n'
    : renderNegotiation(n, pair, names, sides, s));
  return hasErrors(n) || inputErrors ? EXIT_FINDINGS : EXIT_OK;
}
