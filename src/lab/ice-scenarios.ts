/**
 * ICE failures made on purpose in the NAT lab, each with a cause known by construction, and the
 * webrtc-internals and rtcstats dumps Chromium itself writes of them (chrome://webrtc-internals
 * opened in the same browser before the call, its download buttons pressed after): the real
 * input of `sdpscope ice`, whose verdict must name the cause.
 */
import { mkdirSync } from 'node:fs';
import { SdpscopeError } from '../errors.js';
import type { IceVerdictCode } from '../ice/explain.js';
import { launchPeer, missingForBrowsers, type LabPeer } from './browsers.js';
import type { BrowserName } from './kinds.js';
import { parseSdp } from '../sdp/parse.js';
import { DIST } from '../node/paths.js';
import { createInterface } from 'node:readline';
import type { IceAgentCounters } from './ice-agent.js';
import { connected, LAB_RELAY_PORT, pageProgress, startCall, startRelay, waitFor } from './call.js';
import { startCoturn } from './coturn.js';
import type { NatKind } from './kinds.js';
import { checkLabPrerequisites, createLab, type Lab, type LabSide } from './topology.js';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

export interface IceScenario {
  readonly description: string;
  readonly nat: Readonly<Record<LabSide, NatKind>>;
  /** The pages' iceServers: coturn's STUN and TURN, STUN only, none, or TURN with a wrong password. */
  readonly iceServers: 'all' | 'stun' | 'none' | 'wrong-password';
  /** B's iceServers when not A's: none (a peer configured without STUN or TURN, its candidates its private addresses only). */
  readonly iceServersB?: 'none';
  readonly iceTransportPolicy?: 'relay';
  /** Neither page signals its candidates (a signaling that drops them). */
  readonly dropCandidates?: boolean;
  /** Both pages send their candidates with an m-line the other side does not have: addIceCandidate refuses each. */
  readonly wrongMid?: boolean;
  /** B is Firefox, its host candidates mDNS names (.local), and A has no other way to reach it. */
  readonly mdnsPeer?: boolean;
  /** Once connected, router A drops everything it forwards (the path dies mid-call). */
  readonly breakAfterConnect?: boolean;
  /** The dumps are taken this long after B pressed Start, whatever the state (ms). */
  readonly dumpAfterMs?: number;
  /** Instead of a call: JavaScript run in A's page, its peer connections failing by construction. */
  readonly script?: string;
  /**
   * Instead of B: a scripted ICE agent next to A (src/lab/ice-agent.ts), full ICE and controlling,
   * that answers A's checks and sends its own, and never nominates (or, the control, nominates
   * with USE-CANDIDATE); A answers its offer. The agent stops at ICE: no DTLS.
   */
  readonly agentPeer?: 'never-nominates' | 'nominates';
  /** A's browser (Chromium unless said). Firefox's dump is its about:webrtc report. */
  readonly browserA?: BrowserName;
  /** What `sdpscope ice` must say of A's dump. */
  readonly expected: IceVerdictCode;
}

/** Two peer connections of one page: an answer refused (no ICE credentials in it), and one closed unused. */
const REFUSED_ANSWER = `(async () => {
  const pc = new RTCPeerConnection();
  pc.createDataChannel('x');
  await pc.setLocalDescription();
  const other = new RTCPeerConnection();
  await other.setRemoteDescription(pc.localDescription);
  await other.setLocalDescription();
  // The answer without its ICE ufrag and password: setRemoteDescription must refuse it (RFC 8839 §5.4).
  const broken = other.localDescription.sdp.split('\\r\\n').filter((l) => !l.startsWith('a=ice-ufrag') && !l.startsWith('a=ice-pwd')).join('\\r\\n');
  other.close();
  const error = await pc.setRemoteDescription({ type: 'answer', sdp: broken }).then(() => 'accepted', (e) => e.message);
  new RTCPeerConnection().close();
  return error;
})()`;

