/**
 * Browser verdicts: what each browser's setRemoteDescription says of an answer munged in one
 * place, asked in the lab (Chromium and Firefox ESR in the lab's namespaces, a page with two
 * RTCPeerConnections and a data channel). sdpscope's SDP rules are held to these verdicts
 * (test/fixtures/verdicts/*.json); the e2e suite asks again on every run.
 */
import { launchPeer, type BrowserName, type LabPeer } from './browsers.js';
import { createLab } from './topology.js';

/** The a=fingerprint values asked about (each replaces the answer's fingerprint). */
export function fingerprintCases(): string[] {
  const pairs = (n: number, x = 'AB') => Array(n).fill(x).join(':');
  return ['sha-999 AA:BB', `md5 ${pairs(16)}`, `md2 ${pairs(16)}`, 'sha-256 AA:BB', `sha-256 ${pairs(32, 'ab')}`, `SHA-256 ${pairs(32)}`, `sha-256 ${pairs(32, 'ZZ')}`, `sha-1 ${pairs(20)}`, `sha-1 ${pairs(32)}`, `sha-256 ${Array(32).fill('AB').join('')}`, 'sha-256', `sha-512 ${pairs(64)}`, `sha-384 ${pairs(48)}`];
}

export interface Verdicts {
  readonly browsers: Readonly<Record<BrowserName, string>>;
  /** Per value: "accepts", or "rejects: " and the browser's message. */
  readonly cases: Readonly<Record<string, Readonly<Record<BrowserName, string>>>>;
}

/**
 * Runs `ask` on a blank page of Chromium, then of Firefox ESR, each in a host namespace of a lab
 * made for it (root, Linux); their results and versions. The lab is removed whatever happens.
 */
export async function inEachBrowser<T>(ask: (peer: LabPeer) => Promise<T>): Promise<{ results: Record<BrowserName, T>; versions: Record<BrowserName, string> }> {
  const lab = createLab({ nat: { a: 'port-restricted-cone', b: 'port-restricted-cone' } });
  const results = {} as Record<BrowserName, T>;
  const versions = {} as Record<BrowserName, string>;
  try {
    for (const [side, browser] of [['a', 'chromium'], ['b', 'firefox']] as const) {
      const p = await launchPeer(lab, lab.hosts[side], browser, 'http://203.0.113.1:53378');
      try {
        await p.goto('about:blank');
        results[browser] = await ask(p);
        versions[browser] = p.version;
      } finally {
        await p.close();
      }
    }
  } finally {
    await lab.close();
  }
  return { results, versions };
}

/** Asks Chromium and Firefox ESR (root, Linux: the lab). */
export async function askFingerprintVerdicts(values: readonly string[] = fingerprintCases()): Promise<Verdicts> {
  const script = `(async () => { const out = {}; for (const value of ${JSON.stringify(values)}) {
    const offerer = new RTCPeerConnection(); offerer.createDataChannel('x'); const answerer = new RTCPeerConnection();
    await offerer.setLocalDescription(await offerer.createOffer()); await answerer.setRemoteDescription(offerer.localDescription); await answerer.setLocalDescription(await answerer.createAnswer());
    const sdp = answerer.localDescription.sdp.replace(/a=fingerprint:[^\\r\\n]+/, 'a=fingerprint:' + value);
    out[value] = await offerer.setRemoteDescription({ type: 'answer', sdp }).then(() => 'accepts', (e) => 'rejects: ' + e.message.replace(/^Failed to execute 'setRemoteDescription' on 'RTCPeerConnection': /, '').trim());
    offerer.close(); answerer.close(); } return out; })()`;
  const { results: answers, versions } = await inEachBrowser((p) => p.evaluate<Record<string, string>>(script));
  return { browsers: versions, cases: Object.fromEntries(values.map((v) => [v, { chromium: answers.chromium[v]!, firefox: answers.firefox[v]! }])) };
}

/**
 * The candidate lines asked about: one canonical line, then each changed in one place where
 * sdpscope's reading depends on what the browsers do (an extension without its value, a value
 * of the wrong kind, fields out of range, spelling), and "candidate:x", which shows what a
 * browser's "accepts" is worth (Firefox ESR 153 resolves addIceCandidate for it: its parser runs
 * later, on another thread, and a line it cannot read is dropped without a word).
 */
