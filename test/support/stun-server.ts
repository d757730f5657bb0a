/**
 * A small STUN/TURN server on loopback for the probe's unit tests, built on sdpscope's own codec:
 * Binding with RFC 5780 (OTHER-ADDRESS, RESPONSE-ORIGIN, CHANGE-REQUEST answered from 127.0.0.2
 * and the other port), and TURN over UDP with long-term credentials (401 → realm and nonce →
 * MESSAGE-INTEGRITY), allocations relaying through real sockets on 127.0.0.1, permissions, Send
 * and Data indications and Refresh. Each behaviour a test needs can be turned wrong: an error
 * code per method, a stale nonce, a broken integrity, no relaying, silence. coturn (the real
 * one) is checked in the lab (test/e2e/probe.e2e.ts); this one makes the failures coturn will not
 * make on demand.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server, type Socket as TcpSocket } from 'node:net';
import {
  attribute,
  checkIntegrity,
  decodeStunMessage,
  encodeStunMessage,
  readAddress,
  readText,
  readU32Value,
  STUN_ATTRIBUTES as A,
  STUN_METHODS as M,
  xorAddressValue,
  type StunAttributeInput,
  type StunCrypto,
  type StunMessage,
} from '../../src/stun/message.js';

const crypto: StunCrypto = {
  hmacSha1: (key, data) => new Uint8Array(createHmac('sha1', key).update(data).digest()),
  md5: (data) => new Uint8Array(createHash('md5').update(data).digest()),
};

export interface ScriptedServerOptions {
  /** RFC 5780: OTHER-ADDRESS in Binding answers, CHANGE-REQUEST honoured (default true). */
  readonly rfc5780?: boolean;
  /** RFC 3489, as Debian's stund 0.97 answers: MAPPED-ADDRESS, SOURCE-ADDRESS and CHANGED-ADDRESS (no RESPONSE-ORIGIN or OTHER-ADDRESS) beside XOR-MAPPED-ADDRESS; CHANGE-REQUEST honoured. */
  readonly rfc3489?: boolean;
  /** Long-term credentials (default user "u", password "p", realm "test.realm"). */
  readonly username?: string;
  readonly password?: string;
  readonly realm?: string;
  /** Answer this method (by name) with this error code once credentials are right. */
  readonly errors?: Partial<Record<'allocate' | 'createPermission' | 'refresh' | 'binding', number>>;
  /** Answer the first authenticated request with 438 (stale nonce), or every one ("always"). */
  readonly staleNonce?: 'once' | 'always';
  /** Sign successes with a wrong key. */
  readonly badIntegrity?: boolean;
  /** Allocations are made but forward nothing. */
  readonly noRelay?: boolean;
  /** Answer nothing at all over UDP. */
  readonly silent?: boolean;
  /** Answer no Binding, over UDP or TCP (TURN only: coturn --no-stun). */
  readonly noBinding?: boolean;
  /** Answer a plain Binding from the alternate port (a server whose replies leave from another socket). */
  readonly replyFromOtherPort?: boolean;
  /** Answer a Binding with XOR-MAPPED-ADDRESS 0.0.0.0:0. */
  readonly mappedZero?: boolean;
  /** Answer a Binding with 401, REALM and NONCE (a long-term challenge), as coturn --secure-stun does. */
  readonly secureStun?: boolean;
  /** Answer Binding only (STUN only: coturn --stun-only). */
  readonly noTurn?: boolean;
  /** Also listen on TCP (the primary port) for Binding. */
  readonly tcp?: boolean;
  /** With tcp: on 127.0.0.2's primary port too (a server at two addresses over TCP). */
  readonly tcpBoth?: boolean;
  /** An error answer without ERROR-CODE for Allocate. */
  readonly codelessError?: boolean;
  /** Answer authenticated Allocates this late (ms). */
  readonly delayAllocateMs?: number;
  /** Once an allocation is made, answer every authenticated request this late (ms): a path that turns slow once TURN is under way (a second Allocate, a Refresh). */
  readonly delayAfterAllocationMs?: number;
  /** A LIFETIME of 2 bytes in Allocate successes. */
  readonly badLifetime?: boolean;
  /** Successes to authenticated requests without MESSAGE-INTEGRITY. */
  readonly unsignedSuccess?: boolean;
  /** Answer CHANGE-REQUEST from the socket asked (as if it were not there). */
  readonly ignoreChangeRequest?: boolean;
  /** With errors.allocate = 300: the ALTERNATE-SERVER to name. */
  readonly alternate?: { readonly address: string; readonly port: number };
  /** Over TCP: close the connection instead of answering. */
  readonly closeTcp?: boolean;
  /** Reason phrases padded with NULs (as some servers send them). */
  readonly nulReasons?: boolean;
  /** TURN without authentication: allocations made with no 401 (an open relay), answers unsigned. */
  readonly openRelay?: boolean;
  /** The OTHER-ADDRESS Binding answers name (default 127.0.0.2 and the other port). */
  readonly otherAddress?: { readonly address: string; readonly port: number };
  /** The SOFTWARE of every answer (default "scripted"). */
  readonly software?: string;
  /** 401s without a NONCE. */
  readonly noNonce?: boolean;
  /** Allocate successes signed without XOR-RELAYED-ADDRESS, which follows MESSAGE-INTEGRITY unsigned. */
  readonly relayedAfterIntegrity?: boolean;
  /**
   * The address Allocate successes name as relayed (coturn's --external-ip), its relay listening
   * on 127.0.0.1 still; a peer address of it in a Send indication or CreatePermission is mapped
   * back to 127.0.0.1, as coturn maps its external address to its private one.
   */
  readonly advertise?: string;
  /** Allocations at once past which an Allocate is answered 486 (coturn --user-quota). */
  readonly quota?: number;
  /** A freed allocation still counts against the quota for this long (coturn releases a UDP allocation's slot late: probe audit). */
  readonly releaseAfterMs?: number;
  /** The LIFETIME of Allocate successes (default 600). */
  readonly lifetime?: number;
  /** Every answer, as it is about to go out (UDP and TCP): the bytes to send instead. */
  readonly tamper?: (answer: Uint8Array, request: StunMessage) => Uint8Array;
}