export const ICE_SCENARIOS = {
  'udp-blocked-no-turn': { description: 'both sides behind UDP-blocking firewalls, STUN only (no TURN)', nat: { a: 'udp-blocked', b: 'udp-blocked' }, iceServers: 'stun', expected: 'checks-unanswered' },
  'relay-only-wrong-password': { description: 'iceTransportPolicy "relay" and a wrong TURN password', nat: { a: 'port-restricted-cone', b: 'port-restricted-cone' }, iceServers: 'wrong-password', iceTransportPolicy: 'relay', expected: 'no-local-candidates' },
  'candidates-not-signaled': { description: 'the signaling never forwards the candidates', nat: { a: 'port-restricted-cone', b: 'port-restricted-cone' }, iceServers: 'all', dropCandidates: true, expected: 'no-remote-candidates' },
  'candidates-refused': { description: 'the signaling sends each candidate with an sdpMid and sdpMLineIndex of no m-line: addIceCandidate refuses them all', nat: { a: 'port-restricted-cone', b: 'port-restricted-cone' }, iceServers: 'all', wrongMid: true, expected: 'remote-candidates-refused' },
  'remote-private-only': { description: 'B has no STUN or TURN (its only candidate its private address behind its NAT); A has both', nat: { a: 'port-restricted-cone', b: 'port-restricted-cone' }, iceServers: 'all', iceServersB: 'none', expected: 'remote-unreachable' },
  'lost-mid-call': { description: 'connected, then router A drops everything', nat: { a: 'port-restricted-cone', b: 'port-restricted-cone' }, iceServers: 'all', breakAfterConnect: true, expected: 'connected-then-lost' },
  'mdns-unresolved': { description: 'B (Firefox) sends mDNS host candidates only (no STUN, no TURN): the names do not resolve across the NATs', nat: { a: 'port-restricted-cone', b: 'port-restricted-cone' }, iceServers: 'none', mdnsPeer: true, expected: 'remote-candidates-unresolved' },
  'dump-while-checking': { description: 'both sides behind UDP-blocking firewalls, the dumps taken 3 s after the call starts', nat: { a: 'udp-blocked', b: 'udp-blocked' }, iceServers: 'stun', dumpAfterMs: 3000, expected: 'still-checking' },
  'answer-refused': { description: 'A\'s page sets an answer without ICE credentials (refused), and closes an unused peer connection', nat: { a: 'port-restricted-cone', b: 'port-restricted-cone' }, iceServers: 'none', script: REFUSED_ANSWER, expected: 'not-negotiated' },
  'no-nomination': { description: 'A (Firefox) answers a controlling ICE agent that answers every check and never nominates', nat: { a: 'port-restricted-cone', b: 'port-restricted-cone' }, iceServers: 'none', agentPeer: 'never-nominates', browserA: 'firefox', expected: 'no-nomination' },
  'nomination-control': { description: 'the control: the same agent nominating (USE-CANDIDATE): Firefox connects ICE, then waits for a DTLS answer that never comes', nat: { a: 'port-restricted-cone', b: 'port-restricted-cone' }, iceServers: 'none', agentPeer: 'nominates', browserA: 'firefox', expected: 'dtls-failed' },
  'no-nomination-chromium': { description: 'the same agent against Chromium, which selects an answered pair without nomination: ICE connected, DTLS never answered', nat: { a: 'port-restricted-cone', b: 'port-restricted-cone' }, iceServers: 'none', agentPeer: 'never-nominates', expected: 'dtls-failed' },
  'firefox-udp-blocked-no-turn': { description: 'A is Firefox: both sides behind UDP-blocking firewalls, STUN only', nat: { a: 'udp-blocked', b: 'udp-blocked' }, iceServers: 'stun', browserA: 'firefox', expected: 'checks-unanswered' },
  'firefox-turn-tcp-only': { description: 'A is Firefox behind a UDP-blocking firewall: only TURN over TCP gets through', nat: { a: 'udp-blocked', b: 'port-restricted-cone' }, iceServers: 'all', browserA: 'firefox', expected: 'connected' },
  'turn-tcp-only': { description: 'A behind a UDP-blocking firewall: only TURN over TCP gets through', nat: { a: 'udp-blocked', b: 'port-restricted-cone' }, iceServers: 'all', expected: 'connected' },
} as const satisfies Record<string, IceScenario>;

export type IceScenarioName = keyof typeof ICE_SCENARIOS;

export interface IceScenarioResult {
  /** The dumps each side's browser wrote: Chromium [webrtc-internals, rtcstats], Firefox [about:webrtc report]. */
  readonly dumps: Readonly<Record<LabSide, readonly string[]>>;
  /** Each page's call state at the end ("ICE failed", "ICE connected"...). */
  readonly states: Readonly<Record<LabSide, string>>;
  /** The scripted agent's counters, when it stood in for B. */
  readonly agent?: IceAgentCounters;
}

