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
 * §6.2.1, RTO 500 ms doubling) until its deadline, then "no answer"; an answer that does not
 * decode, or a stream that is not STUN, is "bad-response". Text from the server (SOFTWARE, REALM,
 * reason phrases) is shown through wireText: escaped, bounded.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import ipaddr from 'ipaddr.js';
import { requireInteger, requireObject, SdpscopeError } from '../errors.js';
import { escapeUnsafe } from '../escape.js';
import {
  attribute,
  checkFingerprint,
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
import { classifyAddress, INSIDE_CLASSES } from '../candidate/address.js';
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
  /** Did the Binding answer carry OTHER-ADDRESS (RFC 5780 §7.4: behaviour discovery supported), or an RFC 3489 server's CHANGED-ADDRESS, the same by §7.4? */
  readonly rfc5780: boolean | null;
  readonly otherAddress: Endpoint | null;
  readonly responseOrigin: Endpoint | null;
  /** The allocation's LIFETIME (s). */
  readonly lifetime: number | null;
  /** A datagram went through the relay and back (TURN); null when not tried. */
  readonly relayVerified: boolean | null;
  /**
   * The relayed address reached as a browser's peer reaches it: a datagram from a plain socket of
   * this machine to it, and the answer back; null when not tried (no UDP Binding answer to learn
   * this machine's address with, a relay of another family), false when it failed (relay-unreachable).
   */
  readonly relayReachable: boolean | null;
  /** Each step: what was sent, what came back. */
  readonly steps: readonly string[];
  /** What works but should not be so: a TURN server that relays without asking for credentials (an open relay). */
  readonly warnings: readonly string[];
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
  /** Stops the probe (Ctrl-C): what is running ends as `interrupted`, allocations are freed. */
  readonly signal?: AbortSignal;
  /**
   * Deadline of the whole probe, ms (default: none; the CLI's `--deadline`, 60 s). When it
   * passes, what is running ends as `deadline`, the servers not yet checked too, allocations are
   * freed (each Refresh within 1.5 s more) and the NAT tests not finished give no verdict.
   */
  readonly deadlineMs?: number;
}

