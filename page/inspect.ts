/**
 * The inspector: a call's signaling as the relay sees it (its read-only /feed, already
 * redacted), or any text pasted or dropped, shown as tables computed here in the browser by
 * sdpscope's core: timeline, m-lines, negotiation and diagnostics, candidates with decoded
 * priorities, NAT verdict, predicted pairs.
 */
import {
  CandidateAnalyzer,
  describePair,
  explainIce,
  readStatsDump,
  type IcePairInfo,
  type IceReport,
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
import { escapeUnsafe } from '../src/escape.js';

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

/**
 * An element with its attributes and children. Every text child is shown with its invisible and
 * bidi characters escaped (escapeUnsafe): the page shows what clients sent, and a U+202E in a
 * frame's type, a codec name or a candidate turned the text after it around ("10.0.0.1" read
 * "1.0.0.01"; lab audit). Room names were escaped before; now every text is, wherever it is put.
 */
function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(typeof c === 'string' ? escapeUnsafe(c) : c);
  return e;
}

/** Rows a table shows, at most (a 1 MB offer of 45,000 m-lines made as many rows, and froze the page for 10 s; pages audit). */
const MAX_ROWS = 200;
/** A cell's text, at most (characters). */
const MAX_CELL = 300;
const cut = (t: string) => (t.length > MAX_CELL ? `${t.slice(0, MAX_CELL - 1)}…` : t);

/** A table that scrolls inside its panel when wider than it; `wrap` names columns whose text may wrap (codec lists). */
function table(header: string[], rows: (string | Node)[][], wrap: readonly number[] = []): HTMLElement {
  const cell = (c: string | Node, i: number) => el('td', wrap.includes(i) ? { class: 'wrap' } : {}, typeof c === 'string' ? cut(c) : c);
  const shown = rows.length > MAX_ROWS ? rows.slice(0, MAX_ROWS) : rows;
  const box = el('div', { class: 'scroll' }, el('table', {}, el('thead', {}, el('tr', {}, ...header.map((h) => el('th', {}, h)))), el('tbody', {}, ...shown.map((r) => el('tr', {}, ...r.map(cell))))));
  if (rows.length > MAX_ROWS) box.append(el('div', { class: 'dim' }, `… and ${rows.length - MAX_ROWS} more rows`));
  return box;
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
      cls(m.status, m.status === 'rejected' || m.status === 'missing' || m.status === 'mismatched' ? 'bad' : 'ok'),
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
  // A record's from and room are the relay's: the frame's own keys cannot replace them (json-walk's pinned context).
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

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag: string, attrs: Record<string, string | number>, ...children: Node[]): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  for (const c of children) e.append(c);
  return e;
}

const STATE_COLOURS: Record<string, string> = { succeeded: '#0a7d2c', failed: '#b00020', 'in-progress': '#d08a00', waiting: '#bbb', frozen: '#ddd', cancelled: '#888' };

/**
 * A pair over time: its state as a coloured band, its RTT (ms) and the bytes it received per
 * second as lines, on the dump's time axis (seconds from the first sample).
 */
function pairPlot(p: IcePairInfo, t0: number, t1: number): SVGElement {
  const W = 640;
  const H = 120;
  const x = (t: number) => (t1 > t0 ? ((t - t0) / (t1 - t0)) * W : 0);
  const band = p.states.map((s, i) => {
    const end = p.states[i + 1]?.time ?? t1;
    return svg('rect', { x: x(s.time), y: 0, width: Math.max(1, x(end) - x(s.time)), height: 10, fill: STATE_COLOURS[s.state] ?? '#999' }, svg('title', {}, document.createTextNode(`${s.state} from ${((s.time - t0) / 1000).toFixed(1)} s`)));
  });
  const line = (points: readonly [number, number][], colour: string, label: string) => {
    if (points.length === 0) return [];
    const max = points.reduce((m, q) => Math.max(m, q[1]), 1);
    const d = points.map(([t, v], i) => `${i ? 'L' : 'M'}${x(t).toFixed(1)},${(H - (v / max) * (H - 20)).toFixed(1)}`).join(' ');
    return [svg('path', { d, fill: 'none', stroke: colour, 'stroke-width': 1.5, 'data-series': label }, svg('title', {}, document.createTextNode(`${label}, max ${max}`)))];
  };
  // Bytes received per second, from the cumulative counter.
  const rate: [number, number][] = [];
  const b = p.series.bytesReceived;
  for (let i = 1; i < b.length; i++) {
    const dt = (b[i]![0] - b[i - 1]![0]) / 1000;
    if (dt > 0) rate.push([b[i]![0], Math.max(0, (b[i]![1] - b[i - 1]![1]) / dt)]);
  }
  return svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, class: 'plot', 'data-pair': p.id }, svg('rect', { x: 0, y: 0, width: W, height: H, fill: '#fafafa' }), ...band, ...line(p.series.rtt, '#1f5fbf', 'RTT (ms)'), ...line(rate, '#7a3fbf', 'bytes received per second'));
}