/** Runs one scenario (Chromium on both sides, but for the mDNS peer); the lab is removed whatever happens. */
export async function runIceScenario(name: IceScenarioName, artifacts: string, onLine: (line: string) => void = () => undefined): Promise<IceScenarioResult> {
  const sc: IceScenario = ICE_SCENARIOS[name];
  const browserA = sc.browserA ?? 'chromium';
  checkLabPrerequisites(missingForBrowsers([...new Set<BrowserName>([browserA, sc.mdnsPeer ? 'firefox' : 'chromium'])]));
  mkdirSync(artifacts, { recursive: true });
  const lab = createLab({ nat: sc.nat });
  const peers: Partial<Record<LabSide, LabPeer>> = {};
  try {
    onLine(`lab ${lab.id}: ${name}: ${sc.description}`);
    const coturn = await startCoturn(lab);
    await startRelay(lab, join(artifacts, 'relay.ndjson'), onLine);
    const origin = `http://${lab.relayAddress}:${LAB_RELAY_PORT}`;
    const [first, second] = lab.stunAddresses;
    const turn = `turn:${first}:3478`;
    const servers = {
      all: coturn.iceServers,
      stun: [{ urls: [`stun:${first}:3478`, `stun:${second}:3478`] }],
      none: [],
      'wrong-password': [{ urls: [`${turn}?transport=udp`, `${turn}?transport=tcp`], username: coturn.username, credential: 'wrong' }],
    }[sc.iceServers];
    const url = new URL(`${origin}/`);
    url.searchParams.set('room', `ice-${lab.id}`);
    url.searchParams.set('iceServers', JSON.stringify(servers));
    url.searchParams.set('media', 'data');
    if (sc.iceTransportPolicy) url.searchParams.set('iceTransportPolicy', sc.iceTransportPolicy);
    if (sc.dropCandidates) url.searchParams.set('candidates', '0');
    if (sc.wrongMid) url.searchParams.set('candidates', 'wrong-mid');
    if (sc.agentPeer) return await againstAgent(lab, browserA, sc.agentPeer === 'nominates', url.href, origin, artifacts, onLine, (p) => (peers.a = p));
    const urlB = new URL(url.href);
    if (sc.iceServersB === 'none') urlB.searchParams.set('iceServers', '[]');
    for (const side of ['a', 'b'] as const) {
      const browser = side === 'a' ? browserA : sc.mdnsPeer ? 'firefox' : 'chromium';
      peers[side] = await launchPeer(lab, lab.hosts[side], browser, origin, browser === 'chromium' ? { internals: true } : { mdns: side === 'b' && sc.mdnsPeer === true });
      await peers[side]!.goto(side === 'a' ? url.href : urlB.href);
    }
    const a = peers.a!;
    const b = peers.b!;
    if (sc.script !== undefined) {
      onLine(`A's script: ${await a.evaluate<string>(sc.script)}`);
      await new Promise((r) => setTimeout(r, 1500));
      return { dumps: { a: (await a.saveDumps?.(artifacts, 'a-')) ?? [], b: [] }, states: { a: 'script', b: 'idle' } };
    }
    await startCall(a, b);
    const stateOf = async (p: LabPeer) => (await pageProgress(p)).state;
    if (sc.expected === 'connected' || sc.breakAfterConnect) {
      await waitFor('A did not connect', 30_000, async () => (connected(await stateOf(a)) ? true : null));
      await waitFor('no data channel message arrived at A', 15_000, async () => ((await pageProgress(a)).messages > 0 ? true : null));
    }
    if (sc.breakAfterConnect) {
      // Everything router A forwards is dropped from now on: STUN consent checks go unanswered.
      execFileSync('ip', ['netns', 'exec', lab.hosts.a.routerNs, 'iptables', '-I', 'FORWARD', '1', '-j', 'DROP']);
      onLine('router A now drops everything');
      await waitFor('A did not notice the loss', 40_000, async () => (/ICE (disconnected|failed)/.test(await stateOf(a)) ? true : null));
      // webrtc-internals samples stats every second: let it record the loss.
      await new Promise((r) => setTimeout(r, 3000));
    } else if (sc.dumpAfterMs !== undefined) {
      await new Promise((r) => setTimeout(r, sc.dumpAfterMs));
    } else if (sc.expected !== 'connected') {
      // The failure takes its time: checks retried, gathering ended; then the dump.
      await waitFor('A did not fail', 12_000, async () => (/ICE failed/.test(await stateOf(a)) ? true : null)).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 2000));
    } else await new Promise((r) => setTimeout(r, 2000));
    const dumps = { a: (await a.saveDumps?.(artifacts, 'a-')) ?? [], b: (await b.saveDumps?.(artifacts, 'b-')) ?? [] };
    const states = { a: await stateOf(a), b: await stateOf(b) };
    onLine(`states: A ${states.a}, B ${states.b}`);
    if (dumps.a.length === 0) throw new SdpscopeError('LAB_CALL', `${browserA} wrote no dump`);
    return { dumps, states };
  } finally {
    for (const p of Object.values(peers)) await p?.close();
    await lab.close();
  }
}

