/**
 * One call in the NAT lab: the network built, coturn and `sdpscope relay` started on the public
 * net, one browser behind each NAT loading the relay's call page (the seed's page), Start pressed
 * on A then B (so A, receiving B's "ready", makes the offer), the call waited for, and everything
 * the browsers report kept: getStats, the frames each page sent, the descriptions. The relay's
 * own NDJSON log is the artifact sdpscope's tools read afterwards. Always torn down.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { SdpscopeError } from '../errors.js';
import { parseSdp } from '../sdp/parse.js';
import { BUILT_CLI as CLI } from '../node/paths.js';
import { launchPeer, missingForBrowsers, type BrowserName, type LabPeer } from './browsers.js';
import { startCoturn } from './coturn.js';
import { checkLabPrerequisites, createLab, type Lab, type LabSide, type NatKind } from './topology.js';

export const LAB_RELAY_PORT = 53378;

import type { LabMedia } from './kinds.js';

export type { LabMedia } from './kinds.js';

export interface LabCallOptions {
  readonly nat: Readonly<Record<LabSide, NatKind>>;
  readonly browsers: Readonly<Record<LabSide, BrowserName>>;
  /** `audio-video` (fake camera and microphone) or `data` (a data channel only). */
  readonly media: LabMedia;
  /** Video codecs the caller (A) offers, e.g. ["H264"]; default: all the browser has. */
  readonly videoCodecs?: readonly string[];
  /** Folder for the run's files: relay.ndjson, stats, screenshots, summary.json. */
  readonly artifacts: string;
  /** How long ICE may take to connect and media to flow. Default 45 s. */
  readonly timeoutMs?: number;
  /** Progress lines, and every line the relay prints (one per frame). */
  readonly onLine?: (line: string) => void;
}

/** A getStats entry, as JSON. */
export type StatsEntry = { readonly type: string; readonly id: string; readonly [key: string]: unknown };

export interface LabCandidateStats {
  readonly address: string;
  readonly port: number;
  readonly protocol: string;
  readonly candidateType: string;
  readonly priority: number;
  readonly relayProtocol: string | null;
  /** The base (srflx, prflx) or the TURN client's mapped address (relay), when the browser reports it. */
  readonly relatedAddress: string | null;
  readonly relatedPort: number | null;
  readonly usernameFragment: string | null;
}

export interface LabPeerResult {
  readonly side: LabSide;
  readonly browser: BrowserName;
  readonly version: string;
  readonly nat: NatKind;
  readonly address: string;
  readonly publicAddress: string;
  readonly state: string;
  readonly stats: readonly StatsEntry[];
  /** The frames this page sent, in order. */
  readonly sent: readonly unknown[];
  readonly localDescription: { type: string; sdp: string } | null;
  readonly remoteDescription: { type: string; sdp: string } | null;
  /** The candidate pair the browser selected (transport's selectedCandidatePairId, else the selected/nominated pair). */
  readonly selectedPair: { local: LabCandidateStats; remote: LabCandidateStats } | null;
  readonly localCandidates: readonly LabCandidateStats[];
  readonly iceGatheringState: string;
  /** Media or data that arrived: decoded video frames, audio packets, data channel messages. */
  readonly flow: { videoFramesDecoded: number; audioPacketsReceived: number; messages: number };
  /** Data mode: the page's data channel events, in order, each with its time and readyState. */
  readonly channelEvents: readonly string[];
}

export interface LabCallResult {
  readonly options: Omit<LabCallOptions, 'onLine'>;
  readonly relayLog: string;
  readonly artifacts: string;
  readonly peers: Readonly<Record<LabSide, LabPeerResult>>;
  readonly coturnLog: string;
}

