/** The candidate table: the Trickle ICE page's columns and more. Pure. */
import { formatPriorityParts, type CandidateExplanation, type FoundCandidate } from '../../src/index.js';
import type { AnalysisReport, CallReport, PredictedPair, SessionReport } from '../../src/index.js';
import { diagnosticJson, renderActions, renderDiagnostics } from './diagnostics.js';
import { jsonMember, listedItems, writeJsonArray, type JsonItems } from './json.js';
import { clip, table, type Style } from './style.js';
import { pushAll } from '../../src/arrays.js';

function relayCell(x: CandidateExplanation): string {
  return x.relayProtocol?.label ?? '';
}

function typeCell(type: string, s: Style): string {
  switch (type) {
    case 'host':
      return s.green(type);
    case 'srflx':
      return s.cyan(type);
    case 'prflx':
      return s.blue(type);
    case 'relay':
      return s.magenta(type);
    default:
      return s.red(type);
  }
}

/** A line number, with its file when several files are read (`b.log:4`), and its line in an SDP held in that line (`3 (sdp 11)`). */
const lineCell = (src: { readonly line: number; readonly file?: string; readonly sdpLine?: number }) =>
  (src.file !== undefined ? `${src.file}:${src.line}` : String(src.line)) + (src.sdpLine !== undefined ? ` (sdp ${src.sdpLine})` : '');

/** A session's span of lines: `lines 1–5`, `a.log lines 1–5`, or `a.log:1–b.log:5` across files. */
function spanText(r: SessionReport): string {
  const first = r.origin.file;
  const last = r.lastFile;
  if (first === undefined && last === undefined) return `lines ${r.firstLine}–${r.lastLine}`;
  if (first === last) return `${first} lines ${r.firstLine}–${r.lastLine}`;
  return `${first ?? ''}:${r.firstLine}–${last ?? ''}:${r.lastLine}`;
}

export function candidateRows(found: readonly FoundCandidate[], s: Style): string[][] {
  return found.map((f) => {
    if (!f.candidate || !f.explanation) {
      // Why and what, in the last column (free text, not padded): under "address" and "related" the
      // code and the text read as an address, and the text widened that column for every row.
      return [lineCell(f.source), f.sdpMid ?? '', '', s.red('invalid'), '', '', '', '', '', '', '', '', `${s.red(f.error?.code ?? '')} ${s.dim(clip(f.text, 60))}`];
    }
    const c = f.candidate;
    const x = f.explanation;
    const related = c.relatedAddress !== null ? `${c.relatedAddress}:${c.relatedPort ?? ''}` : '';
    const extras = [
      c.tcpType !== null ? `tcptype ${c.tcpType || '""'}` : '',
      c.generation !== null ? `gen ${c.generation}` : '',
      c.networkId !== null ? `net-id ${c.networkId}` : '',
      c.networkCost !== null ? `cost ${c.networkCost}` : '',
    ].filter(Boolean).join(' ');
    return [
      lineCell(f.source),
      f.sdpMid ?? (f.sdpMLineIndex !== null ? `#${f.sdpMLineIndex}` : ''),
      String(c.component),
      typeCell(c.type, s),
      c.foundation,
      c.transport,
      c.address,
      String(c.port),
      formatPriorityParts(x.priority),
      related,
      relayCell(x),
      x.address.class,
      extras,
    ];
  });
}

export const CANDIDATE_HEADER = ['line', 'mid', 'comp', 'type', 'foundation', 'proto', 'address', 'port', 'priority (type|local|comp)', 'related', 'relay', 'class', 'extensions'];

export function renderCandidateTable(found: readonly FoundCandidate[], s: Style): string {
  return table(CANDIDATE_HEADER, candidateRows(found, s), s);
}


