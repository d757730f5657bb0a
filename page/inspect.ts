/**
 * The inspector: a call's signaling as the relay sees it (its read-only /feed, already
 * redacted), or any text pasted or dropped, shown as tables computed here in the browser by
 * sdpscope's core: timeline, m-lines, negotiation and diagnostics, candidates with decoded
 * priorities, NAT verdict, predicted pairs.
 */
import {
  CandidateAnalyzer,
  collectingSink,
  describeFrame,
  formatPriorityParts,
  negotiate,
  pairFromOne,
  scanInput,
  type AnalysisReport,
  type FoundDescription,
  type FrameSummary,
  type InputReport,
} from '../src/index.js';
import { walkJson } from '../src/input/json-walk.js';

interface FeedRecord {
  time: string;
  room: string;
  from: string;
  to: string[];
  size: number;
  frame: unknown;
  summary: FrameSummary;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

/** A table that scrolls inside its panel when wider than it; `wrap` names columns whose text may wrap (codec lists). */
function table(header: string[], rows: (string | Node)[][], wrap: readonly number[] = []): HTMLElement {
  const cell = (c: string | Node, i: number) => el('td', wrap.includes(i) ? { class: 'wrap' } : {}, c);
  return el('div', { class: 'scroll' }, el('table', {}, el('thead', {}, el('tr', {}, ...header.map((h) => el('th', {}, h)))), el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map(cell))))));
}

const cls = (text: string, c: string) => el('span', { class: c }, text);

/** What the tables are made of: descriptions, the candidate analysis, and (live) the timeline. */
interface View {
  descriptions: FoundDescription[];
  analysis: AnalysisReport;
  timeline?: FeedRecord[];
}

function render(view: View): HTMLElement {
  const box = el('div');
  if (view.timeline) {
    box.append(el('h3', {}, `Timeline (${view.timeline.length} frames)`));
    box.append(table(['time', 'from', 'to', 'bytes', 'frame'], view.timeline.map((r) => [r.time.slice(11, 23), r.from, r.to.join(',') || '-', String(r.size), describeFrame(r.summary)])));
  }
  for (const d of view.descriptions.filter((x) => !x.description.fragment)) {
    box.append(el('h3', {}, `${d.type ?? 'SDP'}${d.source.sender ? ` from ${d.source.sender}` : ''}`));
    box.append(table(['mid', 'kind', 'port', 'direction', 'ICE ufrag', 'setup', 'codecs'], d.description.media.map((m) => [m.mid ?? '-', m.kind, String(m.port), m.direction, m.ice.ufrag ?? '-', m.setup ?? '-', m.codecs.map((c) => `${c.payloadType} ${c.name}`).join(', ')]), [6]));
  }
  let pair: ReturnType<typeof pairFromOne> | null = null;
  try {
    pair = pairFromOne(view.descriptions, 'input');
  } catch {
    pair = null;
  }
  if (pair && pair.mode === 'negotiation') {
    const n = negotiate(pair.first.description, pair.second.description);
    box.append(el('h3', {}, 'Negotiation'));
    box.append(table(['mid', 'kind', 'status', 'direction', 'negotiated (offer PT/answer PT)', 'dropped'], n.media.map((m) => [
      m.mid ?? '-',
      m.kind,
      cls(m.status, m.status === 'rejected' || m.status === 'missing' ? 'bad' : 'ok'),
      `${m.direction.offer} → ${m.direction.answer ?? '-'}`,
      m.codecs.negotiated.map((c) => `${c.name} ${c.offerPayloadType}/${c.answerPayloadType}`).join(', '),
      m.codecs.offerOnly.map((c) => c.reason).join('; '),
    ]), [4, 5]));
    box.append(n.diagnostics.length === 0
      ? cls('no negotiation findings', 'ok')
      : table(['severity', 'code', 'mid', 'message'], n.diagnostics.map((d) => [cls(d.severity, d.severity === 'error' ? 'bad' : d.severity === 'warning' ? 'warn' : 'dim'), d.kind, d.mid ?? '-', d.message]), [3]));
  }
  for (const s of view.analysis.sessions) {
    if (s.counts.total === 0) continue;
    box.append(el('h3', {}, `Candidates of ${s.session}${s.origin.sender ? ` (${s.origin.sender})` : ''}`));
    box.append(table(['type', 'proto', 'address', 'port', 'priority (type|local|comp)', 'related', 'relay', 'class'], s.candidates.map(({ candidate: c, explanation: x }) => {
      return [c.type, c.transport, c.address, String(c.port), formatPriorityParts(x.priority), c.relatedAddress !== null ? `${c.relatedAddress}:${c.relatedPort}` : '', x.relayProtocol?.label ?? '', x.address.class];
    })));
    box.append(el('div', {}, 'NAT mapping: ', cls(s.nat.mapping, s.nat.mapping === 'address-dependent' ? 'bad' : s.nat.mapping === 'unknown' ? 'dim' : 'ok'), ` — ${s.nat.seedTypes}`));
    for (const e of s.nat.evidence) box.append(el('div', { class: 'dim' }, `· ${e}`));
  }
  for (const call of view.analysis.calls) {
    box.append(el('h3', {}, `Predicted pairs: ${call.sessions.join(' ⇄ ')} (${call.basis})`));
    box.append(table(['#', 'local', 'remote', 'pair priority', 'note'], call.pairs.slice(0, 20).map((p) => [p.order === null ? '✗' : String(p.order), `${p.local.candidate.type} ${p.local.candidate.address}:${p.local.candidate.port}`, `${p.remote.candidate.type} ${p.remote.candidate.address}:${p.remote.candidate.port}`, p.priority, p.reason ?? ''])));
  }
  const findings = view.analysis.diagnostics.filter((d) => d.severity !== 'info');
  if (findings.length > 0) box.append(el('h3', {}, 'Candidate findings'), table(['severity', 'code', 'session', 'message'], findings.map((d) => [cls(d.severity, d.severity === 'error' ? 'bad' : 'warn'), d.kind, 'session' in d ? (d.session ?? '-') : '-', d.message])));
  return box;
}

