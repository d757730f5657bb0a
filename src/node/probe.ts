/**
 * `sdpscope probe`: STUN and TURN servers checked over real sockets (Node only), and the NAT in
 * front of this machine named from the RFC 5780 tests.
 *
 * Per server: a STUN Binding (RFC 8489 §7) over the URI's transport (mapped address, RTT,
 * SOFTWARE, RFC 5780 support); for turn:/turns: with credentials, two allocations (RFC 8656 §7,
 * long-term credentials with 401 → nonce and realm → MESSAGE-INTEGRITY, 438 stale nonce
 * handled), a CreatePermission on each for the other's relayed address and a datagram sent from
 * one through the relay to the other and back (Send and Data indications, §11), then Refresh with
 * lifetime 0 (§7.2) to free both. Every transaction is bounded: retransmitted over UDP (RFC 8489
 * §6.2.1, RTO 250 ms doubling) until its deadline, then "no answer".
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { SdpscopeError } from '../errors.js';
import {
  attribute,
  checkIntegrity,
  decodeStunMessage,
  encodeStunMessage,
  isStunMessage,
  longTermKey,
  readAddress,
  readErrorCode,
  readText,
  readU32Value,
  STUN_ATTRIBUTES as A,
  STUN_METHODS,
  xorAddressValue,
  type StunAttributeInput,
  type StunCrypto,
  type StunMessage,
} from '../stun/message.js';
import { classifyNat, explainStunErrorCode, pathTable, type Endpoint, type NatObservations, type NatProbeVerdict, type NatType, type PathVerdict } from '../stun/nat.js';
import type { ProbeErrorCode } from '../stun/server-check.js';
import { parseIceServerUri, type IceServerTransport, type IceServerUri } from '../stun/uri.js';

/** Node's hashes for the codec. */
export const NODE_STUN_CRYPTO: StunCrypto = {
  hmacSha1: (key, data) => new Uint8Array(createHmac('sha1', key).update(data).digest()),
  md5: (data) => new Uint8Array(createHash('md5').update(data).digest()),
};

export type { ProbeErrorCode };

export interface ProbeError {
  readonly code: ProbeErrorCode;
  /** The server's reason phrase or the system's error text. */
  readonly reason: string;
  /** What it means and what to do, in plain words. */
  readonly explanation: string;
  /** The STUN error code (RFC 8489 §14.8) when the server sent one. */
  readonly stunCode: number | null;
}

export interface ProbeServerResult {
  /** The URI as given. */
  readonly url: string;
  readonly transport: IceServerTransport;
  /** The address the host name resolved to. */
  readonly address: string | null;
  readonly ok: boolean;
  /** Round trip of the first Binding answered without a retransmission (Karn), in ms. */
  readonly rttMs: number | null;
  /** XOR-MAPPED-ADDRESS of the Binding (the server-reflexive address). */
  readonly mapped: Endpoint | null;
  /** XOR-RELAYED-ADDRESS of the allocation (TURN). */
  readonly relayed: Endpoint | null;
  readonly error: ProbeError | null;
  /** SOFTWARE of the server's answers. */
  readonly software: string | null;
  /** Did the Binding answer carry OTHER-ADDRESS (RFC 5780 §7.4: behaviour discovery supported)? */
  readonly rfc5780: boolean | null;
  readonly otherAddress: Endpoint | null;
  readonly responseOrigin: Endpoint | null;
  /** The allocation's LIFETIME (s). */
  readonly lifetime: number | null;
  /** A datagram went through the relay and back (TURN); null when not tried. */
  readonly relayVerified: boolean | null;
  /** Each step: what was sent, what came back. */
  readonly steps: readonly string[];
}

export interface ProbeReport {
  readonly servers: readonly ProbeServerResult[];
  readonly nat: NatProbeVerdict & { readonly server: string | null; readonly local: Endpoint | null };
  /** The notes' P2P table for this NAT: with each other type, a direct path or a relay. */
  readonly paths: readonly { readonly peer: NatType; readonly path: PathVerdict | null }[];
}

export interface ProbeServer {
  readonly urls: string | readonly string[];
  readonly username?: string;
  readonly credential?: string;
}

export interface ProbeOptions {
  /** URIs or RTCIceServer-shaped entries. */
  readonly servers: readonly (string | ProbeServer)[];
  /** Credentials for turn: URIs given as strings. */
  readonly username?: string;
  readonly credential?: string;
  /** Deadline of one transaction (and of a TCP/TLS connect), ms. Default 2500. */
  readonly timeoutMs?: number;
  /** Run the RFC 5780 tests (default true). */
  readonly nat?: boolean;
  /** The local address to send from (default: the one the system picks for the first server). */
  readonly localAddress?: string;
  /** Progress lines (each step, as it happens). */
  readonly onStep?: (line: string) => void;
}

