/** `sdpscope parse`: a readable summary of every SDP and candidate found. Pure. */
import type { Codec, Diagnostic, FoundCandidate, FoundDescription, InputReport, MediaDescription, SessionDescription } from '../../src/index.js';
import { SEVERITY } from '../../src/index.js';
import { boundedFindings } from '../../src/diagnostics.js';
import { candidatesInDescription } from '../../src/input/found.js';
import { candidatesOfDescription } from '../../src/input/read.js';
import { formatFmtpParameters } from '../../src/sdp/grammar.js';
import { innerExtension } from '../../src/sdp/attribute-readers.js';
import { ActionList, renderActionList, renderDiagnostics } from './diagnostics.js';
import { renderCandidateTable } from './candidates.js';
import { pretty } from './json.js';
import { clip, MAX_CELL, type Style } from './style.js';
import { pushAll } from '../../src/arrays.js';

function codecLine(c: Codec): string {
  const rate = c.clockRate !== null ? `/${c.clockRate}` : '';
  const ch = c.channels !== null ? `/${c.channels}` : '';
  const params = c.parameters.length > 0 ? ` ${formatFmtpParameters(c.parameters)}` : '';
  const fb = c.feedback.length > 0 ? `  fb: ${c.feedback.map((f) => f.type + (f.parameter ? ' ' + f.parameter : '')).join(', ')}` : '';
  return `${String(c.payloadType).padStart(3)} ${c.name || '?'}${rate}${ch}${c.static ? ' (static)' : ''}${params}${fb}`;
}

function shortFingerprint(v: string): string {
  return v.length > 17 ? `${v.slice(0, 8)}…${v.slice(-8)}` : v;
}

/**
 * A value as the summary shows it: whole up to a table cell's width, else cut there with its length
 * said. What the session level says every m-line inherits, and shows: an 842 KB session-level ufrag
 * under 330 m-lines made 278 MB of text from 853 KB (fuzz seed 777). `--json` has it whole.
 */
function long(v: string): string {
  return v.length <= MAX_CELL ? v : `${clip(v, MAX_CELL)} (${v.length.toLocaleString('en-US')} chars)`;
}