const tidBytes = () => new Uint8Array(randomBytes(12));
const tidHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fmt = (e: Endpoint) => (e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`);
const u32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
const text = (s: string) => new TextEncoder().encode(s);

/** RFC 8489 §14.8, §14.9, §14.14: a reason phrase, a REALM and SOFTWARE are under 128 characters. */
const WIRE_TEXT_MAX = 128;
/** RFC 8489 §14.9, §14.10: REALM and NONCE are under 763 bytes (echoed in every request). */
const WIRE_TOKEN_MAX_BYTES = 763;
const isPadding = (c: number) => c === 0 || c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0;

/**
 * Text a server sent (SOFTWARE, REALM, a reason phrase) as sdpscope shows and reports it: the
 * padding at its end dropped (coturn pads with spaces, others with NULs; a loop: /[\0\s]+$/ is
 * quadratic on a run of blanks before another character, and 65,000 spaces held the probe 2.9 s
 * per answer), cut at 128 characters (with "…"), and its control, line-breaking and bidi
 * characters written as JSON writes them (`\n`, `\u001b`): a line feed in SOFTWARE printed a
 * forged "✓" line, and a colour code went through with --color (audit).
 */
function wireText(raw: string): string {
  let end = raw.length;
  while (end > 0 && isPadding(raw.charCodeAt(end - 1))) end--;
  let cut = '';
  let n = 0;
  for (const ch of end === raw.length ? raw : raw.slice(0, end)) {
    if (n++ === WIRE_TEXT_MAX) {
      cut += '…';
      break;
    }
    cut += ch;
  }
  return escapeUnsafe(cut);
}

/** Why bytes from a server are not a STUN message, in words (RFC 3489 servers have no magic cookie). */
function notStun(bytes: Uint8Array): string {
  if (bytes.length < 20) return `${bytes.length} bytes, shorter than a STUN header (20)`;
  if ((bytes[0]! & 0xc0) !== 0) return 'bytes whose first two bits are not zero: not STUN (RFC 8489 §5)';
  return 'a message without the magic cookie 0x2112A442: an RFC 3489 (classic STUN) server, or not STUN';
}

interface Answer {
  readonly message: StunMessage;
  readonly from: Endpoint;
  /** ms, when answered to the first transmission; null after a retransmission. */
  readonly rttMs: number | null;
}

/** A path to one STUN server: a UDP socket (shared), a TCP or a TLS connection. */
interface Channel {
  /** One transaction: null when no answer came by the deadline, or when `signal` aborted it. */
  transact(request: (tid: Uint8Array) => Uint8Array, to: Endpoint, timeoutMs: number, signal?: AbortSignal): Promise<Answer | null>;
  send(bytes: Uint8Array, to: Endpoint): void;
  /** Waits (up to `ms`) for an answer to a transaction that already ended without one. */
  late(tid: string, ms: number): Promise<StunMessage | null>;
  onIndication(handler: (m: StunMessage, from: Endpoint) => void): void;
  close(): void;
}

/** What both channels share: the transactions waiting for an answer, and who hears indications. */
abstract class Transactions {
  protected readonly pending = new Map<string, (a: Answer | null) => void>();
  protected indication: ((m: StunMessage, from: Endpoint) => void) | null = null;
  /** The last thing the server sent that was not a valid STUN message (why), or a send that failed: an answer that came but could not be read is not silence. */
  malformed: string | null = null;
  /** A send the system refused (EMSGSIZE, a port it cannot send to). */
  sendError: string | null = null;
  /** The system's code of that failure (ENETUNREACH…). */
  sendErrorCode: string | null = null;
  /** Over UDP: the server's host answered ICMP port unreachable during the transaction under way (see UdpChannel.watch). */
  refused: string | null = null;

  /** A decoded message: its FINGERPRINT, when it has one, must match (RFC 8489 §7.3: else it is discarded). */
  protected accept(m: StunMessage, from: Endpoint): void {
    if (attribute(m, A.FINGERPRINT) && !checkFingerprint(m)) {
      this.malformed = `a message from ${fmt(from)} whose FINGERPRINT does not match (RFC 8489 §14.7)`;
      return;
    }
    if (m.class === 'indication') this.indication?.(m, from);
    else this.pending.get(m.transactionId)?.({ message: m, from, rttMs: null });
  }

  /** Waits (up to `ms`) for an answer to a transaction that already ended without one. */
  late(tid: string, ms: number): Promise<StunMessage | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(tid);
        resolve(null);
      }, ms);
      this.pending.set(tid, (a) => {
        clearTimeout(timer);
        this.pending.delete(tid);
        resolve(a ? a.message : null);
      });
    });
  }

  onIndication(handler: (m: StunMessage, from: Endpoint) => void): void {
    this.indication = handler;
  }
}

class UdpChannel extends Transactions implements Channel {
  /** Where the transaction under way was sent. */
  private asked: Endpoint | null = null;
  /** Servers already watched for ICMP port unreachable (one watch each). */
  private readonly watched = new Set<string>();
  /** …and those whose watch was refused. */
  private readonly refusedAt = new Set<string>();
  private constructor(readonly socket: UdpSocket) {
    super();
    socket.on('message', (buf, rinfo) => {
      const from = { address: rinfo.address, port: rinfo.port };
      // Bytes that are not STUN count against the server asked, only from it (audit of the change: another server's late junk was blamed on this one).
      const asked = this.asked !== null && this.asked.address === from.address && this.asked.port === from.port;
      if (!isStunMessage(buf)) {
        if (asked) this.malformed = `from ${fmt(from)}: ${notStun(buf)}`;
        return;
      }
      // Over UDP a message is its whole datagram (RFC 8489 §6.2.1): a length field that says less is not one (probe audit: decoded).
      const length = buf.length >= 4 ? (buf[2]! << 8) | buf[3]! : -1;
      if (20 + length !== buf.length) {
        if (asked) this.malformed = `from ${fmt(from)}: a datagram of ${buf.length} bytes whose STUN header says ${20 + length}`;
        return;
      }
      let m: StunMessage;
      try {
        m = decodeStunMessage(new Uint8Array(buf));
      } catch (e) {
        if (asked) this.malformed = `from ${fmt(from)}: ${e instanceof SdpscopeError ? e.reason : String(e)}`;
        return;
      }
      this.accept(m, from);
    });
    socket.on('error', () => undefined);
  }

  static async open(localAddress: string, family: 4 | 6): Promise<UdpChannel> {
    let socket: UdpSocket;
    try {
      socket = createSocket(family === 6 ? 'udp6' : 'udp4');
    } catch (e) {
      throw localSocketFailure(e);
    }
    await new Promise<void>((ok, no) => {
      socket.once('error', no);
      socket.bind(0, localAddress, () => {
        socket.removeListener('error', no);
        ok();
      });
    }).catch((e: unknown) => {
      socket.close();
      throw localSocketFailure(e);
    });
    return new UdpChannel(socket);
  }

  get local(): Endpoint {
    const a = this.socket.address();
    return { address: a.address, port: a.port };
  }

  send(bytes: Uint8Array, to: Endpoint): void {
    // A port of 0 (an OTHER-ADDRESS naming one) throws here; EMSGSIZE comes to the callback (audit: the first was exit 70).
    const refused = (e: unknown) => {
      this.sendError = `sending ${bytes.length} bytes to ${fmt(to)} failed: ${(e as Error).message}`;
      this.sendErrorCode = (e as { code?: string }).code ?? null;
    };
    try {
      this.socket.send(bytes, to.port, to.address, (e) => e && refused(e));
    } catch (e) {
      refused(e);
    }
  }

  transact(request: (tid: Uint8Array) => Uint8Array, to: Endpoint, timeoutMs: number, signal?: AbortSignal): Promise<Answer | null> {
    const tid = tidBytes();
    const key = tidHex(tid);
    const bytes = request(tid);
    // What the last transaction met is not this one's (the shared socket serves every UDP server).
    this.malformed = null;
    this.sendError = null;
    this.sendErrorCode = null;
    this.refused = null;
    this.asked = to;
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve(null);
      // A closed port answers at once with ICMP port unreachable: not waited out to the deadline.
      const unwatch = this.watch(to, () => {
        this.refused = fmt(to);
        finish(null);
      });
      const started = performance.now();
      let sends = 0;
      // RFC 8489 §6.2.1: RTO 500 ms, doubled each time, until the deadline.
      let rto = 500;
      let timer: NodeJS.Timeout;
      const onAbort = () => finish(null);
      const finish = (a: Answer | null) => {
        unwatch();
        clearTimeout(timer);
        clearTimeout(deadline);
        signal?.removeEventListener('abort', onAbort);
        this.pending.delete(key);
        resolve(a);
      };
      const deadline = setTimeout(() => finish(null), timeoutMs);
      signal?.addEventListener('abort', onAbort);
      const transmit = () => {
        sends++;
        this.send(bytes, to);
        timer = setTimeout(transmit, rto);
        rto *= 2;
      };
      this.pending.set(key, (a) => finish(a && { ...a, rttMs: sends === 1 ? Math.round((performance.now() - started) * 10) / 10 : null }));
      transmit();
    });
  }

  /**
   * The first transaction with a server is watched for ICMP port unreachable: the shared socket is
   * not connected, so the system keeps that error from it (Linux reports ICMP errors on connected
   * UDP sockets only). A socket connected to the server sends one empty datagram (a server reads
   * nothing in it, and no request of this probe is sent twice: a second Allocate would be a second
   * allocation), and its ECONNREFUSED calls `onRefused`. Returns what stops the watch.
   */
  private watch(to: Endpoint, onRefused: () => void): () => void {
    const key = fmt(to);
    if (this.watched.has(key)) {
      // Refused once, refused again: a server named twice (stun: and turn: on one port) is not
      // waited out the second time, then called "no answer" (probe audit).
      if (this.refusedAt.has(key)) queueMicrotask(onRefused);
      return () => undefined;
    }
    this.watched.add(key);
    let s: UdpSocket;
    try {
      s = createSocket(this.socket.address().family === 'IPv6' ? 'udp6' : 'udp4');
    } catch {
      return () => undefined;
    }
    let open = true;
    const stop = () => {
      if (!open) return;
      open = false;
      try {
        s.close();
      } catch {
        /* closed */
      }
    };
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (open && e.code === 'ECONNREFUSED') {
        this.refusedAt.add(key);
        onRefused();
      }
      stop();
    });
    s.on('message', () => undefined);
    try {
      // The callback is given the connect's error (ENETUNREACH: no route): then there is nothing to
      // watch; sent on a socket not connected, the datagram's callback was taken for its port
      // (probe audit: ERR_SOCKET_BAD_PORT, a stack trace, of a server with no route).
      s.connect(to.port, to.address, ((e?: Error) => {
        if (e) return stop();
        if (open) s.send(new Uint8Array(0), (e2) => e2 && stop());
      }) as () => void);
    } catch {
      stop();
    }
    return stop;
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
class StreamChannel extends Transactions implements Channel {
  private buffer = Buffer.alloc(0);

  /** A STUN message begun and not finished (its bytes so far, its length), or null. */
  partial(): [number, number] | null {
    if (this.buffer.length < 4 || (this.buffer[0]! & 0xc0) !== 0) return null;
    const size = 20 + this.buffer.readUInt16BE(2);
    return this.buffer.length < size ? [this.buffer.length, size] : null;
  }
  private constructor(
    private readonly socket: Socket,
    private readonly peer: Endpoint,
  ) {
    super();
    socket.on('data', (chunk: Buffer) => {
      if (this.closed || this.malformed !== null) return;
      this.buffer = Buffer.concat([this.buffer, chunk]);
      // Bytes that are neither STUN nor ChannelData leave no way to find the next message: the
      // connection is given up at once (audit: 3.2 GB of junk were read until the deadline, then
      // called "no answer").
      const giveUp = (why: string) => {
        this.malformed = `from ${fmt(this.peer)}: ${why}`;
        this.socket.destroy();
      };
      while (this.buffer.length >= 4) {
        // Only STUN: the probe binds no channel (it relays with Send and Data indications), so
        // ChannelData (first byte 0x40–0x7f) cannot come; ASCII text starts there too, and was
        // read as ChannelData for the whole deadline (audit of the change).
        if ((this.buffer[0]! & 0xc0) !== 0) return giveUp(notStun(this.buffer));
        if (this.buffer.length >= 8 && this.buffer.readUInt32BE(4) !== 0x2112a442) return giveUp(notStun(this.buffer));
        const size = 20 + this.buffer.readUInt16BE(2);
        if (this.buffer.length < size) break;
        const frame = this.buffer.subarray(0, size);
        this.buffer = this.buffer.subarray(size);
        let m: StunMessage;
        try {
          m = decodeStunMessage(new Uint8Array(frame));
        } catch (e) {
          return giveUp(e instanceof SdpscopeError ? e.reason : String(e));
        }
        this.accept(m, this.peer);
      }
    });
    socket.on('error', () => undefined);
    // A connection the server closes answers nothing more: every waiting transaction ends now.
    socket.on('close', () => {
      this.closed = true;
      for (const [key, done] of this.pending) {
        this.pending.delete(key);
        done(null);
      }
    });
  }

  /** The server closed the connection. */
  closed = false;

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


  transact(request: (tid: Uint8Array) => Uint8Array, _to: Endpoint, timeoutMs: number, signal?: AbortSignal): Promise<Answer | null> {
    const tid = tidBytes();
    const key = tidHex(tid);
    return new Promise((resolve) => {
      if (signal?.aborted || this.closed) return resolve(null);
      const started = performance.now();
      const onAbort = () => done(null);
      const done = (a: Answer | null) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.pending.delete(key);
        resolve(a === null ? null : { ...a, rttMs: Math.round((performance.now() - started) * 10) / 10 });
      };
      const timer = setTimeout(() => done(null), timeoutMs);
      signal?.addEventListener('abort', onAbort);
      this.pending.set(key, done);
      this.send(request(tid));
    });
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

/**
 * The mapped address of a Binding success, or a bad-response failure: one without a readable
 * XOR-MAPPED-ADDRESS or MAPPED-ADDRESS is no answer to the question (audit: it got a ✓ with
 * "mapped (none)").
 */
function requireMapped(m: StunMessage, what: string): Endpoint {
  const mapped = mappedOf(m);
  // The unspecified address or port 0 is no address a packet came from (probe audit: "mapped 0.0.0.0:0" passed).
  if (mapped && (mapped.port === 0 || /^(?:0\.0\.0\.0|::)$/.test(mapped.address))) {
    throw failure('bad-response', `${what}: a success whose mapped address is ${fmt(mapped)}`, 'no packet comes from the unspecified address or port 0: the server did not say which address it saw (RFC 8489 §14.2), and an ICE agent makes no usable server-reflexive candidate of it; not a conforming STUN server');
  }
  if (mapped) return mapped;
  const a = attribute(m, A.XOR_MAPPED_ADDRESS) ?? attribute(m, A.MAPPED_ADDRESS);
  let why = 'none';
  if (a) {
    try {
      readAddress(m, a, a.type === A.XOR_MAPPED_ADDRESS);
    } catch (e) {
      why = e instanceof SdpscopeError ? e.reason : String(e);
    }
  }
  throw failure('bad-response', `${what}: a success without a readable mapped address (${a ? why : 'no XOR-MAPPED-ADDRESS or MAPPED-ADDRESS'})`, 'the server answered the Binding but did not say which address it saw (RFC 8489 §14.2): not a conforming STUN server');
}

/** The ERROR-CODE of an error answer (null when it has none); one outside RFC 8489 §14.8's classes is a bad response. */
function errorOf(m: StunMessage, what: string): { code: number; reason: string } | null {
  const a = attribute(m, A.ERROR_CODE);
  if (!a) return null;
  let e: { code: number; reason: string };
  try {
    e = readErrorCode(a);
  } catch (x) {
    throw failure('bad-response', `${what}: a malformed ERROR-CODE (${x instanceof SdpscopeError ? x.reason : String(x)})`, 'not a conforming STUN server');
  }
  const cls = a.value[2]! & 0x07;
  const number = a.value[3]!;
  // Class 3 to 6, number 0 to 99 (audit: class 0 threw out of the probe and left an allocation unfreed).
  if (cls < 3 || cls > 6 || number > 99) throw failure('bad-response', `${what}: ERROR-CODE class ${cls} number ${number}, ${JSON.stringify(wireText(e.reason))}`, 'a STUN error code is a class of 3 to 6 and a number of 0 to 99 (RFC 8489 §14.8): not a conforming STUN server');
  return { code: e.code, reason: wireText(e.reason) };
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

function stunFailure(what: string, e: { code: number; reason: string }, username?: string, m?: StunMessage): ProbeFailure {
  let explanation = explainStunErrorCode(e.code, username === undefined ? {} : { username });
  // 300 Try Alternate (RFC 8489 §10): the server names where to go.
  const alternate = e.code === 300 && m ? addressAttr(m, A.ALTERNATE_SERVER, false) : null;
  if (alternate) explanation = `the server redirects to ${fmt(alternate)} (ALTERNATE-SERVER): probe that address instead`;
  // An Allocate names no peer (probe audit: "a peer address it does not allow" for eturnal's denied client range).
  if (e.code === 403 && /Allocate$/.test(what)) explanation = 'forbidden: the server refuses to allocate a relay for this user or from this address (a user not allowed to relay, or a client address in a range the server denies)';
  // RFC 8489 §9.2.4's PASSWORD-ALGORITHMS (0x8002) without MD5 (0x0001): the server wants a key the
  // browsers (and this probe) do not make; the credentials may be right (probe audit 2: "wrong credentials").
  const algorithms = (e.code === 401 || e.code === 400) && m ? attribute(m, 0x8002) : undefined;
  if (algorithms !== undefined) {
    const ids: number[] = [];
    for (let i = 0; i + 4 <= algorithms.value.length; ) {
      ids.push((algorithms.value[i]! << 8) | algorithms.value[i + 1]!);
      i += 4 + (((((algorithms.value[i + 2]! << 8) | algorithms.value[i + 3]!) + 3) >> 2) << 2);
    }
    if (!ids.includes(1)) explanation = `the server lists PASSWORD-ALGORITHMS ${ids.map((x) => (x === 2 ? 'SHA-256' : `0x${x.toString(16).padStart(4, '0')}`)).join(', ')} and not MD5 (RFC 8489 §9.2.4): browsers, and this probe, key their requests with MD5 alone, so the server refuses them whatever the password`;
  }
  return failure(STUN_CODE_NAMES[e.code] ?? 'stun-error', `${what}: ${e.code} ${e.reason}`, explanation, e.code);
}

/** A local socket this machine could not open (EMFILE: too many open files). */
function localSocketFailure(e: unknown): ProbeFailure {
  const err = e as { code?: string; message?: string };
  return failure('local', `${err.code ?? 'error'}: ${err.message ?? String(e)}`, `this machine could not open a UDP socket (${err.code ?? err.message}): ${err.code === 'EMFILE' ? 'too many open files (ulimit -n)' : 'see the error'}`);
}

/** A system error (connect, TLS, DNS) explained. */
function socketFailure(e: unknown, server: IceServerUri): ProbeFailure {
  const err = e as { code?: string; message?: string };
  const where = `${server.host}:${server.port} over ${server.transport}`;
  const code = err.code ?? '';
  if (code === 'ECONNREFUSED') return failure('refused', `${code}: ${err.message}`, `nothing listens on ${where} (connection refused): a wrong port, or the server is down`);
  if (code === 'ETIMEDOUT') return failure('no-answer', err.message ?? code, `no answer from ${where}: the server is down or unreachable, or a firewall drops ${server.transport === 'udp' ? 'UDP' : 'TCP'} to port ${server.port}`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') return failure('unreachable', `${code}: ${err.message}`, `no route to ${server.host} from here (${code}): check the address and this machine's network`);
  // EAI_AGAIN is no "no such name": the resolver did not answer (none reachable, or too slow; probe audit).
  if (code === 'ENOTFOUND') return failure('dns', `${code}: ${err.message}`, `the host name ${server.host} does not resolve (${code}: no such name, or no address for it)`);
  if (code === 'EAI_AGAIN') return failure('dns', `${code}: ${err.message}`, `no DNS answer for ${server.host} (${code}: a temporary failure: no resolver reachable from here, or it did not answer in time); try again, or check the resolver (/etc/resolv.conf)`);
  if (code === 'ERR_TLS_HANDSHAKE_TIMEOUT') return failure('tls', err.message ?? code, `${where}: the TCP connection was made but no TLS handshake followed: that port does not speak TLS (a plain STUN/TURN port? ${server.scheme}: usually listens on 5349 or 443)`);
  // Reset once connected: during a TLS handshake a port that does not speak TLS (a plain STUN/TURN
  // port drops a ClientHello so), over TCP the server cutting the connection (probe audit: "unreachable", "no route").
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return server.transport === 'tls'
      ? failure('tls', `${code}: the connection was reset during the TLS handshake`, `${where}: the TCP connection was made, then reset when the TLS handshake began: that port does not speak TLS (a plain STUN/TURN port? ${server.scheme}: usually listens on 5349 or 443), or something on the way cuts TLS`)
      : failure('closed', `${code}: the server reset the connection`, `${where}: the TCP connection was made, then reset: not a STUN/TURN server on that port, or one that refused this client`);
  }
  // OpenSSL's messages end with a line break (probe audit: a blank line in the report), and carry
  // its internal location ("80CC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version
  // number:…/ssl3_record.c:354:"): its reason phrase is what is said (probe audit).
  const raw = (err.message ?? '').trim();
  const message = /^[0-9A-F]+:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):/.exec(raw)?.[1] ?? raw;
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' || code === 'ERR_SSL_HTTP_REQUEST')
    return failure('tls', `${code}: ${message}`, `${where} answered the TLS handshake with something that is not TLS (${code}): that port speaks another protocol (a plain STUN/TURN port, HTTP); ${server.scheme}: usually listens on 5349 or 443`);
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN')
    return failure('tls', `${code}: ${message}`, `the TLS certificate of ${where} is self-signed (${code}): trust it with NODE_EXTRA_CA_CERTS=cert.pem, or give the server a certificate from a CA browsers trust (a browser refuses it too)`);
  if (/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO|ERR_OSSL)/.test(code) || /SSL|TLS|certificate/i.test(message))
    return failure('tls', `${code}: ${message}`, `the TLS handshake with ${where} failed (${code || message}): the certificate does not match ${server.host}, has expired, or is not signed by a trusted CA (NODE_EXTRA_CA_CERTS adds a CA); or the port does not speak TLS`);
  return failure('unreachable', `${code || 'error'}: ${err.message}`, `the connection to ${where} failed: ${err.message}`);
}