/** How long the agent checks (and A waits) before the dump: past Chromium's 10 s DTLS wait. */
const AGENT_MS = 12_000;

/** A's page answers the agent's offer (after getUserMedia, so that every interface is a candidate) and returns its answer once gathered. */
const ANSWER_OFFER = (offer: string) => `(async () => {
  await navigator.mediaDevices.getUserMedia({ audio: true });
  const pc = new RTCPeerConnection();
  window.agentPc = pc;
  await pc.setRemoteDescription({ type: 'offer', sdp: ${JSON.stringify(offer)} });
  await pc.setLocalDescription();
  await new Promise((r) => { if (pc.iceGatheringState === 'complete') r(); pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && r(); setTimeout(r, 5000); });
  return pc.localDescription.sdp;
})()`;

/** The no-nomination run: the agent in A's namespace, A's browser answering it, A's dump after AGENT_MS. */
async function againstAgent(lab: Lab, browser: BrowserName, nominate: boolean, page: string, origin: string, artifacts: string, onLine: (line: string) => void, keep: (p: LabPeer) => void): Promise<IceScenarioResult> {
  const agent = lab.spawnIn(lab.hosts.a.ns, process.execPath, [join(DIST, 'src/lab/ice-agent-main.js'), lab.hosts.a.address, String(AGENT_MS), ...(nominate ? ['nominate'] : [])], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: agent.stdout! })[Symbol.asyncIterator]();
  const next = async (what: string): Promise<string> => {
    const line = await Promise.race([lines.next(), new Promise<never>((_, reject) => setTimeout(() => reject(new SdpscopeError('LAB_CALL', `the ICE agent did not send ${what}`)), AGENT_MS + 15_000).unref())]);
    if (line.done) throw new SdpscopeError('LAB_CALL', `the ICE agent exited before ${what}`);
    return line.value;
  };
  const hello = JSON.parse(await next('its offer')) as { address: string; port: number; offer: string };
  onLine(`ICE agent (controlling, ${nominate ? 'nominating' : 'never nominating'}) on ${hello.address}:${hello.port}`);
  const a = await launchPeer(lab, lab.hosts.a, browser, origin, browser === 'chromium' ? { internals: true } : {});
  keep(a);
  await a.goto(page);
  const answer = parseSdp(await a.evaluate<string>(ANSWER_OFFER(hello.offer)));
  const m = answer.media[0];
  const ufrag = m?.ice.ufrag;
  const pwd = m?.ice.pwd;
  const candidates = (m?.candidates ?? []).map((c) => c.candidate).filter((c) => c.transport === 'udp' && c.component === 1).map((c) => ({ address: c.address, port: c.port }));
  if (!ufrag || !pwd || candidates.length === 0) throw new SdpscopeError('LAB_CALL', `${browser}'s answer has no ICE credentials or no UDP candidate`);
  agent.stdin!.write(`${JSON.stringify({ ufrag, pwd, candidates })}\n`);
  const counters = JSON.parse(await next('its counters')) as IceAgentCounters;
  onLine(`agent: ${JSON.stringify(counters)}`);
  const state = await a.evaluate<string>('`ICE ${window.agentPc.iceConnectionState}, connection ${window.agentPc.connectionState}`');
  onLine(`A: ${state}`);
  const dumps = await a.saveDumps!(artifacts, 'a-');
  if (dumps.length === 0) throw new SdpscopeError('LAB_CALL', `${browser} wrote no dump`);
  return { dumps: { a: dumps, b: [] }, states: { a: state, b: 'agent' }, agent: counters };
}