/** Pairs plotted at most, the selected first. */
const MAX_PLOTS = 50;

/** One peer connection of a dump: the verdict, the evidence, the pairs, the plots of the pairs that carried anything. */
function renderIce(r: IceReport): HTMLElement {
  const v = r.verdict;
  const box = el('section', { class: 'ice', 'data-pc': r.id });
  box.append(el('h3', {}, `Peer connection ${r.id}`), el('p', { class: 'verdict' }, cls(v.code, v.code === 'connected' ? 'ok' : 'bad'), `: ${v.message}`));
  box.append(el('ul', {}, ...v.evidence.map((e) => el('li', {}, e))));
  if (v.code !== 'connected') box.append(el('p', {}, cls('what to do: ', 'warn'), v.action));
  if (r.candidateErrors.length > 0) box.append(table(['error', 'url', 'from', 'explanation'], r.candidateErrors.map((e) => [cls(String(e.errorCode ?? '?'), 'bad'), e.url ?? '-', e.hostCandidate ?? '-', e.explanation]), [3]));
  if (r.pairs.length > 0) {
    // The selected and nominated first, rows made for what is shown only; times and plots by loop,
    // bounded (audit of the change: 130,000 pairs ran Math.min(...times) out of stack).
    const ordered = [...r.pairs.filter((p) => p.selected || p.nominated), ...r.pairs.filter((p) => !p.selected && !p.nominated)].slice(0, MAX_ROWS);
    box.append(
      table(
        ['', 'pair', 'state', 'checks sent/answered', 'received/answered', 'consent', 'RTT', 'bytes sent/received'],
        ordered.map((p) => [p.selected ? '*' : '', describePair(p), cls(p.state ?? '?', p.state === 'succeeded' ? 'ok' : p.state === 'failed' ? 'bad' : 'warn'), `${p.requestCountsReported ? p.requestsSent : '–'}/${p.responsesReceived}`, p.requestCountsReported ? `${p.requestsReceived}/${p.responsesSent}` : '–', (p.requestCountsReported ? String(p.consentRequestsSent) : '–'), p.currentRoundTripTime === null ? '-' : `${p.currentRoundTripTime} ms`, `${p.bytesSent}/${p.bytesReceived}`]),
      ),
    );
    if (r.pairs.length > ordered.length) box.append(el('div', { class: 'dim' }, `… and ${r.pairs.length - ordered.length} more pairs`));
    const plotted = r.pairs.filter((p) => p.selected || p.responsesReceived > 0 || p.bytesReceived > 0).slice(0, MAX_PLOTS);
    let t0 = Infinity;
    let t1 = -Infinity;
    for (const p of plotted) {
      for (const t of [...p.states.map((s) => s.time), ...p.series.rtt.map((q) => q[0]), ...p.series.bytesReceived.map((q) => q[0])]) {
        if (t < t0) t0 = t;
        if (t > t1) t1 = t;
      }
    }
    if (Number.isFinite(t0) && plotted.length > 0) {
      box.append(el('p', { class: 'dim' }, `Pairs over time (${((t1 - t0) / 1000).toFixed(1)} s): state band (green succeeded, amber in progress, red failed), RTT in blue, bytes received per second in purple.`));
      for (const p of plotted) box.append(el('div', {}, el('div', { class: 'dim' }, `${p.selected ? '* ' : ''}${describePair(p)}`), pairPlot(p, t0, t1)));
    }
  }
  return box;
}

/** A stats dump's peer connections and what to know about the dump (cut, lines skipped), or null when the text is not a dump. */
function iceReports(text: string): { reports: IceReport[]; notes: readonly string[] } | null {
  const start = text.trimStart();
  if (!(start.startsWith('RTCStatsDump') || start.startsWith('[') || /"PeerConnections"|"pcid"|"iceCandidatePairStats"/.test(start.slice(0, 100_000)))) return null;
  try {
    const dump = readStatsDump(text);
    return { reports: dump.peerConnections.map(explainIce), notes: dump.notes };
  } catch {
    return null;
  }
}

