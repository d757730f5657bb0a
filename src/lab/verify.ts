/**
 * What a lab call must show, checked against sdpscope's own tools run on the relay's log
 * (`sdpscope candidates --json`, `sdp-diff --json`, as a user would run them): each check
 * compares what the tools say with what the browsers reported (getStats, the frames they sent).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BUILT_CLI as CLI, BUILT_SDP_DIFF as SDP_DIFF } from '../node/paths.js';
import { redactFrame } from '../analysis/redact.js';
import { decodePriority } from '../candidate/priority.js';
import type { SessionDescription } from '../sdp/model.js';
import { parseSdp } from '../sdp/parse.js';
import type { LabCallResult, LabCandidateStats, LabPeerResult } from './call.js';


export type LabCheckName = 'connected' | 'flow' | 'relay-log' | 'candidates' | 'nat' | 'codecs' | 'rejected' | 'pair';

/** What each check compares (for the README and `sdpscope lab --help`). */
export const LAB_CHECKS: Record<LabCheckName, string> = {
  connected: 'both browsers report ICE connected or completed',
  flow: 'media arrives both ways (video frames decoded, audio packets) or data channel messages arrive',
  'relay-log': 'the relay logged every frame each page sent, in order (ice-pwd redacted)',
  candidates: '`sdpscope candidates` on the log lists each browser\'s getStats local candidates (prflx aside): the same count, type, priority and its split, and relay protocol',
  nat: 'the NAT verdict per side: address-dependent behind the symmetric NAT, never behind the others',
  codecs: '`sdp-diff` on the log: each codec a browser sends with (getStats) is negotiated with the same payload type, and is the first negotiated codec',
  rejected: '`sdp-diff` reports rejected exactly the m-lines the answer rejected (port 0)',
  pair: 'the pair each browser selected is in sdpscope\'s predicted pairs, a srflx or prflx end standing for its base (the pair that was checked, RFC 8445 §6.1.2.4, §7.2.5.3.2); at least one side\'s must be checkable',
};

export interface LabCheck {
  readonly name: LabCheckName;
  readonly ok: boolean;
  readonly detail: string;
}

interface ReportCandidate {
  session: string;
  address: string;
  port: number;
  transport: string;
  type: string;
  priority: number;
  priorityParts: { typePreference: number; localPreference: number; componentId: number };
  relayProtocol: string | null;
  relayProtocolCertainty: string | null;
  relayProtocols: string[];
  sdpMid: string | null;
  component: number;
  tcpType: string | null;
  relatedAddress: string | null;
  relatedPort: number | null;
}
interface ReportSession {
  session: string;
  ufrag: string | null;
  nat: { mapping: string; evidence: string[] };
  counts: { byType: Record<string, number> };
}
interface ReportEnd {
  session: string;
  address: string;
  port: number;
  transport: string;
  type: string;
}
interface CandidatesReport {
  candidates: ReportCandidate[];
  sessions: ReportSession[];
  pairs: { local: ReportEnd; remote: ReportEnd; viable: boolean; order: number | null }[];
}
interface DiffReport {
  media: { index: number; kind: string; mid: string | null; status: string; codecs: { negotiated: { mimeType: string; offerPayloadType: number; answerPayloadType: number; role: string | null }[] } }[];
}

function runJson<T>(script: string, args: readonly string[]): T {
  try {
    return JSON.parse(execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 })) as T;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    // sdp-diff exits 1 when the negotiation has errors but still prints its JSON.
    if (err.stdout?.startsWith('{')) return JSON.parse(err.stdout) as T;
    throw new Error(`${script} ${args.join(' ')} failed: ${err.stderr ?? String(e)}`);
  }
}

const endpoint = (c: { address: string; port: number }) => `${c.address}:${c.port}`;
const peerName = (p: LabPeerResult) => `${p.side.toUpperCase()} (${p.browser}, ${p.nat})`;

/** What the checks read of a peer's local description, parsed once by the core. */
interface PeerDescription {
  readonly description: SessionDescription | null;
  /** Its ICE ufrag: the peer's session in the candidates report. */
  readonly ufrag: string | null;
  /** The mid of the m-line whose transport survives (the BUNDLE tag, RFC 9143 §7.2.1), or the first. */
  readonly keptMid: string | null;
}

function describePeer(p: LabPeerResult): PeerDescription {
  const d = p.localDescription ? parseSdp(p.localDescription.sdp) : null;
  return {
    description: d,
    ufrag: d?.media.find((m) => m.ice.ufrag !== null)?.ice.ufrag ?? d?.iceUfrag ?? null,
    keptMid: d?.bundle?.[0] ?? d?.media[0]?.mid ?? null,
  };
}

type Described = ReadonlyMap<LabPeerResult, PeerDescription>;