export interface ScriptedServer {
  readonly port: number;
  readonly altPort: number;
  /** Requests received, by method name. */
  readonly seen: string[];
  /** Allocations still open. */
  readonly allocations: () => number;
  close(): Promise<void>;
}

/** A message with one more attribute after all it has, unsigned (the length fixed; no FINGERPRINT after it). */
export function appendUnsigned(message: Uint8Array, a: StunAttributeInput): Uint8Array {
  const padded = a.value.length + ((4 - (a.value.length % 4)) % 4);
  const out = new Uint8Array(message.length + 4 + padded);
  out.set(message);
  const length = ((message[2]! << 8) | message[3]!) + 4 + padded;
  out[2] = length >> 8;
  out[3] = length & 0xff;
  out[message.length] = a.type >> 8;
  out[message.length + 1] = a.type & 0xff;
  out[message.length + 2] = a.value.length >> 8;
  out[message.length + 3] = a.value.length & 0xff;
  out.set(a.value, message.length + 4);
  return out;
}

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(M).map(([k, v]) => [v, k]));

async function bind(address: string, port: number): Promise<Socket> {
  const s = createSocket('udp4');
  await new Promise<void>((ok, no) => {
    s.once('error', no);
    s.bind(port, address, () => ok());
  });
  return s;
}

/**
 * Two ports on 127.0.0.1 and the same two on 127.0.0.2, and with `tcp` the primary port on TCP
 * too (retried until all are free: a UDP port the system picked can be a TCP port in use).
 */
async function quad(tcp: Server | null): Promise<{ sockets: Socket[]; port: number; altPort: number }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const made: Socket[] = [];
    try {
      made.push(await bind('127.0.0.1', 0));
      const port = made[0]!.address().port;
      made.push(await bind('127.0.0.1', 0));
      const altPort = made[1]!.address().port;
      made.push(await bind('127.0.0.2', port));
      made.push(await bind('127.0.0.2', altPort));
      if (tcp) {
        await new Promise<void>((ok, fail) => {
          tcp.once('error', fail);
          tcp.listen(port, '127.0.0.1', () => {
            tcp.off('error', fail);
            ok();
          });
        });
      }
      return { sockets: made, port, altPort };
    } catch {
      for (const s of made) s.close();
    }
  }
  throw new Error('no free ports on 127.0.0.1/127.0.0.2');
}