const tidBytes = () => new Uint8Array(randomBytes(12));
const tidHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fmt = (e: Endpoint) => (e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`);
const u32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
const text = (s: string) => new TextEncoder().encode(s);

interface Answer {
  readonly message: StunMessage;
  readonly from: Endpoint;
  /** ms, when answered to the first transmission; null after a retransmission. */
  readonly rttMs: number | null;
}

/** A path to one STUN server: a UDP socket (shared), a TCP or a TLS connection. */
interface Channel {
  transact(request: (tid: Uint8Array) => Uint8Array, to: Endpoint, timeoutMs: number): Promise<Answer | null>;
  send(bytes: Uint8Array, to: Endpoint): void;
  onIndication(handler: (m: StunMessage, from: Endpoint) => void): void;
  close(): void;
}

class UdpChannel implements Channel {
  private readonly pending = new Map<string, (a: Answer) => void>();
  private indication: ((m: StunMessage, from: Endpoint) => void) | null = null;
  private constructor(readonly socket: UdpSocket) {
    socket.on('message', (buf, rinfo) => {
      if (!isStunMessage(buf)) return;
      let m: StunMessage;
      try {
        m = decodeStunMessage(new Uint8Array(buf));
      } catch {
        return;
      }
      const from = { address: rinfo.address, port: rinfo.port };
      if (m.class === 'indication') this.indication?.(m, from);
      else this.pending.get(m.transactionId)?.({ message: m, from, rttMs: null });
    });
    socket.on('error', () => undefined);
  }

  static async open(localAddress: string, family: 4 | 6): Promise<UdpChannel> {
    const socket = createSocket(family === 6 ? 'udp6' : 'udp4');
    await new Promise<void>((ok, no) => {
      socket.once('error', no);
      socket.bind(0, localAddress, () => {
        socket.removeListener('error', no);
        ok();
      });
    });
    return new UdpChannel(socket);
  }

  get local(): Endpoint {
    const a = this.socket.address();
    return { address: a.address, port: a.port };
  }

  send(bytes: Uint8Array, to: Endpoint): void {
    this.socket.send(bytes, to.port, to.address, () => undefined);
  }

  transact(request: (tid: Uint8Array) => Uint8Array, to: Endpoint, timeoutMs: number): Promise<Answer | null> {
    const tid = tidBytes();
    const key = tidHex(tid);
    const bytes = request(tid);
    return new Promise((resolve) => {
      const started = performance.now();
      let sends = 0;
      let rto = 250;
      let timer: NodeJS.Timeout;
      const finish = (a: Answer | null) => {
        clearTimeout(timer);
        clearTimeout(deadline);
        this.pending.delete(key);
        resolve(a);
      };
      const deadline = setTimeout(() => finish(null), timeoutMs);
      const transmit = () => {
        sends++;
        this.send(bytes, to);
        timer = setTimeout(transmit, rto);
        rto *= 2;
      };
      this.pending.set(key, (a) => finish({ ...a, rttMs: sends === 1 ? Math.round((performance.now() - started) * 10) / 10 : null }));
      transmit();
    });
  }

  onIndication(handler: (m: StunMessage, from: Endpoint) => void): void {
    this.indication = handler;
  }

  close(): void {
    try {
      this.socket.close();
    } catch {
      /* closed */
    }
  }
}

/** STUN over TCP or TLS (RFC 8489 §6.2.2): messages back to back, each sized by its header. */
class StreamChannel implements Channel {
  private readonly pending = new Map<string, (a: Answer) => void>();
  private indication: ((m: StunMessage, from: Endpoint) => void) | null = null;
  private buffer = Buffer.alloc(0);
  private constructor(
    private readonly socket: Socket,
    private readonly peer: Endpoint,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      while (this.buffer.length >= 4) {
        // ChannelData (0x4000–0x7fff, RFC 8656 §12.5) is padded to 4 bytes over TCP; STUN is 20 + length.
        const first = this.buffer[0]!;
        const size = first >= 0x40 && first < 0x80 ? 4 + this.buffer.readUInt16BE(2) + ((4 - (this.buffer.readUInt16BE(2) % 4)) % 4) : 20 + this.buffer.readUInt16BE(2);
        if (this.buffer.length < size) break;
        const frame = this.buffer.subarray(0, size);
        this.buffer = this.buffer.subarray(size);
        if (!isStunMessage(frame)) continue;
        let m: StunMessage;
        try {
          m = decodeStunMessage(new Uint8Array(frame));
        } catch {
          continue;
        }
        if (m.class === 'indication') this.indication?.(m, this.peer);
        else this.pending.get(m.transactionId)?.({ message: m, from: this.peer, rttMs: null });
      }
    });
    socket.on('error', () => undefined);
  }

  static open(to: Endpoint, tls: { servername?: string } | null, timeoutMs: number, localAddress?: string): Promise<StreamChannel> {
    return new Promise((resolve, reject) => {
      const opts = { host: to.address, port: to.port, ...(localAddress ? { localAddress } : {}) };
      const socket = tls ? tlsConnect({ ...opts, ...(tls.servername ? { servername: tls.servername } : {}), ALPNProtocols: ['stun.turn'] }) : netConnect(opts);
      let tcpUp = false;
      if (tls) socket.once('connect', () => (tcpUp = true));
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          tcpUp
            ? Object.assign(new Error(`TCP connected, but no TLS handshake within ${timeoutMs} ms: the port does not speak TLS (a plain STUN/TURN port?)`), { code: 'ERR_TLS_HANDSHAKE_TIMEOUT' })
            : Object.assign(new Error(`no ${tls ? 'TLS' : 'TCP'} connection within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }),
        );
      }, timeoutMs);
      socket.once('error', (e) => {
        clearTimeout(timer);
        socket.destroy();
        reject(e);
      });
      socket.once(tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new StreamChannel(socket, to));
      });
    });
  }

  get local(): Endpoint {
    return { address: this.socket.localAddress ?? '', port: this.socket.localPort ?? 0 };
  }

  send(bytes: Uint8Array): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  transact(request: (tid: Uint8Array) => Uint8Array, _to: Endpoint, timeoutMs: number): Promise<Answer | null> {
    const tid = tidBytes();
    const key = tidHex(tid);
    return new Promise((resolve) => {
      const started = performance.now();
      const timer = setTimeout(() => {
        this.pending.delete(key);
        resolve(null);
      }, timeoutMs);
      this.pending.set(key, (a) => {
        clearTimeout(timer);
        this.pending.delete(key);
        resolve({ ...a, rttMs: Math.round((performance.now() - started) * 10) / 10 });
      });
      this.send(request(tid));
    });
  }

  onIndication(handler: (m: StunMessage, from: Endpoint) => void): void {
    this.indication = handler;
  }

  close(): void {
    this.socket.destroy();
  }
}