function checkRelayLog(r: LabCallResult): LabCheck {
  const bySender = new Map<string, string[]>();
  for (const line of readFileSync(r.relayLog, 'utf8').split('\n')) {
    if (!line.includes('"frame"')) continue;
    const rec = JSON.parse(line) as { from?: string; frame?: unknown };
    if (rec.from === undefined || rec.frame === undefined) continue;
    const list = bySender.get(rec.from) ?? [];
    if (list.length === 0) bySender.set(rec.from, list);
    list.push(JSON.stringify(rec.frame));
  }
  const problems: string[] = [];
  const counts: string[] = [];
  for (const p of [r.peers.a, r.peers.b]) {
    const sent = p.sent.map((f) => JSON.stringify(redactFrame(f)));
    const match = [...bySender.entries()].find(([, logged]) => logged.length === sent.length && logged.every((f, i) => f === sent[i]));
    if (match) counts.push(`${p.side.toUpperCase()} ${sent.length} frames as ${match[0]}`);
    else problems.push(`${peerName(p)} sent ${sent.length} frames; the log has ${[...bySender.entries()].map(([k, v]) => `${v.length} from ${k}`).join(', ')}, not the same`);
  }
  return { name: 'relay-log', ok: problems.length === 0, detail: problems.length ? problems.join('; ') : counts.join(', ') };
}

function checkCandidates(r: LabCallResult, report: CandidatesReport, described: Described): LabCheck {
  const problems: string[] = [];
  const notes: string[] = [];
  for (const p of [r.peers.a, r.peers.b]) {
    const { ufrag, keptMid: mid } = described.get(p)!;
    const session = report.sessions.find((s) => s.ufrag === ufrag);
    if (!session) {
      problems.push(`${peerName(p)}: no session with ufrag ${ufrag} in the report`);
      continue;
    }
    // getStats shows the transport that survives: the BUNDLE tag's, RTP component only (an
    // offerer gathers for every m-line and for RTCP until the answer accepts BUNDLE and rtcp-mux).
    const logged = report.candidates.filter((c) => c.session === session.session && c.component === 1 && (c.sdpMid === null || mid === null || c.sdpMid === mid));
    const stats = p.localCandidates.filter((c) => c.candidateType !== 'prflx');
    if (logged.length !== stats.length) problems.push(`${peerName(p)}: ${stats.length} local candidates in getStats, ${logged.length} in the report (mid ${mid}, component 1)`);
    for (const s of stats) {
      // An active TCP candidate is signaled with port 9 (RFC 6544 §4.5); getStats may show the socket's port.
      const samePort = (x: ReportCandidate) => x.port === s.port || (x.transport.toLowerCase() === 'tcp' && x.tcpType === 'active' && x.port === 9);
      const c = logged.find((x) => x.address === s.address && samePort(x) && x.transport.toLowerCase() === s.protocol.toLowerCase());
      if (!c) {
        problems.push(`${peerName(p)}: getStats ${s.candidateType} ${s.protocol} ${endpoint(s)} is not in the report`);
        continue;
      }
      const d = decodePriority(s.priority);
      if (c.type !== s.candidateType || c.priority !== s.priority) problems.push(`${peerName(p)} ${endpoint(s)}: report ${c.type} ${c.priority}, getStats ${s.candidateType} ${s.priority}`);
      const parts = c.priorityParts;
      if (parts.typePreference !== d.typePreference || parts.localPreference !== d.localPreference || parts.componentId !== d.componentId) problems.push(`${peerName(p)} ${endpoint(s)}: priority split ${JSON.stringify(parts)} ≠ ${JSON.stringify(d)}`);
      if (s.candidateType === 'relay' && s.relayProtocol !== null) {
        if (c.relayProtocolCertainty === 'certain' && c.relayProtocol !== s.relayProtocol) problems.push(`${peerName(p)} ${endpoint(s)}: relay over ${c.relayProtocol} in the report, ${s.relayProtocol} in getStats`);
        else if (c.relayProtocolCertainty === 'ambiguous') {
          if (!c.relayProtocols.includes(s.relayProtocol)) problems.push(`${peerName(p)} ${endpoint(s)}: relay over ${c.relayProtocols.join(' or ')} in the report, ${s.relayProtocol} in getStats`);
          else notes.push(`${p.side.toUpperCase()} relay ${endpoint(s)} ${c.relayProtocols.join('/')} (ambiguous; getStats ${s.relayProtocol})`);
        } else if (c.relayProtocolCertainty !== 'certain') problems.push(`${peerName(p)} ${endpoint(s)}: relay protocol unknown in the report, ${s.relayProtocol} in getStats`);
      }
    }
    notes.unshift(`${p.side.toUpperCase()} ${stats.length} = ${logged.length} (${stats.map((s) => `${s.candidateType}${s.relayProtocol ? `/${s.relayProtocol}` : ''}`).join(' ')})`);
  }
  return { name: 'candidates', ok: problems.length === 0, detail: problems.length ? problems.join('; ') : notes.join('; ') };
}