/** The reason the probe's own deadline aborts its signal with (ProbeOptions.deadlineMs). */
const DEADLINE = new Error('the probe\'s deadline passed');

/** A check stopped by the signal: Ctrl-C (`interrupted`) or the probe's deadline (`deadline`). */
const interrupted = (what: string, signal: AbortSignal | undefined, begun = true) =>
  signal?.reason === DEADLINE
    ? failure('deadline', `${what}: the probe's deadline passed`, `the whole probe ran past its deadline before this check ${ended(what, begun)}`)
    : failure('interrupted', `${what}: interrupted`, `the probe was interrupted (${signal?.reason === 'SIGTERM' ? 'SIGTERM' : signal?.reason === 'SIGINT' ? 'Ctrl-C' : 'its signal aborted'}) before this check ${ended(what, begun)}`);

/** How a cut check ended: allocations are said only where TURN was under way (probe audit: a Binding "freed allocations"). */
const ended = (what: string, begun: boolean): string =>
  !begun ? 'began' : /Allocate|Permission|Refresh|relayed/.test(what) ? 'finished; the allocations it had made were freed' : 'finished';

/**
 * No answer: interrupted, answers that could not be read, a send the system refused, the
 * connection closed by the server, or silence until the deadline.
 */
function noAnswerOf(channel: Channel, server: IceServerUri, what: string, timeoutMs: number, signal?: AbortSignal, answered: string | null = null): ProbeFailure {
  if (signal?.aborted) return interrupted(what, signal);
  const c = channel as unknown as Transactions;
  if (c.malformed !== null) return failure('bad-response', `${what}: no answer that is valid STUN; the server sent ${c.malformed}`, `${server.host}:${server.port} answered, but not with STUN as RFC 8489 writes it: a server of another protocol on that port, an RFC 3489 server, or a broken one`);
  // No route from here is the server's unreachability, as over TCP (probe audit: "local" of an IPv6 server from a host without IPv6).
  if (c.sendError !== null && (c.sendErrorCode === 'ENETUNREACH' || c.sendErrorCode === 'EHOSTUNREACH' || c.sendErrorCode === 'EADDRNOTAVAIL')) return failure('unreachable', `${what}: ${c.sendError}`, `no route to ${server.host} from here (${c.sendErrorCode}): check the address and this machine's network`);
  if (c.sendError !== null) return failure('local', `${what}: ${c.sendError}`, 'this machine could not send the request: see the error');
  if (c.refused !== null) return failure('refused', `${what}: ICMP port unreachable from ${c.refused}`, `nothing listens for UDP on port ${server.port} at ${server.host} (its host answered "port unreachable"): a wrong port, or the server is down; or a firewall on the way rejects UDP to that port`);
  if (channel instanceof StreamChannel && channel.closed) return failure('closed', `${what}: the server closed the connection`, `${server.host}:${server.port} closed the ${server.transport.toUpperCase()} connection instead of answering: it is not a STUN/TURN server on that port, or it refused this client`);
  // The server is there (probe audit: "down or unreachable" after it had answered, or accepted the connection).
  if (answered === what) {
    // The first Allocate answered (401, the realm and nonce), the authenticated one not (probe audit: "answered the Allocate but not the Allocate").
    return failure('no-answer', `${what}: no answer within ${timeoutMs} ms to the authenticated ${what}`, `${server.host}:${server.port} answered the first ${what} (401, asking for credentials) but not the one with them: an authentication backend that does not answer (coturn's user database, a REST-API secret lookup), or a bandwidth limit that drops what follows (coturn --max-bps)`);
  }
  if (answered !== null) {
    const turnOff = /Allocate/.test(what) && answered === 'Binding';
    return failure('no-answer', `${what}: no answer within ${timeoutMs} ms`, `${server.host}:${server.port} answered the ${answered} but not the ${what}${turnOff ? ': a STUN-only server (coturn --stun-only), or one with TURN turned off on that port' : ': the server stopped answering, or ignores this request'}`);
  }
  // Part of a STUN message came, then nothing (probe audit 2: "no answer", a service of another protocol).
  if (channel instanceof StreamChannel && channel.partial() !== null) {
    const [got, of] = channel.partial()!;
    return failure('bad-response', `${what}: ${got} bytes of a ${of}-byte STUN message, then nothing within ${timeoutMs} ms`, `${server.host}:${server.port} began a STUN answer over ${server.transport.toUpperCase()} and stopped partway: a server that stalls, or a proxy or firewall on the way that holds the rest`);
  }
  if (channel instanceof StreamChannel) {
    const both = what === 'Binding and Allocate';
    return failure('no-answer', `${what}: no answer within ${timeoutMs} ms`, `the ${server.transport.toUpperCase()} connection to ${server.host}:${server.port} was made, but no answer to the ${what} came: a service of another protocol on that port (it waits for its own)${both ? ', not a STUN or TURN server' : `, or a server that ignores ${what === 'Binding' ? 'STUN Binding (a TURN server with STUN turned off: coturn --no-stun)' : `the ${what}`}`}`);
  }
  return noAnswer(server, what, timeoutMs);
}

const noAnswer = (server: IceServerUri, what: string, timeoutMs: number) =>
  failure('no-answer', `${what}: no answer within ${timeoutMs} ms`, `no answer from ${server.host}:${server.port} over ${server.transport.toUpperCase()}: the server is down or unreachable, or a firewall drops ${server.transport === 'udp' ? 'UDP' : 'TCP'} to port ${server.port}${shortTimeout(timeoutMs)}`);

/** Said last of "no answer" when --timeout is short enough to be the cause (probe audit: --timeout 1 said "UDP is blocked"). */
const shortTimeout = (timeoutMs: number): string => (timeoutMs < SHORT_TIMEOUT_MS ? `. Or the answer came after the ${timeoutMs} ms --timeout: STUN over UDP retransmits from 500 ms (RFC 8489 §6.2.1); try the default, ${DEFAULT_TIMEOUT_MS} ms` : '');

/** The default time each transaction gets (--timeout). */
const DEFAULT_TIMEOUT_MS = 2500;
/** Below this, a --timeout may end a transaction before any answer could come: said with "no answer". */
const SHORT_TIMEOUT_MS = 100;

interface Resolved {
  readonly uri: IceServerUri;
  readonly address: string;
  readonly family: 4 | 6;
  readonly username?: string;
  readonly credential?: string;
}

/** The server's address; a name resolved within the deadline. */
async function resolveUri(uri: IceServerUri, timeoutMs: number): Promise<Resolved> {
  if (isIP(uri.host)) return { uri, address: uri.host, family: isIP(uri.host) as 4 | 6 };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, no) => {
    timer = setTimeout(() => no(Object.assign(new Error(`no DNS answer for ${uri.host} within ${timeoutMs} ms`), { code: 'EAI_AGAIN' })), timeoutMs);
  });
  try {
    const r = await Promise.race([lookup(uri.host), late]);
    return { uri, address: r.address, family: r.family as 4 | 6 };
  } finally {
    clearTimeout(timer);
  }
}

/** The local address the system would send from to reach `to` (a connected UDP socket sends nothing). */
async function localAddressFor(to: Endpoint, family: 4 | 6): Promise<string> {
  const s = createSocket(family === 6 ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((ok, no) => {
      s.once('error', no);
      // Given the connect's error (no route), if any.
      s.connect(to.port, to.address, ((e?: Error) => (e ? no(e) : ok())) as () => void);
    });
    return s.address().address;
  } finally {
    s.close();
  }
}