const binding = (extra: readonly StunAttributeInput[] = []) => (tid: Uint8Array) =>
  encodeStunMessage({ class: 'request', method: STUN_METHODS.binding, transactionId: tid, attributes: extra, fingerprint: true });

/** CHANGE-REQUEST (RFC 5780 §7.2): 0x04 change IP, 0x02 change port. */
const changeRequest = (ip: boolean, port: boolean): StunAttributeInput => ({ type: A.CHANGE_REQUEST, value: u32((ip ? 4 : 0) | (port ? 2 : 0)) });

function addressAttr(m: StunMessage, type: number, xor: boolean): Endpoint | null {
  const a = attribute(m, type);
  if (!a) return null;
  try {
    const r = readAddress(m, a, xor);
    return { address: r.address, port: r.port };
  } catch {
    return null;
  }
}

const mappedOf = (m: StunMessage) => addressAttr(m, A.XOR_MAPPED_ADDRESS, true) ?? addressAttr(m, A.MAPPED_ADDRESS, false);

function errorOf(m: StunMessage): { code: number; reason: string } | null {
  const a = attribute(m, A.ERROR_CODE);
  if (!a) return null;
  try {
    const e = readErrorCode(a);
    return { code: e.code, reason: e.reason.trim() };
  } catch {
    return null;
  }
}

const STUN_CODE_NAMES: Readonly<Record<number, ProbeErrorCode>> = {
  401: 'unauthorized',
  403: 'forbidden',
  437: 'allocation-mismatch',
  438: 'stale-nonce',
  441: 'wrong-credentials',
  442: 'unsupported-transport',
  486: 'allocation-quota',
  508: 'insufficient-capacity',
};

/** A failure, explained. */
class ProbeFailure extends Error {
  constructor(readonly error: ProbeError) {
    super(error.reason);
  }
}

