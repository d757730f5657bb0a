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
import { connected, LAB_RELAY_PORT, pageProgress, startCall, startRelay, waitFor } from './call.js';
import { startCoturn } from './coturn.js';
import type { NatKind } from './kinds.js';
import { checkLabPrerequisites, createLab, type LabSide } from './topology.js';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

export interface IceScenario {
  readonly description: string;
  readonly nat: Readonly<Record<LabSide, NatKind>>;
  /** The pages' iceServers: coturn's STUN and TURN, STUN only, none, or TURN with a wrong password. */
  readonly iceServers: 'all' | 'stun' | 'none' | 'wrong-password';
  readonly iceTransportPolicy?: 'relay';
  /** Neither page signals its candidates (a signaling that drops them). */
  readonly dropCandidates?: boolean;
  /** B is Firefox, its host candidates mDNS names (.local), and A has no other way to reach it. */
  readonly mdnsPeer?: boolean;
  /** Once connected, router A drops everything it forwards (the path dies mid-call). */
  readonly breakAfterConnect?: boolean;
  /** The dumps are taken this long after B pressed Start, whatever the state (ms). */
  readonly dumpAfterMs?: number;
  /** Instead of a call: JavaScript run in A's page, its peer connections failing by construction. */
  readonly script?: string;
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
  'lost-mid-call': { description: 'connected, then router A drops everything', nat: { a: 'port-restricted-cone', b: 'port-restricted-cone' }, iceServers: 'all', breakAfterConnect: true, expected: 'connected-then-lost' },
  'mdns-unresolved': { description: 'B (Firefox) sends mDNS host candidates only (no STUN, no TURN): the names do not resolve across the NATs', nat: { a: 'port-restricted-cone', b: 'port-restricted-cone' }, iceServers: 'none', mdnsPeer: true, expected: 'remote-candidates-unresolved' },
  'dump-while-checking': { description: 'both sides behind UDP-blocking firewalls, the dumps taken 3 s after the call starts', nat: { a: 'udp-blocked', b: 'udp-blocked' }, iceServers: 'stun', dumpAfterMs: 3000, expected: 'still-checking' },
  'answer-refused': { description: 'A\'s page sets an answer without ICE credentials (refused), and closes an unused peer connection', nat: { a: 'port-restricted-cone', b: 'port-restricted-cone' }, iceServers: 'none', script: REFUSED_ANSWER, expected: 'not-negotiated' },
  'turn-tcp-only': { description: 'A behind a UDP-blocking firewall: only TURN over TCP gets through', nat: { a: 'udp-blocked', b: 'port-restricted-cone' }, iceServers: 'all', expected: 'connected' },
} as const satisfies Record<string, IceScenario>;

export type IceScenarioName = keyof typeof ICE_SCENARIOS;

export interface IceScenarioResult {
  /** The dumps Chromium wrote, per side: [webrtc-internals, rtcstats] (none for Firefox). */
  readonly dumps: Readonly<Record<LabSide, readonly string[]>>;
  /** Each page's call state at the end ("ICE failed", "ICE connected"...). */
  readonly states: Readonly<Record<LabSide, string>>;
}

/** Runs one scenario (Chromium on both sides, but for the mDNS peer); the lab is removed whatever happens. */
export async function runIceScenario(name: IceScenarioName, artifacts: string, onLine: (line: string) => void = () => undefined): Promise<IceScenarioResult> {
  const sc: IceScenario = ICE_SCENARIOS[name];
  checkLabPrerequisites(missingForBrowsers(sc.mdnsPeer ? ['chromium', 'firefox'] : ['chromium']));
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
    for (const side of ['a', 'b'] as const) {
      const firefox = side === 'b' && sc.mdnsPeer === true;
      peers[side] = await launchPeer(lab, lab.hosts[side], firefox ? 'firefox' : 'chromium', origin, firefox ? { mdns: true } : { internals: true });
      await peers[side]!.goto(url.href);
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
    if (dumps.a.length !== 2) throw new SdpscopeError('LAB_CALL', 'Chromium wrote no webrtc-internals dump');
    return { dumps, states };
  } finally {
    for (const p of Object.values(peers)) await p?.close();
    await lab.close();
  }
}