/** Mutable per-server result while its checks run. */
type Draft = { -readonly [K in keyof Omit<ProbeServerResult, 'ok' | 'steps' | 'warnings'>]: ProbeServerResult[K] } & { steps: string[]; warnings: string[]; unfreed?: number };

/** One TURN allocation on a channel, with its long-term credential state. */
class Allocation {
  realm = '';
  nonce = '';
  key: Uint8Array = new Uint8Array();
  relayed: Endpoint | null = null;
  mapped: Endpoint | null = null;
  lifetime: number | null = null;
  software: string | null = null;
  /** An Allocate was answered with a success: the server holds an allocation for this 5-tuple. */
  maybeAllocated = false;
  /** The transaction id of an authenticated Allocate that got no answer (it may come late). */
  unansweredAllocate: string | null = null;
  /**
   * Its late answer, listened for from the moment the transaction ended (up to 1.5 s): waiting
   * only once the other allocation was freed missed an answer that came meanwhile, and left the
   * allocation on the server (probe audit: a slow path, Ctrl-C during the second Allocate).
   */
  lateAllocate: Promise<StunMessage | null> | null = null;
  /** The server allocated without asking for credentials (no 401): requests go unsigned, as it asked none. */
  openRelay = false;
  /** What this server last answered (its Binding before, a request of this allocation): its silence is then not "down". */
  answered: string | null = null;

  constructor(
    readonly channel: Channel,
    readonly server: Resolved,
    readonly to: Endpoint,
    readonly timeoutMs: number,
    readonly step: (s: string) => void,
    readonly label = 'Allocate',
    readonly signal?: AbortSignal,
  ) {}

  private auth(): StunAttributeInput[] {
    return [
      { type: A.USERNAME, value: text(this.server.username ?? '') },
      { type: A.REALM, value: text(this.realm) },
      { type: A.NONCE, value: text(this.nonce) },
    ];
  }

  /** A request with credentials; a 438 (stale nonce) or a first 401 with a new nonce is retried once. */
  async request(
    method: number,
    name: string,
    attrs: readonly StunAttributeInput[],
    authenticated: boolean,
    options: { signal?: AbortSignal; timeoutMs?: number } = { ...(this.signal ? { signal: this.signal } : {}) },
    perTid?: (tid: Uint8Array) => StunAttributeInput[],
  ): Promise<StunMessage> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    // A server that never asked for credentials (no realm, no nonce) gets unsigned requests: signed
    // with an empty key, they passed as "checked" (audit).
    if (authenticated && this.realm === '' && this.nonce === '') authenticated = false;
    for (let attempt = 0; attempt < 3; attempt++) {
      const build = (tid: Uint8Array) =>
        encodeStunMessage(
          { class: 'request', method, transactionId: tid, attributes: [...attrs, ...(perTid ? perTid(tid) : []), ...(authenticated ? this.auth() : [])], ...(authenticated ? { integrityKey: this.key } : {}), fingerprint: true },
          NODE_STUN_CRYPTO,
        );
      let sentTid = '';
      const answer = await this.channel.transact(
        (tid) => {
          sentTid = tidHex(tid);
          return build(tid);
        },
        this.to,
        timeoutMs,
        options.signal,
      );
      if (!answer) {
        if (authenticated && method === STUN_METHODS.allocate) {
          this.unansweredAllocate = sentTid;
          this.lateAllocate = this.channel.late(sentTid, Math.min(this.timeoutMs, 1500));
        }
        throw noAnswerOf(this.channel, this.server.uri, name, timeoutMs, options.signal, this.answered);
      }
      this.answered = name;
      let m = answer.message;
      const sw = attribute(m, A.SOFTWARE);
      if (sw) this.software = wireText(readText(sw));
      if (m.method !== method || m.class === 'request') {
        throw failure('bad-response', `${name}: answered with a ${m.class} of method 0x${m.method.toString(16).padStart(3, '0')}`, 'the answer to a request is a success or an error of the same method (RFC 8489 §6.3): not a conforming STUN/TURN server');
      }
      if (m.class === 'success') {
        // Whatever is wrong with it below, the server made an allocation: it must be freed.
        if (method === STUN_METHODS.allocate) this.maybeAllocated = true;
        // RFC 8489 §9.2.5: an answer to an authenticated request must carry a MESSAGE-INTEGRITY that matches.
        if (authenticated && !attribute(m, A.MESSAGE_INTEGRITY))
          throw failure('integrity', `${name}: the answer has no MESSAGE-INTEGRITY`, 'an answer to an authenticated request must be signed with the same credentials (RFC 8489 §9.2.5): it was not, so it cannot be trusted (something on the way answered, or a broken server)');
        if (authenticated && !checkIntegrity(m, this.key, NODE_STUN_CRYPTO))
          throw failure('integrity', `${name}: the answer's MESSAGE-INTEGRITY does not match`, 'the answer was not made with the key of these credentials: something on the way rewrote it, or the server uses another realm or password hashing');
        // What follows MESSAGE-INTEGRITY is not covered by it, and is ignored (RFC 8489 §14.5; audit: an unsigned XOR-RELAYED-ADDRESS after it was taken).
        if (authenticated) m = signedPart(m);
        return m;
      }
      const e = errorOf(m, name);
      if (!e) throw failure('bad-response', `${name}: an error answer without ERROR-CODE`, 'the server answered with an error and no code: not a conforming STUN server');
      const realm = attribute(m, A.REALM);
      const nonce = attribute(m, A.NONCE);
      const fresh = (e.code === 438 || (e.code === 401 && !authenticated)) && realm && nonce;
      if (e.code === 401 && !authenticated && !fresh) {
        // No credentials were sent yet: "wrong credentials" would be untrue (audit).
        throw failure('bad-response', `${name}: 401 ${e.reason} without ${realm ? 'a NONCE' : nonce ? 'a REALM' : 'a REALM and a NONCE'}`, 'the server asks for credentials but gives no realm and nonce to compute them with (RFC 8489 §9.2.4): not a conforming TURN server', 401);
      }
      if (fresh && (realm!.value.length > WIRE_TOKEN_MAX_BYTES || nonce!.value.length > WIRE_TOKEN_MAX_BYTES)) {
        // Echoed in every request, they would not fit one (audit: the length field wrapped, and the server's 401 was blamed on the credentials).
        throw failure('bad-response', `${name}: a ${realm!.value.length > WIRE_TOKEN_MAX_BYTES ? `REALM of ${realm!.value.length}` : `NONCE of ${nonce!.value.length}`} bytes`, `RFC 8489 §14.9 and §14.10 bound REALM and NONCE at ${WIRE_TOKEN_MAX_BYTES} bytes: not a conforming server`, e.code);
      }
      if (fresh) {
        this.realm = readText(realm!);
        this.nonce = readText(nonce!);
        this.key = longTermKey(this.server.username ?? '', this.realm, this.server.credential ?? '', NODE_STUN_CRYPTO);
        const shownRealm = wireText(this.realm);
        if (e.code === 438) this.step(`${name}: 438 stale nonce; retrying with the new one`);
        else {
          if (this.server.username === undefined || this.server.credential === undefined) {
            // Half given is said as such (probe audit: "none were given" with a username and no credential).
            const given = this.server.username !== undefined ? 'a username and no credential were given' : this.server.credential !== undefined ? 'a credential and no username were given' : 'none were given';
            this.step(`${name}: 401 with realm "${shownRealm}" and a nonce: the server wants credentials, and ${given}`);
            throw failure('needs-credentials', `${name}: 401 ${e.reason}`, `the server needs TURN credentials (realm "${shownRealm}"): give both --username and --credential, or an iceServers file with them`, 401);
          }
          this.step(`${name}: 401 with realm "${shownRealm}" and a nonce, as expected; sending credentials`);
        }
        authenticated = true;
        continue;
      }
      // 400 to the request that carried the credentials, right after the 401 challenge: pion/turn
      // (and the servers built on it, LiveKit's) answers a wrong username or password so, not 401
      // (its authenticateRequest; probe audit: "a bug in the client").
      if (e.code === 400 && authenticated) {
        const f = stunFailure(name, e, this.server.username, m);
        throw failure(f.error.code, f.error.reason, `the server refused the request with credentials, right after asking for them: pion/turn and the servers built on it (LiveKit's) answer a wrong username or password so, with 400 where RFC 8489 §9.2.4 has 401; check --username and --credential (otherwise ${f.error.explanation})`, 400);
      }
      throw stunFailure(name, e, this.server.username, m);
    }
    throw failure('stale-nonce', `${name}: still 438 stale nonce after two fresh nonces`, 'the server keeps answering 438 stale nonce: its nonce lifetime is shorter than a round trip, or its clock jumps', 438);
  }

  async allocate(): Promise<void> {
    // The relay a browser asks for: REQUESTED-TRANSPORT only (libwebrtc's turn_port.cc), so the
    // default family, IPv4 (RFC 8656 §7.1), over IPv6 too. Asking an IPv6 server for an IPv6 relay
    // had passed a server that gives browsers none (440), and failed one that gives them IPv4 (probe audit).
    const m = await this.request(STUN_METHODS.allocate, this.label, [{ type: A.REQUESTED_TRANSPORT, value: new Uint8Array([17, 0, 0, 0]) }], false);
    this.relayed = addressAttr(m, A.XOR_RELAYED_ADDRESS, true);
    this.mapped = addressAttr(m, A.XOR_MAPPED_ADDRESS, true);
    const life = attribute(m, A.LIFETIME);
    if (life && life.value.length !== 4) throw failure('bad-response', `${this.label}: LIFETIME is ${life.value.length} bytes, not 4`, 'the server sent a malformed LIFETIME (RFC 8656 §18.2): not a conforming TURN server');
    this.lifetime = life ? readU32Value(life) : null;
    if (!this.relayed) throw failure('bad-response', `${this.label}: success without a readable XOR-RELAYED-ADDRESS`, 'the server said yes to the allocation but gave no relayed address: not a conforming TURN server');
    if (this.lifetime === 0) throw failure('bad-response', `${this.label}: success with LIFETIME 0`, 'an allocation of lifetime 0 is gone at once (RFC 8656 §7.2): not a conforming TURN server');
    if (this.realm === '') {
      this.openRelay = true;
      this.step(`${this.label}: made without asking for credentials (no 401): an open relay`);
    }
  }

  async permit(peer: Endpoint): Promise<void> {
    // XOR-PEER-ADDRESS is XORed with the transaction id (for IPv6): encoded per transmission's message.
    await this.requestWith(STUN_METHODS.createPermission, `CreatePermission ${peer.address}`, (tid) => [{ type: A.XOR_PEER_ADDRESS, value: xorAddressValue(stunAddress(peer), tid) }]);
  }

  /** A request whose attributes depend on its transaction id (XOR addresses). */
  private async requestWith(method: number, name: string, attrs: (tid: Uint8Array) => StunAttributeInput[]): Promise<StunMessage> {
    return this.request(method, name, [], true, this.signal ? { signal: this.signal } : {}, attrs);
  }

  /** A Send indication (RFC 8656 §11.1) to a peer. */
  sendTo(peer: Endpoint, data: Uint8Array): void {
    const tid = tidBytes();
    this.channel.send(
      encodeStunMessage({ class: 'indication', method: STUN_METHODS.send, transactionId: tid, attributes: [{ type: A.XOR_PEER_ADDRESS, value: xorAddressValue(stunAddress(peer), tid) }, { type: A.DATA, value: data }] }),
      this.to,
    );
  }

  /**
   * Refresh with LIFETIME 0 (RFC 8656 §7.2): frees the allocation, even after an interruption (no
   * signal, a short deadline). A 437 means there is none (any more): freed too (§7.3).
   */
  async free(): Promise<'freed' | 'none'> {
    // Signed when the server asked for credentials; unsigned for an open relay (audit: it was never freed).
    try {
      await this.request(STUN_METHODS.refresh, 'Refresh (lifetime 0)', [{ type: A.LIFETIME, value: u32(0) }], true, { timeoutMs: Math.min(this.timeoutMs, 1500) });
      return 'freed';
    } catch (e) {
      if (e instanceof ProbeFailure && e.error.stunCode === 437) return 'none';
      throw e;
    }
  }
}

