/**
 * A scripted ICE agent for the lab (RFC 8445): full ICE over UDP, in the controlling role, that
 * answers every connectivity check it gets and sends its own, but never nominates (no
 * USE-CANDIDATE, RFC 8445 §7.2.2, §8.1.1). The browser on the other side is the controlled agent:
 * its checks are answered and it answers ours, yet no pair is ever nominated, so no pair can be
 * selected. That is the `no-nomination` failure, made by construction, for the browser's own dump
 * to show. It also offers `nominate: true`, the control that the same exchange with USE-CANDIDATE
 * connects. Node only: it binds a UDP socket.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { NODE_STUN_CRYPTO } from '../node/probe.js';
import {
  attribute,
  checkFingerprint,
  checkIntegrity,
  decodeStunMessage,
  encodeStunMessage,
  isStunMessage,
  readText,
  STUN_ATTRIBUTES as A,
  STUN_METHODS,
  xorAddressValue,
} from '../stun/message.js';

export interface IceAgentOptions {
  /** The address to bind (the agent's one host candidate). */
  readonly address: string;
  /** Send USE-CANDIDATE on the checks (the control case). Default false. */
  readonly nominate?: boolean;
}

export interface IceAgentPeer {
  readonly ufrag: string;
  readonly pwd: string;
  /** The peer's UDP candidates (IPv4 or IPv6 addresses, not mDNS names). */
  readonly candidates: readonly { readonly address: string; readonly port: number }[];
}

export interface IceAgentCounters {
  readonly requestsReceived: number;
  readonly responsesSent: number;
  readonly requestsSent: number;
  readonly responsesReceived: number;
  /** Checks sent with USE-CANDIDATE. */
  readonly nominationsSent: number;
  /** Requests refused: a wrong USERNAME or MESSAGE-INTEGRITY (401), a role conflict (487). */
  readonly refused: number;
}

export interface IceAgent {
  readonly address: string;
  readonly port: number;
  /** RFC 8839 §5.4: 4 and 22 characters of ice-char. */
  readonly ufrag: string;
  readonly pwd: string;
  /** A data-channel offer with this agent's credentials and its one host candidate. */
  offer(): string;
  /** Starts checking the peer's candidates (every 100 ms each, as RFC 8445 §14 paces them) for `durationMs`; the counters at the end. */
  check(peer: IceAgentPeer, durationMs: number): Promise<IceAgentCounters>;
  close(): void;
}

const ICE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const iceString = (n: number) => Array.from(randomBytes(n), (b) => ICE_CHARS[b & 63]).join('');
const u32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
const utf8 = (s: string) => new TextEncoder().encode(s);
/** The highest tie-breaker: a role conflict is always the peer's to resolve (RFC 8445 §7.3.1.1). */
const TIE_BREAKER = new Uint8Array(8).fill(0xff);