function checkNat(r: LabCallResult, report: CandidatesReport, described: Described): LabCheck {
  const problems: string[] = [];
  const notes: string[] = [];
  for (const p of [r.peers.a, r.peers.b]) {
    const session = report.sessions.find((s) => s.ufrag === described.get(p)!.ufrag);
    const mapping = session?.nat.mapping ?? 'no session';
    notes.push(`${p.side.toUpperCase()} ${p.nat}: ${mapping}`);
    if (p.nat === 'symmetric' && mapping !== 'address-dependent') problems.push(`${peerName(p)} is behind a symmetric NAT but the report says ${mapping} (${session?.nat.evidence.join('; ')})`);
    if (p.nat !== 'symmetric' && mapping === 'address-dependent') problems.push(`${peerName(p)} is behind a ${p.nat} NAT but the report says address-dependent`);
    if (p.nat === 'udp-blocked' && (session?.counts.byType['srflx'] ?? 0) > 0) problems.push(`${peerName(p)}: UDP is blocked, yet the log has srflx candidates`);
  }
  return { name: 'nat', ok: problems.length === 0, detail: problems.length ? problems.join('; ') : notes.join(', ') };
}

function checkCodecs(r: LabCallResult, diff: DiffReport): LabCheck {
  const problems: string[] = [];
  const notes: string[] = [];
  for (const p of [r.peers.a, r.peers.b]) {
    const offerer = p.localDescription?.type === 'offer';
    const byId = new Map(p.stats.map((s) => [s.id, s]));
    for (const out of p.stats.filter((s) => s.type === 'outbound-rtp' && s['codecId'] !== undefined)) {
      const codec = byId.get(String(out['codecId']));
      if (!codec) continue;
      const mime = String(codec['mimeType']).toLowerCase();
      const pt = Number(codec['payloadType']);
      const m = diff.media.find((x) => x.kind === out['kind'] && x.status === 'accepted');
      if (!m) {
        problems.push(`${peerName(p)} sends ${mime} but sdp-diff has no accepted ${String(out['kind'])} m-line`);
        continue;
      }
      // A sender uses the payload types of the description it received (RFC 3264 §5.1).
      const listed = m.codecs.negotiated.find((c) => c.mimeType.toLowerCase() === mime && (offerer ? c.answerPayloadType : c.offerPayloadType) === pt);
      const first = m.codecs.negotiated.find((c) => c.role === null);
      if (!listed) problems.push(`${peerName(p)} sends ${mime} PT ${pt}: not in sdp-diff's negotiated ${m.kind} codecs`);
      else if (first?.mimeType.toLowerCase() !== mime) problems.push(`${peerName(p)} sends ${mime} but sdp-diff's first negotiated ${m.kind} codec is ${first?.mimeType}`);
      else notes.push(`${p.side.toUpperCase()} ${mime} ${pt}`);
    }
  }
  return { name: 'codecs', ok: problems.length === 0 && notes.length > 0, detail: problems.length ? problems.join('; ') : notes.length ? notes.join(', ') : 'no codec in use in getStats' };
}

function checkRejected(r: LabCallResult, diff: DiffReport, described: Described): LabCheck {
  const answerer = [r.peers.a, r.peers.b].find((p) => p.localDescription?.type === 'answer');
  const rejectedInAnswer = (answerer ? described.get(answerer)!.description!.media : []).flatMap((m, i) => (m.port === 0 ? [i] : []));
  const rejected = diff.media.filter((m) => m.status === 'rejected');
  const rejectedByDiff = rejected.map((m) => m.index);
  return {
    name: 'rejected',
    ok: JSON.stringify(rejectedInAnswer) === JSON.stringify(rejectedByDiff),
    detail: `answer rejects m-lines [${rejectedInAnswer.join(', ')}], sdp-diff reports [${rejectedByDiff.join(', ')}]${rejected.length ? ` (${rejected.map((m) => m.kind).join(', ')})` : ''}`,
  };
}

type Endpoint = { readonly address: string; readonly port: number };

/**
 * The signaled candidates a selected-pair end stands for. A srflx or prflx is its base
 * (RFC 8445 §6.1.2.4 prunes a srflx to its base; §7.2.5.3.2: a check from a base whose response
 * reveals a mapping yields a valid pair with that reflexive candidate). The base comes from the
 * browser that owns the candidate: its relatedAddress, else its host candidates of that protocol.
 * A remote candidate is first found among the other browser's own local candidates (Chromium
 * hides a remote prflx's address; the port then has to do). Null: nothing signaled to stand for.
 */