const PAGE_STATE = `({
  state: window.sdpscopeCall.state,
  sent: window.sdpscopeCall.frames.filter((f) => f.dir === 'sent').map((f) => f.frame),
  messages: window.sdpscopeCall.messages.length,
  channelEvents: window.sdpscopeCall.channelEvents,
  gathering: window.sdpscopeCall.pc ? window.sdpscopeCall.pc.iceGatheringState : 'new',
  local: window.sdpscopeCall.pc && window.sdpscopeCall.pc.currentLocalDescription ? { type: window.sdpscopeCall.pc.currentLocalDescription.type, sdp: window.sdpscopeCall.pc.currentLocalDescription.sdp } : null,
  remote: window.sdpscopeCall.pc && window.sdpscopeCall.pc.currentRemoteDescription ? { type: window.sdpscopeCall.pc.currentRemoteDescription.type, sdp: window.sdpscopeCall.pc.currentRemoteDescription.sdp } : null,
})`;
/** What the waits poll: small, unlike PAGE_STATE (which carries every frame and both descriptions). */
const PAGE_PROGRESS = `({ state: window.sdpscopeCall.state, messages: window.sdpscopeCall.messages.length, gathering: window.sdpscopeCall.pc ? window.sdpscopeCall.pc.iceGatheringState : 'new' })`;
const GET_STATS = `(async () => { const out = []; if (window.sdpscopeCall.pc) (await window.sdpscopeCall.pc.getStats()).forEach((s) => out.push(s)); return out; })()`;

/** A page's call state, its ICE connection state (null before its peer connection) and its error line, as a failed call reports them. */
interface PageSaid {
  state: string;
  ice: string | null;
  error: string;
}
const PAGE_SAID = `({ state: window.sdpscopeCall.state, ice: window.sdpscopeCall.pc ? window.sdpscopeCall.pc.iceConnectionState : null, error: (document.getElementById('error')?.textContent ?? '').trim().slice(0, 300) })`;

interface PageState {
  state: string;
  sent: unknown[];
  messages: number;
  channelEvents: string[];
  gathering: string;
  local: { type: string; sdp: string } | null;
  remote: { type: string; sdp: string } | null;
}

export const connected = (s: string) => /ICE (connected|completed)/.test(s);

function candidateStats(s: StatsEntry): LabCandidateStats {
  return {
    address: String(s['address'] ?? s['ip'] ?? ''),
    port: Number(s['port']),
    protocol: String(s['protocol'] ?? ''),
    candidateType: String(s['candidateType'] ?? ''),
    priority: Number(s['priority']),
    relayProtocol: typeof s['relayProtocol'] === 'string' ? s['relayProtocol'] : null,
    relatedAddress: typeof s['relatedAddress'] === 'string' && s['relatedAddress'] !== '' ? s['relatedAddress'] : null,
    relatedPort: typeof s['relatedPort'] === 'number' ? s['relatedPort'] : null,
    usernameFragment: typeof s['usernameFragment'] === 'string' ? s['usernameFragment'] : null,
  };
}

/** The selected pair: transport.selectedCandidatePairId (Chromium), else `selected` (Firefox), else nominated and succeeded. */
export function selectedPair(stats: readonly StatsEntry[]): { local: LabCandidateStats; remote: LabCandidateStats } | null {
  const byId = new Map(stats.map((s) => [s.id, s]));
  const pairs = stats.filter((s) => s.type === 'candidate-pair');
  const viaTransport = stats.filter((s) => s.type === 'transport').map((t) => byId.get(String(t['selectedCandidatePairId'])))[0];
  const pair = viaTransport ?? pairs.find((p) => p['selected'] === true) ?? pairs.find((p) => p['nominated'] === true && p['state'] === 'succeeded');
  if (!pair) return null;
  const local = byId.get(String(pair['localCandidateId']));
  const remote = byId.get(String(pair['remoteCandidateId']));
  return local && remote ? { local: candidateStats(local), remote: candidateStats(remote) } : null;
}

function flowOf(stats: readonly StatsEntry[], messages: number): LabPeerResult['flow'] {
  let videoFramesDecoded = 0;
  let audioPacketsReceived = 0;
  for (const s of stats) {
    if (s.type !== 'inbound-rtp') continue;
    if (s['kind'] === 'video') videoFramesDecoded += Number(s['framesDecoded'] ?? 0);
    if (s['kind'] === 'audio') audioPacketsReceived += Number(s['packetsReceived'] ?? 0);
  }
  return { videoFramesDecoded, audioPacketsReceived, messages };
}