export async function startIceAgent(options: IceAgentOptions): Promise<IceAgent> {
  const ufrag = iceString(8);
  const pwd = iceString(24);
  const socket: Socket = createSocket(options.address.includes(':') ? 'udp6' : 'udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, options.address, () => resolve());
  });
  const port = socket.address().port;
  let peer: IceAgentPeer | null = null;
  const counts = { requestsReceived: 0, responsesSent: 0, requestsSent: 0, responsesReceived: 0, nominationsSent: 0, refused: 0 };
  const sent = new Set<string>();

  const reply = (cls: 'success' | 'error', transactionId: Uint8Array, to: RemoteInfo, extra: { type: number; value: Uint8Array }[]) => {
    const bytes = encodeStunMessage({ class: cls, method: STUN_METHODS.binding, transactionId, attributes: extra, integrityKey: utf8(pwd), fingerprint: true }, NODE_STUN_CRYPTO);
    socket.send(bytes, to.port, to.address);
  };

  socket.on('message', (buf, from) => {
    if (!isStunMessage(buf)) return; // DTLS or anything else: this agent stops at ICE.
    let m;
    try {
      m = decodeStunMessage(new Uint8Array(buf));
    } catch {
      return;
    }
    if (m.method !== STUN_METHODS.binding) return;
    const tid = Uint8Array.from(Buffer.from(m.transactionId, 'hex'));
    if (m.class === 'request') {
      counts.requestsReceived++;
      const user = attribute(m, A.USERNAME);
      // RFC 8445 §7.3: USERNAME is "our ufrag:their ufrag", MESSAGE-INTEGRITY keyed with our password.
      if (!user || !readText(user).startsWith(`${ufrag}:`) || !checkIntegrity(m, utf8(pwd), NODE_STUN_CRYPTO) || !checkFingerprint(m)) {
        counts.refused++;
        reply('error', tid, from, [{ type: A.ERROR_CODE, value: new Uint8Array([0, 0, 4, 1, ...utf8('Unauthorized')]) }]);
        return;
      }
      if (attribute(m, A.ICE_CONTROLLING)) {
        // Both controlling; ours is the highest tie-breaker, so the peer switches (§7.3.1.1).
        counts.refused++;
        reply('error', tid, from, [{ type: A.ERROR_CODE, value: new Uint8Array([0, 0, 4, 87, ...utf8('Role Conflict')]) }]);
        return;
      }
      counts.responsesSent++;
      reply('success', tid, from, [{ type: A.XOR_MAPPED_ADDRESS, value: xorAddressValue({ family: from.family === 'IPv6' ? 'ipv6' : 'ipv4', address: from.address, port: from.port }, tid) }]);
      return;
    }
    if (m.class === 'success' && sent.has(m.transactionId) && peer && checkIntegrity(m, utf8(peer.pwd), NODE_STUN_CRYPTO)) counts.responsesReceived++;
  });

  const sendCheck = (to: { address: string; port: number }) => {
    if (!peer) return;
    const tid = new Uint8Array(randomBytes(12));
    sent.add(Buffer.from(tid).toString('hex'));
    const attributes = [
      { type: A.USERNAME, value: utf8(`${peer.ufrag}:${ufrag}`) },
      // A peer-reflexive priority (RFC 8445 §7.2.5.1): type preference 110, component 1.
      { type: A.PRIORITY, value: u32(((110 << 24) | (65535 << 8) | 255) >>> 0) },
      { type: A.ICE_CONTROLLING, value: TIE_BREAKER },
      ...(options.nominate ? [{ type: A.USE_CANDIDATE, value: new Uint8Array(0) }] : []),
    ];
    const bytes = encodeStunMessage({ class: 'request', method: STUN_METHODS.binding, transactionId: tid, attributes, integrityKey: utf8(peer.pwd), fingerprint: true }, NODE_STUN_CRYPTO);
    counts.requestsSent++;
    if (options.nominate) counts.nominationsSent++;
    socket.send(bytes, to.port, to.address);
  };

  const family = options.address.includes(':') ? 'IP6' : 'IP4';
  return {
    address: options.address,
    port,
    ufrag,
    pwd,
    offer: () =>
      [
        'v=0',
        `o=- ${BigInt(`0x${randomBytes(6).toString('hex')}`)} 1 IN IP4 127.0.0.1`,
        's=-',
        't=0 0',
        'a=group:BUNDLE 0',
        `m=application ${port} UDP/DTLS/SCTP webrtc-datachannel`,
        `c=IN ${family} ${options.address}`,
        `a=ice-ufrag:${ufrag}`,
        `a=ice-pwd:${pwd}`,
        // A well-formed fingerprint of no certificate: the agent never gets to DTLS.
        `a=fingerprint:sha-256 ${Array.from(randomBytes(32), (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':')}`,
        'a=setup:actpass',
        'a=mid:0',
        'a=sctp-port:5000',
        'a=max-message-size:262144',
        `a=candidate:1 1 udp 2130706431 ${options.address} ${port} typ host`,
        'a=end-of-candidates',
        '',
      ].join('\r\n'),
    async check(p, durationMs) {
      peer = p;
      const end = Date.now() + durationMs;
      while (Date.now() < end) {
        for (const c of p.candidates) sendCheck(c);
        await new Promise((r) => setTimeout(r, 100));
      }
      return { ...counts };
    },
    close: () => socket.close(),
  };
}