/** The offline panel: the tables, or why there are none. */
function renderText(text: string): HTMLElement {
  if (text.trim() === '') return el('p', { id: 'empty' }, 'Nothing to read: paste an SDP, a pair of SDPs, a candidate log, a frame log or a webrtc-internals dump, or drop a file.');
  const box = el('div');
  const dump = iceReports(text);
  const ice = dump?.reports ?? null;
  if (ice && ice.length > 0) {
    box.append(el('h3', {}, `Why did ICE fail? (${ice.length} peer connection${ice.length === 1 ? '' : 's'})`));
    // What sdpscope ice says first, marked "!": a dump cut short, lines skipped (audit of the change: the page said nothing).
    for (const n of dump!.notes) box.append(el('p', { class: 'note' }, cls('! ', 'warn'), n));
    box.append(...ice.map(renderIce));
  }
  const view = textView(text);
  if (view.descriptions.length === 0 && view.candidates === 0 && !(ice && ice.length > 0)) {
    box.append(el('p', { id: 'empty' }, 'Nothing found: no SDP and no ICE candidate in this text. sdpscope reads raw SDP (v=0…), {type, sdp} JSON, signaling frames, candidate: lines, NDJSON logs and webrtc-internals dumps.'));
  } else box.append(render(view));
  if (view.problems.length > 0) {
    box.append(el('h3', {}, 'Input problems'), table(['severity', 'kind', 'line', 'message'], view.problems.map((p) => [cls(p.severity, p.severity === 'error' ? 'bad' : 'warn'), p.kind, p.line === null ? '-' : String(p.line), p.message]), [3]));
  }
  return box;
}

// Live: the relay's read-only feed, in a bounded window (a client sending 1 MiB frames grew the
// page by 250 MB in 30 s, and every frame redrew every room; pages audit).
/** Records kept per room (the newest), and rooms kept (the most recently active). */
const ROOM_WINDOW = 500;
const MAX_ROOMS = 50;
/** Frame bytes kept over every room: past it, the oldest records of the least active rooms go first. */
const MAX_BYTES = 32 * 1024 * 1024;
let total = 0;
const sizeOf = (r: FeedRecord) => (typeof r.size === 'number' && Number.isFinite(r.size) ? r.size : 0);
const rooms = new Map<string, FeedRecord[]>();
const dropped = new Map<string, number>();
const dirty = new Set<string>();
const sections = new Map<string, HTMLElement>();
let scheduled = false;
function redraw(): void {
  scheduled = false;
  const container = $('rooms');
  // Only the rooms that changed are drawn again.
  for (const name of dirty) {
    const records = rooms.get(name);
    const old = sections.get(name);
    if (!records) {
      old?.remove();
      sections.delete(name);
      continue;
    }
    const gone = dropped.get(name) ?? 0;
    // The name quoted, its invisible and bidi characters escaped: rooms "default" and "default\u200b" looked the same.
    const section = el('section', { 'data-room': name }, el('h2', {}, `Room "${escapeUnsafe(name)}"`), ...(gone > 0 ? [el('div', { class: 'dim' }, `${gone} older frames dropped (the page keeps the newest ${ROOM_WINDOW} per room, ${MAX_BYTES / 1024 / 1024} MiB in all)`)] : []), render(roomView(records)));
    if (old) old.replaceWith(section);
    else container.append(section);
    sections.set(name, section);
  }
  dirty.clear();
  // Rooms dropped whole, said above the rest (lab audit: the 51st room took the first away without a word).
  if (roomsDropped > 0) {
    const note = el('div', { class: 'dim', id: 'rooms-dropped' }, `${roomsDropped} less active room${roomsDropped === 1 ? '' : 's'} dropped (the page shows the ${MAX_ROOMS} most recently active)`);
    const old = document.getElementById('rooms-dropped');
    if (old) old.replaceWith(note);
    else container.prepend(note);
  }
}

/** Rooms dropped whole (the least recently active, past MAX_ROOMS). */
let roomsDropped = 0;