const failure = (code: ProbeErrorCode, reason: string, explanation: string, stunCode: number | null = null) => new ProbeFailure({ code, reason, explanation, stunCode });

function stunFailure(what: string, e: { code: number; reason: string }, username?: string): ProbeFailure {
  return failure(STUN_CODE_NAMES[e.code] ?? 'stun-error', `${what}: ${e.code} ${e.reason}`, explainStunErrorCode(e.code, username === undefined ? {} : { username }), e.code);
}

/** A system error (connect, TLS, DNS) explained. */
function socketFailure(e: unknown, server: IceServerUri): ProbeFailure {
  const err = e as { code?: string; message?: string };
  const where = `${server.host}:${server.port} over ${server.transport}`;
  const code = err.code ?? '';
  if (code === 'ECONNREFUSED') return failure('refused', `${code}: ${err.message}`, `nothing listens on ${where} (connection refused): a wrong port, or the server is down`);
  if (code === 'ETIMEDOUT') return failure('no-answer', err.message ?? code, `no answer from ${where}: the server is down or unreachable, or a firewall drops ${server.transport === 'udp' ? 'UDP' : 'TCP'} to port ${server.port}`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') return failure('unreachable', `${code}: ${err.message}`, `no route to ${server.host} from here (${code}): check the address and this machine's network`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return failure('dns', `${code}: ${err.message}`, `the host name ${server.host} does not resolve (${code})`);
  if (/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO|ERR_OSSL)/.test(code) || /SSL|TLS|certificate/i.test(err.message ?? ''))
    return failure('tls', `${code}: ${err.message}`, `the TLS handshake with ${where} failed (${code || err.message}): the certificate does not match ${server.host}, has expired, or is not signed by a trusted CA (NODE_EXTRA_CA_CERTS adds a CA); or the port does not speak TLS`);
  return failure('unreachable', `${code || 'error'}: ${err.message}`, `the connection to ${where} failed: ${err.message}`);
}

const noAnswer = (server: IceServerUri, what: string, timeoutMs: number) =>
  failure('no-answer', `${what}: no answer within ${timeoutMs} ms`, `no answer from ${server.host}:${server.port} over ${server.transport.toUpperCase()}: the server is down or unreachable, or a firewall drops ${server.transport === 'udp' ? 'UDP' : 'TCP'} to port ${server.port}`);

interface Resolved {
  readonly uri: IceServerUri;
  readonly address: string;
  readonly family: 4 | 6;
  readonly username?: string;
  readonly credential?: string;
}

async function resolveUri(uri: IceServerUri): Promise<Resolved> {
  if (isIP(uri.host)) return { uri, address: uri.host, family: isIP(uri.host) as 4 | 6 };
  const r = await lookup(uri.host);
  return { uri, address: r.address, family: r.family as 4 | 6 };
}

/** The local address the system would send from to reach `to` (a connected UDP socket sends nothing). */
async function localAddressFor(to: Endpoint, family: 4 | 6): Promise<string> {
  const s = createSocket(family === 6 ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((ok, no) => {
      s.once('error', no);
      s.connect(to.port, to.address, () => ok());
    });
    return s.address().address;
  } finally {
    s.close();
  }
}

/** Mutable per-server result while its checks run. */
interface Draft {
  url: string;
  transport: IceServerTransport;
  address: string | null;
  rttMs: number | null;
  mapped: Endpoint | null;
  relayed: Endpoint | null;
  error: ProbeError | null;
  software: string | null;
  rfc5780: boolean | null;
  otherAddress: Endpoint | null;
  responseOrigin: Endpoint | null;
  lifetime: number | null;
  relayVerified: boolean | null;
  steps: string[];
}

/** One TURN allocation on a channel, with its long-term credential state. */
class Allocation {
  realm = '';
  nonce = '';
  key: Uint8Array = new Uint8Array();
  relayed: Endpoint | null = null;
  mapped: Endpoint | null = null;
  lifetime: number | null = null;
  software: string | null = null;

  constructor(
    readonly channel: Channel,
    readonly server: Resolved,
    readonly to: Endpoint,
    readonly timeoutMs: number,
    readonly step: (s: string) => void,
    readonly label = 'Allocate',
  ) {}

  private auth(): StunAttributeInput[] {
    return [
      { type: A.USERNAME, value: text(this.server.username ?? '') },
      { type: A.REALM, value: text(this.realm) },
      { type: A.NONCE, value: text(this.nonce) },
    ];
  }

  /** A request with credentials; a 438 (stale nonce) or a first 401 with a new nonce is retried once. */
  async request(method: number, name: string, attrs: readonly StunAttributeInput[], authenticated: boolean): Promise<StunMessage> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const build = (tid: Uint8Array) =>
        encodeStunMessage(
          { class: 'request', method, transactionId: tid, attributes: [...attrs, ...(authenticated ? this.auth() : [])], ...(authenticated ? { integrityKey: this.key } : {}), fingerprint: true },
          NODE_STUN_CRYPTO,
        );
      const answer = await this.channel.transact(build, this.to, this.timeoutMs);
      if (!answer) throw noAnswer(this.server.uri, name, this.timeoutMs);
      const m = answer.message;
      const sw = attribute(m, A.SOFTWARE);
      if (sw) this.software = readText(sw).trim();
      if (m.class === 'success') {
        if (authenticated && attribute(m, A.MESSAGE_INTEGRITY) && !checkIntegrity(m, this.key, NODE_STUN_CRYPTO))
          throw failure('integrity', `${name}: the answer's MESSAGE-INTEGRITY does not match`, 'the answer was not made with the key of these credentials: something on the way rewrote it, or the server uses another realm or password hashing');
        return m;
      }
      const e = errorOf(m);
      if (!e) throw failure('bad-response', `${name}: an error answer without ERROR-CODE`, 'the server answered with an error and no code: not a conforming STUN server');
      const realm = attribute(m, A.REALM);
      const nonce = attribute(m, A.NONCE);
      const fresh = (e.code === 438 || (e.code === 401 && !authenticated)) && realm && nonce;
      if (fresh) {
        this.realm = readText(realm!);
        this.nonce = readText(nonce!);
        this.key = longTermKey(this.server.username ?? '', this.realm, this.server.credential ?? '', NODE_STUN_CRYPTO);
        if (e.code === 438) this.step(`${name}: 438 stale nonce; retrying with the new one`);
        else {
          this.step(`${name}: 401 with realm "${this.realm}" and a nonce, as expected; sending credentials`);
          if (this.server.username === undefined || this.server.credential === undefined)
            throw failure('needs-credentials', `${name}: 401 ${e.reason}`, `the server needs TURN credentials (realm "${this.realm}"): give --username and --credential, or an iceServers file with them`, 401);
        }
        authenticated = true;
        continue;
      }
      throw stunFailure(name, e, this.server.username);
    }
    throw failure('stale-nonce', `${name}: the nonce went stale three times`, 'the server keeps answering 438 stale nonce: its nonce lifetime is shorter than a round trip, or its clock jumps');
  }

  async allocate(): Promise<void> {
    const m = await this.request(STUN_METHODS.allocate, this.label, [{ type: A.REQUESTED_TRANSPORT, value: new Uint8Array([17, 0, 0, 0]) }], false);
    this.relayed = addressAttr(m, A.XOR_RELAYED_ADDRESS, true);
    this.mapped = addressAttr(m, A.XOR_MAPPED_ADDRESS, true);
    const life = attribute(m, A.LIFETIME);
    this.lifetime = life ? readU32Value(life) : null;
    if (!this.relayed) throw failure('bad-response', 'Allocate: success without XOR-RELAYED-ADDRESS', 'the server said yes to the allocation but gave no relayed address: not a conforming TURN server');
  }

  async permit(peer: Endpoint): Promise<void> {
    // An IPv4 XOR address is XORed with the magic cookie only (RFC 8489 §14.2): no transaction id needed.
    await this.request(STUN_METHODS.createPermission, `CreatePermission ${peer.address}`, [{ type: A.XOR_PEER_ADDRESS, value: xorAddressValue({ family: 'ipv4', ...peer }, new Uint8Array(12)) }], true);
  }

  /** A Send indication (RFC 8656 §11.1) to a peer. */
  sendTo(peer: Endpoint, data: Uint8Array): void {
    const tid = tidBytes();
    this.channel.send(
      encodeStunMessage({ class: 'indication', method: STUN_METHODS.send, transactionId: tid, attributes: [{ type: A.XOR_PEER_ADDRESS, value: xorAddressValue({ family: 'ipv4', ...peer }, tid) }, { type: A.DATA, value: data }] }),
      this.to,
    );
  }

  /** Refresh with LIFETIME 0 (RFC 8656 §7.2): frees the allocation. */
  async free(): Promise<void> {
    await this.request(STUN_METHODS.refresh, 'Refresh (lifetime 0)', [{ type: A.LIFETIME, value: u32(0) }], true);
  }
}