export async function startScriptedServer(o: ScriptedServerOptions = {}): Promise<ScriptedServer> {
  // The TCP listener (o.tcp) is made first, so that its port is found free with the UDP ones.
  const tcpServer: Server | null = o.tcp ? createServer() : null;
  const { sockets, port, altPort } = await quad(tcpServer);
  const [primary, altP, altI, altIP] = sockets as [Socket, Socket, Socket, Socket];
  const username = o.username ?? 'u';
  const realm = o.realm ?? 'test.realm';
  const key = crypto.md5(new TextEncoder().encode(`${username}:${realm}:${o.password ?? 'p'}`));
  let nonce = randomBytes(8).toString('hex');
  let staleSent = false;
  const seen: string[] = [];
  interface Allocation {
    relay: Socket;
    permissions: Set<string>;
    client: { address: string; port: number };
  }
  const allocations = new Map<string, Allocation>();
  /** Freed allocations still counted (releaseAfterMs). */
  let releasing = 0;
  const tcpClients = new Set<TcpSocket>();

  const answer = (m: StunMessage, cls: 'success' | 'error', attrs: StunAttributeInput[], signed: boolean) =>
    encodeStunMessage(
      {
        class: cls,
        method: m.method,
        transactionId: m.bytes.slice(8, 20),
        attributes: [{ type: A.SOFTWARE, value: new TextEncoder().encode(o.software ?? 'scripted') }, ...attrs],
        ...(signed && !o.unsignedSuccess ? { integrityKey: o.badIntegrity ? new Uint8Array(16) : key } : {}),
        fingerprint: true,
      },
      crypto,
    );
  const error = (m: StunMessage, code: number, phrase: string, extra: StunAttributeInput[] = []) => {
    const reason = o.nulReasons ? `${phrase}\0\0` : phrase;
    const v = new Uint8Array(4 + new TextEncoder().encode(reason).length);
    v[2] = Math.floor(code / 100);
    v[3] = code % 100;
    v.set(new TextEncoder().encode(reason), 4);
    return answer(m, 'error', [{ type: A.ERROR_CODE, value: v }, ...extra], false);
  };
  const text = (type: number, s: string): StunAttributeInput => ({ type, value: new TextEncoder().encode(s) });
  const addr = (a: { address: string; port: number }): Uint8Array => {
    const v = new Uint8Array(8);
    v[1] = 1;
    v[2] = a.port >> 8;
    v[3] = a.port & 0xff;
    a.address.split('.').forEach((x, i) => (v[4 + i] = Number(x)));
    return v;
  };
  const xor = (a: { address: string; port: number }, m: StunMessage) => xorAddressValue({ family: 'ipv4', ...a }, m.bytes.slice(8, 20));

  function binding(m: StunMessage, from: { address: string; port: number }, via: Socket): { bytes: Uint8Array; socket: Socket } {
    const flags = attribute(m, A.CHANGE_REQUEST) ? readU32Value(attribute(m, A.CHANGE_REQUEST)!) : 0;
    let socket = via;
    if (o.rfc5780 !== false && flags && !o.ignoreChangeRequest) {
      const ip = (flags & 4) !== 0;
      const p = (flags & 2) !== 0;
      socket = via === primary ? (ip && p ? altIP : ip ? altI : p ? altP : primary) : via;
    }
    if (o.replyFromOtherPort && !flags && via === primary) socket = altP;
    if (o.mappedZero) from = { address: '0.0.0.0', port: 0 };
    const origin = socket.address();
    const other = addr(o.otherAddress ?? { address: '127.0.0.2', port: altPort });
    const attrs: StunAttributeInput[] = o.rfc3489
      ? [{ type: A.MAPPED_ADDRESS, value: addr(from) }, { type: A.SOURCE_ADDRESS, value: addr({ address: origin.address, port: origin.port }) }, { type: A.CHANGED_ADDRESS, value: other }, { type: A.XOR_MAPPED_ADDRESS, value: xor(from, m) }]
      : [{ type: A.XOR_MAPPED_ADDRESS, value: xor(from, m) }, { type: A.RESPONSE_ORIGIN, value: addr({ address: origin.address, port: origin.port }) }];
    if (o.rfc5780 !== false && !o.rfc3489) attrs.push({ type: A.OTHER_ADDRESS, value: other });
    if (o.errors?.binding) return { bytes: error(m, o.errors.binding, 'Scripted'), socket };
    if (o.secureStun) return { bytes: error(m, 401, 'Unauthorized', [text(A.REALM, realm), text(A.NONCE, nonce)]), socket };
    return { bytes: answer(m, 'success', attrs, false), socket };
  }

  /** A peer address as the relay reaches it: the advertised address is its own (coturn's external-to-private mapping). */
  const inside = (p: { address: string; port: number }) => (o.advertise !== undefined && p.address === o.advertise ? { ...p, address: '127.0.0.1' } : p);

  async function turn(m: StunMessage, from: { address: string; port: number }): Promise<Uint8Array | null> {
    const name = NAMES[m.method] ?? String(m.method);
    const id = `${from.address}:${from.port}`;
    if (m.class === 'indication') {
      const a = allocations.get(id);
      const peer = attribute(m, A.XOR_PEER_ADDRESS);
      const data = attribute(m, A.DATA);
      if (a && peer && data && !o.noRelay) {
        const p = inside(readAddress(m, peer, true));
        if (a.permissions.has(p.address)) a.relay.send(data.value, p.port, p.address);
      }
      return null;
    }
    if (o.codelessError && m.method === M.allocate) return answer(m, 'error', [], false);
    const user = attribute(m, A.USERNAME);
    const challenge = o.noNonce ? [text(A.REALM, realm)] : [text(A.REALM, realm), text(A.NONCE, nonce)];
    if (!o.openRelay && (!user || !attribute(m, A.MESSAGE_INTEGRITY))) return error(m, 401, 'Unauthorized', challenge);
    if (!o.openRelay && (readText(user!) !== username || !checkIntegrity(m, key, crypto))) return error(m, 401, 'Unauthorized', challenge);
    if (!o.openRelay && (o.staleNonce === 'always' || (o.staleNonce === 'once' && !staleSent) || readText(attribute(m, A.NONCE)!) !== nonce)) {
      staleSent = true;
      nonce = randomBytes(8).toString('hex');
      return error(m, 438, 'Stale Nonce', [text(A.REALM, realm), text(A.NONCE, nonce)]);
    }
    const injected = o.errors?.[name as keyof NonNullable<ScriptedServerOptions['errors']>];
    if (injected) return error(m, injected, 'Scripted', injected === 300 && o.alternate ? [{ type: A.ALTERNATE_SERVER, value: addr(o.alternate) }] : []);
    if (m.method === M.allocate && o.delayAllocateMs) await new Promise((r) => setTimeout(r, o.delayAllocateMs));
    else if (o.delayAfterAllocationMs && allocations.size > 0) await new Promise((r) => setTimeout(r, o.delayAfterAllocationMs));
    // Closed while the answer was held (a probe that gave up on its deadline): nothing to answer with.
    if (closed) return null;
    if (m.method === M.allocate) {
      if (allocations.has(id)) return error(m, 437, 'Allocation Mismatch');
      if (o.quota !== undefined && allocations.size + releasing >= o.quota) return error(m, 486, 'Allocation Quota Reached');
      const relay = await bind('127.0.0.1', 0);
      const a: Allocation = { relay, permissions: new Set(), client: from };
      relay.on('message', (data, rinfo) => {
        if (!a.permissions.has(rinfo.address) || o.noRelay) return;
        const tid = new Uint8Array(randomBytes(12));
        primary.send(
          encodeStunMessage({ class: 'indication', method: M.data, transactionId: tid, attributes: [{ type: A.XOR_PEER_ADDRESS, value: xorAddressValue({ family: 'ipv4', address: rinfo.address, port: rinfo.port }, tid) }, { type: A.DATA, value: new Uint8Array(data) }] }),
          a.client.port,
          a.client.address,
        );
      });
      allocations.set(id, a);
      const relayed = { type: A.XOR_RELAYED_ADDRESS, value: xor({ address: o.advertise ?? '127.0.0.1', port: relay.address().port }, m) };
      const life = o.lifetime ?? 600;
      const attrs = [{ type: A.XOR_MAPPED_ADDRESS, value: xor(from, m) }, { type: A.LIFETIME, value: o.badLifetime ? new Uint8Array([2, 88]) : new Uint8Array([life >>> 24, (life >>> 16) & 0xff, (life >>> 8) & 0xff, life & 0xff]) }];
      if (o.relayedAfterIntegrity) return appendUnsigned(encodeStunMessage({ class: 'success', method: m.method, transactionId: m.bytes.slice(8, 20), attributes: attrs, integrityKey: key }, crypto), relayed);
      return answer(m, 'success', [relayed, ...attrs], !o.openRelay);
    }
    const a = allocations.get(id);
    if (!a) return error(m, 437, 'Allocation Mismatch');
    if (m.method === M.createPermission) {
      a.permissions.add(inside(readAddress(m, attribute(m, A.XOR_PEER_ADDRESS)!, true)).address);
      return answer(m, 'success', [], !o.openRelay);
    }
    if (m.method === M.refresh) {
      if (readU32Value(attribute(m, A.LIFETIME)!) === 0) {
        a.relay.close();
        allocations.delete(id);
        if (o.releaseAfterMs) {
          releasing++;
          setTimeout(() => releasing--, o.releaseAfterMs).unref();
        }
      }
      return answer(m, 'success', [{ type: A.LIFETIME, value: new Uint8Array(4) }], !o.openRelay);
    }
    return error(m, 400, 'Bad Request');
  }

  /** Set by close(): answers held back (delayAllocateMs) are then not sent. */
  let closed = false;
  for (const s of sockets) {
    s.on('message', (buf, rinfo) => {
      if (o.silent) return;
      let m: StunMessage;
      try {
        m = decodeStunMessage(new Uint8Array(buf));
      } catch {
        return;
      }
      seen.push(NAMES[m.method] ?? String(m.method));
      const from = { address: rinfo.address, port: rinfo.port };
      const out = (bytes: Uint8Array) => (o.tamper ? o.tamper(bytes, m) : bytes);
      if (m.method === M.binding) {
        if (o.noBinding) return;
        const r = binding(m, from, s);
        r.socket.send(out(r.bytes), rinfo.port, rinfo.address);
        return;
      }
      if (o.noTurn) return;
      void turn(m, from).then((bytes) => bytes && !closed && s.send(out(bytes), rinfo.port, rinfo.address));
    });
  }
  const tcpServers: Server[] = tcpServer ? [tcpServer] : [];
  if (tcpServer && o.tcpBoth) {
    const second = createServer();
    await new Promise<void>((ok, fail) => {
      second.once('error', fail);
      second.listen(port, '127.0.0.2', () => ok());
    });
    tcpServers.push(second);
  }
  for (const server of tcpServers) {
    server.on('connection', (c: TcpSocket) => {
      tcpClients.add(c);
      c.on('close', () => tcpClients.delete(c));
      c.on('error', () => undefined);
      c.on('data', (buf) => {
        if (o.closeTcp) {
          c.destroy();
          return;
        }
        let m: StunMessage;
        try {
          m = decodeStunMessage(new Uint8Array(buf));
        } catch {
          seen.push('tcp:not-stun'); // a TLS ClientHello, for one
          return;
        }
        seen.push(`tcp:${NAMES[m.method]}`);
        if (m.method === M.binding && !o.noBinding) {
          const bytes = binding(m, { address: c.remoteAddress!.replace(/^::ffff:/, ''), port: c.remotePort! }, primary).bytes;
          c.write(o.tamper ? o.tamper(bytes, m) : bytes);
        }
      });
    });
  }
  return {
    port,
    altPort,
    seen,
    allocations: () => allocations.size,
    async close() {
      closed = true;
      for (const a of allocations.values()) a.relay.close();
      for (const s of sockets) s.close();
      for (const c of tcpClients) c.destroy();
      for (const server of tcpServers) await new Promise((ok) => server.close(ok));
    },
  };
}