/** The attributes MESSAGE-INTEGRITY covers: those after it (FINGERPRINT aside) are ignored (RFC 8489 §14.5). */
function signedPart(m: StunMessage): StunMessage {
  const at = m.attributes.findIndex((a) => a.type === A.MESSAGE_INTEGRITY);
  return at < 0 ? m : { ...m, attributes: m.attributes.slice(0, at + 1) };
}

const stunAddress = (e: Endpoint) => ({ family: e.address.includes(':') ? ('ipv6' as const) : ('ipv4' as const), address: e.address, port: e.port });

function expandServers(o: ProbeOptions): { uri: IceServerUri; username?: string; credential?: string }[] {
  const out: { uri: IceServerUri; username?: string; credential?: string }[] = [];
  // The caller's mistakes are INVALID_ARGUMENT, not a server's (probe audit: a username of 5 was
  // "the server sent a malformed STUN message"; {urls: 5} and null were TypeErrors).
  const text = (v: unknown, what: string) => {
    if (v !== undefined && typeof v !== 'string') throw new SdpscopeError('INVALID_ARGUMENT', `probe: ${what} must be a string when given`);
  };
  text(o.username, 'username');
  text(o.credential, 'credential');
  o.servers.forEach((s, i) => {
    if (typeof s === 'string') return;
    const e = s as unknown as { urls?: unknown; username?: unknown; credential?: unknown } | null;
    const urls = e !== null && typeof e === 'object' ? e.urls : undefined;
    if (!(typeof urls === 'string' || (Array.isArray(urls) && urls.length > 0 && urls.every((u) => typeof u === 'string')))) {
      throw new SdpscopeError('INVALID_ARGUMENT', `probe: servers[${i}] must be a URI or an RTCIceServer entry ({urls: a URI or a list of them, username?, credential?})`);
    }
    text(e!.username, `servers[${i}].username`);
    text(e!.credential, `servers[${i}].credential`);
  });
  if (o.localAddress !== undefined && (typeof o.localAddress !== 'string' || isIP(o.localAddress) === 0)) {
    // An IP address of this machine: a name would be looked up (DNS), which the probe never does for it.
    throw new SdpscopeError('INVALID_ARGUMENT', `probe: localAddress must be an IP address of this machine, got ${JSON.stringify(String(o.localAddress)).slice(0, 80)}`);
  }
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
  requireObject(options, 'probe: the options', 'servers');
  if (!Array.isArray(options.servers)) throw new SdpscopeError('INVALID_ARGUMENT', 'probe: servers must be an array of URIs or RTCIceServer entries');
  // A timer's range (Infinity became 1 ms, NaN and -1 were taken; library audit).
  const timeoutMs = requireInteger(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'probe: timeoutMs', 1, 2 ** 31 - 1);
  const deadlineMs = options.deadlineMs === undefined ? null : requireInteger(options.deadlineMs, 'probe: deadlineMs', 1, 2 ** 31 - 1);
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw new SdpscopeError('INVALID_ARGUMENT', 'probe: signal must be an AbortSignal');
  const entries = expandServers(options);
  const own = new AbortController();
  const timer = deadlineMs === null ? undefined : setTimeout(() => own.abort(DEADLINE), deadlineMs);
  try {
    return await probeWithin(options, entries, timeoutMs, options.signal ? AbortSignal.any([options.signal, own.signal]) : own.signal);
  } finally {
    clearTimeout(timer);
  }
}