function signaledEnds(end: LabCandidateStats, owner: LabPeerResult, own: boolean): Endpoint[] | null {
  if (end.candidateType === 'host' || end.candidateType === 'relay') return [end];
  const known = own ? end : owner.localCandidates.find((c) => c.port === end.port && (end.address === '' || c.address === end.address));
  if (!known) return null;
  if (known.relatedAddress !== null && known.relatedPort !== null && known.candidateType !== 'relay') return [{ address: known.relatedAddress, port: known.relatedPort }];
  const hosts = owner.localCandidates.filter((c) => c.candidateType === 'host' && c.protocol === end.protocol);
  return hosts.length > 0 ? hosts : null;
}

function checkPair(r: LabCallResult, report: CandidatesReport): LabCheck {
  const problems: string[] = [];
  const notes: string[] = [];
  let checked = 0;
  for (const [p, other] of [[r.peers.a, r.peers.b], [r.peers.b, r.peers.a]] as const) {
    const sel = p.selectedPair;
    if (!sel) {
      problems.push(`${peerName(p)} reports no selected pair`);
      continue;
    }
    const text = `${sel.local.candidateType} ${endpoint(sel.local)} ↔ ${sel.remote.candidateType} ${endpoint(sel.remote)}`;
    const locals = signaledEnds(sel.local, p, true);
    const remotes = signaledEnds(sel.remote, other, false);
    if (!locals || !remotes) {
      notes.push(`${p.side.toUpperCase()} ${text}: the ${!locals ? 'local' : 'remote'} candidate stands for nothing signaled, not predictable`);
      continue;
    }
    const is = (e: ReportEnd, c: Endpoint) => e.address === c.address && e.port === c.port;
    const found = report.pairs.find((x) => x.viable && locals.some((l) => remotes.some((rm) => (is(x.local, l) && is(x.remote, rm)) || (is(x.remote, l) && is(x.local, rm)))));
    checked++;
    const via = locals[0] !== sel.local || remotes[0] !== sel.remote ? ` as ${locals.map(endpoint).join(' or ')} ↔ ${remotes.map(endpoint).join(' or ')}` : '';
    if (found) notes.push(`${p.side.toUpperCase()} ${text}: predicted${via}, check order ${found.order}`);
    else problems.push(`${peerName(p)} selected ${text}${via}, not in sdpscope's ${report.pairs.length} predicted pairs`);
  }
  if (checked === 0 && problems.length === 0) problems.push('neither side\'s selected pair stands for signaled candidates');
  return { name: 'pair', ok: problems.length === 0, detail: [...problems, ...notes].join('; ') };
}

/** What sdpscope's tools say about a relay log: `sdpscope candidates --json` and `sdp-diff --json`, run as a user runs them. */
export interface LabToolReports {
  readonly candidates: CandidatesReport;
  readonly diff: DiffReport;
}

export function runLabTools(relayLog: string): LabToolReports {
  return { candidates: runJson<CandidatesReport>(CLI, ['candidates', '--json', relayLog]), diff: runJson<DiffReport>(SDP_DIFF, ['--json', relayLog]) };
}

/** Runs every check on a finished lab call (the tools' reports on its log can be passed in, to reuse them). */
export function verifyLabCall(r: LabCallResult, tools: LabToolReports = runLabTools(r.relayLog)): LabCheck[] {
  const checks: LabCheck[] = [];
  const peers = [r.peers.a, r.peers.b];
  const connected = peers.every((p) => /ICE (connected|completed)/.test(p.state));
  checks.push({ name: 'connected', ok: connected, detail: peers.map((p) => `${p.side.toUpperCase()} ${p.state}`).join(', ') });
  const flowing = peers.every((p) => (r.options.media === 'data' ? p.flow.messages > 0 : p.flow.audioPacketsReceived > 0));
  checks.push({ name: 'flow', ok: flowing, detail: peers.map((p) => `${p.side.toUpperCase()} ${r.options.media === 'data' ? `${p.flow.messages} message(s)` : `${p.flow.videoFramesDecoded} video frames, ${p.flow.audioPacketsReceived} audio packets`}`).join(', ') });
  checks.push(checkRelayLog(r));
  const report = tools.candidates;
  const described: Described = new Map(peers.map((p) => [p, describePeer(p)]));
  checks.push(checkCandidates(r, report, described));
  checks.push(checkNat(r, report, described));
  if (r.options.media === 'audio-video') checks.push(checkCodecs(r, tools.diff));
  checks.push(checkRejected(r, tools.diff, described));
  checks.push(checkPair(r, report));
  return checks;
}
