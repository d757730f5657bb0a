/**
 * A generated candidate log, deterministic (seeded), of mixed real-world shapes: plain log
 * lines with a candidate, the seed's two frame shapes as NDJSON, relay log lines, and noise;
 * every candidate type (host IPv4/IPv6/mDNS, srflx, prflx, relay over UDP/TCP/TLS, TCP
 * active/passive), sessions of about ten candidates that interleave.
 */
import { createWriteStream } from 'node:fs';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UFRAG_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * How sessions come: `mixed`, about twenty at once of ten candidates each, interleaved (the
 * default); `fleet`, one after the other, twenty candidates each (50,000 sessions in 1M lines);
 * `one`, a single session whose every candidate is new (a million distinct in 1M lines).
 */
export type LogShape = 'mixed' | 'fleet' | 'one';

/** Writes `lines` lines to `path`; resolves with the byte size. */
export async function writeCandidateLog(path: string, lines: number, seed = 7, shape: LogShape = 'mixed'): Promise<number> {
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const ufrag = () => Array.from({ length: 4 }, () => UFRAG_CHARS[int(64)]).join('');
  const ip4 = () => `10.${int(256)}.${int(256)}.${1 + int(254)}`;
  const pub4 = () => `203.0.113.${1 + int(254)}`;
  const ip6 = () => `2001:db8:${int(65536).toString(16)}::${int(65536).toString(16)}`;
  const uuid = () => `${int(2 ** 32).toString(16).padStart(8, '0')}-${int(65536).toString(16).padStart(4, '0')}-4${int(4096).toString(16).padStart(3, '0')}-a${int(4096).toString(16).padStart(3, '0')}-${int(2 ** 32).toString(16).padStart(8, '0')}${int(65536).toString(16).padStart(4, '0')}`;

  const candidate = (u: string, base: string): string => {
    const f = 1 + int(4294967294);
    const port = 1024 + int(64000);
    switch (int(9)) {
      case 0: return `candidate:${f} 1 udp 2122260223 ${base} ${port} typ host generation 0 ufrag ${u} network-id 1 network-cost 10`;
      case 1: return `candidate:${f} 1 udp 2122262783 ${ip6()} ${port} typ host generation 0 ufrag ${u} network-id 2 network-cost 10`;
      case 2: return `candidate:${f} 1 udp 2113937151 ${uuid()}.local ${port} typ host generation 0 ufrag ${u} network-cost 999`;
      case 3: return `candidate:${f} 1 udp 1686052607 ${pub4()} ${port} typ srflx raddr ${base} rport ${port} generation 0 ufrag ${u} network-id 1 network-cost 10`;
      case 4: return `candidate:${f} 1 udp 1845501695 ${pub4()} ${port} typ prflx raddr ${base} rport ${port} generation 0 ufrag ${u}`;
      case 5: return `candidate:${f} 1 udp ${pick([3, 2, 1, 0]) * 2 ** 24 + 32542 * 256 + 255} ${pub4()} ${port} typ relay raddr ${pub4()} rport ${port} generation 0 ufrag ${u} network-id 1 network-cost 10`;
      case 6: return `candidate:${f} 1 tcp 1518280447 ${base} 9 typ host tcptype active generation 0 ufrag ${u} network-id 1`;
      case 7: return `candidate:${f} 1 tcp 1518214911 ${base} ${port} typ host tcptype passive generation 0 ufrag ${u} network-id 1`;
      default: return `a=candidate:${f % 40} 1 UDP 2122252543 ${base} ${port} typ host`;
    }
  };

  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  let bytes = 0;
  const sessions: { u: string; base: string; left: number; room: string; from: string }[] = [];
  let buffer = '';
  for (let i = 0; i < lines; i++) {
    const open = shape === 'mixed' ? 20 : 1;
    if (sessions.length < open || sessions.some((s) => s.left === 0)) {
      const done = sessions.findIndex((s) => s.left === 0);
      const s = { u: ufrag(), base: ip4(), left: shape === 'one' ? Infinity : shape === 'fleet' ? 20 : 8 + int(6), room: `room-${int(5000)}`, from: `client-${int(100000)}` };
      if (done >= 0) sessions[done] = s;
      else sessions.push(s);
    }
    const s = pick(sessions);
    const time = `2026-11-24T06:${String(int(60)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}.${String(int(1000)).padStart(3, '0')}Z`;
    let line: string;
    const kind = int(100);
    if (kind < 10) {
      line = `${time} INFO [signaling] room ${s.room}: heartbeat ok, ${int(50)} clients, ${int(9000)} frames relayed, queue depth ${int(64)}, p99 ${int(40)} ms`;
    } else {
      s.left--;
      const c = candidate(s.u, s.base);
      const bare = c.replace(/^a=/, '');
      if (kind < 40) line = `${time} DEBUG [pc-${int(10000)}] onicecandidate ${bare}`;
      else if (kind < 65) line = JSON.stringify({ type: 'candidate', candidate: bare, sdpMid: String(int(3)), sdpMLineIndex: int(3) });
      else if (kind < 85) line = JSON.stringify({ type: 'candidate', candidate: { candidate: bare, sdpMid: String(int(3)), sdpMLineIndex: int(3), usernameFragment: s.u } });
      else line = JSON.stringify({ time, room: s.room, from: s.from, to: [`client-${int(100000)}`], size: 180 + int(40), frame: { type: 'candidate', candidate: bare, sdpMid: '0', sdpMLineIndex: 0 } });
    }
    buffer += line + '\n';
    if (buffer.length > 1 << 16) {
      bytes += Buffer.byteLength(buffer);
      await write(buffer);
      buffer = '';
    }
  }
  bytes += Buffer.byteLength(buffer);
  await write(buffer);
  await new Promise<void>((r) => out.end(() => r()));
  return bytes;
}