async function probeWithin(options: ProbeOptions, entries: ReturnType<typeof expandServers>, timeoutMs: number, signal: AbortSignal): Promise<ProbeReport> {
  const step = options.onStep ?? (() => undefined);
  const drafts: Draft[] = [];
  const resolved: (Resolved | null)[] = [];
  for (const e of entries) {
    const d: Draft = { url: e.uri.uri, transport: e.uri.transport, address: null, rttMs: null, mapped: null, relayed: null, error: null, software: null, rfc5780: null, otherAddress: null, responseOrigin: null, lifetime: null, relayVerified: null, relayReachable: null, steps: [], warnings: e.uri.browsersRefuse !== undefined ? [e.uri.browsersRefuse] : [] };
    drafts.push(d);
    if (signal.aborted) {
      d.error = interrupted('DNS', signal, false).error;
      resolved.push(null);
      continue;
    }
    try {
      const r = await resolveUri(e.uri, timeoutMs);
      d.address = r.address;
      resolved.push({ ...r, ...(e.username !== undefined ? { username: e.username } : {}), ...(e.credential !== undefined ? { credential: e.credential } : {}) });
    } catch (err) {
      d.error = socketFailure(err, e.uri).error;
      resolved.push(null);
    }
  }

  // One UDP socket for every UDP Binding: the same local port seen by each server shows the mapping.
  // (TURN allocations get sockets of their own: one allocation per 5-tuple, RFC 8656 §7.2.)
  // A loopback server (a coturn on this machine, named first) is not the one the shared socket is
  // bound for: bound to 127.0.0.1, it could send to no other server (probe audit: EINVAL, "this
  // machine could not send" of every server after it). A server the socket's address cannot reach
  // gets a socket of its own (below).
  const loopback = (r: Resolved) => classifyAddress(r.address).class === 'loopback';
  const firstUdp = resolved.find((r) => r && r.uri.transport === 'udp' && !loopback(r)) ?? resolved.find((r) => r && r.uri.transport === 'udp') ?? null;
  const family = firstUdp?.family ?? 4;
  let localAddress = options.localAddress ?? null;
  let shared: UdpChannel | null = null;
  const opened: Channel[] = [];
  const bindingUnanswered = new Set<number>();
  /** When this run last freed an allocation on each server address (checkTurn: a 486 just after is asked again). */
  const freed = new Map<string, number>();
  const anyAddress = (f: 4 | 6) => (f === 6 ? '::' : '0.0.0.0');
  try {
    if (firstUdp) {
      localAddress ??= await localAddressFor({ address: firstUdp.address, port: firstUdp.uri.port }, family).catch(() => anyAddress(family));
      shared = await UdpChannel.open(localAddress, family);
      opened.push(shared);
    }
    const multiServer: { server: Endpoint; mapped: Endpoint }[] = [];
    /** The servers asked from the shared socket: the NAT tests run against one of them. */
    const onShared = new Set<number>();
    let udpAnswered = false;
    /** A UDP server's error answer to the Binding (coturn --secure-stun's 401): UDP got through, no mapping came (probe audit: "no STUN server answered"). */
    let udpError: string | null = null;
    for (let i = 0; i < drafts.length; i++) {
      const d = drafts[i]!;
      const r = resolved[i];
      if (!r) continue;
      const say = (s: string) => {
        d.steps.push(s);
        step(`${d.url}: ${s}`);
      };
      const to = { address: r.address, port: r.uri.port };
      const connect = () =>
        StreamChannel.open(to, r.uri.transport === 'tls' ? (isIP(r.uri.host) ? {} : { servername: r.uri.host }) : null, timeoutMs).catch((e: unknown) => {
          throw socketFailure(e, r.uri);
        });
      // This server's sockets, closed once it is checked (audit: all were kept to the end, and 60 TURN URIs under ulimit -n 100 ended in EMFILE).
      const mine: Channel[] = [];
      try {
        if (signal?.aborted) throw interrupted('Binding', signal, false);
        let channel: Channel;
        if (r.uri.transport === 'udp' && shared && r.family === family && (options.localAddress !== undefined || (await localAddressFor(to, r.family).catch(() => null)) === shared.local.address)) {
          channel = shared;
          onShared.add(i);
        }
        else if (r.uri.transport === 'udp') {
          channel = await UdpChannel.open(anyAddress(r.family), r.family);
          mine.push(channel);
        } else {
          channel = await connect();
          mine.push(channel);
          say(`${r.uri.transport.toUpperCase()} connected to ${fmt(to)}`);
        }
        const answer = await channel.transact(binding(), to, timeoutMs, signal);
        const turn = r.uri.scheme === 'turn' || r.uri.scheme === 'turns';
        // The TURN check after the Binding, answered or not: over UDP from a port of its own (the Binding's may be shared), over TCP or TLS on the same connection.
        const allocate = async (): Promise<void> => {
          const first: Channel = r.uri.transport === 'udp' ? await UdpChannel.open(anyAddress(r.family), r.family) : channel;
          if (first !== channel) mine.push(first);
          await checkTurn(r, first, to, d, timeoutMs, say, mine, connect, freed, signal);
        };
        if (!answer) {
          const silence = noAnswerOf(channel, r.uri, 'Binding', timeoutMs, signal);
          // A TURN server may serve TURN only (coturn --no-stun): its Allocate is asked all the same (probe audit: never asked).
          if (!turn || silence.error.code !== 'no-answer') {
            if ((silence.error.code === 'no-answer' || silence.error.code === 'refused') && r.uri.transport === 'udp') bindingUnanswered.add(i);
            throw silence;
          }
          say(`Binding: no answer within ${timeoutMs} ms; a TURN server may answer TURN only (coturn --no-stun): Allocate is asked all the same`);
          try {
            await allocate();
          } catch (e) {
            // Refused too (nothing listens for UDP there): the TCP cross-check below, as for silence (probe audit).
            if (e instanceof ProbeFailure && (e.error.code === 'no-answer' || e.error.code === 'refused')) {
              if (r.uri.transport === 'udp') bindingUnanswered.add(i);
              // Over TCP or TLS, the connection was made and neither request answered: no STUN or TURN
              // server there (probe audit: "no-stun" was suggested, which the silent Allocate rules out).
              if (e.error.code === 'no-answer' && r.uri.transport !== 'udp' && channel instanceof StreamChannel && !channel.closed && channel.partial() === null) throw noAnswerOf(channel, r.uri, 'Binding and Allocate', timeoutMs, signal);
              throw e.error.code === 'refused' ? e : silence;
            }
            throw e;
          }
          d.warnings.push('the server answers TURN but not a plain STUN Binding (coturn --no-stun): ICE agents get no server-reflexive candidate from it as a STUN server, only through its allocations');
          continue;
        }
        const m = answer.message;
        if (m.method !== STUN_METHODS.binding || m.class === 'request') throw failure('bad-response', `Binding: answered with a ${m.class} of method 0x${m.method.toString(16).padStart(3, '0')}`, 'the answer to a request is a success or an error of the same method (RFC 8489 §6.3): not a conforming STUN server');
        if (m.class !== 'success') {
          const e = errorOf(m, 'Binding');
          if (r.uri.transport === 'udp' && sameEndpoint(answer.from, to)) udpError ??= e ? `${e.code} ${e.reason}` : 'an error without ERROR-CODE';
          // A long-term challenge (REALM and NONCE, RFC 8489 §9.2.4): coturn's --secure-stun. A browser
          // never sends a Binding to a turn: server (libwebrtc's TurnPort starts with Allocate): its
          // Allocate is asked (probe audit: the server failed "short-term", its Allocate never tried).
          const longTerm = attribute(m, A.REALM) !== undefined && attribute(m, A.NONCE) !== undefined;
          if (e?.code === 401 && longTerm && turn) {
            say(`Binding: 401 ${e.reason} with REALM and NONCE: the server wants long-term credentials for a plain Binding (coturn --secure-stun); Allocate is asked all the same`);
            await allocate();
            d.warnings.push('the server wants credentials for a plain STUN Binding (a 401 with REALM and NONCE: coturn --secure-stun): as a stun: server it gives ICE agents no server-reflexive candidate, since browsers send no credentials on Bindings; through its allocations it works');
            continue;
          }
          if (e?.code === 401 && longTerm) throw failure('unauthorized', `Binding: 401 ${e.reason}`, 'the server wants long-term credentials (REALM and NONCE, RFC 8489 §9.2) for a plain Binding, as coturn does with --secure-stun: browsers send none on a STUN Binding, so as a stun: server it gives them no server-reflexive candidate; as a turn: URL its allocations still work', 401);
          if (e?.code === 401) throw failure('unauthorized', `Binding: 401 ${e.reason}`, 'the server wants credentials for a plain Binding (short-term credentials, RFC 8489 §9.1): it is not a STUN server for anyone, such as an ICE agent\'s port, or a TURN server that authenticates Bindings', 401);
          throw e ? stunFailure('Binding', e, undefined, m) : failure('bad-response', 'Binding: an error answer without ERROR-CODE', 'not a conforming STUN server');
        }
        // An answer from another address or port than the one asked: a browser drops it (libwebrtc's
        // UDPPort hands the STUN request manager only packets from a server address; probe audit:
        // a server answering from a fresh port passed, while browsers got no srflx from it).
        if (r.uri.transport === 'udp' && !sameEndpoint(answer.from, to)) {
          throw failure('bad-response', `Binding: answered from ${fmt(answer.from)}, not from ${fmt(to)}, where it was sent`, 'browsers take a STUN answer only from the address and port they sent the request to, so they get no server-reflexive candidate from this server: a server with several addresses answering from another one, or behind a NAT or load balancer that rewrites its replies\' source');
        }
        if (r.uri.transport === 'udp') udpAnswered = true;
        d.rttMs = answer.rttMs;
        const sw = attribute(m, A.SOFTWARE);
        if (sw) d.software = wireText(readText(sw));
        d.mapped = requireMapped(m, 'Binding');
        // RFC 3489's CHANGED-ADDRESS and SOURCE-ADDRESS where OTHER-ADDRESS and RESPONSE-ORIGIN are
        // not: "simply a new name with the same semantics" (RFC 5780 §7.4); an RFC 3489 server
        // (Debian's stund) honours CHANGE-REQUEST the same way (probe audit: "does not do RFC 5780").
        const other = addressAttr(m, A.OTHER_ADDRESS, false);
        const changed = other === null ? addressAttr(m, A.CHANGED_ADDRESS, false) : null;
        d.otherAddress = other ?? changed;
        d.responseOrigin = addressAttr(m, A.RESPONSE_ORIGIN, false) ?? (changed !== null ? addressAttr(m, A.SOURCE_ADDRESS, false) : null);
        d.rfc5780 = d.otherAddress !== null;
        say(`Binding: mapped ${d.mapped ? fmt(d.mapped) : '(none)'}${d.rttMs !== null ? `, RTT ${d.rttMs} ms` : ''}${d.software ? `, SOFTWARE "${d.software}"` : ''}, ${other ? `OTHER-ADDRESS ${fmt(other)} (RFC 5780)` : changed ? `CHANGED-ADDRESS ${fmt(changed)} (RFC 3489's OTHER-ADDRESS: its behaviour tests run)` : 'no OTHER-ADDRESS (no RFC 5780)'}`);
        if (channel === shared && d.mapped) multiServer.push({ server: to, mapped: d.mapped });
        if (turn) {
          await allocate();
        }
      } catch (e) {
        if (!(e instanceof ProbeFailure)) {
          if (!(e instanceof SdpscopeError)) throw e;
          // A message the codec refuses (a malformed attribute): this server's answer, not the run.
          d.error = failure('bad-response', e.reason, 'the server sent a malformed STUN message: not a conforming STUN/TURN server').error;
        } else d.error = e.error;
        // Cut while its allocations could not be freed: not "were freed" (probe audit 2: the steps said the Refresh failed).
        if (d.unfreed !== undefined && d.error !== null) d.error = { ...d.error, explanation: d.error.explanation.replace('the allocations it had made were freed', 'the allocations it had made could not all be freed (see the warnings)') };
        step(`${d.url}: failed: ${d.error.reason}`);
      } finally {
        for (const c of mine) c.close();
      }
    }

    // A UDP server whose Binding got no answer: does TCP to the same server answer? (A firewall blocking UDP.)
    let tcpAnswered: boolean | undefined;
    let tcpRefused = bindingUnanswered.size > 0;
    let tcpConnected = false;
    /** Addresses silent over UDP whose STUN over TCP answered: a STUN server is there. */
    const tcpOnly = new Set<string>();
    for (const i of bindingUnanswered) {
      const d = drafts[i]!;
      const r = resolved[i]!;
      if (signal?.aborted || d.error === null) continue;
      const how = await tcpBinding({ address: r.address, port: r.uri.port }, timeoutMs, signal);
      const tcp = how === 'answered';
      tcpAnswered = (tcpAnswered ?? false) || tcp;
      tcpRefused &&= how === 'refused';
      tcpConnected ||= how === 'connected';
      if (tcp) tcpOnly.add(r.address);
      // Refused is not silence (README walk: "no answer either" sent people looking for a firewall when nothing listened).
      d.steps.push(`Binding over TCP to the same server and port: ${tcp ? 'answered' : how === 'refused' ? 'connection refused (nothing listens for TCP on that port)' : how === 'connected' ? 'connected, but no answer to the Binding either (a server that does not answer STUN there, or another service)' : 'no answer either'}`);
      const where = `${r.uri.host}:${r.uri.port}`;
      // Refused over UDP (ICMP port unreachable) is not silence either.
      const udpRefused = d.error.code === 'refused';
      const overUdp = udpRefused ? `UDP to ${where} was refused (ICMP port unreachable)` : `no answer from ${where} over UDP`;
      // Refused says a host answered for that address; many STUN servers serve UDP only, so it does
      // not say the server is down (audit of the change): it says the machine is reachable.
      if (how === 'refused') d.error = { ...d.error, explanation: udpRefused ? `${d.error.explanation}. TCP to the same port was refused too: nothing listens there, over UDP or TCP (a wrong port, or the server is down), or a firewall rejects both` : `${d.error.explanation}. TCP to the same port was refused: the machine is reachable and nothing listens for TCP there (a UDP-only server, or one that is down); a firewall dropping UDP on the way, or the server being down, are what is left` };
      // Said whole, not after "down or unreachable" (audit of the late commits: it contradicted itself).
      if (how === 'connected') d.error = { ...d.error, explanation: `${overUdp}; TCP to the same port connected and answered no STUN either: something listens there that is not a STUN server (another service), a server that ignores Binding, or one that is hung or overloaded (its kernel still accepts connections)` };
      if (tcp) d.error = { ...d.error, explanation: `${overUdp}, while STUN over TCP to the same server and port did answer: UDP is ${udpRefused ? 'rejected' : 'blocked'} on the way (a firewall), or this server does not serve UDP on that port; behind such a firewall, use TURN over TCP or TLS` };
      // The short-timeout hint, said last whatever was added above (audit of the change: "… are what is left" came after it).
      if (!udpRefused && d.error.code === 'no-answer') d.error = { ...d.error, explanation: `${d.error.explanation.replace(shortTimeout(timeoutMs), '')}${shortTimeout(timeoutMs)}` };
    }

    if (options.nat === false) {
      const servers = drafts.map(({ unfreed: _unfreed, ...d }): ProbeServerResult => ({ ...d, ok: d.error === null }));
      return { servers, nat: { mapping: null, filtering: null, type: 'unknown', evidence: ['not tested (--no-nat)'], server: null, local: null }, paths: [] };
    }
    // RFC 5780 against the first UDP server that sent a usable OTHER-ADDRESS.
    let otherAddressProblem: string | undefined;
    const idx = drafts.findIndex((d, i) => {
      const r = resolved[i];
      if (d.transport !== 'udp' || d.rfc5780 !== true || !r || r.family !== family || !onShared.has(i)) return false;
      const problem = otherAddressProblemOf(d.otherAddress!, { address: r.address, port: r.uri.port }, family);
      if (problem !== null) otherAddressProblem ??= `its OTHER-ADDRESS ${fmt(d.otherAddress!)} is ${problem}: the RFC 5780 tests need another IP address and another port of the server (RFC 5780 §7.4), so they did not run`;
      return problem === null;
    });
    const observations: { -readonly [K in keyof NatObservations]: NatObservations[K] } = {
      local: shared?.local ?? null,
      udpAnswered,
      ...(!udpAnswered && udpError !== null ? { udpErrorAnswer: udpError } : {}),
      ...(tcpAnswered !== undefined ? { tcpAnswered, ...(tcpAnswered === false && tcpRefused ? { tcpRefused } : {}), ...(tcpAnswered === false && tcpConnected ? { tcpConnected } : {}) } : {}),
      udpServers: tcpOnly.size,
      ...(tcpOnly.size > 0 && [...tcpOnly].every((a) => INSIDE_CLASSES.has(classifyAddress(a).class)) ? { udpServersInside: true } : {}),
      ...(bindingUnanswered.size > 0 && [...bindingUnanswered].every((i) => drafts[i]!.error?.code === 'refused') ? { udpRefused: true } : {}),
      ...(firstUdp ? {} : { noUdpServer: true, ...(drafts.some((d) => d.transport === 'udp') ? { udpUnresolved: true } : {}) }),
      multiServer,
      ...(multiServer[0] ? { mapping: { i: multiServer[0].mapped } } : {}),
      ...(idx < 0 && otherAddressProblem !== undefined ? { otherAddressProblem } : {}),
    };
    let natServer: string | null = null;
    if (idx >= 0 && shared && !signal?.aborted) {
      const d = drafts[idx]!;
      const r = resolved[idx]!;
      natServer = d.url;
      const primary = { address: r.address, port: r.uri.port };
      const other = d.otherAddress!;
      const mappedVia = async (ch: UdpChannel, to: Endpoint, what: string, extra: readonly StunAttributeInput[] = []) => {
        const a = await ch.transact(binding(extra), to, timeoutMs, signal);
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
        // The answer must come from where it was asked to: a server ignoring CHANGE-REQUEST would fake open filtering.
        if (f2.answered && f2.from && (f2.from.address === primary.address || f2.from.port === primary.port)) {
          observations.filteringProblem = `filtering test II: the answer came from ${fmt(f2.from)}, not from the other address and port: the server does not honour CHANGE-REQUEST, so filtering cannot be told`;
          observations.filtering = { i: true };
        } else {
          const f3 = f2.answered ? undefined : await mappedVia(fresh, primary, 'filtering test III (CHANGE-REQUEST: other port)', [changeRequest(false, true)]);
          if (f3?.answered && f3.from && (f3.from.address !== primary.address || f3.from.port === primary.port)) {
            observations.filteringProblem = `filtering test III: the answer came from ${fmt(f3.from)}, not from the primary address's other port: the server does not honour CHANGE-REQUEST, so filtering cannot be told`;
            observations.filtering = { i: true };
          } else observations.filtering = { i: true, ii: f2.answered, ...(f3 ? { iii: f3.answered } : {}) };
        }
      } else observations.filtering = { i: false };
    }
    // Tests cut short by Ctrl-C or the deadline read as silence: no verdict from them.
    let verdict: NatProbeVerdict = signal.aborted
      ? { mapping: null, filtering: null, type: 'unknown' as const, evidence: [`the checks were cut short (${signal.reason === DEADLINE ? 'the probe\'s deadline passed' : 'interrupted'}): no NAT verdict`] }
      : classifyNat(observations);
    // One family's NAT is tested: said when servers of the other were given (probe audit: an IPv6 verdict, IPv4 silently untested).
    if (!signal.aborted && resolved.some((r) => r !== null && r.uri.transport === 'udp' && r.family !== family)) {
      verdict = { ...verdict, evidence: [...verdict.evidence, `the NAT tests ran over IPv${family}, the first UDP server's family; the IPv${family === 4 ? 6 : 4} servers given were not used for them (name an IPv${family === 4 ? 6 : 4} STUN server first to test that family)`] };
    }
    for (const e of verdict.evidence) step(`NAT: ${e}`);
    const servers = drafts.map(({ unfreed: _unfreed, ...d }): ProbeServerResult => ({ ...d, ok: d.error === null }));
    return { servers, nat: { ...verdict, server: natServer, local: observations.local }, paths: verdict.type === 'unknown' ? [] : pathTable(verdict.type) };
  } finally {
    for (const c of opened) c.close();
  }
}

/**
 * Why an OTHER-ADDRESS cannot serve the RFC 5780 tests, or null: it must be another IP address
 * and another port of the server, of the same family (RFC 5780 §7.4). Audit: port 0 crashed the
 * probe; the server's own IP sent test II where test I went, and "endpoint-independent" followed.
 */
function otherAddressProblemOf(other: Endpoint, primary: Endpoint, family: 4 | 6): string | null {
  if (other.port === 0) return 'port 0';
  if (isIP(other.address) !== family) return 'of another address family';
  if (other.address === '0.0.0.0' || other.address === '::') return 'the unspecified address';
  if (other.address === primary.address) return 'the server\'s own IP address';
  if (other.port === primary.port) return 'the server\'s own port';
  return null;
}

/**
 * The relayed address reached as a browser's peer reaches it: a datagram from a plain socket of
 * this machine to it, as a Data indication on the allocation, and the allocation's answer back to
 * that socket. Between two of its own allocations a server relays without its advertised address
 * (coturn maps its --external-ip back to its private one), so a wrong --external-ip, or a firewall
 * on the relay ports, passed that test while no peer could reach the relay (probe audit: "relays
 * both ways" from coturn advertising 127.0.0.5). The socket's address as the server sees it comes
 * from a Binding to the server (the allocation's mapped address when it answers none); permissions
 * are by IP address only (RFC 8656 §9).
 */
async function reachedFromOutside(a: Allocation, r: Resolved, to: Endpoint, timeoutMs: number, say: (s: string) => void, opened: Channel[], signal?: AbortSignal): Promise<true | { readonly why: string; readonly hint: string | null }> {
  const relayed = a.relayed!;
  const family = isIP(relayed.address) === 6 ? 6 : 4;
  const peer = await UdpChannel.open(family === 6 ? '::' : '0.0.0.0', family);
  opened.push(peer);
  // Its own mapping, from a Binding over UDP to the server. Unanswered (UDP blocked here, a server
  // that answers no Binding) or of another family, the leg is not tried: this machine's UDP is
  // not a peer's (e2e: behind a firewall that drops UDP, TURN over TCP had failed it).
  let seenAs: Endpoint | null = null;
  /** The error the Binding got, when it got one (coturn --secure-stun's 401: it was said unanswered; probe audit). */
  let refusedWith: string | null = null;
  /** The Binding met ICMP port unreachable: nothing listens for UDP there (probe audit: "no answer… or UDP is blocked"). */
  let portRefused = false;
  if (r.family === family) {
    const b = await peer.transact(binding(), to, timeoutMs, signal);
    portRefused = b === null && peer.refused !== null;
    if (b !== null && b.message.class === 'success') seenAs = mappedOf(b.message);
    else if (b !== null) {
      let e: { code: number; reason: string } | null = null;
      try {
        e = errorOf(b.message, 'Binding');
      } catch {
        /* malformed: "an error" */
      }
      refusedWith = e !== null ? `${e.code} ${e.reason}` : 'with an error';
    }
  }
  if (signal?.aborted) throw interrupted('the relayed datagram', signal);
  if (seenAs === null) {
    const why = r.family !== family
      ? `the relay is ${family === 6 ? 'IPv6' : 'IPv4'}, the server reached over ${r.family === 6 ? 'IPv6' : 'IPv4'}`
      : refusedWith !== null
        ? `a Binding over UDP from this machine was answered ${refusedWith}, with no mapped address`
        : portRefused
          ? `a Binding over UDP to port ${to.port}${r.uri.transport !== 'udp' ? ` (this ${r.uri.scheme === 'turns' ? 'TLS' : 'TCP'} URI's)` : ''} was refused (ICMP port unreachable): nothing listens for UDP there${r.uri.transport !== 'udp' ? ', as a server often serves UDP on another port (3478 beside 5349) or none (coturn --no-udp)' : ''}`
          : r.uri.transport !== 'udp'
          // Sent to the TCP or TLS URI's port, where a server often has no UDP (coturn's 5349 beside 3478; probe audit 2: "UDP blocked here" for turns:).
          ? `a Binding over UDP to port ${to.port} (this ${r.uri.scheme === 'turns' ? 'TLS' : 'TCP'} URI's) got no answer: a server often serves UDP on another port (3478 beside 5349), or UDP is blocked here`
          : 'a Binding over UDP from this machine got no answer from the server: UDP blocked here, or a server that answers none';
    say(`from outside: not tried (${why}; the relayed address was not tried as a peer reaches it)`);
    // What would try it: only where another URI could (probe audit: "over UDP too" of UDP URIs).
    const hint = r.family !== family ? `probe a URI of this server over ${family === 6 ? 'IPv6' : 'IPv4'}, the relay's family` : refusedWith === null && r.uri.transport !== 'udp' ? 'probe a stun: or turn: URI of this server over UDP too' : null;
    return { why, hint };
  }
  await a.permit(seenAs);
  say(`CreatePermission ${seenAs.address} (this machine as the server sees it)`);
  const payload = text(`sdpscope-probe ${tidHex(tidBytes())}`);
  const atA = dataIndication(a, payload, timeoutMs, signal);
  peer.socket.send(payload, relayed.port, relayed.address);
  const got = await atA;
  if (signal?.aborted) throw interrupted('the relayed datagram', signal);
  if (!got) throw failure('relay-unreachable', `a datagram from this machine (${fmt(seenAs)}) to the relayed address ${fmt(relayed)} did not arrive within ${timeoutMs} ms, though the server relayed between its own allocations`, `no peer reaches this relay: the address the server advertises is not where its relay listens (coturn's --external-ip wrong or missing behind a NAT, a cloud VM's private address), or a firewall drops its relay ports (coturn's --min-port to --max-port, 49152–65535 by default)`);
  const back = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    const onMessage = (buf: Buffer) => {
      if (buf.equals(Buffer.from(payload))) done(true);
    };
    const stop = () => done(false);
    function done(ok: boolean): void {
      clearTimeout(timer);
      peer.socket.removeListener('message', onMessage);
      signal?.removeEventListener('abort', stop);
      resolve(ok);
    }
    peer.socket.on('message', onMessage);
    signal?.addEventListener('abort', stop, { once: true });
  });
  a.sendTo(got.peer, payload);
  const ok = await back;
  if (signal?.aborted) throw interrupted('the relayed datagram', signal);
  if (!ok) throw failure('relay-unreachable', `the relay's answer from ${fmt(relayed)} to this machine (${fmt(got.peer)}) did not arrive within ${timeoutMs} ms`, 'the relay takes datagrams from peers but what it sends them does not arrive: a firewall on the server\'s outgoing relay traffic, or its source address rewritten on the way');
  say(`from outside: a datagram from ${fmt(got.peer)} to ${fmt(relayed)} came through, and back`);
  return true;
}

/** The Data indication (RFC 8656 §11.4) of this payload on an allocation, with its peer; null past the timeout or on abort. */
function dataIndication(alloc: Allocation, payload: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<{ peer: Endpoint } | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    const stop = () => {
      clearTimeout(timer);
      resolve(null);
    };
    signal?.addEventListener('abort', stop, { once: true });
    alloc.channel.onIndication((m) => {
      const data = attribute(m, A.DATA);
      const peer = addressAttr(m, A.XOR_PEER_ADDRESS, true);
      if (m.method === STUN_METHODS.data && data && peer && Buffer.from(data.value).equals(Buffer.from(payload))) {
        clearTimeout(timer);
        signal?.removeEventListener('abort', stop);
        resolve({ peer });
      }
    });
  });
}

