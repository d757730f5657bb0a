/** `sdpscope probe URL...`: STUN and TURN servers checked, the NAT in front of this machine named. */
import { SdpscopeError } from '../../src/errors.js';
import { readTextInput } from '../../src/node/files.js';
import { probe, type ProbeServer } from '../../src/node/probe.js';
import { parseIceServerUri } from '../../src/stun/uri.js';
import { pretty } from '../render/json.js';
import { renderProbe } from '../render/probe.js';
import { makeStyle } from '../render/style.js';
import { EXIT_FINDINGS, EXIT_OK } from '../run.js';

/** 128 + the signal, as shells report a program it stopped: 130 for SIGINT (Ctrl-C), 143 for SIGTERM. */
const EXIT_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;

export interface ProbeCommandOptions {
  readonly urls: readonly string[];
  readonly iceServers?: string;
  readonly username?: string;
  readonly credential?: string;
  readonly timeoutMs: number;
  /** The whole probe's deadline, ms (`--deadline`). */
  readonly deadlineMs?: number;
  readonly nat: boolean;
  readonly json: boolean;
  readonly color: boolean;
}

/** RTCConfiguration-style JSON: an iceServers array, or an object with one. */
export function iceServersOf(text: string, name: string, notes?: string[]): ProbeServer[] {
  let v: unknown;
  try {
    // A byte order mark at the start (Windows editors write one) is no part of the JSON (probe audit: "not JSON").
    v = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new SdpscopeError('ICE_SERVERS_FILE', `${name}: not JSON (${(e as Error).message}); expected [{"urls": "turn:host", "username": ..., "credential": ...}] or {"iceServers": [...]}`);
  }
  const list = Array.isArray(v) ? v : v !== null && typeof v === 'object' && Array.isArray((v as { iceServers?: unknown }).iceServers) ? (v as { iceServers: unknown[] }).iceServers : null;
  if (!list) throw new SdpscopeError('ICE_SERVERS_FILE', `${name}: expected an iceServers array, or an RTCConfiguration object with one`);
  return list.map((s, i) => {
    const e = s as { urls?: unknown; url?: unknown; username?: unknown; credential?: unknown };
    const urls = e?.urls ?? e?.url;
    const ok = typeof urls === 'string' || (Array.isArray(urls) && urls.length > 0 && urls.every((u) => typeof u === 'string'));
    if (!ok) throw new SdpscopeError('ICE_SERVERS_FILE', `${name}: iceServers[${i}] has no urls (a string or an array of strings)`);
    for (const k of ['username', 'credential'] as const) if (e[k] !== undefined && typeof e[k] !== 'string') throw new SdpscopeError('ICE_SERVERS_FILE', `${name}: iceServers[${i}].${k} is not a string`);
    // The old key (RTCIceServer had "url" until 2013): probed, and said (probe audit: taken without a word, while a browser may refuse it).
    if (e?.urls === undefined && e?.url !== undefined) notes?.push(`${name}: iceServers[${i}] names its server with "url", the old key; RTCIceServer has "urls" (a browser may refuse the configuration)`);
    // Each URI checked here, where the entry can be named (probe audit: the error did not say which).
    for (const [j, u] of [urls as string | string[]].flat().entries()) {
      try {
        parseIceServerUri(u);
      } catch (x) {
        if (x instanceof SdpscopeError && x.code === 'ICE_SERVER_URI') throw new SdpscopeError('ICE_SERVER_URI', `${name}: iceServers[${i}].urls${Array.isArray(urls) ? `[${j}]` : ''}: ${x.reason}`);
        throw x;
      }
    }
    // Empty TURN credentials: a browser allocates nothing with them (libwebrtc's TurnPort: "Allocation can't be started without setting the TURN server credentials"); sent, the server's 401 had been blamed on them (probe audit).
    const turn = [urls as string | string[]].flat().some((u) => /^\s*turns?:/i.test(u));
    // Missing, not empty: the browser refuses the whole configuration, its STUN entries with it (W3C
    // webrtc-pc, "validate an ICE server": InvalidAccessError when a turn: or turns: entry has no
    // username or no credential; probe audit of 2026-12-07: a turn: entry without them passed ✓).
    for (const k of ['username', 'credential'] as const) if (turn && e[k] === undefined) throw new SdpscopeError('ICE_SERVERS_FILE', `${name}: iceServers[${i}] is a TURN server with no ${k}: a browser refuses the whole configuration (new RTCPeerConnection and setConfiguration throw InvalidAccessError), its other servers with it; give its ${k} (an open relay takes any)`);
    for (const k of ['username', 'credential'] as const) if (turn && e[k] === '') throw new SdpscopeError('ICE_SERVERS_FILE', `${name}: iceServers[${i}].${k} is empty: a browser starts no TURN allocation with empty credentials (no relay candidate); give the TURN server's ${k}`);
    return { urls: urls as string | string[], ...(typeof e.username === 'string' ? { username: e.username } : {}), ...(typeof e.credential === 'string' ? { credential: e.credential } : {}) };
  });
}

export async function probeCommand(o: ProbeCommandOptions, out: (s: string) => void): Promise<number> {
  const servers: (string | ProbeServer)[] = [...o.urls];
  const notes: string[] = [];
  if (o.iceServers !== undefined) for (const s of iceServersOf(await readTextInput(o.iceServers), o.iceServers === '-' ? 'standard input' : o.iceServers, notes)) servers.push(s);
  for (const n of notes) process.stderr.write(`sdpscope: ${n}\n`);
  if (servers.length === 0) {
    if (o.iceServers !== undefined) throw new SdpscopeError('ICE_SERVERS_FILE', `${o.iceServers === '-' ? 'standard input' : o.iceServers}: the iceServers list is empty`);
    throw new SdpscopeError('USAGE', 'name a server: sdpscope probe stun:host[:port] turn:host[:port]?transport=udp ... (or --ice-servers FILE)');
  }
  // Ctrl-C or SIGTERM: the checks under way end as "interrupted", the allocations made are freed,
  // then exit 130 or 143 (probe audit: SIGTERM exited 130, said as Ctrl-C).
  const stop = new AbortController();
  let signalled: keyof typeof EXIT_SIGNAL = 'SIGINT';
  const interrupt = (sig: NodeJS.Signals) => {
    signalled = sig === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
    stop.abort(signalled);
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const report = await probe({
      servers,
      ...(o.username !== undefined ? { username: o.username } : {}),
      ...(o.credential !== undefined ? { credential: o.credential } : {}),
      timeoutMs: o.timeoutMs,
      ...(o.deadlineMs !== undefined ? { deadlineMs: o.deadlineMs } : {}),
      nat: o.nat,
      signal: stop.signal,
    });
    out(o.json ? pretty(report) + '\n' : renderProbe(report, makeStyle(o.color)));
    if (stop.signal.aborted) return EXIT_SIGNAL[signalled];
    return report.servers.every((s) => s.ok) ? EXIT_OK : EXIT_FINDINGS;
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }
}