/** The view of a relay room: its records walked by the core, as sdpscope reads a relay log. */
function roomView(records: FeedRecord[]): View {
  const sink = collectingSink();
  const analyzer = new CandidateAnalyzer();
  records.forEach((r, i) => {
    walkJson(r, { line: i + 1, format: 'json' }, sink);
    walkJson(r, { line: i + 1, format: 'json' }, analyzer);
  });
  return { descriptions: sink.report.descriptions, analysis: analyzer.finish(), timeline: records };
}

/** The view of pasted or dropped text, with what the readers found wrong in it. */
function textView(text: string): View & { problems: InputReport['problems']; candidates: number } {
  const sink = collectingSink();
  scanInput(text, sink);
  const analyzer = new CandidateAnalyzer();
  scanInput(text, analyzer);
  return { descriptions: sink.report.descriptions, analysis: analyzer.finish(), problems: sink.report.problems, candidates: sink.report.candidates.length };
}

/** The offline panel: the tables, or why there are none. */
function renderText(text: string): HTMLElement {
  if (text.trim() === '') return el('p', { id: 'empty' }, 'Nothing to read: paste an SDP, a pair of SDPs, a candidate log, a frame log or a webrtc-internals dump, or drop a file.');
  const view = textView(text);
  const box = el('div');
  if (view.descriptions.length === 0 && view.candidates === 0) {
    box.append(el('p', { id: 'empty' }, 'Nothing found: no SDP and no ICE candidate in this text. sdpscope reads raw SDP (v=0…), {type, sdp} JSON, signaling frames, candidate: lines, NDJSON logs and webrtc-internals dumps.'));
  } else box.append(render(view));
  if (view.problems.length > 0) {
    box.append(el('h3', {}, 'Input problems'), table(['severity', 'kind', 'line', 'message'], view.problems.map((p) => [cls(p.severity, p.severity === 'error' ? 'bad' : 'warn'), p.kind, p.line === null ? '-' : String(p.line), p.message]), [3]));
  }
  return box;
}

// Live: the relay's read-only feed.
const rooms = new Map<string, FeedRecord[]>();
let scheduled = false;
function redraw(): void {
  scheduled = false;
  const container = $('rooms');
  container.replaceChildren(...[...rooms].map(([name, records]) => el('section', { 'data-room': name }, el('h2', {}, `Room ${name}`), render(roomView(records)))));
}

const params = new URLSearchParams(location.search);
const feedUrl = new URL(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/feed`);
if (params.get('token')) feedUrl.searchParams.set('token', params.get('token')!);
if (params.get('offline') === null) {
  const feed = new WebSocket(feedUrl);
  feed.onopen = () => ($('status').textContent = 'live');
  feed.onclose = () => ($('status').textContent = 'feed closed');
  feed.onmessage = (e: MessageEvent<string>) => {
    const r = JSON.parse(e.data) as FeedRecord;
    const list = rooms.get(r.room) ?? [];
    list.push(r);
    rooms.set(r.room, list);
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(redraw);
    }
  };
} else {
  $('status').textContent = 'offline';
  // /inspect?offline: the offline panel is what the page is for.
  $<HTMLDetailsElement>('offline').open = true;
}

// Offline: paste or drop.
const analyse = (text: string) => $('offlineView').replaceChildren(renderText(text));
$('analyse').onclick = () => analyse($<HTMLTextAreaElement>('paste').value);
$('drop').addEventListener('dragover', (e) => e.preventDefault());
$('drop').addEventListener('drop', (e) => {
  e.preventDefault();
  const file = (e as DragEvent).dataTransfer?.files[0];
  if (file) void file.text().then((t) => {
    $<HTMLTextAreaElement>('paste').value = t;
    analyse(t);
  });
});
(window as unknown as { sdpscopeInspector: { rooms: typeof rooms; analyse: typeof analyse } }).sdpscopeInspector = { rooms, analyse };