/** The same address (in any of its spellings: "0:0::1" is "::1") and port. */
function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  if (a.port !== b.port) return false;
  try {
    return ipaddr.process(a.address).toNormalizedString() === ipaddr.process(b.address).toNormalizedString();
  } catch {
    return a.address === b.address;
  }
}

/** How long after this run freed allocations on a server a 486 there is asked again, and after how long. */
const FREED_RECENTLY_MS = 10_000;
const QUOTA_RETRY_MS = 1500;

/** A Binding over TCP (is it UDP that is blocked?). */
/** A Binding over TCP: answered, refused (nothing listens: the server is down, not a firewall), or silent. */
async function tcpBinding(to: Endpoint, timeoutMs: number, signal?: AbortSignal): Promise<'answered' | 'refused' | 'connected' | 'silent'> {
  let ch: StreamChannel | null = null;
  try {
    ch = await StreamChannel.open(to, null, timeoutMs);
    const a = await ch.transact(binding(), to, timeoutMs, signal);
    // Connected and silent is not silence (probe audit: "no answer either" after TCP had connected).
    return a !== null ? 'answered' : 'connected';
  } catch (e) {
    return (e as { code?: unknown }).code === 'ECONNREFUSED' ? 'refused' : 'silent';
  } finally {
    ch?.close();
  }
}

