/**
 * `probe` against a scripted STUN/TURN server on loopback (test/support/stun-server.ts): every
 * success and failure path of the Binding, the RFC 5780 tests and TURN. coturn itself, through
 * every NAT type, is in test/e2e/probe.e2e.ts.
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { probe, type ProbeReport } from '../../src/node/probe.js';
import { encodeStunMessage, STUN_ATTRIBUTES, STUN_METHODS, type StunMessage } from '../../src/stun/message.js';
import { startScriptedServer, type ScriptedServer, type ScriptedServerOptions } from '../support/stun-server.js';

const servers: ScriptedServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(o: ScriptedServerOptions = {}): Promise<ScriptedServer> {
  const s = await startScriptedServer(o);
  servers.push(s);
  return s;
}

const turnOf = (s: ScriptedServer) => `turn:127.0.0.1:${s.port}?transport=udp`;
const run = (urls: string[], more: Partial<Parameters<typeof probe>[0]> = {}): Promise<ProbeReport> => probe({ servers: urls, username: 'u', credential: 'p', timeoutMs: 400, ...more });

describe('probe: STUN Binding and the RFC 5780 tests', () => {
  it('on loopback: mapped is local, so no NAT; every test answered; filtering endpoint-independent', async () => {
    const s = await server();
    const r = await run([`stun:127.0.0.1:${s.port}`]);
    expect(r.servers[0]).toMatchObject({ ok: true, transport: 'udp', rfc5780: true, software: 'scripted', otherAddress: { address: '127.0.0.2', port: s.altPort }, responseOrigin: { address: '127.0.0.1', port: s.port }, error: null });
    expect(r.servers[0]!.mapped).toEqual(r.nat.local);
    expect(r.servers[0]!.rttMs).toBeGreaterThan(0);
    // Loopback: no NAT to that server, nothing said of the internet (it was "open", every path direct: ICE audit).
    expect(r.nat).toMatchObject({ type: 'unknown', mapping: 'none', filtering: 'endpoint-independent', server: `stun:127.0.0.1:${s.port}` });
    expect(r.nat.evidence.at(-1)).toMatch(/^the server saw 127\.0\.0\.1, an address no one has on the internet/);
    // Test I, II (to 127.0.0.2), filtering I, II (CHANGE-REQUEST).
    expect(s.seen.filter((m) => m === 'binding').length).toBeGreaterThanOrEqual(4);
  });

  it('a server without RFC 5780: the type is unknown, and the reason says why', async () => {
    const s = await server({ rfc5780: false });
    const r = await run([`stun:127.0.0.1:${s.port}`]);
    expect(r.servers[0]).toMatchObject({ ok: true, rfc5780: false, otherAddress: null });
    expect(r.nat.server).toBeNull();
    expect(r.nat).toMatchObject({ type: 'unknown', mapping: 'none' });
    expect(r.nat.evidence.join('\n')).toMatch(/sent no OTHER-ADDRESS: it does not do RFC 5780/);
  });

  it('an RFC 3489 server (stund): its CHANGED-ADDRESS is OTHER-ADDRESS by RFC 5780 §7.4, so the tests run (probe audit: "does not do RFC 5780")', async () => {
    const s = await server({ rfc3489: true });
    const r = await run([`stun:127.0.0.1:${s.port}`]);
    expect(r.servers[0]).toMatchObject({ ok: true, rfc5780: true, otherAddress: { address: '127.0.0.2', port: s.altPort }, responseOrigin: { address: '127.0.0.1', port: s.port } });
    expect(r.servers[0]!.steps).toContainEqual(expect.stringMatching(/CHANGED-ADDRESS 127\.0\.0\.2:\d+ \(RFC 3489's OTHER-ADDRESS: its behaviour tests run\)$/));
    expect(r.nat).toMatchObject({ mapping: 'none', filtering: 'endpoint-independent', server: `stun:127.0.0.1:${s.port}` });
  });

  it('--no-nat: the servers only', async () => {
    const s = await server();
    const r = await run([`stun:127.0.0.1:${s.port}`], { nat: false });
    expect(r.nat.server).toBeNull();
    expect(s.seen).toEqual(['binding']);
  });

  it('a silent server: no answer, explained; TCP to it refused, so not "UDP blocked"', async () => {
    const s = await server({ silent: true });
    const r = await run([`stun:127.0.0.1:${s.port}`]);
    expect(r.servers[0]).toMatchObject({ ok: false, mapped: null, error: { code: 'no-answer', stunCode: null, reason: 'Binding: no answer within 400 ms' } });
    expect(r.servers[0]!.error!.explanation).toMatch(/the server is down or unreachable, or a firewall drops UDP to port \d+\. TCP to the same port was refused: the machine is reachable and nothing listens for TCP there/);
    // Refused, the machine is reachable: not said to be unreachable (probe audit: the report contradicted itself).
    expect(r.nat).toMatchObject({ type: 'unknown', evidence: [expect.stringMatching(/^no STUN server answered over UDP, and TCP to it was refused \(the machine is reachable/)] });
    expect(r.paths).toEqual([]);
  });

  it('silent over UDP at two addresses, answering over TCP: the server\'s explanation says so; on loopback, no "UDP blocked" for the internet (probe audit; the e2e suite has the real one, behind a firewall in a namespace)', async () => {
    const s = await server({ silent: true, tcp: true, tcpBoth: true });
    const r = await run([`stun:127.0.0.1:${s.port}`, `stun:127.0.0.2:${s.port}`]);
    expect(r.servers[0]!.error!.explanation).toMatch(/STUN over TCP to the same server and port did answer: UDP is blocked on the way/);
    expect(r.nat).toMatchObject({ type: 'unknown', evidence: [expect.stringMatching(/^STUN at 2 addresses gave no answer over UDP and answered over TCP, but they are inside this network/)] });
    expect(r.paths).toEqual([]);
  });

  it('one server silent over UDP and answering over TCP: unknown, since it may not serve UDP (probe audit: coturn --no-udp was "UDP blocked"); a second address where nothing is does not count', async () => {
    const s = await server({ silent: true, tcp: true });
    const r = await run([`stun:127.0.0.1:${s.port}`]);
    expect(r.nat).toMatchObject({ type: 'unknown', evidence: [expect.stringMatching(/or this server does not serve UDP on that port/)] });
    expect(r.paths).toEqual([]);
    expect(r.servers[0]!.error!.explanation).toMatch(/^no answer from 127\.0\.0\.1:\d+ over UDP, while STUN over TCP to the same server and port did answer: UDP is blocked/);
    // Audit of the late commits: an address with no server at all made "STUN at 2 addresses".
    const two = await run([`stun:127.0.0.1:${s.port}`, 'stun:127.0.0.3:9']);
    expect(two.nat.type).toBe('unknown');
  });

  it('a TCP port that connects and answers no STUN behind a silent UDP port: the NAT evidence says so, not "down or unreachable" (audit of the late commits)', async () => {
    const http = createServer((c) => c.on('data', () => undefined));
    await new Promise<void>((ok) => http.listen(0, '127.0.0.1', () => ok()));
    try {
      const port = (http.address() as { port: number }).port;
      const r = await run([`stun:127.0.0.1:${port}`]);
      expect(r.nat).toMatchObject({ type: 'unknown', evidence: [expect.stringMatching(/over TCP the port accepted the connection and answered no STUN \(the machine is reachable\)/)] });
      expect(r.servers[0]!.error!.explanation).toMatch(/TCP to the same port connected and answered no STUN either: something listens there that is not a STUN server/);
    } finally {
      await new Promise((ok) => http.close(ok));
    }
  });

  it('a TCP port that connects and answers neither the Binding nor the Allocate of a turn: URL: no STUN or TURN server there, not "coturn --no-stun" (probe audit of 2026-12-07)', async () => {
    const requests: number[] = [];
    const silent = createServer((c) => c.on('data', (d: Buffer) => {
      for (let i = 0; i + 20 <= d.length; i += 20 + d.readUInt16BE(i + 2)) requests.push(d.readUInt16BE(i) & 0x3eef);
    }));
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', () => ok()));
    try {
      const port = (silent.address() as { port: number }).port;
      const r = await run([`turn:127.0.0.1:${port}?transport=tcp`], { nat: false });
      const e = r.servers[0]!.error!;
      expect(e.code).toBe('no-answer');
      expect(e.reason).toBe('Binding and Allocate: no answer within 400 ms');
      expect(e.explanation).toMatch(/no answer to the Binding and Allocate came: a service of another protocol on that port \(it waits for its own\), not a STUN or TURN server$/);
      // Both were asked (Binding 0x001, Allocate 0x003).
      expect(requests).toEqual(expect.arrayContaining([1, 3]));
    } finally {
      await new Promise((ok) => silent.close(ok));
    }
  });

  it('a TURN server that answers no Binding (coturn --no-stun): its Allocate is asked all the same, and passes with a warning (probe audit: never asked)', async () => {
    const s = await server({ noBinding: true });
    const r = await run([turnOf(s)], { nat: false });
    // Its mapped address is the Allocate's (audit of the late commits: null in --json).
    expect(r.servers[0]).toMatchObject({ ok: true, relayVerified: true, mapped: { address: '127.0.0.1' }, error: null });
    expect(r.servers[0]!.steps[0]).toMatch(/^Binding: no answer within 400 ms; a TURN server may answer TURN only/);
    expect(r.servers[0]!.warnings).toEqual([expect.stringMatching(/was not tried as a browser's peer reaches it/), expect.stringMatching(/answers TURN but not a plain STUN Binding/)]);
    expect(s.seen).toContain('allocate');
  });

  it('a TURN server that wants credentials for a Binding (a 401 with REALM and NONCE: coturn --secure-stun): its Allocate is asked and passes, with a warning; as a stun: URL it fails as that (probe audit: "short-term credentials", Allocate never tried)', async () => {
    const s = await server({ secureStun: true });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]).toMatchObject({ ok: true, relayVerified: true, error: null });
    expect(r.servers[0]!.steps[0]).toMatch(/^Binding: 401 Unauthorized with REALM and NONCE: the server wants long-term credentials for a plain Binding \(coturn --secure-stun\); Allocate is asked all the same/);
    expect(r.servers[0]!.warnings).toContainEqual(expect.stringMatching(/^the server wants credentials for a plain STUN Binding \(a 401 with REALM and NONCE: coturn --secure-stun\)/));
    expect(s.seen).toContain('allocate');
    // The outside leg's Binding was answered, with the 401: not said unanswered.
    expect(r.servers[0]!.steps).toContainEqual(expect.stringMatching(/^from outside: not tried \(a Binding over UDP from this machine was answered 401 Unauthorized, with no mapped address;/));
    const stun = await run([`stun:127.0.0.1:${s.port}`], { nat: false });
    expect(stun.servers[0]!.error).toMatchObject({ code: 'unauthorized', reason: 'Binding: 401 Unauthorized' });
    expect(stun.servers[0]!.error!.explanation).toMatch(/^the server wants long-term credentials \(REALM and NONCE, RFC 8489 §9\.2\) for a plain Binding, as coturn does with --secure-stun/);
    // With the NAT tests: the 401 is an answer over UDP, said so, not "no STUN server answered" (probe audit).
    const nat = await run([`stun:127.0.0.1:${s.port}`]);
    expect(nat.nat).toMatchObject({ type: 'unknown', mapping: null, evidence: [expect.stringMatching(/^the STUN server answered over UDP, with an error \(401 Unauthorized\), not a mapped address: UDP gets through/)] });
    // Without REALM and NONCE, the short-term words, as before.
    const short = await server({ errors: { binding: 401 } });
    expect((await run([turnOf(short)], { nat: false })).servers[0]!.error!.explanation).toMatch(/short-term credentials, RFC 8489 §9\.1/);
  });

  it('an answer from another port than the one asked: a bad response, as browsers drop it (probe audit: passed); a mapped address 0.0.0.0:0: a bad response', async () => {
    const other = await server({ replyFromOtherPort: true });
    const r = await run([`stun:127.0.0.1:${other.port}`], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'bad-response', reason: `Binding: answered from 127.0.0.1:${other.altPort}, not from 127.0.0.1:${other.port}, where it was sent` });
    expect(r.servers[0]!.error!.explanation).toMatch(/^browsers take a STUN answer only from the address and port they sent the request to/);
    const zero = await server({ mappedZero: true });
    const z = await run([`stun:127.0.0.1:${zero.port}`], { nat: false });
    expect(z.servers[0]!.error).toMatchObject({ code: 'bad-response', reason: 'Binding: a success whose mapped address is 0.0.0.0:0' });
  });

  it('a STUN-only server (coturn --stun-only): the Allocate\'s silence is said as such, not as a server down', async () => {
    const s = await server({ noTurn: true });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'no-answer', reason: 'Allocate: no answer within 400 ms' });
    expect(r.servers[0]!.error!.explanation).toMatch(/answered the Binding but not the Allocate: a STUN-only server \(coturn --stun-only\)/);
  });

  it('a TCP answer cut partway (30 bytes of a 120-byte message, then nothing): a bad response that says so, not "no answer" (probe audit 2)', async () => {
    const stall = createServer((c) => c.on('data', () => {
      const head = Buffer.alloc(30);
      head.writeUInt16BE(0x0101, 0);
      head.writeUInt16BE(100, 2);
      head.writeUInt32BE(0x2112a442, 4);
      c.write(head);
    }));
    await new Promise<void>((ok) => stall.listen(0, '127.0.0.1', () => ok()));
    try {
      const port = (stall.address() as { port: number }).port;
      const r = await run([`turn:127.0.0.1:${port}?transport=tcp`], { nat: false });
      expect(r.servers[0]!.error).toMatchObject({ code: 'bad-response', reason: 'Binding: 30 bytes of a 120-byte STUN message, then nothing within 400 ms' });
    } finally {
      await new Promise((ok) => stall.close(ok));
    }
  });

  it('a TCP port that connects and answers no STUN: said as connected and silent, not as down (probe audit: an HTTP server was "down or unreachable")', async () => {
    const http = createServer((c) => c.on('data', () => undefined));
    await new Promise<void>((ok) => http.listen(0, '127.0.0.1', () => ok()));
    try {
      const port = (http.address() as { port: number }).port;
      const r = await run([`turn:127.0.0.1:${port}?transport=tcp`], { nat: false });
      expect(r.servers[0]!.error).toMatchObject({ code: 'no-answer' });
      expect(r.servers[0]!.error!.explanation).toMatch(/^the TCP connection to 127\.0\.0\.1:\d+ was made, but no answer to the (Binding|Allocate|Binding and Allocate) came/);
    } finally {
      await new Promise((ok) => http.close(ok));
    }
  });

  it('stun: over TCP (transport from a turn: URI) reads the framed answer', async () => {
    const s = await server({ tcp: true });
    const r = await probe({ servers: [`turn:127.0.0.1:${s.port}?transport=tcp`], timeoutMs: 400, nat: false });
    expect(r.servers[0]!.mapped?.address).toBe('127.0.0.1');
    expect(r.servers[0]!.steps[0]).toMatch(/^TCP connected/);
  });

  it('an error answer to the Binding is named', async () => {
    const s = await server({ errors: { binding: 500 } });
    const r = await run([`stun:127.0.0.1:${s.port}`], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'stun-error', stunCode: 500, reason: 'Binding: 500 Scripted' });
  });

  it('nothing listening on TCP: refused, explained', async () => {
    const s = await server();
    const r = await run([`turn:127.0.0.1:${s.port}?transport=tcp`], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'refused', explanation: expect.stringMatching(/^nothing listens on 127\.0\.0\.1:\d+ over tcp/) });
  });

  it('turns: to a port that does not speak TLS: a TLS error naming that', async () => {
    const s = await server({ tcp: true });
    const r = await run([`turns:127.0.0.1:${s.port}`], { nat: false });
    expect(r.servers[0]!.error!.code).toBe('tls');
  });
});

describe('probe: TURN', () => {
  it('allocates twice, permits, relays a datagram there and back, frees both', async () => {
    const s = await server();
    const r = await run([turnOf(s)], { nat: false });
    const t = r.servers[0]!;
    expect(t).toMatchObject({ ok: true, relayVerified: true, lifetime: 600, relayed: { address: '127.0.0.1' }, error: null });
    expect(t.steps.join('\n')).toMatch(/Allocate: 401 with realm "test\.realm" and a nonce, as expected; sending credentials/);
    expect(t.steps.join('\n')).toMatch(/relayed: a datagram went 127\.0\.0\.1:\d+ → 127\.0\.0\.1:\d+ and back/);
    // …and as a peer reaches it: from a plain socket of this machine to the relayed address, and back.
    expect(t.steps.join('\n')).toMatch(/CreatePermission 127\.0\.0\.1 \(this machine as the server sees it\)\n.*from outside: a datagram from 127\.0\.0\.1:\d+ to 127\.0\.0\.1:\d+ came through, and back/);
    expect(t.relayReachable).toBe(true);
    expect(s.allocations()).toBe(0);
    expect(s.seen.filter((m) => m === 'refresh').length).toBe(2);
  });

  it('a relayed address no peer reaches (coturn\'s --external-ip wrong): relay-unreachable, though its own allocations relay to each other', async () => {
    // The server relays between its allocations through its private address, as coturn does; a peer sends to the advertised one (probe audit: "relays both ways").
    const s = await server({ advertise: '127.0.0.5' });
    const r = await run([turnOf(s)], { nat: false });
    const t = r.servers[0]!;
    expect(t).toMatchObject({ ok: false, relayVerified: false, relayReachable: false, relayed: { address: '127.0.0.5' }, error: { code: 'relay-unreachable', reason: expect.stringMatching(/^a datagram from this machine \(127\.0\.0\.1:\d+\) to the relayed address 127\.0\.0\.5:\d+ did not arrive within 400 ms, though the server relayed between its own allocations$/) } });
    expect(t.error!.explanation).toMatch(/--external-ip wrong or missing behind a NAT/);
    expect(t.steps.join('\n')).toMatch(/relayed: a datagram went 127\.0\.0\.5:\d+ → 127\.0\.0\.5:\d+ and back/);
    expect(s.allocations()).toBe(0);
  });

  it('a server that answers no UDP Binding (TURN only, or TURN over TCP to a port without UDP): the outside leg not tried is said, relayReachable null, and the summary says so (audit of the change: "relays both ways")', async () => {
    const s = await server({ noBinding: true });
    const r = await run([turnOf(s)], { nat: false });
    const t = r.servers[0]!;
    expect(t).toMatchObject({ ok: true, relayVerified: true, relayReachable: null });
    expect(t.steps.join('\n')).toMatch(/from outside: not tried \(a Binding over UDP from this machine got no answer from the server/);
    expect(t.warnings.join('\n')).toMatch(/was not tried as a browser's peer reaches it \(a Binding over UDP from this machine got no answer from the server.*\): a wrong advertised address \(coturn's --external-ip\) or a firewall on the relay ports would not show here$/m);
    // Not "over UDP too" of a URI that went over UDP (probe audit).
    expect(t.warnings.join('\n')).not.toMatch(/over UDP too/);
    const { renderProbe } = await import('../../cli/render/probe.js');
    const { makeStyle } = await import('../../cli/render/style.js');
    expect(renderProbe(r, makeStyle(false))).toMatch(/relays between its allocations, not tried from outside/);
  });

  it('asks for the relay a browser asks for: REQUESTED-TRANSPORT only, no REQUESTED-ADDRESS-FAMILY (the default, IPv4, whatever the server\'s family)', async () => {
    const asked: StunMessage[] = [];
    const s = await server({ tamper: (answer, request) => (asked.push(request), answer) });
    await run([turnOf(s)], { nat: false });
    const allocates = asked.filter((m) => m.method === STUN_METHODS.allocate);
    expect(allocates.length).toBeGreaterThan(1);
    for (const m of allocates) expect(m.attributes.some((a) => a.type === STUN_ATTRIBUTES.REQUESTED_ADDRESS_FAMILY)).toBe(false);
  });

  it('a stale nonce (438) is retried with the new one', async () => {
    const s = await server({ staleNonce: 'once' });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.ok).toBe(true);
    expect(r.servers[0]!.steps.join('\n')).toMatch(/438 stale nonce; retrying with the new one/);
  });

  it('a nonce stale every time gives up, explained', async () => {
    const s = await server({ staleNonce: 'always' });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'stale-nonce', stunCode: 438, explanation: expect.stringMatching(/keeps answering 438/) });
  });

  it('a quota of one allocation: the second Allocate\'s 486 says the probe needs two, not "close other sessions"', async () => {
    const s = await server({ quota: 1 });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'allocation-quota', stunCode: 486, reason: expect.stringMatching(/^second Allocate: 486/) });
    expect(r.servers[0]!.error!.explanation).toMatch(/^the probe needs two allocations \(one relays to the other\) and the server allowed one: a quota of one allocation/);
    expect(s.allocations()).toBe(0);
  });

  it('two URIs of one server under a quota of two that counts freed allocations for a while (coturn --user-quota=2): the second\'s 486 is asked again after the probe\'s own were freed, and passes; still refused, said so (probe audit: "close other sessions")', async () => {
    const s = await server({ quota: 2, releaseAfterMs: 1000 });
    const r = await run([turnOf(s), turnOf(s)], { nat: false });
    expect(r.servers.map((x) => x.ok)).toEqual([true, true]);
    expect(r.servers[1]!.steps).toContainEqual(expect.stringMatching(/^Allocate: 486 Allocation Quota Reached, \d+ ms after this probe freed its own allocations on the server \(a server may count them for a while: coturn does\): asked again in 1500 ms$/));
    const slow = await server({ quota: 2, releaseAfterMs: 60_000 });
    const r2 = await run([turnOf(slow), turnOf(slow)], { nat: false });
    expect(r2.servers[1]!.error).toMatchObject({ code: 'allocation-quota', stunCode: 486, explanation: expect.stringMatching(/^asked again 1500 ms after this probe freed its own allocations on the server, and still refused/) });
    expect(r2.servers[0]!.ok).toBe(true);
  });

  it('a run right after another, whose allocations the server still counts: the first Allocate\'s 486 is asked again once, and passes (probe audit of 2026-12-07: the second run failed "close other sessions")', async () => {
    const s = await server({ quota: 2, releaseAfterMs: 1000 });
    expect((await run([turnOf(s)], { nat: false })).servers[0]!.ok).toBe(true);
    const again = await run([turnOf(s)], { nat: false });
    expect(again.servers[0]!.ok).toBe(true);
    expect(again.servers[0]!.steps).toContainEqual('Allocate: 486 Allocation Quota Reached: asked again in 1500 ms (a server may still count allocations freed moments ago, a probe\'s run just before this one too: coturn does)');
  });

  it('a wrong password: 401 after credentials', async () => {
    const s = await server({ password: 'other' });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]).toMatchObject({ ok: false, relayed: null, error: { code: 'unauthorized', stunCode: 401, reason: 'Allocate: 401 Unauthorized', explanation: expect.stringMatching(/^wrong credentials/) } });
  });

  it('an expired TURN REST-API username is called expired', async () => {
    const s = await server({ password: 'other' });
    const r = await run([turnOf(s)], { nat: false, username: '1600000000:alice' });
    expect(r.servers[0]!.error!.explanation).toMatch(/reads as a TURN REST-API one whose time \(2020-09-13T12:26:40\.000Z\) has passed/);
  });

  it('no credentials: the realm is named and credentials asked for', async () => {
    const s = await server();
    const r = await probe({ servers: [turnOf(s)], timeoutMs: 400, nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'needs-credentials', stunCode: 401, explanation: expect.stringContaining('realm "test.realm"') });
    expect(r.servers[0]!.mapped).not.toBeNull();
    expect(r.servers[0]!.steps).toContainEqual(expect.stringMatching(/wants credentials, and none were given$/));
  });

  it('half the credentials: said as such (probe audit: "none were given" with a username)', async () => {
    const s = await server();
    const user = await probe({ servers: [turnOf(s)], username: 'u', timeoutMs: 400, nat: false });
    expect(user.servers[0]!.steps).toContainEqual(expect.stringMatching(/wants credentials, and a username and no credential were given$/));
    const cred = await probe({ servers: [turnOf(s)], credential: 'p', timeoutMs: 400, nat: false });
    expect(cred.servers[0]!.steps).toContainEqual(expect.stringMatching(/wants credentials, and a credential and no username were given$/));
    expect(cred.servers[0]!.error!.explanation).toMatch(/give both --username and --credential/);
  });

  it.each([
    [400, 'stun-error', /^the server refused the request with credentials, right after asking for them: pion\/turn and the servers built on it \(LiveKit's\) answer a wrong username or password so/],
    [403, 'forbidden', /^forbidden: the server refuses to allocate a relay for this user or from this address/],
    [437, 'allocation-mismatch', /^allocation mismatch/],
    [441, 'wrong-credentials', /^wrong credentials: the username differs/],
    [442, 'unsupported-transport', /^unsupported transport protocol/],
    [486, 'allocation-quota', /^allocation quota reached/],
    [508, 'insufficient-capacity', /^insufficient capacity/],
    [599, 'stun-error', /a 5xx error/],
  ])('Allocate answered %i: %s, explained', async (code, name, explanation) => {
    const s = await server({ errors: { allocate: code } });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: name, stunCode: code, explanation: expect.stringMatching(explanation) });
  });

  it('CreatePermission refused (403): the allocations are still freed', async () => {
    const s = await server({ errors: { createPermission: 403 } });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]).toMatchObject({ ok: false, relayVerified: false, error: { code: 'forbidden', reason: expect.stringMatching(/^CreatePermission 127\.0\.0\.1: 403/) } });
    expect(s.allocations()).toBe(0);
  });

  it('a relay that forwards nothing: relay-failed', async () => {
    const s = await server({ noRelay: true });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]).toMatchObject({ ok: false, relayVerified: false, error: { code: 'relay-failed' } });
    expect(s.allocations()).toBe(0);
  });

  it('answers signed with another key: integrity', async () => {
    const s = await server({ badIntegrity: true });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'integrity', reason: "Allocate: the answer's MESSAGE-INTEGRITY does not match" });
  });

  it('an error answer without ERROR-CODE: bad-response', async () => {
    const s = await server({ codelessError: true });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.error!.code).toBe('bad-response');
  });

  it('RTCIceServer entries carry their own credentials; a bad URI is refused before any packet', async () => {
    const s = await server();
    const r = await probe({ servers: [{ urls: [turnOf(s)], username: 'u', credential: 'p' }], timeoutMs: 400, nat: false });
    expect(r.servers[0]!.ok).toBe(true);
    await expect(probe({ servers: ['http://example.org'] })).rejects.toMatchObject({ code: 'ICE_SERVER_URI' });
    await expect(probe({ servers: [] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('a caller\'s wrong argument is INVALID_ARGUMENT before any packet, not the server\'s fault nor a TypeError (probe audit)', async () => {
    const s = await server();
    const bad = (o: object, words: string) => expect(probe({ servers: [turnOf(s)], timeoutMs: 400, ...o } as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(words) });
    await bad({ username: 5 }, 'probe: username must be a string');
    await bad({ servers: [{ urls: 5 }] }, 'probe: servers[0] must be a URI or an RTCIceServer entry');
    await bad({ servers: [null] }, 'probe: servers[0] must be');
    await bad({ servers: [{ urls: [turnOf(s)], credential: {} }] }, 'probe: servers[0].credential must be a string');
    // A name would be looked up: only an IP address of this machine.
    await bad({ localAddress: 'not-an-ip' }, 'probe: localAddress must be an IP address of this machine');
    expect(s.seen).toEqual([]);
    // A caller's own AbortController is no Ctrl-C.
    const stop = new AbortController();
    stop.abort();
    const r = await probe({ servers: [turnOf(s)], timeoutMs: 400, nat: false, signal: stop.signal });
    expect(r.servers[0]!.error!.explanation).toMatch(/interrupted \(its signal aborted\)/);
  });

  it('the same TURN server named twice over UDP: each check gets sockets of its own (no 437)', async () => {
    const s = await server();
    const r = await run([turnOf(s), `turn:127.0.0.1:${s.port}`, `turn:localhost:${s.port}?transport=udp`], { nat: false });
    expect(r.servers.map((x) => [x.ok, x.error?.code ?? null])).toEqual([[true, null], [true, null], [true, null]]);
    expect(s.allocations()).toBe(0);
  });

  it('an Allocate answered late is not "UDP blocked", and the allocation it made is freed', async () => {
    const s = await server({ delayAllocateMs: 600, tcp: true });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'no-answer', reason: 'Allocate: no answer within 400 ms to the authenticated Allocate' });
    expect(r.servers[0]!.error!.explanation).not.toMatch(/UDP is blocked/);
    // The first Allocate (401) was answered: said so, with the likely causes (it said "answered the Allocate but not the Allocate").
    expect(r.servers[0]!.error!.explanation).toMatch(/answered the first Allocate \(401, asking for credentials\) but not the one with them: an authentication backend that does not answer .*coturn --max-bps/);
    await new Promise((done) => setTimeout(done, 500));
    expect(s.allocations()).toBe(0);
  });

  it('a malformed LIFETIME: bad-response for that server only, its allocation freed, the other server\'s result kept', async () => {
    const good = await server();
    const bad = await server({ badLifetime: true });
    const r = await run([`stun:127.0.0.1:${good.port}`, turnOf(bad)], { nat: false });
    expect(r.servers[0]!.ok).toBe(true);
    expect(r.servers[1]!.error).toMatchObject({ code: 'bad-response', reason: 'Allocate: LIFETIME is 2 bytes, not 4' });
    expect(bad.allocations()).toBe(0);
  });

  it('a success without MESSAGE-INTEGRITY to an authenticated request is refused (RFC 8489 §9.2.5), and freed', async () => {
    const s = await server({ unsignedSuccess: true });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'integrity', reason: 'Allocate: the answer has no MESSAGE-INTEGRITY' });
  });

  it('300 Try Alternate names the ALTERNATE-SERVER; reason phrases lose their NUL padding', async () => {
    const s = await server({ errors: { allocate: 300 }, alternate: { address: '127.0.0.9', port: 3478 }, nulReasons: true });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'stun-error', stunCode: 300, reason: 'Allocate: 300 Scripted', explanation: expect.stringContaining('redirects to 127.0.0.9:3478') });
  });

  it('a TCP server that closes the connection: closed, at once', async () => {
    const s = await server({ tcp: true, closeTcp: true });
    const started = Date.now();
    const r = await run([`turn:127.0.0.1:${s.port}?transport=tcp`], { nat: false, timeoutMs: 2000 });
    expect(r.servers[0]!.error).toMatchObject({ code: 'closed', reason: 'Binding: the server closed the connection' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('interrupted while the second Allocate waits, on a slow path: its late answer is caught while the first is freed, and both are freed (probe audit: the second was left for its 600 s)', async () => {
    // Every answer after the first allocation comes 400 ms late: the first one's Refresh takes
    // 400 ms, and the second Allocate's answer arrives before it is done.
    const s = await server({ delayAfterAllocationMs: 400 });
    const stop = new AbortController();
    const watch = setInterval(() => {
      if (s.seen.filter((x) => x === 'allocate').length >= 4) stop.abort();
    }, 5);
    try {
      const r = await run([turnOf(s)], { nat: false, timeoutMs: 3000, signal: stop.signal });
      expect(r.servers[0]!.error!.code).toBe('interrupted');
      expect(r.servers[0]!.steps).toContain('a late answer to the Allocate made an allocation: freeing it');
    } finally {
      clearInterval(watch);
    }
    await new Promise((done) => setTimeout(done, 500));
    expect(s.allocations()).toBe(0);
  });

  it('interrupted (AbortSignal, Ctrl-C in the CLI): the check ends as interrupted and the allocation is freed', async () => {
    const s = await server({ delayAllocateMs: 300 });
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 150);
    const r = await run([turnOf(s)], { nat: false, timeoutMs: 2000, signal: stop.signal });
    expect(r.servers[0]!.error!.code).toBe('interrupted');
    await new Promise((done) => setTimeout(done, 400));
    expect(s.allocations()).toBe(0);
  });
});

describe('probe: a UDP server that does not answer, and TCP to its port', () => {
  it('TCP refused is said as refused, not "no answer either" (README walk), without calling the server down (a UDP-only one refuses TCP too: audit of the change)', async () => {
    // A UDP port that is open and silent (a firewall dropping, a server that ignores STUN), TCP closed.
    const udp = createSocket('udp4');
    await new Promise<void>((done) => udp.bind(0, '127.0.0.1', done));
    const port = udp.address().port;
    try {
      const r = await run([`stun:127.0.0.1:${port}`], { nat: false, timeoutMs: 300 });
      expect(r.servers[0]!.error!.code).toBe('no-answer');
      expect(r.servers[0]!.steps).toContain('Binding over TCP to the same server and port: connection refused (nothing listens for TCP on that port)');
      expect(r.servers[0]!.error!.explanation).toMatch(/TCP to the same port was refused: the machine is reachable and nothing listens for TCP there \(a UDP-only server, or one that is down\)/);
    } finally {
      udp.close();
    }
  });

  it('a --timeout shorter than a round trip could be is said as a likely cause, not only a firewall (probe audit: --timeout 1 said "UDP is blocked")', async () => {
    const udp = createSocket('udp4');
    await new Promise<void>((done) => udp.bind(0, '127.0.0.1', done));
    try {
      const port = udp.address().port;
      const short = await run([`stun:127.0.0.1:${port}`], { nat: false, timeoutMs: 50 });
      // Said last, after what the TCP cross-check adds (audit of the change).
      expect(short.servers[0]!.error!.explanation).toMatch(/\. Or the answer came after the 50 ms --timeout: STUN over UDP retransmits from 500 ms \(RFC 8489 §6\.2\.1\); try the default, 2500 ms$/);
      const usual = await run([`stun:127.0.0.1:${port}`], { nat: false, timeoutMs: 300 });
      expect(usual.servers[0]!.error!.explanation).not.toMatch(/--timeout/);
    } finally {
      udp.close();
    }
  });

  it('a closed UDP port is refused at once (ICMP port unreachable), not waited out to the timeout (probe audit: an unconnected socket never heard it)', async () => {
    // A port nothing listens on, over UDP or TCP.
    const s = createServer();
    await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
    const port = (s.address() as { port: number }).port;
    await new Promise((done) => s.close(done));
    // A timeout far past the run: only the ICMP answer can end the Binding first.
    const r = await run([`stun:127.0.0.1:${port}`], { timeoutMs: 60_000 });
    const e = r.servers[0]!.error!;
    expect(e.code).toBe('refused');
    expect(e.reason).toBe(`Binding: ICMP port unreachable from 127.0.0.1:${port}`);
    expect(r.servers[0]!.steps).toContain('Binding over TCP to the same server and port: connection refused (nothing listens for TCP on that port)');
    expect(e.explanation).toBe(`nothing listens for UDP on port ${port} at 127.0.0.1 (its host answered "port unreachable"): a wrong port, or the server is down; or a firewall on the way rejects UDP to that port. TCP to the same port was refused too: nothing listens there, over UDP or TCP (a wrong port, or the server is down), or a firewall rejects both`);
    expect(r.nat.type).toBe('unknown');
    expect(r.nat.evidence).toEqual(['UDP to the STUN server was refused (ICMP port unreachable), and TCP to it too: nothing listens there (a wrong port or host, or the server is down), or a firewall rejects both']);
  }, 30_000);

  it('the same closed port named twice (stun: and turn:): refused both times at once, the same words (probe audit: the second waited out, then "no answer", "UDP is blocked")', async () => {
    const s = createServer();
    await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
    const port = (s.address() as { port: number }).port;
    await new Promise((done) => s.close(done));
    const r = await run([`stun:127.0.0.1:${port}`, `turn:127.0.0.1:${port}`, `stun:127.0.0.1:${port}`], { timeoutMs: 60_000, nat: false });
    expect(r.servers.map((x) => [x.error?.code, x.error?.reason])).toEqual([0, 1, 2].map(() => ['refused', `Binding: ICMP port unreachable from 127.0.0.1:${port}`]));
    expect(r.servers.flatMap((x) => x.steps).some((st) => /no answer within/.test(st))).toBe(false);
  }, 30_000);
});

describe('probe: the deadline of the whole run (deadlineMs, --deadline)', () => {
  it('ends the check under way and those not begun as deadline, frees the allocation, and gives no NAT verdict from tests not run', async () => {
    const slow = await server({ delayAllocateMs: 1500 });
    const good = await server();
    const started = Date.now();
    const r = await run([turnOf(slow), `stun:127.0.0.1:${good.port}`], { timeoutMs: 3000, deadlineMs: 300 });
    expect(r.servers.map((x) => x.error?.code)).toEqual(['deadline', 'deadline']);
    expect(r.servers[0]!.error!.reason).toBe('Allocate: the probe\'s deadline passed');
    expect(r.servers[1]!.error!.reason).toBe('Binding: the probe\'s deadline passed');
    // The second was never begun, and says so (audit of the change: "before this check finished").
    expect(r.servers[1]!.error!.explanation).toMatch(/before this check began$/);
    expect(r.servers[0]!.error!.explanation).toMatch(/before this check finished; the allocations it had made were freed$/);
    // A Binding cut short made no allocation, and says none (probe audit).
    const stun = await run([`stun:127.0.0.1:${(await server({ silent: true })).port}`], { timeoutMs: 3000, deadlineMs: 200, nat: false });
    expect(stun.servers[0]!.error!.explanation).toBe('the whole probe ran past its deadline before this check finished');
    expect(r.nat).toMatchObject({ type: 'unknown', mapping: null, filtering: null });
    expect(r.nat.evidence).toEqual(['the checks were cut short (the probe\'s deadline passed): no NAT verdict']);
    // The late Allocate answer is waited for and freed: within its 1.5 s, not the 3 s timeout.
    expect(Date.now() - started).toBeLessThan(2500);
    await new Promise((done) => setTimeout(done, 300));
    expect(slow.allocations()).toBe(0);
  });

  it('a deadline the run stays within changes nothing; a bad one is refused', async () => {
    const s = await server();
    const r = await run([`stun:127.0.0.1:${s.port}`], { deadlineMs: 20_000 });
    expect(r.servers[0]!.ok).toBe(true);
    expect(r.nat).toMatchObject({ mapping: 'none', filtering: 'endpoint-independent' });
    for (const deadlineMs of [0, -1, 1.5, Infinity, Number.NaN]) await expect(run([`stun:127.0.0.1:${s.port}`], { deadlineMs })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('probe: the NAT tests read what they see', () => {
  it('a server that ignores CHANGE-REQUEST does not make filtering look open', async () => {
    const s = await server({ ignoreChangeRequest: true });
    const r = await run([`stun:127.0.0.1:${s.port}`]);
    expect(r.nat.filtering).toBeNull();
    expect(r.nat.evidence.join('\n')).toMatch(/the server does not honour CHANGE-REQUEST, so filtering cannot be told/);
    // Said once: not also "did not run" (probe audit: the two lines contradicted each other).
    expect(r.nat.evidence).not.toContain('filtering test II did not run');
  });

  it('--no-nat: no verdict, no table', async () => {
    const s = await server();
    const r = await run([`stun:127.0.0.1:${s.port}`], { nat: false });
    expect(r.nat).toMatchObject({ type: 'unknown', evidence: ['not tested (--no-nat)'] });
    expect(r.paths).toEqual([]);
  });

  it('only TCP servers: the NAT tests need UDP, and say so', async () => {
    const s = await server({ tcp: true });
    const r = await run([`turn:127.0.0.1:${s.port}?transport=tcp`], { credential: 'p' });
    expect(r.nat.evidence).toEqual([expect.stringMatching(/^no STUN server over UDP was given/)]);
  });
});


/** A Binding success built by hand: what a hostile or broken server answers instead. */
const hand = (req: StunMessage, o: { method?: number; cookie?: number; attributes?: { type: number; value: Uint8Array }[] } = {}) => {
  const bytes = encodeStunMessage({ class: 'success', method: o.method ?? STUN_METHODS.binding, transactionId: req.bytes.slice(8, 20), attributes: o.attributes ?? [] });
  if (o.cookie !== undefined) new DataView(bytes.buffer).setUint32(4, o.cookie);
  return bytes;
};