function expandServers(o: ProbeOptions): { uri: IceServerUri; username?: string; credential?: string }[] {
  const out: { uri: IceServerUri; username?: string; credential?: string }[] = [];
  for (const s of o.servers) {
    if (typeof s === 'string') {
      out.push({ uri: parseIceServerUri(s), ...(o.username !== undefined ? { username: o.username } : {}), ...(o.credential !== undefined ? { credential: o.credential } : {}) });
      continue;
    }
    const urls = typeof s.urls === 'string' ? [s.urls] : s.urls;
    for (const u of urls) {
      const username = s.username ?? o.username;
      const credential = s.credential ?? o.credential;
      out.push({ uri: parseIceServerUri(u), ...(username !== undefined ? { username } : {}), ...(credential !== undefined ? { credential } : {}) });
    }
  }
  if (out.length === 0) throw new SdpscopeError('INVALID_ARGUMENT', 'probe needs at least one stun:, turn: or turns: URI');
  return out;
}

/** Probes every server, then runs the RFC 5780 tests against the first that supports them. */
export async function probe(options: ProbeOptions): Promise<ProbeReport> {
  const timeoutMs = options.timeoutMs ?? 2500;
  const entries = expandServers(options);
  const step = options.onStep ?? (() => undefined);
  const drafts: Draft[] = [];
  const resolved: (Resolved | null)[] = [];
  for (const e of entries) {
    const d: Draft = { url: e.uri.uri, transport: e.uri.transport, address: null, rttMs: null, mapped: null, relayed: null, error: null, software: null, rfc5780: null, otherAddress: null, responseOrigin: null, lifetime: null, relayVerified: null, steps: [] };
    drafts.push(d);
    try {
      const r = await resolveUri(e.uri);
      d.address = r.address;
      resolved.push({ ...r, ...(e.username !== undefined ? { username: e.username } : {}), ...(e.credential !== undefined ? { credential: e.credential } : {}) });
    } catch (err) {
      d.error = socketFailure(err, e.uri).error;
      resolved.push(null);
    }
  }

  // One UDP socket for every UDP Binding: the same local port seen by each server shows the mapping.
  const firstUdp = resolved.find((r) => r && r.uri.transport === 'udp') ?? null;
  const family = firstUdp?.family ?? 4;
  let localAddress = options.localAddress ?? null;
  let shared: UdpChannel | null = null;
  const opened: Channel[] = [];
  try {
    if (firstUdp) {
      localAddress ??= await localAddressFor({ address: firstUdp.address, port: firstUdp.uri.port }, family).catch(() => (family === 6 ? '::' : '0.0.0.0'));
      shared = await UdpChannel.open(localAddress, family);
      opened.push(shared);
    }
    const multiServer: { server: Endpoint; mapped: Endpoint }[] = [];
    let udpAnswered = false;
    for (let i = 0; i < drafts.length; i++) {
      const d = drafts[i]!;
      const r = resolved[i];
      if (!r) continue;
      const say = (s: string) => {
        d.steps.push(s);
        step(`${d.url}: ${s}`);
      };
      const to = { address: r.address, port: r.uri.port };
      try {
        let channel: Channel;
        if (r.uri.transport === 'udp' && shared && r.family === family) channel = shared;
        else if (r.uri.transport === 'udp') {
          channel = await UdpChannel.open(r.family === 6 ? '::' : '0.0.0.0', r.family);
          opened.push(channel);
        } else {
          channel = await StreamChannel.open(to, r.uri.transport === 'tls' ? (isIP(r.uri.host) ? {} : { servername: r.uri.host }) : null, timeoutMs).catch((e: unknown) => {
            throw socketFailure(e, r.uri);
          });
          opened.push(channel);
          say(`${r.uri.transport.toUpperCase()} connected to ${fmt(to)}`);
        }
        const answer = await channel.transact(binding(), to, timeoutMs);
        if (!answer) throw noAnswer(r.uri, 'Binding', timeoutMs);
        const m = answer.message;
        if (m.class !== 'success') {
          const e = errorOf(m);
          throw e ? stunFailure('Binding', e) : failure('bad-response', 'Binding: an error answer without ERROR-CODE', 'not a conforming STUN server');
        }
        if (r.uri.transport === 'udp') udpAnswered = true;
        d.rttMs = answer.rttMs;
        d.mapped = mappedOf(m);
        d.otherAddress = addressAttr(m, A.OTHER_ADDRESS, false);
        d.responseOrigin = addressAttr(m, A.RESPONSE_ORIGIN, false);
        d.rfc5780 = d.otherAddress !== null;
        const sw = attribute(m, A.SOFTWARE);
        if (sw) d.software = readText(sw).trim();
        say(`Binding: mapped ${d.mapped ? fmt(d.mapped) : '(none)'}${d.rttMs !== null ? `, RTT ${d.rttMs} ms` : ''}${d.software ? `, SOFTWARE "${d.software}"` : ''}, ${d.otherAddress ? `OTHER-ADDRESS ${fmt(d.otherAddress)} (RFC 5780)` : 'no OTHER-ADDRESS (no RFC 5780)'}`);
        if (channel === shared && d.mapped) multiServer.push({ server: to, mapped: d.mapped });
        if (r.uri.scheme === 'turn' || r.uri.scheme === 'turns') await checkTurn(r, channel, to, d, timeoutMs, say, opened);
      } catch (e) {
        if (!(e instanceof ProbeFailure)) throw e;
        d.error = e.error;
        step(`${d.url}: failed: ${e.error.reason}`);
      }
    }

    // A UDP server that did not answer: does TCP to the same server answer? (A firewall blocking UDP.)
    let tcpAnswered: boolean | undefined;
    for (let i = 0; i < drafts.length; i++) {
      const d = drafts[i]!;
      const r = resolved[i];
      if (!r || r.uri.transport !== 'udp' || d.error?.code !== 'no-answer') continue;
      const tcp = await tcpBinding({ address: r.address, port: r.uri.port }, timeoutMs);
      tcpAnswered = (tcpAnswered ?? false) || tcp;
      if (tcp) {
        d.error = { ...d.error, explanation: `${d.error.explanation}. STUN over TCP to the same server and port did answer: UDP is blocked on the way (a firewall), use TURN over TCP or TLS` };
        d.steps.push('Binding over TCP to the same server: answered');
      } else d.steps.push('Binding over TCP to the same server: no answer either');
    }

    // RFC 5780 against the first UDP server that sent OTHER-ADDRESS.
    const idx = drafts.findIndex((d, i) => d.transport === 'udp' && d.rfc5780 === true && resolved[i]?.family === family);
    const observations: { -readonly [K in keyof NatObservations]: NatObservations[K] } = {
      local: shared?.local ?? null,
      udpAnswered,
      ...(tcpAnswered !== undefined ? { tcpAnswered } : {}),
      multiServer,
      ...(multiServer[0] ? { mapping: { i: multiServer[0].mapped } } : {}),
    };
    let natServer: string | null = null;
    if (idx >= 0 && shared && options.nat !== false) {
      const d = drafts[idx]!;
      const r = resolved[idx]!;
      natServer = d.url;
      const primary = { address: r.address, port: r.uri.port };
      const other = d.otherAddress!;
      const mappedVia = async (ch: UdpChannel, to: Endpoint, what: string, extra: readonly StunAttributeInput[] = []) => {
        const a = await ch.transact(binding(extra), to, timeoutMs);
        const m = a && a.message.class === 'success' ? mappedOf(a.message) : null;
        step(`NAT ${what}: ${a ? `answer from ${fmt(a.from)}${m ? `, mapped ${fmt(m)}` : ''}` : `no answer within ${timeoutMs} ms`}`);
        return { answered: a !== null && a.message.class === 'success', mapped: m, from: a?.from ?? null };
      };
      observations.otherAddress = other;
      const i1 = d.mapped;
      const ii = await mappedVia(shared, { address: other.address, port: primary.port }, `mapping test II to ${other.address}:${primary.port}`);
      let iii: Endpoint | null | undefined;
      if (ii.mapped && i1 && (ii.mapped.address !== i1.address || ii.mapped.port !== i1.port)) iii = (await mappedVia(shared, other, `mapping test III to ${fmt(other)}`)).mapped;
      observations.mapping = { i: i1, ii: ii.mapped, ...(iii !== undefined ? { iii } : {}) };
      // Filtering, from a fresh local port (RFC 5780 §4.4: earlier tests leave state in the NAT).
      const fresh = await UdpChannel.open(localAddress!, family);
      opened.push(fresh);
      const f1 = await mappedVia(fresh, primary, `filtering test I to ${fmt(primary)} from ${fmt(fresh.local)}`);
      if (f1.answered) {
        const f2 = await mappedVia(fresh, primary, 'filtering test II (CHANGE-REQUEST: other address and port)', [changeRequest(true, true)]);
        const f3 = f2.answered ? undefined : await mappedVia(fresh, primary, 'filtering test III (CHANGE-REQUEST: other port)', [changeRequest(false, true)]);
        observations.filtering = { i: true, ii: f2.answered, ...(f3 ? { iii: f3.answered } : {}) };
      } else observations.filtering = { i: false };
    }
    const verdict = classifyNat(observations);
    for (const e of verdict.evidence) step(`NAT: ${e}`);
    const servers = drafts.map((d): ProbeServerResult => ({ ...d, ok: d.error === null }));
    return { servers, nat: { ...verdict, server: natServer, local: observations.local }, paths: verdict.type === 'unknown' ? [] : pathTable(verdict.type) };
  } finally {
    for (const c of opened) c.close();
  }
}