/** True when the answer accepted a video m-line (port not 0, RFC 3264 §6). */
function videoAccepted(answerSdp: string | undefined): boolean {
  return answerSdp !== undefined && parseSdp(answerSdp).media.some((m) => m.kind === 'video' && m.port !== 0);
}

export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (let i = 0; Date.now() < deadline && i < 10_000; i++) {
    try {
      const v = await probe();
      if (v !== null) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // A short one is most likely seconds meant (audit of the change: "did not connect within 300 ms" beside "ICE connected", read a moment later).
  throw new SdpscopeError('LAB_CALL', `${what} within ${timeoutMs < 10_000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}${timeoutMs < 5000 ? ' (--timeout is in milliseconds, and a call takes seconds: what follows was read after it)' : ''}${last ? ` (${(last as Error).message})` : ''}`);
}

/** Resolves once a started `sdpscope relay` prints that it listens; passes each line it prints to `onLine`. */
export function relayListening(relay: ChildProcess, onLine: (line: string) => void = () => undefined): Promise<void> {
  return new Promise((res, rej) => {
    let out = '';
    let printed = '';
    let ready = false;
    relay.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (!ready) printed += d.toString();
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        onLine(line);
        if (!ready && line.includes('listening')) {
          ready = true;
          res();
        }
      }
    });
    relay.on('exit', (code) => rej(new SdpscopeError('LAB_SETUP', `the relay exited (${code})${ready ? '' : `: ${printed.trim()}`}`)));
  });
}

export function startRelay(lab: Lab, log: string, onLine: (l: string) => void): Promise<void> {
  if (!existsSync(CLI)) throw new SdpscopeError('LAB_SETUP', `${CLI} is not built (npm run build)`);
  const relay = lab.spawnIn(lab.publicNs, process.execPath, [CLI, 'relay', '--host', lab.relayAddress, '--port', String(LAB_RELAY_PORT), '--log', log, '--heartbeat', '0', '--no-color']);
  relay.stderr!.on('data', (d: Buffer) => onLine(`relay! ${d.toString().trimEnd()}`));
  return relayListening(relay, (line) => onLine(`relay  ${labRelayLine(line, lab.publicNs)}`));
}

/**
 * A line the lab's relay prints, as the lab shows it: its URLs are addresses inside the lab's
 * public namespace, which this machine's own network does not reach (lab audit: the printed
 * inspector URL, opened from the host, sent its packets out of the default route); the
 * no-token warning is about a relay the world can reach, which this one is not.
 */
export function labRelayLine(line: string, ns: string): string {
  if (line.startsWith('warning: listening on')) return `its addresses are inside the lab's namespace ${ns}, out of reach from this machine's network: open them there (ip netns exec ${ns} curl …) or read relay.ndjson afterwards`;
  if (/^(signaling|call page|inspector|feed) /.test(line)) return `${line}  (in namespace ${ns})`;
  return line;
}

/** The page's call state, messages received and gathering state. */
export const pageProgress = (p: LabPeer) => p.evaluate<Pick<PageState, 'state' | 'messages' | 'gathering'>>(PAGE_PROGRESS);

/**
 * Both pages in the relay's room, Start pressed on A, then on B once A's "ready" reached it (so A
 * offers): a "ready" sent to an empty room is lost, and a page that starts first and then handles
 * an in-flight "ready" calls too (glare, as in the seed).
 */