describe('probe: a hostile or broken server (audit of 2026-12-05, a fake server on loopback)', () => {
  it('an OTHER-ADDRESS of port 0 does not crash the probe (it was exit 70): the NAT tests do not run, and the evidence says why', async () => {
    const s = await server({ otherAddress: { address: '127.0.0.2', port: 0 } });
    const r = await run([`stun:127.0.0.1:${s.port}`]);
    expect(r.servers[0]!.ok).toBe(true);
    expect(r.nat.server).toBeNull();
    expect(r.nat.evidence.join('\n')).toMatch(/its OTHER-ADDRESS 127\.0\.0\.2:0 is port 0: the RFC 5780 tests need another IP address and another port/);
  });

  it('an OTHER-ADDRESS of the server\'s own IP: the tests do not run (test II went where test I had, and "endpoint-independent" followed)', async () => {
    const s = await server({ otherAddress: { address: '127.0.0.1', port: 9 } });
    const r = await run([`stun:127.0.0.1:${s.port}`]);
    expect(r.nat.evidence.join('\n')).toMatch(/is the server's own IP address/);
    expect(r.nat.filtering).toBeNull();
    expect(s.seen.filter((m) => m === 'binding')).toHaveLength(1);
  });

  it('SOFTWARE and reason phrases are escaped and cut at 128 characters: a line feed forged a ✓ line, a run of 65,000 spaces took 2.9 s to trim', async () => {
    const s = await server({ software: `evil\x1b[32m\n✓ turn:forged.example  relays both ways${' '.repeat(65_000)}x`, errors: { binding: 420 } });
    const started = Date.now();
    const r = await run([`stun:127.0.0.1:${s.port}`], { nat: false });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(r.servers[0]!.error!.reason.length).toBeLessThan(200);
    expect(JSON.stringify(r)).not.toMatch(/\\u001b\[32m\\n.{129}/);
    const s2 = await server({ software: `evil\x1b[32m\n✓ forged${' '.repeat(65_000)}x` });
    const r2 = await run([`stun:127.0.0.1:${s2.port}`], { nat: false });
    const sw = r2.servers[0]!.software!;
    expect(sw.startsWith('evil\\u001b[32m\\n✓ forged')).toBe(true);
    expect(sw.endsWith('…')).toBe(true);
    // 128 characters and "…", then the escapes written longer (ESC: 5 more, the line feed: 1).
    expect([...sw].length).toBe(128 + 1 + 5 + 1);
    expect(r2.servers[0]!.steps.join('')).not.toMatch(/[\n\x1b]/);
  });

  it('a TURN server that allocates without asking for credentials: it works, with an open-relay warning, and both allocations are freed (unsigned)', async () => {
    const s = await server({ openRelay: true });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]).toMatchObject({ ok: true, relayVerified: true });
    expect(r.servers[0]!.warnings).toEqual([expect.stringMatching(/^an open relay: the server allocated without asking for credentials/)]);
    expect(s.seen.filter((m) => m === 'refresh')).toHaveLength(2);
    expect(s.allocations()).toBe(0);
  });

  it('attributes after MESSAGE-INTEGRITY are not trusted: an unsigned XOR-RELAYED-ADDRESS there is no relayed address', async () => {
    const s = await server({ relayedAfterIntegrity: true });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'bad-response', reason: 'Allocate: success without a readable XOR-RELAYED-ADDRESS' });
    expect(s.allocations()).toBe(0);
  });

  it('a Refresh answered with ERROR-CODE class 0: said, and the second allocation is still freed (the exception left it)', async () => {
    const s = await server({ errors: { refresh: 5 } });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]).toMatchObject({ ok: true, relayVerified: true });
    expect(s.seen.filter((m) => m === 'refresh')).toHaveLength(2);
    expect(r.servers[0]!.steps.filter((l) => l.startsWith('Refresh lifetime 0 failed: Refresh (lifetime 0): ERROR-CODE class 0 number 5'))).toHaveLength(2);
    // Both left on the server: said in a warning, with what it means (probe audit 2: ✓ and no word).
    expect(r.servers[0]!.warnings).toContainEqual(expect.stringMatching(/^2 allocations could not be freed \(Refresh with lifetime 0 refused or unanswered: see the steps\): they stay on the server until the lifetime ends \(\d+ s\), counting against the user's quota/));
  });

  it('Refreshes refused with 508: the warning says both stay, and the report carries no field of its own for it', async () => {
    const s = await server({ errors: { refresh: 508 } });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.ok).toBe(true);
    expect(r.servers[0]!.warnings.some((w) => w.startsWith('2 allocations could not be freed'))).toBe(true);
    expect(r.servers[0]).not.toHaveProperty('unfreed');
  });

  it('a server whose 401 lists PASSWORD-ALGORITHMS without MD5 (SHA-256 only, RFC 8489 §9.2.4): said as that, not as a wrong password (probe audit 2)', async () => {
    const text = (t: string) => new TextEncoder().encode(t);
    const s = await server({
      noBinding: true,
      tamper: (answer, req) => (req.method === STUN_METHODS.allocate
        ? encodeStunMessage({ class: 'error', method: STUN_METHODS.allocate, transactionId: req.bytes.slice(8, 20), attributes: [{ type: STUN_ATTRIBUTES.ERROR_CODE, value: new Uint8Array([0, 0, 4, 1, ...text('Unauthorized')]) }, { type: STUN_ATTRIBUTES.REALM, value: text('test.realm') }, { type: STUN_ATTRIBUTES.NONCE, value: text('obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA') }, { type: 0x8002, value: new Uint8Array([0, 2, 0, 0]) }] })
        : answer),
    });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'unauthorized', stunCode: 401 });
    expect(r.servers[0]!.error!.explanation).toBe('the server lists PASSWORD-ALGORITHMS SHA-256 and not MD5 (RFC 8489 §9.2.4): browsers, and this probe, key their requests with MD5 alone, so the server refuses them whatever the password');
  });

  it('a Binding success without a readable mapped address is a bad response, not a ✓ with "mapped (none)"', async () => {
    const s = await server({ tamper: (_a, req) => hand(req, { attributes: [{ type: STUN_ATTRIBUTES.XOR_MAPPED_ADDRESS, value: new Uint8Array([0, 1, 0, 1]) }] }) });
    const r = await run([`stun:127.0.0.1:${s.port}`], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'bad-response', reason: 'Binding: a success without a readable mapped address (an address attribute is 4 bytes)' });
  });

  it('answers that are not STUN are a bad response, not silence: an RFC 3489 server (no magic cookie), another method, junk over TCP (read until the deadline)', async () => {
    const classic = await server({ tamper: (_a, req) => hand(req, { cookie: 0x12345678 }) });
    const other = await server({ tamper: (_a, req) => hand(req, { method: STUN_METHODS.allocate }) });
    const junk = await server({ tcp: true, tamper: () => new Uint8Array(70_000).fill(0xff) });
    const started = Date.now();
    const r = await run([`stun:127.0.0.1:${classic.port}`, `stun:127.0.0.1:${other.port}`, `turn:127.0.0.1:${junk.port}?transport=tcp`], { nat: false, timeoutMs: 1500 });
    expect(r.servers[0]!.error).toMatchObject({ code: 'bad-response', reason: expect.stringMatching(/^Binding: no answer that is valid STUN; the server sent from 127\.0\.0\.1:\d+: a message without the magic cookie 0x2112A442: an RFC 3489/) });
    expect(r.servers[1]!.error).toMatchObject({ code: 'bad-response', reason: 'Binding: answered with a success of method 0x003' });
    expect(r.servers[2]!.error).toMatchObject({ code: 'bad-response', reason: expect.stringMatching(/^Binding: no answer that is valid STUN; .*first two bits are not zero/) });
    // The first waits out its deadline (a later answer could still be valid); junk over TCP ends at once.
    expect(Date.now() - started).toBeLessThan(3 * 1500);
  });

  it('turns: to a port that answers the handshake with another protocol: said as not TLS, one line (probe audit: "the certificate does not match…")', async () => {
    const http = createServer((c) => c.on('data', () => c.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')));
    await new Promise<void>((ok) => http.listen(0, '127.0.0.1', () => ok()));
    try {
      const port = (http.address() as { port: number }).port;
      const r = await run([`turns:127.0.0.1:${port}?transport=tcp`], { nat: false });
      expect(r.servers[0]!.error).toMatchObject({ code: 'tls', reason: expect.stringMatching(/^ERR_SSL_WRONG_VERSION_NUMBER: \S.*\S$/) });
      expect(r.servers[0]!.error!.explanation).toMatch(/answered the TLS handshake with something that is not TLS \(ERR_SSL_WRONG_VERSION_NUMBER\): that port speaks another protocol/);
    } finally {
      await new Promise((ok) => http.close(ok));
    }
  });

  it('servers of both families: the NAT tests run over the first UDP server\'s, and the verdict says the other was not tested (probe audit: silently)', async () => {
    const s = await server();
    const r = await run([`stun:127.0.0.1:${s.port}`, `stun:[::1]:${s.port}`]);
    expect(r.nat.evidence.at(-1)).toBe('the NAT tests ran over IPv4, the first UDP server\'s family; the IPv6 servers given were not used for them (name an IPv6 STUN server first to test that family)');
  });

  it('a UDP answer whose STUN length says less than its datagram is not read as a message (RFC 8489 §6.2.1; probe audit: decoded)', async () => {
    const s = await server({ tamper: (a) => {
      const padded = new Uint8Array(a.length + 20);
      padded.set(a);
      return padded;
    } });
    const r = await run([`stun:127.0.0.1:${s.port}`], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'bad-response', reason: expect.stringMatching(/a datagram of \d+ bytes whose STUN header says \d+$/) });
  });

  it('junk from one UDP server, arriving late, is not blamed on the next server asked (audit of 2026-12-05: it was)', async () => {
    // A raw UDP socket that answers each request with 20 bytes of junk, 700 ms late: its junk
    // reaches the shared socket while the silent second server is being asked.
    const junk = createSocket('udp4');
    const timers = new Set<NodeJS.Timeout>();
    junk.on('message', (_m, rinfo) => {
      const t = setTimeout(() => {
        timers.delete(t);
        junk.send(new Uint8Array(20).fill(0xff), rinfo.port, rinfo.address, () => undefined);
      }, 700);
      timers.add(t);
    });
    await new Promise<void>((done) => junk.bind(0, '127.0.0.1', done));
    const silent = await server({ silent: true });
    try {
      const r = await run([`stun:127.0.0.1:${(junk.address() as { port: number }).port}`, `stun:127.0.0.1:${silent.port}`], { nat: false, timeoutMs: 1000 });
      expect(r.servers[0]!.error).toMatchObject({ code: 'bad-response', reason: expect.stringMatching(/^Binding: no answer that is valid STUN; the server sent from 127\.0\.0\.1:\d+:/) });
      expect(r.servers[1]!.error).toMatchObject({ code: 'no-answer' });
    } finally {
      for (const t of timers) clearTimeout(t);
      junk.close();
    }
  });

  it('text over TCP (an HTTP answer) is given up at once as a bad response, not read as ChannelData to the deadline (audit of the change)', async () => {
    const s = await server({ tcp: true, tamper: () => new TextEncoder().encode(`HTTP/1.1 400 Bad Request\r\n${'A'.repeat(70_000)}`) });
    const started = Date.now();
    const r = await run([`turn:127.0.0.1:${s.port}?transport=tcp`], { nat: false, timeoutMs: 2000 });
    expect(r.servers[0]!.error).toMatchObject({ code: 'bad-response' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a REALM over 763 bytes is refused before it is echoed (a 32 KB one wrapped the length field, and the credentials were blamed)', async () => {
    const s = await server({ realm: 'r'.repeat(1000) });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'bad-response', reason: 'Allocate: a REALM of 1000 bytes' });
  });

  it('a 401 without a NONCE is not "wrong credentials" (none had been sent); a 401 to a plain Binding asks for short-term credentials', async () => {
    const s = await server({ noNonce: true });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'bad-response', reason: 'Allocate: 401 Unauthorized without a NONCE' });
    const b = await server({ errors: { binding: 401 } });
    const rb = await run([`stun:127.0.0.1:${b.port}`], { nat: false });
    expect(rb.servers[0]!.error).toMatchObject({ code: 'unauthorized', explanation: expect.stringMatching(/short-term credentials, RFC 8489 §9\.1/) });
  });

  it('an Allocate success with LIFETIME 0 is a bad response', async () => {
    const s = await server({ lifetime: 0 });
    const r = await run([turnOf(s)], { nat: false });
    expect(r.servers[0]!.error).toMatchObject({ code: 'bad-response', reason: 'Allocate: success with LIFETIME 0' });
    expect(s.allocations()).toBe(0);
  });
});