function mediaBlock(m: MediaDescription, s: Style): string[] {
  const out: string[] = [];
  // Port 0 with a=bundle-only is a bundled m-line (RFC 8843 §6), not a rejected one (real-thread audit).
  const state = m.bundleOnly ? s.yellow(m.port === 0 ? ' bundle-only (port 0: on the BUNDLE transport)' : ' bundle-only') : m.port === 0 ? s.red(' rejected (port 0)') : '';
  // A direction only the session level writes: RFC 8866 §6.7 applies it, the browsers do not (measured; negotiate's session-direction-ignored).
  // An SCTP m-section (a data channel) has no direction (RFC 8841): the default sendrecv is not shown as one (SFU audit); one written is.
  const sctp = /SCTP/i.test(m.protocol) && m.directionSource === 'default';
  const direction = sctp ? s.dim('no direction (data channel)') : m.directionSource === 'session' && m.direction !== 'sendrecv' ? `${m.direction}${s.yellow(' (session level: browsers read sendrecv)')}` : m.direction;
  // A bitrate cap and packet times, the first things to look at for "low or no video" and choppy audio (munging audit: not shown).
  const caps = [...m.bandwidths.map((b) => `b=${b.type}:${b.bandwidth}`), m.ptime !== null ? `ptime ${m.ptime}` : '', m.maxptime !== null ? `maxptime ${m.maxptime}` : ''].filter(Boolean).join(' ');
  out.push(`${s.bold(`m=${m.kind}`)} mid ${m.mid ?? s.dim('none')}  ${direction}  port ${m.port}  ${m.protocol}${state}${caps ? `  ${caps}` : ''}`);
  const ice = m.ice.ufrag !== null
    ? `ICE${m.ice.source === 'session' ? s.dim(' (session level)') : ''} ufrag ${long(m.ice.ufrag)} pwd ${m.ice.pwd === null ? s.red('missing') : `${m.ice.pwd.length} chars`}${m.ice.options.length ? ` options ${long(m.ice.options.join(' '))}` : ''}`
    : s.red('ICE credentials missing');
  const dtls = m.fingerprints.length > 0
    ? `DTLS setup ${m.setup === null ? s.dim('none') : long(m.setup)} ${m.fingerprints.map((f) => `${long(f.algorithm)} ${shortFingerprint(f.value)}`).join(', ')}`
    // One written that does not read is not "no DTLS" (SFU audit: an Asterisk "a=fingerprint:SHA-256"): its own finding says what is wrong.
    : m.lines.some((l) => l.kind === 'other-attribute' && l.name === 'fingerprint') ? s.red('DTLS fingerprint unreadable')
    : m.protocol.includes('TLS') || m.protocol.includes('DTLS') ? s.red('DTLS fingerprint missing') : 'no DTLS';
  // a=rtcp-mux-only (RFC 8858) is shown as written (SFU audit: a webrtcbin offer's was not).
  const muxOnly = m.lines.some((l) => (l.kind === 'other-attribute' || l.kind === 'attribute') && l.name === 'rtcp-mux-only');
  const flags = [m.rtcpMux ? 'rtcp-mux' : '', muxOnly ? 'rtcp-mux-only' : '', m.rtcpRsize ? 'rtcp-rsize' : ''].filter(Boolean).join(' ');
  out.push(`  ${ice}  ·  ${dtls}${flags ? '  ·  ' + flags : ''}`);
  if (m.codecs.length > 0) {
    out.push('  codecs:');
    for (const c of m.codecs) out.push(`    ${codecLine(c)}`);
  }
  if (m.sctpPort !== null) out.push(`  SCTP port ${m.sctpPort}${m.maxMessageSize !== null ? `, max-message-size ${m.maxMessageSize === 0 ? '0 (no limit)' : m.maxMessageSize} (the largest message it receives)` : ''}${m.sctpmap ? ' (legacy sctpmap)' : ''}`);
  // Its direction when written (2/recvonly), and a name after a "#" too (the dependency descriptor's URI; audits: both were lost).
  if (m.extmaps.length > 0) out.push(`  header extensions: ${m.extmaps.map((e) => `${e.id}${e.direction !== null ? `/${e.direction}` : ''} ${innerExtension(e).includes('\\') ? innerExtension(e) : innerExtension(e).replace(/^.*[/:#]/, '')}${innerExtension(e) !== e.uri ? ' (encrypted)' : ''}`).join(', ')}`);
  const ssrcIds = [...new Set(m.ssrcs.map((x) => x.ssrc))];
  if (ssrcIds.length > 0) out.push(`  ssrcs: ${ssrcIds.join(' ')}${m.ssrcGroups.length ? `  groups: ${m.ssrcGroups.map((g) => `${g.semantics}(${g.ssrcs.join(' ')})`).join(' ')}` : ''}`);
  if (m.msids.length > 0) out.push(`  msid: ${m.msids.map((x) => `${x.streamId} ${x.trackId ?? ''}`.trim()).join(', ')}`);
  // Each rid's restrictions as written (pt=, max-width…: simulcast audit, only --json had them), cut at 60 characters.
  if (m.rids.length > 0) out.push(`  rids: ${m.rids.map((r) => `${r.id} ${r.direction}${r.params ? ` (${r.params.length > 60 ? `${r.params.slice(0, 60)}…` : r.params})` : ''}`).join(', ')}${m.simulcast ? `  simulcast ${[m.simulcast.send ? 'send ' + m.simulcast.send : '', m.simulcast.recv ? 'recv ' + m.simulcast.recv : ''].join(' ').trim()}` : ''}`);
  out.push(`  candidates: ${m.candidates.length}${m.endOfCandidates ? ' (end-of-candidates)' : ''}`);
  return out;
}

function sessionLine(d: SessionDescription): string {
  const parts = [
    d.origin ? `o=${d.origin.username} ${d.origin.sessionId} ${d.origin.sessionVersion}` : 'no origin',
    d.bundleGroups.length > 0 ? `BUNDLE ${d.bundleGroups.map(groupMids).join(' | ')}` : 'no BUNDLE',
    // Every other group too (sdp-diff audit: OBS's a=group:LS, which some servers choke on, was not shown).
    ...d.groups.filter((g) => g.semantics.toUpperCase() !== 'BUNDLE').map((g) => `group ${g.semantics} ${g.mids.join(' ')}`.trimEnd()),
    ...d.lines.flatMap((l) => (l.kind === 'bandwidth' ? [`b=${l.value.type}:${l.value.bandwidth}`] : [])),
    d.iceLite ? 'ice-lite' : '',
    d.extmapAllowMixed ? 'extmap-allow-mixed' : '',
    d.msidSemantic ? `msid-semantic ${d.msidSemantic.semantic}` : '',
  ];
  return parts.filter(Boolean).join('  ·  ');
}

function describeSource(f: FoundDescription, name: string): string {
  const where = [`${name}:${f.source.line}`];
  if (f.source.peerConnection) where.push(`pc ${f.source.peerConnection}`);
  if (f.source.event) where.push(f.source.event);
  return where.join(', ');
}

/** The lines of one description's block: its media, the candidates read in it, its findings, a blank line. */
export function descriptionBlock(f: FoundDescription, cands: readonly FoundCandidate[], name: string, s: Style): string[] {
  const out: string[] = [];
  const d = f.description;
  const title = d.fragment ? 'SDP fragment' : f.type ?? 'SDP (type unknown)';
  out.push(s.bold.underline(`${title}`) + s.dim(`  (${describeSource(f, name)}) — ${d.media.length} m-line${d.media.length === 1 ? '' : 's'}`));
  out.push(`  ${sessionLine(d)}`);
  for (const m of d.media) pushAll(out, mediaBlock(m, s).map((l) => '  ' + l));
  if (cands.length > 0) out.push(renderCandidateTable(cands, s).split('\n').map((l) => '    ' + l).join('\n'));
  if (d.diagnostics.length > 0 || f.typeFindings.length > 0) {
    // A description's findings count its own lines: those of the input only for an SDP file read as
    // one. Said where they differ, beside the candidate table's input lines (pairs audit: "line 23"
    // and "sdp line 14" of one candidate, unexplained).
    const own = f.source.format === 'sdp' && f.source.line === 1;
    out.push(own ? '  diagnostics:' : `  diagnostics (sdp lines count from the description's first line, ${name}:${f.source.line}):`);
    const label = own ? 'line' : 'sdp line';
    pushAll(out, renderDiagnostics([...d.diagnostics, ...f.typeFindings], s, Infinity, label).map((l) => '  ' + l));
  }
  out.push('');
  return out;
}

/** The title above the trickled candidates' table. */
export function trickledTitle(count: number, endsOfCandidates: number, s: Style): string {
  return s.bold.underline(`Trickled candidates: ${count}`) + (endsOfCandidates ? s.dim(`  (end-of-candidates seen ${endsOfCandidates}×)`) : '');
}

/**
 * What the closing lines need of a run of findings, without holding them: the errors and warnings
 * counted (those past the bound of their kind too), and the "what to do" of those that are not info, in the order first seen.
 */
export class FindingTally {
  errors = 0;
  warnings = 0;
  readonly actions = new ActionList();

  add(list: readonly Diagnostic[]): this {
    for (const d of list) {
      // Findings past the bound of their kind are counted in one diagnostics-elided: counted here as theirs.
      const [severity, count] = d.kind === 'diagnostics-elided' ? [SEVERITY[d.of], d.count] : [d.severity, 1];
      if (severity === 'error') this.errors += count;
      else if (severity === 'warning') this.warnings += count;
    }
    this.actions.add(list);
    return this;
  }
}

/**
 * The closing lines: the input's problems (`shown`: those not already in a table), what to do
 * once per kind, and the counts. `problems` are the input's, `inDescriptions` the tally of every
 * description's findings (after the problems in the "what to do" list, as they are in the report).
 */
export function closingLines(problems: readonly Diagnostic[], shown: readonly Diagnostic[], inDescriptions: FindingTally, descriptions: number, candidates: number, s: Style): string[] {
  const out: string[] = [];
  if (shown.length > 0) {
    out.push(s.bold('Input problems:'));
    pushAll(out, renderDiagnostics(shown, s));
  }
  const tally = new FindingTally().add(problems);
  const actions = renderActionList(new Map([...tally.actions.entries, ...inDescriptions.actions.entries]), s);
  if (actions.length > 0) {
    pushAll(out, actions);
    out.push('');
  }
  const errors = tally.errors + inDescriptions.errors;
  const warnings = tally.warnings + inDescriptions.warnings;
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  out.push(`${plural(descriptions, 'description')}, ${plural(candidates, 'candidate')} · ${errors ? s.red(plural(errors, 'error')) : '0 errors'}, ${plural(warnings, 'warning')}`);
  return out;
}

/**
 * A trickled candidate's own findings (a srflx without raddr, which Firefox rejects), placed at
 * its line, listed after the input's problems and counted, as an SDP's candidates' are counted
 * (candidates audit: "0 warnings"). In the order of the candidates, bounded per kind.
 */
export function trickledFindings(c: FoundCandidate): Diagnostic[] {
  // A message quoting a field is cut as a cell is (a megabyte-long field made a megabyte-long line).
  return (c.explanation?.warnings ?? []).map((w) => ({ ...w, message: clip(w.message, MAX_CELL * 4), line: c.source.line, mid: c.sdpMid, ...(c.source.file !== undefined ? { file: c.source.file } : {}) }) as Diagnostic);
}

/** The whole summary of a report held in memory (`parse` writes the same text as it reads: cli/commands/parse.ts). */
export function renderParse(report: InputReport, name: string, s: Style): string {
  const out: string[] = [];
  const inDescriptions = new FindingTally();
  for (const [k, f] of report.descriptions.entries()) {
    // As the reader reported them (a cut one refused), without reading the description again.
    pushAll(out, descriptionBlock(f, candidatesOfDescription(report, k) ?? candidatesInDescription(f.description, f.source), name, s));
    inDescriptions.add(f.description.diagnostics).add(f.typeFindings);
  }
  const trickled = report.candidates.filter((c) => !c.inDescription);
  if (trickled.length > 0) {
    out.push(trickledTitle(trickled.length, report.endOfCandidates.length, s));
    out.push(renderCandidateTable(trickled, s));
    out.push('');
  }
  // An unparseable trickled candidate is in the table already (a set of its lines: not a search of the table per problem).
  const rejectedLines = new Set(trickled.filter((c) => c.error).map((c) => c.source.line));
  const shown = report.problems.filter((p) => p.kind !== 'unparseable-candidate' || !rejectedLines.has(p.line ?? -1));
  const own: Diagnostic[] = [];
  const sink = boundedFindings(own);
  for (const c of trickled) for (const w of trickledFindings(c)) sink.push(w);
  pushAll(out, closingLines([...report.problems, ...own], [...shown, ...own], inDescriptions, report.descriptions.length, report.candidates.length, s));
  return out.map((l) => l + '\n').join('');
}

/** JSON for --json: what the library returns is JSON as is (errors through their toJSON, pair priorities as strings). */
export function toJson(value: unknown): string {
  return pretty(value);
}

/** A group's mids as written, an empty one as "" and none as such (a bare "a=group:BUNDLE" had read as "BUNDLE "). */
export const groupMids = (g: readonly string[]): string => (g.length === 0 ? '(no mid)' : g.map((m) => (m === '' ? '""' : m)).join(' '));