/** A Binding over TCP (is it UDP that is blocked?). */
async function tcpBinding(to: Endpoint, timeoutMs: number): Promise<boolean> {
  let ch: StreamChannel | null = null;
  try {
    ch = await StreamChannel.open(to, null, timeoutMs);
    const a = await ch.transact(binding(), to, timeoutMs);
    return a !== null;
  } catch {
    return false;
  } finally {
    ch?.close();
  }
}

/** TURN: two allocations, a permission each, a datagram from one to the other through the relay and back, both freed. */
async function checkTurn(r: Resolved, first: Channel, to: Endpoint, d: Draft, timeoutMs: number, say: (s: string) => void, opened: Channel[]): Promise<void> {
  const a = new Allocation(first, r, to, timeoutMs, say);
  await a.allocate();
  d.relayed = a.relayed;
  d.lifetime = a.lifetime;
  d.software ??= a.software;
  say(`Allocate: relayed ${fmt(a.relayed!)}, mapped ${a.mapped ? fmt(a.mapped) : '(none)'}, lifetime ${a.lifetime ?? '?'} s`);
  let b: Allocation | null = null;
  try {
    // A second allocation from another local port (or connection): the peer the datagram goes to.
    let second: Channel;
    if (r.uri.transport === 'udp') second = await UdpChannel.open(r.family === 6 ? '::' : '0.0.0.0', r.family);
    else second = await StreamChannel.open(to, r.uri.transport === 'tls' ? (isIP(r.uri.host) ? {} : { servername: r.uri.host }) : null, timeoutMs).catch((e: unknown) => {
      throw socketFailure(e, r.uri);
    });
    opened.push(second);
    b = new Allocation(second, r, to, timeoutMs, say, 'second Allocate');
    await b.allocate();
    say(`second Allocate: relayed ${fmt(b.relayed!)}`);
    await a.permit(b.relayed!);
    await b.permit(a.relayed!);
    say(`CreatePermission: each allocation for the other's relayed address`);
    const payload = text(`sdpscope-probe ${tidHex(tidBytes())}`);
    const arrived = (alloc: Allocation) =>
      new Promise<{ peer: Endpoint } | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), timeoutMs);
        alloc.channel.onIndication((m) => {
          const data = attribute(m, A.DATA);
          const peer = addressAttr(m, A.XOR_PEER_ADDRESS, true);
          if (m.method === STUN_METHODS.data && data && peer && Buffer.from(data.value).equals(Buffer.from(payload))) {
            clearTimeout(timer);
            resolve({ peer });
          }
        });
      });
    const atB = arrived(b);
    a.sendTo(b.relayed!, payload);
    const got = await atB;
    if (!got) throw failure('relay-failed', `a datagram sent through ${fmt(a.relayed!)} to ${fmt(b.relayed!)} did not arrive within ${timeoutMs} ms`, 'the server allocated relays but does not forward between them: its peer rules (denied-peer-ip, its own relay addresses refused) or a firewall between its relay ports');
    const atA = arrived(a);
    b.sendTo(got.peer, payload);
    if (!(await atA)) throw failure('relay-failed', `the datagram's answer through ${fmt(b.relayed!)} did not come back within ${timeoutMs} ms`, 'the relay forwards one way only: a firewall between its relay ports');
    d.relayVerified = true;
    say(`relayed: a datagram went ${fmt(a.relayed!)} → ${fmt(b.relayed!)} and back`);
  } catch (e) {
    if (e instanceof ProbeFailure && e.error.code !== 'no-answer') d.relayVerified = false;
    throw e;
  } finally {
    for (const alloc of [a, b]) {
      if (!alloc?.relayed) continue;
      try {
        await alloc.free();
        say(`Refresh lifetime 0: ${fmt(alloc.relayed)} freed`);
      } catch (e) {
        if (!(e instanceof ProbeFailure)) throw e;
        say(`Refresh lifetime 0 failed: ${e.error.reason}`);
      }
    }
  }
}