describe('probe: TLS and TCP connections cut or answered by another protocol (probe audit)', () => {
  it('a TCP port that resets the connection at the first byte: tls for turns:, closed for TCP (both were "unreachable")', async () => {
    const s = createServer((c) => c.once('data', () => c.resetAndDestroy()));
    await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
    const port = (s.address() as { port: number }).port;
    try {
      const r = await run([`turns:127.0.0.1:${port}`, `turn:127.0.0.1:${port}?transport=tcp`], { nat: false, timeoutMs: 2000 });
      expect(r.servers[0]!.error).toMatchObject({ code: 'tls', reason: 'ECONNRESET: the connection was reset during the TLS handshake' });
      expect(r.servers[0]!.error!.explanation).toMatch(/then reset when the TLS handshake began: that port does not speak TLS/);
      expect(r.servers[1]!.error!.code).toBe('closed');
    } finally {
      await new Promise((done) => s.close(done));
    }
  });

  it('a TLS handshake answered by HTTP: OpenSSL\'s reason phrase, not its internal location', async () => {
    const s = createServer((c) => c.once('data', () => c.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')));
    await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
    const port = (s.address() as { port: number }).port;
    try {
      const r = await run([`turns:127.0.0.1:${port}`], { nat: false, timeoutMs: 2000 });
      expect(r.servers[0]!.error!.code).toBe('tls');
      expect(r.servers[0]!.error!.reason).toBe('ERR_SSL_WRONG_VERSION_NUMBER: wrong version number');
    } finally {
      await new Promise((done) => s.close(done));
    }
  });
});