/**
 * TURN: two allocations, a permission each, a datagram from one to the other through the relay
 * and back, both freed whatever happens (an allocation the server may have made too: an
 * Allocate whose answer came late, failed its integrity check, or was malformed).
 */
async function checkTurn(r: Resolved, first: Channel, to: Endpoint, d: Draft, timeoutMs: number, say: (s: string) => void, opened: Channel[], connect: () => Promise<StreamChannel>, freed: Map<string, number>, signal?: AbortSignal): Promise<void> {
  const a = new Allocation(first, r, to, timeoutMs, say, 'Allocate', signal);
  if (d.mapped !== null) a.answered = 'Binding';
  let b: Allocation | null = null;
  /**
   * An Allocate refused with 486 a moment after this run freed allocations on the server is asked
   * once more, QUOTA_RETRY_MS later: coturn counts a freed UDP allocation against the user's quota
   * for a while (probe audit: the TCP URI after the UDP one of one server failed "close other
   * sessions" under --user-quota=2, the only allocations the probe's own, freed).
   */
  const allocate = async (alloc: Allocation): Promise<void> => {
    try {
      await alloc.allocate();
    } catch (e) {
      const at = freed.get(to.address);
      const recent = at !== undefined && Date.now() - at <= FREED_RECENTLY_MS;
      // The first Allocate too, freed by nothing of this run: a run of the probe moments before may
      // have freed its own, which the server still counts (probe audit of 2026-12-07: three runs in
      // a row, the second and third "close other sessions").
      if (!(e instanceof ProbeFailure) || e.error.code !== 'allocation-quota' || (!recent && alloc !== a)) throw e;
      say(recent ? `${e.error.reason}, ${Date.now() - at!} ms after this probe freed its own allocations on the server (a server may count them for a while: coturn does): asked again in ${QUOTA_RETRY_MS} ms` : `${e.error.reason}: asked again in ${QUOTA_RETRY_MS} ms (a server may still count allocations freed moments ago, a probe's run just before this one too: coturn does)`);
      await new Promise<void>((ok) => {
        const t = setTimeout(ok, QUOTA_RETRY_MS);
        signal?.addEventListener('abort', () => (clearTimeout(t), ok()), { once: true });
      });
      if (signal?.aborted) throw interrupted('the Allocate', signal);
      try {
        await alloc.allocate();
      } catch (again) {
        if (again instanceof ProbeFailure && again.error.code === 'allocation-quota') {
          throw failure('allocation-quota', again.error.reason, recent ? `asked again ${QUOTA_RETRY_MS} ms after this probe freed its own allocations on the server, and still refused: the user's quota is taken by other sessions, or the server counts freed allocations longer (coturn --user-quota, --total-quota)` : `${again.error.explanation}; asked again ${QUOTA_RETRY_MS} ms later, still refused (a server counts allocations freed moments ago for a few seconds, a probe run just before this one's too: if one ran, run it again shortly)`, again.error.stunCode);
        }
        throw again;
      }
    }
  };
  try {
    await allocate(a);
    d.relayed = a.relayed;
    // A server that answered no Binding (TURN only): its mapped address is the Allocate's.
    d.mapped ??= a.mapped;
    d.lifetime = a.lifetime;
    d.software ??= a.software;
    if (a.openRelay) d.warnings.push('an open relay: the server allocated without asking for credentials (no 401), so anyone who can reach it can relay through it, and the credentials given were not checked (RFC 8656 §7.2 expects the long-term credential mechanism)');
    say(`Allocate: relayed ${fmt(a.relayed!)}, mapped ${a.mapped ? fmt(a.mapped) : '(none)'}, lifetime ${a.lifetime ?? '?'} s`);
    // A second allocation from another local port (or connection): the peer the datagram goes to.
    const second: Channel = r.uri.transport === 'udp' ? await UdpChannel.open(r.family === 6 ? '::' : '0.0.0.0', r.family) : await connect();
    opened.push(second);
    b = new Allocation(second, r, to, timeoutMs, say, 'second Allocate', signal);
    b.answered = 'Allocate';
    try {
      await allocate(b);
    } catch (e) {
      // The one other allocation is the probe's own first one (probe audit: "close other sessions").
      if (e instanceof ProbeFailure && (e.error.code === 'allocation-quota' || e.error.code === 'insufficient-capacity')) {
        throw failure(e.error.code, e.error.reason, `the probe needs two allocations (one relays to the other) and the server allowed one: ${e.error.code === 'allocation-quota' ? 'a quota of one allocation for this user, or in all (coturn --user-quota, --total-quota)' : 'one relay port left (coturn\'s --min-port to --max-port), or new allocations refused'}; a browser's call needs one per peer connection`, e.error.stunCode);
      }
      throw e;
    }
    say(`second Allocate: relayed ${fmt(b.relayed!)}`);
    await a.permit(b.relayed!);
    await b.permit(a.relayed!);
    say(`CreatePermission: each allocation for the other's relayed address`);
    const payload = text(`sdpscope-probe ${tidHex(tidBytes())}`);
    const arrived = (alloc: Allocation) => dataIndication(alloc, payload, timeoutMs, signal);
    const atB = arrived(b);
    a.sendTo(b.relayed!, payload);
    const got = await atB;
    if (signal?.aborted) throw interrupted('the relayed datagram', signal);
    // A relayed address the server does not answer from may be an advertised one it does not listen on (coturn's --external-ip without its /private part; audit of the change).
    const elsewhere = a.relayed!.address !== to.address ? `; or the relayed address ${a.relayed!.address}, not the one the server answers from (${to.address}), is not where its relay listens: coturn's --external-ip given without its /<private address>` : '';
    if (!got) throw failure('relay-failed', `a datagram sent through ${fmt(a.relayed!)} to ${fmt(b.relayed!)} did not arrive within ${timeoutMs} ms`, `the server allocated relays but does not forward between them: its peer rules (denied-peer-ip, its own relay addresses refused) or a firewall between its relay ports${elsewhere}`);
    const atA = arrived(a);
    b.sendTo(got.peer, payload);
    const back = await atA;
    if (signal?.aborted) throw interrupted('the relayed datagram', signal);
    if (!back) throw failure('relay-failed', `the datagram's answer through ${fmt(b.relayed!)} did not come back within ${timeoutMs} ms`, 'the relay forwards one way only: a firewall between its relay ports');
    say(`relayed: a datagram went ${fmt(a.relayed!)} → ${fmt(b.relayed!)} and back`);
    const outside = await reachedFromOutside(a, r, to, timeoutMs, say, opened, signal);
    d.relayReachable = outside === true ? true : null;
    if (outside !== true) d.warnings.push(`the relayed address ${fmt(a.relayed!)} was not tried as a browser's peer reaches it (${outside.why}): a wrong advertised address (coturn's --external-ip) or a firewall on the relay ports would not show here${outside.hint !== null ? `; ${outside.hint}` : ''}`);
    d.relayVerified = true;
  } catch (e) {
    if (e instanceof ProbeFailure && a.relayed && b?.relayed && e.error.code !== 'interrupted' && e.error.code !== 'deadline') d.relayVerified = false;
    if (e instanceof ProbeFailure && e.error.code === 'relay-unreachable') d.relayReachable = false;
    throw e;
  } finally {
    let unfreed = 0;
    // Both freed at once: one after the other, two unanswered Refreshes held Ctrl-C and the
    // deadline 3 s (probe audit 2); at once, 1.5 s at most.
    await Promise.all([a, b].map(async (alloc) => {
      if (!alloc || !(alloc.relayed || alloc.maybeAllocated || alloc.unansweredAllocate !== null)) return;
      // An Allocate that got no answer (late, or interrupted) may still be answered: its answer is
      // listened for since (lateAllocate), and what it made is freed (a Refresh sent first could
      // reach the server before it).
      if (!alloc.relayed && alloc.lateAllocate !== null) {
        const m = await alloc.lateAllocate;
        if (!m || m.class !== 'success') return;
        say('a late answer to the Allocate made an allocation: freeing it');
      }
      // Whatever one Refresh meets, the other allocation is freed too (audit: an exception here left it).
      try {
        const how = await alloc.free();
        if (how === 'freed') freed.set(to.address, Date.now());
        if (how === 'freed' || alloc.relayed) say(`Refresh lifetime 0: ${alloc.relayed ? fmt(alloc.relayed) : 'the allocation'} ${how === 'freed' ? 'freed' : 'already gone'}`);
      } catch (e) {
        say(`Refresh lifetime 0 failed: ${e instanceof ProbeFailure ? e.error.reason : e instanceof SdpscopeError ? e.reason : String(e)}`);
        unfreed++;
      }
    }));
    // Left on the server, said (probe audit 2: ✓ and no word while both stayed): until their
    // lifetime ends, against the user's quota; a server that refuses Refresh also breaks a
    // browser's allocation (libwebrtc's TurnPort::HandleRefreshError prunes its connections).
    if (unfreed > 0) {
      d.unfreed = unfreed;
      d.warnings.push(`${unfreed === 1 ? 'an allocation' : `${unfreed} allocations`} could not be freed (Refresh with lifetime 0 refused or unanswered: see the steps): ${unfreed === 1 ? 'it stays' : 'they stay'} on the server until ${d.lifetime !== null ? `the lifetime ends (${d.lifetime} s)` : 'its lifetime ends'}, counting against the user's quota; a server that refuses Refresh also breaks a browser's allocation (libwebrtc drops its connections)`);
    }
  }
}