export async function startCall(a: LabPeer, b: LabPeer): Promise<void> {
  const together = `window.sdpscopeCall.frames.some((f) => f.frame.type === 'relay-notice' && (f.frame.event === 'peer-joined' || (f.frame.event === 'joined' && f.frame.peers.length > 0)))`;
  for (const p of [a, b]) await waitFor('the pages did not meet in the relay\'s room', 15_000, async () => ((await p.evaluate<boolean>(together)) ? true : null));
  await a.evaluate(`document.getElementById('startButton').click()`);
  await waitFor('A did not become ready', 15_000, async () => ((await pageProgress(a)).state === 'ready' ? true : null));
  await waitFor('A\'s "ready" did not reach B', 15_000, async () => (await b.evaluate<boolean>(`window.sdpscopeCall.frames.some((f) => f.dir === 'received' && f.frame.type === 'ready')`) ? true : null));
  await b.evaluate(`document.getElementById('startButton').click()`);
}

/** Runs one lab call; the lab is removed whatever happens. */
export async function runLabCall(options: LabCallOptions): Promise<LabCallResult> {
  const say = options.onLine ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 45_000;
  checkLabPrerequisites(missingForBrowsers([options.browsers.a, options.browsers.b]));
  const relayLog = join(options.artifacts, 'relay.ndjson');
  try {
    mkdirSync(options.artifacts, { recursive: true });
    writeFileSync(relayLog, '');
  } catch (e) {
    throw new SdpscopeError('LAB_SETUP', `cannot write the artifacts folder ${options.artifacts}: ${(e as Error).message}`);
  }
  const lab = createLab({ nat: options.nat });
  const peers: Partial<Record<LabSide, LabPeer>> = {};
  let coturnLog = () => '';
  try {
    say(`lab ${lab.id}: A ${options.browsers.a} behind ${options.nat.a} NAT (${lab.hosts.a.address} → ${lab.hosts.a.publicAddress}), B ${options.browsers.b} behind ${options.nat.b} NAT (${lab.hosts.b.address} → ${lab.hosts.b.publicAddress})`);
    const coturn = await startCoturn(lab);
    coturnLog = coturn.log;
    say(`coturn: STUN ${lab.stunAddresses.join(' and ')}:3478, TURN UDP and TCP (user ${coturn.username})`);
    await startRelay(lab, relayLog, say);
    const origin = `http://${lab.relayAddress}:${LAB_RELAY_PORT}`;
    const url = new URL(`${origin}/`);
    url.searchParams.set('room', `lab-${lab.id}`);
    url.searchParams.set('iceServers', JSON.stringify(coturn.iceServers));
    if (options.media === 'data') url.searchParams.set('media', 'data');
    if (options.videoCodecs?.length) url.searchParams.set('videoCodecs', options.videoCodecs.join(','));
    for (const side of ['a', 'b'] as const) {
      peers[side] = await launchPeer(lab, lab.hosts[side], options.browsers[side], origin);
      say(`${side.toUpperCase()}: ${peers[side]!.version} in ${lab.hosts[side].ns}`);
      await peers[side]!.goto(url.href);
    }
    const a = peers.a!;
    const b = peers.b!;
    const state = (p: LabPeer) => p.evaluate<PageState>(PAGE_STATE);
    const progress = pageProgress;
    await startCall(a, b);
    for (const [side, p] of [['A', a], ['B', b]] as const) {
      // A page that could not start its call (the browser refused --video-codecs) ends the wait at once (audit of the change: the lab waited out its timeout).
      const outcome = await waitFor(`${side} (${p.browser}) did not connect`, timeoutMs, async () => {
        if (connected((await progress(p)).state)) return true;
        const said = await p.evaluate<PageSaid>(PAGE_SAID);
        return said.error.startsWith('the call could not start') ? said.error : null;
      }).catch(async (e: Error) => {
        // Each side's call state, its ICE connection state, and what its page said went wrong (lab
        // audit: "--video-codecs FOO" failed on the page at once, and the lab said "A ready" after 45 s).
        const said = await Promise.all([a, b].map((x) => x.evaluate<PageSaid>(PAGE_SAID).catch(() => null)));
        const sides = said.map((x, i) => `${i === 0 ? 'A' : 'B'} ${x === null ? 'unknown (the page does not answer)' : `${x.state}${x.ice !== null ? `, ICE ${x.ice}` : ', no peer connection'}${x.error ? `, the page says: "${x.error}"` : ''}`}`);
        throw new SdpscopeError('LAB_CALL', `${e.message}; ${sides.join('; ')}; the log so far: ${relayLog}`);
      });
      if (typeof outcome === 'string') throw new SdpscopeError('LAB_CALL', `${side} (${p.browser}) could not start its call; its page says: "${outcome}"; the log so far: ${relayLog}`);
    }
    say('ICE connected on both sides');
    // Media or data must arrive on both sides (video only if the answer accepted it).
    const answer = (await state(a)).remote?.sdp;
    const expectVideo = options.media === 'audio-video' && videoAccepted(answer);
    for (const [side, p] of [['A', a], ['B', b]] as const) {
      await waitFor(`no ${options.media === 'data' ? 'data channel message' : 'media'} arrived at ${side}`, timeoutMs, async () => {
        const f = flowOf(await p.evaluate<StatsEntry[]>(GET_STATS), (await progress(p)).messages);
        if (options.media === 'data') return f.messages > 0 ? f : null;
        return f.audioPacketsReceived > 10 && (!expectVideo || f.videoFramesDecoded > 5) ? f : null;
      });
    }
    // Gathering complete (every candidate signaled), and the relay's log has every frame.
    for (const p of [a, b]) await waitFor('ICE gathering did not complete', 30_000, async () => ((await progress(p)).gathering === 'complete' ? true : null)).catch(() => undefined);
    const pageStates = { a: await state(a), b: await state(b) };
    const sentTotal = pageStates.a.sent.length + pageStates.b.sent.length;
    await waitFor('the relay did not log every frame', 10_000, async () => {
      const n = readFileSync(relayLog, 'utf8').split('\n').filter((l) => l.includes('"frame"')).length;
      return n >= sentTotal ? true : null;
    }).catch(() => undefined);

    const results = {} as Record<LabSide, LabPeerResult>;
    for (const side of ['a', 'b'] as const) {
      const p = peers[side]!;
      const s = pageStates[side];
      const stats = await p.evaluate<StatsEntry[]>(GET_STATS);
      results[side] = {
        side,
        browser: p.browser,
        version: p.version,
        nat: options.nat[side],
        address: lab.hosts[side].address,
        publicAddress: lab.hosts[side].publicAddress,
        state: s.state,
        stats,
        sent: s.sent,
        localDescription: s.local,
        remoteDescription: s.remote,
        selectedPair: selectedPair(stats),
        localCandidates: stats.filter((x) => x.type === 'local-candidate').map(candidateStats),
        iceGatheringState: s.gathering,
        flow: flowOf(stats, s.messages),
        channelEvents: s.channelEvents,
      };
      writeFileSync(join(options.artifacts, `${side}-stats.json`), JSON.stringify(stats, null, 1));
      await p.screenshot(join(options.artifacts, `${side}-${p.browser}.png`)).catch(() => undefined);
    }
    const { onLine: _ignored, ...kept } = options;
    const result: LabCallResult = { options: kept, relayLog, artifacts: options.artifacts, peers: results, coturnLog: coturnLog() };
    // Everything needed to check the call again offline (verifyLabCall reads only this and the log).
    writeFileSync(join(options.artifacts, 'call.json'), JSON.stringify(result, null, 1));
    return result;
  } catch (e) {
    // Keep what the browsers can still tell, for the post-mortem.
    for (const [side, p] of Object.entries(peers)) {
      const stats = await p.evaluate<StatsEntry[]>(GET_STATS).catch(() => null);
      const page = await p.evaluate<PageState>(PAGE_STATE).catch(() => null);
      writeFileSync(join(options.artifacts, `${side}-failed.json`), JSON.stringify({ page, stats }, null, 1));
      await p.screenshot(join(options.artifacts, `${side}-${p.browser}.png`)).catch(() => undefined);
    }
    throw e;
  } finally {
    writeFileSync(join(options.artifacts, 'coturn.log'), coturnLog());
    for (const p of Object.values(peers)) await p?.close();
    await lab.close();
  }
}