function keep(r: FeedRecord): void {
  let list = rooms.get(r.room);
  if (list) rooms.delete(r.room);
  else list = [];
  // Re-inserted: the Map's order is the rooms' activity, oldest first.
  rooms.set(r.room, list);
  list.push(r);
  total += sizeOf(r);
  const drop = (name: string, from: FeedRecord[], n: number) => {
    for (const x of from.splice(0, n)) total -= sizeOf(x);
    dropped.set(name, (dropped.get(name) ?? 0) + n);
    dirty.add(name);
  };
  if (list.length > ROOM_WINDOW) drop(r.room, list, list.length - ROOM_WINDOW);
  dirty.add(r.room);
  while (rooms.size > MAX_ROOMS) {
    const oldest = rooms.keys().next().value as string;
    for (const x of rooms.get(oldest)!) total -= sizeOf(x);
    rooms.delete(oldest);
    dropped.delete(oldest);
    dirty.add(oldest);
    roomsDropped++;
  }
  // Bytes: the least active rooms' oldest records first; the newest record always stays.
  for (const [name, records] of rooms) {
    if (total <= MAX_BYTES) break;
    while (total > MAX_BYTES && records.length > (name === r.room ? 1 : 0)) drop(name, records, 1);
  }
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(redraw);
  }
}

const params = new URLSearchParams(location.search);
const feedUrl = new URL(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/feed`);
if (params.get('token')) feedUrl.searchParams.set('token', params.get('token')!);
/**
 * The feed, connected again after it closes (the relay cuts a subscriber that falls behind): its
 * replay refills the rooms. Waits double from 1 s to 30 s; the status says why it closed.
 */
function connectFeed(attempt: number): void {
  const feed = new WebSocket(feedUrl);
  let opened = false;
  feed.onopen = () => {
    opened = true;
    $('status').textContent = 'live';
    attempt = 0;
    // The relay replays its recent records to a new subscriber: the page starts again from them.
    for (const name of rooms.keys()) dirty.add(name);
    rooms.clear();
    dropped.clear();
    total = 0;
  };
  feed.onclose = (e: CloseEvent) => {
    const wait = Math.min(30, 2 ** attempt);
    // Refused before it opened (a browser sees no HTTP status: 1006 whatever it was): the likely causes said.
    const why = opened ? '' : `: the relay refused it? a missing or wrong ?token=, or this page's address: on a loopback or private address the relay takes the feed only from a page opened by IP address or localhost (http://${location.hostname === 'localhost' ? 'localhost' : '127.0.0.1'}:${location.port}/inspect), or from an origin its --origin names`;
    $('status').textContent = `feed closed (${e.code}${e.reason ? ` ${e.reason}` : ''})${why}; connecting again in ${wait} s`;
    if (attempt < 100) setTimeout(() => connectFeed(attempt + 1), wait * 1000);
  };
  feed.onmessage = (e: MessageEvent<string>) => {
    let r: FeedRecord;
    try {
      r = JSON.parse(e.data) as FeedRecord;
    } catch {
      return;
    }
    if (r === null || typeof r !== 'object' || typeof r.room !== 'string') return;
    keep(r);
  };
}
if (params.get('offline') === null) {
  connectFeed(0);
} else {
  $('status').textContent = 'offline';
  // /inspect?offline: the offline panel is what the page is for.
  $<HTMLDetailsElement>('offline').open = true;
}

// Offline: paste or drop.
const analyse = (text: string) => $('offlineView').replaceChildren(renderText(text));
$('analyse').onclick = () => analyse($<HTMLTextAreaElement>('paste').value);
$('drop').addEventListener('dragover', (e) => e.preventDefault());
/** A dropped file's text: gzip (Chrome's dump downloads) inflated in the browser. */
async function fileText(bytes: Uint8Array): Promise<string> {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text();
  }
  return new TextDecoder().decode(bytes);
}
const analyseBytes = async (bytes: Uint8Array) => {
  const t = await fileText(bytes);
  $<HTMLTextAreaElement>('paste').value = t.length > 1_000_000 ? `${t.slice(0, 1_000_000)}\n… (${t.length} characters: the whole file was analysed)` : t;
  analyse(t);
};
$('drop').addEventListener('drop', (e) => {
  e.preventDefault();
  const file = (e as DragEvent).dataTransfer?.files[0];
  if (file) void file.arrayBuffer().then((b) => analyseBytes(new Uint8Array(b)));
});
(window as unknown as { sdpscopeInspector: { rooms: typeof rooms; analyse: typeof analyse; analyseBytes: typeof analyseBytes } }).sdpscopeInspector = { rooms, analyse, analyseBytes };
