/**
 * The lab's scripted ICE agent on loopback, against a controlled peer played by the test with the
 * STUN codec: it answers correct checks (signed with its password, XOR-MAPPED-ADDRESS the sender),
 * refuses wrong credentials (401) and a second controlling agent (487), and its own checks carry
 * ICE-CONTROLLING, PRIORITY and USE-CANDIDATE only when asked to nominate.
 */
import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { startIceAgent, type IceAgent } from '../../src/lab/ice-agent.js';
import { NODE_STUN_CRYPTO } from '../../src/node/probe.js';
import { attribute, checkFingerprint, checkIntegrity, decodeStunMessage, encodeStunMessage, readAddress, readErrorCode, STUN_ATTRIBUTES as A, STUN_METHODS, xorAddressValue, type StunMessage } from '../../src/stun/message.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const PEER = { ufrag: 'peer', pwd: 'peerpasswordpeerpassword' };

async function udp(): Promise<Socket> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  return s;
}

function next(s: Socket): Promise<StunMessage> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no answer in 2 s')), 2000);
    s.once('message', (b) => {
      clearTimeout(t);
      resolve(decodeStunMessage(new Uint8Array(b)));
    });
  });
}

function check(agent: IceAgent, s: Socket, options: { pwd?: string; role?: number } = {}): Promise<StunMessage> {
  const tid = new Uint8Array(randomBytes(12));
  const bytes = encodeStunMessage(
    {
      class: 'request',
      method: STUN_METHODS.binding,
      transactionId: tid,
      attributes: [
        { type: A.USERNAME, value: utf8(`${agent.ufrag}:${PEER.ufrag}`) },
        { type: A.PRIORITY, value: new Uint8Array([0x6e, 0, 0, 0xff]) },
        { type: options.role ?? A.ICE_CONTROLLED, value: new Uint8Array(8) },
      ],
      integrityKey: utf8(options.pwd ?? agent.pwd),
      fingerprint: true,
    },
    NODE_STUN_CRYPTO,
  );
  const answer = next(s);
  s.send(bytes, agent.port, agent.address);
  return answer;
}

describe('the lab ICE agent', () => {
  let agent: IceAgent;
  let peer: Socket;
  beforeEach(async () => {
    peer = await udp();
  });
  afterEach(() => {
    agent.close();
    peer.close();
  });

  it('answers a correct check: signed with its own password, fingerprinted, the sender\'s address XOR-mapped', async () => {
    agent = await startIceAgent({ address: '127.0.0.1' });
    expect(agent.ufrag).toMatch(/^[A-Za-z0-9+/]{8}$/);
    expect(agent.pwd).toMatch(/^[A-Za-z0-9+/]{24}$/);
    const r = await check(agent, peer);
    expect(r.class).toBe('success');
    expect(checkIntegrity(r, utf8(agent.pwd), NODE_STUN_CRYPTO)).toBe(true);
    expect(checkFingerprint(r)).toBe(true);
    expect(readAddress(r, attribute(r, A.XOR_MAPPED_ADDRESS)!, true)).toEqual({ family: 'ipv4', address: '127.0.0.1', port: peer.address().port });
  });

  it('refuses a wrong password (401) and a peer that is controlling too (487: its tie-breaker is the highest)', async () => {
    agent = await startIceAgent({ address: '127.0.0.1' });
    expect(readErrorCode(attribute(await check(agent, peer, { pwd: 'wrong' }), A.ERROR_CODE)!).code).toBe(401);
    expect(readErrorCode(attribute(await check(agent, peer, { role: A.ICE_CONTROLLING }), A.ERROR_CODE)!).code).toBe(487);
  });

  it.each([false, true])('checks the peer as the controlling agent, USE-CANDIDATE only when nominating (%s), and counts the answers', async (nominate) => {
    agent = await startIceAgent({ address: '127.0.0.1', nominate });
    const seen: StunMessage[] = [];
    peer.on('message', (b, from) => {
      const m = decodeStunMessage(new Uint8Array(b));
      seen.push(m);
      const tid = Uint8Array.from(Buffer.from(m.transactionId, 'hex'));
      const answer = encodeStunMessage({ class: 'success', method: STUN_METHODS.binding, transactionId: tid, attributes: [{ type: A.XOR_MAPPED_ADDRESS, value: xorAddressValue({ family: 'ipv4', address: from.address, port: from.port }, tid) }], integrityKey: utf8(PEER.pwd), fingerprint: true }, NODE_STUN_CRYPTO);
      peer.send(answer, from.port, from.address);
    });
    const counters = await agent.check({ ...PEER, candidates: [{ address: '127.0.0.1', port: peer.address().port }] }, 350);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const m of seen) {
      expect(new TextDecoder().decode(attribute(m, A.USERNAME)!.value)).toBe(`${PEER.ufrag}:${agent.ufrag}`);
      expect(checkIntegrity(m, utf8(PEER.pwd), NODE_STUN_CRYPTO)).toBe(true);
      expect(attribute(m, A.ICE_CONTROLLING)?.value.length).toBe(8);
      expect(attribute(m, A.PRIORITY)).toBeDefined();
      expect(attribute(m, A.USE_CANDIDATE) !== undefined).toBe(nominate);
    }
    expect(counters).toMatchObject({ requestsSent: seen.length, nominationsSent: nominate ? seen.length : 0 });
    expect(counters.responsesReceived).toBeGreaterThanOrEqual(seen.length - 1);
  });

  it('offers a data channel with its credentials and its one host candidate', async () => {
    agent = await startIceAgent({ address: '127.0.0.1' });
    const offer = agent.offer();
    expect(offer).toContain(`a=ice-ufrag:${agent.ufrag}\r\n`);
    expect(offer).toContain(`a=candidate:1 1 udp 2130706431 127.0.0.1 ${agent.port} typ host\r\n`);
    expect(offer).toMatch(/a=fingerprint:sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}\r\n/);
  });
});