const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const counts = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ${v}`).join(', ');

function originText(s: SessionReport): string {
  const o = s.origin;
  const bits: string[] = [];
  if (o.peerConnection !== undefined) bits.push(`pc ${o.peerConnection}${o.side ? ' ' + o.side : ''}`);
  if (o.sender !== undefined) bits.push(`from ${o.sender}${o.room !== undefined ? ' in ' + o.room : ''}`);
  return bits.length ? ` (${bits.join(', ')})` : '';
}

/** Epoch milliseconds (webrtc-internals, Date.now()) as a UTC time of day; anything else as written. */
export function timeCell(t: number | string | undefined): string {
  if (t === undefined) return '';
  if (typeof t === 'number' && t > 1e12 && t < 1e14) return new Date(t).toISOString().slice(11, 23);
  return String(t);
}

/** One session: header with counts, the candidate table (unless summary), NAT verdict, findings. */
export function renderSession(r: SessionReport, s: Style, summary: boolean): string {
  const out: string[] = [];
  const c = r.counts;
  out.push(s.bold.underline(`session ${r.session}`) + s.dim(`${originText(r)}  ${spanText(r)}`));
  out.push(`  ${plural(c.total, 'candidate')}${r.duplicates ? ` (+${r.duplicates} seen again)` : ''}${c.total ? `: ${counts(c.byType)} · ${counts(c.byTransport)} · ${counts(c.byFamily)}` : ''}${r.endOfCandidates ? ' · end-of-candidates' : ''}`);
  if (!summary && r.candidates.length > 0) {
    const hasTime = r.candidates.some((k) => k.found.source.timestamp !== undefined);
    const rows = candidateRows(r.candidates.map((k) => k.found), s).map((row, i) => (hasTime ? [timeCell(r.candidates[i]!.found.source.timestamp), ...row] : row));
    const header = hasTime ? ['time', ...CANDIDATE_HEADER] : CANDIDATE_HEADER;
    out.push(table(header, rows, s).split('\n').map((l) => '  ' + l).join('\n'));
    if (r.dropped > 0) out.push(s.dim(`  … ${r.dropped} more not kept (per-session limit)`));
  }
  if (c.total === 0) {
    // A stack that writes no ufrag in its candidates (GStreamer's, Firefox's) may have sent some: they are in the "no ufrag" session (candidates audit: "none of its candidates is in the input" of a GStreamer offer whose candidate was).
    out.push(s.dim('  known from its SDP only: no candidate in the input names its ufrag (if the input has candidates that name none, as GStreamer and Firefox write them, they are in a session of their own, "no ufrag")'));
    return out.join('\n') + '\n';
  }
  const nat = r.nat;
  const colour = nat.mapping === 'address-dependent' ? s.red : nat.mapping === 'unknown' ? s.dim : s.green;
  out.push(`  NAT mapping: ${colour(nat.mapping)} — ${nat.seedTypes}`);
  for (const e of nat.evidence) out.push(s.dim(`    · ${e}`));
  if (nat.mapping !== 'unknown') out.push(s.dim(`    · cannot be seen here: ${nat.cannotSee}`));
  pushAll(out, renderDiagnostics(r.diagnostics, s, 20).map((l) => '  ' + l));
  return out.join('\n') + '\n';
}

function end(p: PredictedPair['local']): string {
  const c = p.candidate;
  return `${c.type} ${c.transport} ${c.address}:${c.port}`;
}

export function renderCall(call: CallReport, s: Style, limit = 10, summary = false): string {
  const out: string[] = [];
  out.push(s.bold(`call ${call.sessions[0]} ⇄ ${call.sessions[1]}`) + s.dim(` (${call.basis}) · controlling ${call.controlling ?? 'unknown (first side assumed)'}`));
  const viable = call.pairs.filter((p) => p.viable);
  const dead = call.pairs.filter((p) => !p.viable);
  const none = call.sessions.filter((_, i) => call.candidates[i] === 0);
  if (none.length > 0) out.push(`  no pairs: ${none.length === 2 ? 'neither side has a candidate' : `${none[0]} has no candidate`} in the input`);
  else if (call.pairs.length === 0) out.push(summary ? '  pairs are not predicted with --summary (it keeps no candidate)' : '  no pairs: the sides have no candidates of a shared component and transport (and address family)');
  if (viable.length > 0) {
    out.push(`  check order (${plural(viable.length, 'viable pair')}, highest priority first):`);
    const rows = viable.slice(0, limit).map((p) => [String(p.order), `comp ${p.component}`, end(p.local), '⇄', end(p.remote), p.priority.toString(), p.reason ?? '']);
    out.push(table(['#', '', `${call.sessions[0]}`, '', `${call.sessions[1]}`, 'pair priority', 'note'], rows, s).split('\n').map((l) => '    ' + l).join('\n'));
    if (viable.length > limit) out.push(s.dim(`    … ${viable.length - limit} more`));
  }
  if (dead.length > 0) {
    const reasons = new Map<string, number>();
    for (const p of dead) reasons.set(p.reason ?? '?', (reasons.get(p.reason ?? '?') ?? 0) + 1);
    out.push(`  ${s.yellow(`${plural(dead.length, 'pair')} cannot work`)}: ${[...reasons].map(([r, n]) => `${r} ×${n}`).join('; ')}`);
  }
  return out.join('\n') + '\n';
}

export function renderTotals(r: AnalysisReport, s: Style): string {
  const lines: string[] = [];
  // The input's findings: what is not a reported session's own (an ICE restart names its session, and is the input's).
  const own = r.sessions.reduce((n, x) => n + x.diagnostics.length, 0);
  const general = r.diagnostics.slice(0, r.diagnostics.length - own);
  if (general.length > 0) {
    lines.push(s.bold('input'));
    pushAll(lines, renderDiagnostics(general, s, 20).map((l) => '  ' + l));
  }
  const actions = renderActions(r.diagnostics, s);
  if (actions.length > 0) pushAll(lines, actions);
  lines.push(`${plural(r.totals.candidates, 'candidate line')} (${r.totals.distinct} distinct) in ${plural(r.totals.sessions, 'session')}, ${plural(r.calls.length, 'call')}${r.totals.invalid ? s.red(`, ${r.totals.invalid} unparseable`) : ''}${r.totals.evicted ? `, ${r.totals.evicted} reported early` : ''}`);
  return lines.join('\n') + '\n';
}

/** A session of the JSON report (without its kept candidates), and its diagnostics, as the report holds them. */
export function sessionJson(session: SessionReport): { readonly session: unknown; readonly diagnostics: readonly unknown[] } {
  const { candidates: _c, ...rest } = session;
  const diagnostics = rest.diagnostics.map(diagnosticJson);
  return { session: { ...rest, diagnostics }, diagnostics };
}


/**
 * Writes the JSON report after its candidates (`sdpscope candidates --json` streams those as they
 * are found): the sessions (as sessionJson gave them, in the order they closed), then calls,
 * pairs, every diagnostic (the input's, then each session's) and the totals; closes the object.
 * The same document as {@link reportJson} on a report that kept everything.
 */
export async function writeReportJsonRest(r: AnalysisReport, sessions: JsonItems, sessionDiagnostics: JsonItems, out: (s: string) => void, drained: () => Promise<void> | undefined): Promise<void> {
  const full = reportJson(r) as { calls: unknown[]; pairs: unknown[]; totals: unknown };
  const open = r.sessions.reduce((n, s) => n + s.diagnostics.length, 0);
  const general = r.diagnostics.slice(0, r.diagnostics.length - open).map(diagnosticJson);
  await writeJsonArray('sessions', [sessions], out, drained);
  out(',\n');
  await writeJsonArray('calls', [listedItems(full.calls)], out, drained);
  out(',\n');
  await writeJsonArray('pairs', [listedItems(full.pairs)], out, drained);
  out(',\n');
  await writeJsonArray('diagnostics', [listedItems(general), sessionDiagnostics], out, drained);
  out(`,\n  "totals": ${jsonMember(full.totals)}\n}\n`);
}

/** The JSON report (bigint pair priorities as strings, sessions without their kept candidates). */
export function reportJson(r: AnalysisReport): unknown {
  const endJson = (p: PredictedPair['local']) => ({ session: p.session, foundation: p.candidate.foundation, type: p.candidate.type, transport: p.candidate.transport, address: p.candidate.address, port: p.candidate.port, priority: p.candidate.priority });
  return {
    candidates: r.candidates,
    sessions: r.sessions.map(({ candidates: _c, ...rest }) => ({ ...rest, diagnostics: rest.diagnostics.map(diagnosticJson) })),
    calls: r.calls.map((c, i) => ({ call: i, sessions: c.sessions, controlling: c.controlling, basis: c.basis, candidates: c.candidates, pairs: c.pairs.length })),
    pairs: r.calls.flatMap((c, i) => c.pairs.map((p) => ({ call: i, component: p.component, local: endJson(p.local), remote: endJson(p.remote), priority: p.priority, order: p.order, viable: p.viable, reason: p.reason }))),
    diagnostics: r.diagnostics.map(diagnosticJson),
    totals: r.totals,
  };
}