export function candidateCases(): string[] {
  const base = 'candidate:1 1 udp 2122260223 10.0.0.1 50000 typ host';
  return [
    `${base} generation 0`,
    'candidate:x',
    `${base} generation 0 foo`,
    `${base} generation`,
    `${base} generation 0 ufrag`,
    `${base} foo`,
    `${base} foo bar`,
    `${base} generation x`,
    `${base} generation 0 generation 1`,
    `${base} network-cost 99999`,
    `${base} network-id x`,
    `${base}  generation 0`,
    'candidate:1 1 UDP 2122260223 10.0.0.1 50000 typ host',
    'candidate:1 1 udp 2122260223 10.0.0.1 50000 typ HOST',
    'candidate:1 1 udp 2122260223 10.0.0.1 50000 typ bogus',
    'candidate:1 1 udp 2122260223 10.0.0.1 50000',
    'candidate:1 1 udp 2122260223 10.0.0.1 50000 typ srflx',
    'candidate:1 1 udp 2122260223 10.0.0.1 50000 typ srflx raddr 10.0.0.2',
    'candidate:1 1 udp 2122260223 10.0.0.1 50000 typ srflx rport 1 raddr 10.0.0.2',
    'candidate:1 1 udp abc 10.0.0.1 50000 typ host',
    'candidate:1 1 udp 4294967296 10.0.0.1 50000 typ host',
    'candidate:1 1 udp 2122260223 10.0.0.1 65536 typ host',
    'candidate:1 1 udp 2122260223 10.0.0.1 abc typ host',
    'candidate:1 0 udp 2122260223 10.0.0.1 50000 typ host',
    'candidate:1 257 udp 2122260223 10.0.0.1 50000 typ host',
    'candidate:1 1 sctp 2122260223 10.0.0.1 50000 typ host',
    'candidate:1 1 tcp 1518280447 10.0.0.1 9 typ host tcptype',
    'candidate:1 1 tcp 1518280447 10.0.0.1 9 typ host tcptype foo',
    // No tcptype at all (RFC 6544 §4.5 requires one), at the discard port and at a real one; a UDP port 0.
    'candidate:1 1 tcp 1518280447 10.0.0.1 9 typ host',
    'candidate:1 1 tcp 1518280447 10.0.0.1 5000 typ host',
    'candidate:1 1 udp 2122260223 10.0.0.1 0 typ host',
    // Line breaks: one at the end is the line's; one inside makes two lines, or sits in a token.
    `${base} generation 0\r\n`,
    `${base} generation 0\n`,
    `${base} generation 0\ncandidate:2 1 udp 2122260223 10.0.0.2 50000 typ host`,
    `${base} ufrag ab\ncd`,
    `${base} ufrag ab\rcd`,
    `${base}\rgeneration 0`,
    // The words in another case: the prefix, typ, an extension's name and tcptype's value; a line without the prefix (relay/client audit).
    'Candidate:1 1 udp 2122260223 10.0.0.1 50000 typ host',
    'a=Candidate:1 1 udp 2122260223 10.0.0.1 50000 typ host',
    'candidate:1 1 udp 2122260223 10.0.0.1 50000 TYP host',
    'candidate:1 1 udp 2122260223 10.0.0.1 50000 typ host GENERATION 0',
    'candidate:1 1 udp 1686052607 203.0.113.2 50000 typ srflx RADDR 10.0.0.1 rport 50000',
    'candidate:1 1 tcp 1518280447 10.0.0.1 9 typ host tcptype ACTIVE',
    '1 1 udp 2122260223 10.0.0.1 50000 typ host',
  ];
}

/**
 * Asks Chromium and Firefox ESR (root, Linux: the lab) what addIceCandidate says of each line,
 * on a peer connection whose offer and answer are set (a data channel). Only a refusal says
 * something of Firefox (see candidateCases).
 */
export async function askCandidateVerdicts(lines: readonly string[] = candidateCases()): Promise<Verdicts> {
  const script = `(async () => { const out = {}; for (const line of ${JSON.stringify(lines)}) {
    const offerer = new RTCPeerConnection(); offerer.createDataChannel('x'); const answerer = new RTCPeerConnection();
    await offerer.setLocalDescription(await offerer.createOffer()); await answerer.setRemoteDescription(offerer.localDescription); await answerer.setLocalDescription(await answerer.createAnswer());
    await offerer.setRemoteDescription(answerer.localDescription);
    const mid = (offerer.localDescription.sdp.match(/a=mid:(\\S+)/) || [])[1];
    out[line] = await offerer.addIceCandidate({ candidate: line, sdpMid: mid ?? '0' }).then(() => 'accepts', (e) => 'rejects: ' + String(e && e.message || e).replace(/^Failed to execute 'addIceCandidate' on 'RTCPeerConnection': /, '').trim());
    offerer.close(); answerer.close(); } return out; })()`;
  const { results: answers, versions } = await inEachBrowser((p) => p.evaluate<Record<string, string>>(script));
  return { browsers: versions, cases: Object.fromEntries(lines.map((v) => [v, { chromium: answers.chromium[v]!, firefox: answers.firefox[v]! }])) };
}

/**
 * STUN and TURN URLs given to `new RTCPeerConnection({ iceServers })`, in each browser: "accepts",
 * or "rejects: " and the browser's message (Chromium refuses `?Transport=udp` with a SyntaxError).
 */
export async function askIceServerUrlVerdicts(urls: readonly string[]): Promise<Verdicts> {
  const script = `(() => { const out = {}; for (const u of ${JSON.stringify(urls)}) {
    try { new RTCPeerConnection({ iceServers: [{ urls: u, username: 'u', credential: 'p' }] }).close(); out[u] = 'accepts'; }
    catch (e) { out[u] = 'rejects: ' + String(e && e.name) + ': ' + String(e && e.message || e); } } return out; })()`;
  const { results: answers, versions } = await inEachBrowser((p) => p.evaluate<Record<string, string>>(script));
  return { browsers: versions, cases: Object.fromEntries(urls.map((u) => [u, { chromium: answers.chromium[u]!, firefox: answers.firefox[u]! }])) };
}
