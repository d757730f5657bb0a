/**
 * coturn (Debian package `coturn`) on the lab's public net: STUN on two addresses (so a NAT's
 * mapping behaviour shows as two server-reflexive candidates, RFC 4787 §4.1 / RFC 5780 §4.3),
 * and TURN over UDP and TCP with long-term credentials (RFC 8656 §9.2). Started in the public
 * namespace; ready once a STUN Binding request is answered on both addresses over UDP and a TCP
 * connection is accepted (probed from inside that namespace).
 */
import { execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SdpscopeError } from '../errors.js';
import type { Lab } from './topology.js';

export const TURN_PORT = 3478;

export interface Coturn {
  readonly process: ChildProcess;
  readonly username: string;
  readonly credential: string;
  /** RTCConfiguration.iceServers: STUN on both addresses, TURN over UDP and TCP. */
  readonly iceServers: readonly { urls: string | string[]; username?: string; credential?: string }[];
  /** Everything coturn printed (its log goes to stdout). */
  log(): string;
}

/** The probe: a STUN Binding request (RFC 8489 §5) over UDP to each address, then a TCP connect. */
const PROBE = `
const dgram = require('node:dgram'), net = require('node:net');
const [port, ...addrs] = process.argv.slice(1);
const req = Buffer.alloc(20); req.writeUInt16BE(1, 0); req.writeUInt32BE(0x2112a442, 4); req.fill(7, 8);
const udp = (a) => new Promise((ok, no) => { const s = dgram.createSocket('udp4'); const t = setTimeout(() => { s.close(); no(new Error('no STUN answer from ' + a)); }, 300);
  s.on('message', (m) => { clearTimeout(t); s.close(); m.readUInt16BE(0) === 0x0101 ? ok() : no(new Error('unexpected STUN answer')); }); s.send(req, +port, a); });
const tcp = (a) => new Promise((ok, no) => { const c = net.connect(+port, a, () => { c.destroy(); ok(); }); c.on('error', no); });
(async () => { for (const a of addrs) { await udp(a); await tcp(a); } })().then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });
`;

function probe(lab: Lab): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('ip', ['netns', 'exec', lab.publicNs, process.execPath, '-e', PROBE, String(TURN_PORT), ...lab.stunAddresses], { timeout: 3000 }, (err, _out, stderr) =>
      resolve(err ? stderr.trim() || err.message : null),
    );
  });
}

export const TURNS_PORT = 5349;

export interface CoturnOptions {
  /** TURN over TLS on TURNS_PORT with this PEM certificate and key (files). */
  readonly tls?: { readonly cert: string; readonly key: string };
}

export async function startCoturn(lab: Lab, timeoutMs = 10_000, options: CoturnOptions = {}): Promise<Coturn> {
  try {
    execFileSync('turnserver', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new SdpscopeError('LAB_SETUP', 'the lab needs coturn (Debian package coturn: /usr/bin/turnserver)');
  }
  const username = 'sdpscope';
  const credential = 'lab-secret';
  const [first, second] = lab.stunAddresses;
  const child = lab.spawnIn(lab.publicNs, 'turnserver', [
    '-n', // no configuration file: everything is here
    '--listening-ip', first,
    '--listening-ip', second,
    '--relay-ip', first,
    '--listening-port', String(TURN_PORT),
    '--min-port', '49152',
    '--max-port', '49999',
    '--lt-cred-mech',
    '--user', `${username}:${credential}`,
    '--realm', 'sdpscope.lab',
    '--fingerprint',
    ...(options.tls ? ['--cert', options.tls.cert, '--pkey', options.tls.key, '--tls-listening-port', String(TURNS_PORT)] : ['--no-tls']),
    '--no-dtls',
    '--no-cli',
    '--no-multicast-peers',
    '--log-file', 'stdout',
    '--simple-log',
    '--pidfile', join(lab.dir, 'turnserver.pid'),
    '--userdb', join(lab.dir, 'turndb'),
  ]);
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + timeoutMs;
  let why: string | null = 'not probed';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new SdpscopeError('LAB_SETUP', `turnserver exited (${child.exitCode}): ${log.trim().split('\n').slice(-5).join(' | ')}`);
    why = await probe(lab);
    if (why === null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (why !== null) throw new SdpscopeError('LAB_SETUP', `turnserver did not answer within ${timeoutMs} ms: ${why}`);
  const turn = `turn:${first}:${TURN_PORT}`;
  return {
    process: child,
    username,
    credential,
    iceServers: [
      { urls: [`stun:${first}:${TURN_PORT}`, `stun:${second}:${TURN_PORT}`] },
      { urls: [`${turn}?transport=udp`, `${turn}?transport=tcp`], username, credential },
    ],
    log: () => log,
  };
}
