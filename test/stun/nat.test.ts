/** NAT behaviour from RFC 5780 observations, the P2P table, and the error explanations. */
import { classifyNat, directPath, explainStunErrorCode, NAT_TYPES, pathTable, restExpiry, type NatObservations } from '../../src/stun/nat.js';

const local = { address: '10.0.1.2', port: 40000 };
const other = { address: '203.0.113.11', port: 3479 };
const m1 = { address: '203.0.113.2', port: 40000 };

const obs = (o: Partial<NatObservations>): NatObservations => ({ local, udpAnswered: true, otherAddress: other, ...o });

describe('classifyNat (RFC 5780 §4.3, §4.4)', () => {
  it.each([
    ['full-cone', { i: true, ii: true }, 'endpoint-independent'],
    ['restricted-cone', { i: true, ii: false, iii: true }, 'address-dependent'],
    ['port-restricted-cone', { i: true, ii: false, iii: false }, 'address-and-port-dependent'],
  ] as const)('EIM and its filtering: %s', (type, filtering, f) => {
    const v = classifyNat(obs({ mapping: { i: m1, ii: m1 }, filtering }));
    expect(v).toMatchObject({ type, mapping: 'endpoint-independent', filtering: f });
    expect(v.evidence).toHaveLength(3);
  });

  it('no UDP server: "only TCP or TLS" when none was given, "did not resolve" when the one given had no address (probe audit); udpUnresolved checked as a flag', () => {
    expect(classifyNat({ local: null, udpAnswered: false, noUdpServer: true }).evidence).toEqual([expect.stringMatching(/^no STUN server over UDP was given \(only TCP or TLS\)/)]);
    expect(classifyNat({ local: null, udpAnswered: false, noUdpServer: true, udpUnresolved: true })).toMatchObject({ type: 'unknown', evidence: [expect.stringMatching(/^no STUN server over UDP could be asked: the host name of each one given did not resolve/)] });
    expect(() => classifyNat({ local: null, udpAnswered: false, udpUnresolved: 'yes' as unknown as boolean })).toThrow(/udpUnresolved must be true, false or absent/);
    // An error answer over UDP is an answer: said so, whatever TCP did.
    expect(classifyNat({ local: null, udpAnswered: false, udpErrorAnswer: '401 Unauthorized', tcpAnswered: true }).evidence).toEqual([expect.stringMatching(/^the STUN server answered over UDP, with an error \(401 Unauthorized\)/)]);
    expect(() => classifyNat({ local: null, udpAnswered: false, udpErrorAnswer: 401 as unknown as string })).toThrow(/udpErrorAnswer must be a string or absent/);
  });

  it('a new mapping for the other address, the same for its other port: address-dependent, symmetric', () => {
    const v = classifyNat(obs({ mapping: { i: m1, ii: { ...m1, port: 5 }, iii: { ...m1, port: 5 } }, filtering: { i: true, ii: false, iii: false } }));
    expect(v).toMatchObject({ type: 'symmetric', mapping: 'address-dependent' });
  });

  it('a new mapping for each: address-and-port-dependent, symmetric', () => {
    const v = classifyNat(obs({ mapping: { i: m1, ii: { ...m1, port: 5 }, iii: { ...m1, port: 6 } } }));
    expect(v).toMatchObject({ type: 'symmetric', mapping: 'address-and-port-dependent' });
    expect(v.evidence[1]).toMatch(/another again, a new mapping per address and port/);
  });

  it('mapped = local: open only when nothing filters; a filtering firewall is the cone it filters as (RFC 3489 §10.1; probe audit: "open", every path direct)', () => {
    // A public host (a documentation address stands for one, as in the lab).
    const local = { address: '198.51.100.7', port: 40000 };
    const obs = (o: Partial<NatObservations>): NatObservations => ({ local, udpAnswered: true, otherAddress: other, ...o });
    expect(classifyNat(obs({ mapping: { i: local }, filtering: { i: true, ii: true } }))).toMatchObject({ type: 'open', mapping: 'none', filtering: 'endpoint-independent' });
    const apd = classifyNat(obs({ mapping: { i: local }, filtering: { i: true, ii: false, iii: false } }));
    expect(apd).toMatchObject({ type: 'port-restricted-cone', mapping: 'none', filtering: 'address-and-port-dependent' });
    expect(apd.evidence.at(-1)).toBe('no NAT, but a firewall filters what comes in (address-and-port-dependent filtering): for a direct path this behaves as a port-restricted cone');
    expect(classifyNat(obs({ mapping: { i: local }, filtering: { i: true, ii: false, iii: true } }))).toMatchObject({ type: 'restricted-cone', mapping: 'none', filtering: 'address-dependent' });
    const untold = classifyNat({ local, udpAnswered: true, otherAddress: null, mapping: { i: local } });
    expect(untold).toMatchObject({ type: 'open', mapping: 'none', filtering: null });
    expect(untold.evidence.at(-1)).toMatch(/whether a firewall filters what comes in was not told .* the path table assumes none/);
  });

  it.each([
    ['loopback (probe stun:127.0.0.1)', { address: '127.0.0.1', port: 50000 }],
    ['a LAN server (coturn on 192.168.1.10)', { address: '192.168.1.20', port: 50000 }],
    ['a CGN range', { address: '100.64.3.4', port: 50000 }],
    ['IPv6 loopback', { address: '::1', port: 50000 }],
  ])('mapped = local on %s: no NAT to that server, and nothing said of the internet (it was "open", every path direct)', (_name, here) => {
    const v = classifyNat({ local: here, udpAnswered: true, otherAddress: null, mapping: { i: here } });
    expect(v).toMatchObject({ type: 'unknown', mapping: 'none' });
    expect(v.evidence).toContain('the mapped address is the local address: no NAT between here and the server');
    expect(v.evidence.at(-1)).toMatch(new RegExp(`^the server saw ${here.address.replace(/\./g, '\\.')}, an address no one has on the internet: it is inside this network .* probe a STUN server on the internet for that$`));
  });

  it('a NAT between here and a server inside the network (a container bridge to a LAN STUN server): told, with the caveat', () => {
    const v = classifyNat({ local: { address: '172.17.0.2', port: 40000 }, udpAnswered: true, otherAddress: other, mapping: { i: { address: '192.168.1.20', port: 61000 }, ii: { address: '192.168.1.20', port: 61000 } }, filtering: { i: true, ii: true } });
    expect(v.type).toBe('full-cone');
    expect(v.evidence.at(-1)).toMatch(/^the server saw 192\.168\.1\.20, an address no one has on the internet/);
  });

  it('an RFC 5780 server whose other address does not answer: said as such, and the filtering still told (probe audit: "needs a server that does RFC 5780", the filtering dropped)', () => {
    const v = classifyNat(obs({ mapping: { i: m1, ii: null }, filtering: { i: true, ii: false, iii: false } }));
    expect(v).toMatchObject({ type: 'unknown', mapping: null, filtering: 'address-and-port-dependent' });
    expect(v.evidence.at(-1)).toMatch(/^the server does RFC 5780, but its other address .* did not answer from here/);
  });

  it('UDP unanswered: udp-blocked when two servers were silent and TCP answered; one silent server may just not serve UDP (probe audit: coturn --no-udp was "UDP blocked")', () => {
    expect(classifyNat({ local, udpAnswered: false, tcpAnswered: true, udpServers: 2 }).type).toBe('udp-blocked');
    expect(classifyNat({ local, udpAnswered: false, tcpAnswered: true, udpServers: 1 })).toMatchObject({ type: 'unknown', evidence: [expect.stringMatching(/or this server does not serve UDP on that port; a second STUN server over UDP tells them apart/)] });
    expect(classifyNat({ local, udpAnswered: false, tcpAnswered: false })).toMatchObject({ type: 'unknown', evidence: [expect.stringMatching(/down or unreachable/)] });
    expect(classifyNat({ local, udpAnswered: false, tcpAnswered: false, tcpRefused: true })).toMatchObject({ type: 'unknown', evidence: [expect.stringMatching(/TCP to it was refused \(the machine is reachable/)] });
    expect(classifyNat({ local, udpAnswered: false }).type).toBe('unknown');
    // Two servers inside this network (loopback, private): nothing said of the way out (probe audit: "UDP blocked", every path needs TURN).
    expect(classifyNat({ local, udpAnswered: false, tcpAnswered: true, udpServers: 2, udpRefused: true, udpServersInside: true })).toMatchObject({ type: 'unknown', evidence: [expect.stringMatching(/^STUN at 2 addresses refused UDP \(ICMP port unreachable\) and answered over TCP, but they are inside this network .*says nothing of UDP to the internet/)] });
  });

  it('no OTHER-ADDRESS: unknown; with two servers the mapping is still told (and a split mapping is symmetric)', () => {
    const one = classifyNat({ local, udpAnswered: true, otherAddress: null, mapping: { i: m1 } });
    expect(one).toMatchObject({ type: 'unknown', mapping: null });
    expect(one.evidence.at(-1)).toMatch(/needs a server that does RFC 5780, or two STUN servers/);
    const same = classifyNat({ local, udpAnswered: true, otherAddress: null, mapping: { i: m1 }, multiServer: [{ server: { address: '198.51.100.1', port: 3478 }, mapped: m1 }, { server: { address: '198.51.100.2', port: 3478 }, mapped: m1 }] });
    expect(same).toMatchObject({ type: 'unknown', mapping: 'endpoint-independent' });
    expect(same.evidence.at(-1)).toMatch(/the kind of cone .* depends on filtering/);
    const split = classifyNat({ local, udpAnswered: true, otherAddress: null, mapping: { i: m1 }, multiServer: [{ server: { address: '198.51.100.1', port: 3478 }, mapped: m1 }, { server: { address: '198.51.100.2', port: 3478 }, mapped: { ...m1, port: 1 } }] });
    expect(split).toMatchObject({ type: 'symmetric', mapping: 'endpoint-dependent' });
  });

  it('a server at the first one\'s address and another port: test III without RFC 5780 (probe audit against stund behind MASQUERADE --random: "unknown", and "cannot be told apart" with a third server)', () => {
    const at = (address: string, port: number, mapped: typeof m1) => ({ server: { address, port }, mapped });
    const moved = { ...m1, port: m1.port + 1 };
    const moved2 = { ...m1, port: m1.port + 2 };
    const classify = (multiServer: ReturnType<typeof at>[]) => classifyNat({ local, udpAnswered: true, otherAddress: null, mapping: { i: m1 }, multiServer });
    // One address, two ports, two mappings: address-and-port-dependent, symmetric.
    const twoPorts = classify([at('203.0.113.10', 3478, m1), at('203.0.113.10', 3479, moved)]);
    expect(twoPorts).toMatchObject({ type: 'symmetric', mapping: 'address-and-port-dependent' });
    expect(twoPorts.evidence.join('\n')).toMatch(/a new mapping for another port of the same address \(address-and-port-dependent\)/);
    // One address, two ports, one mapping: only address-and-port-dependent is ruled out.
    const samePorts = classify([at('203.0.113.10', 3478, m1), at('203.0.113.10', 3479, m1)]);
    expect(samePorts).toMatchObject({ type: 'unknown', mapping: null });
    expect(samePorts.evidence.join('\n')).toMatch(/rules out address-and-port-dependent mapping only/);
    // Three servers: the two dependent kinds told apart.
    expect(classify([at('203.0.113.10', 3478, m1), at('203.0.113.11', 3478, moved), at('203.0.113.10', 3479, moved2)])).toMatchObject({ type: 'symmetric', mapping: 'address-and-port-dependent' });
    expect(classify([at('203.0.113.10', 3478, m1), at('203.0.113.11', 3478, moved), at('203.0.113.10', 3479, m1)])).toMatchObject({ type: 'symmetric', mapping: 'address-dependent' });
    expect(classify([at('203.0.113.10', 3478, m1), at('203.0.113.11', 3478, m1), at('203.0.113.10', 3479, m1)])).toMatchObject({ mapping: 'endpoint-independent' });
    // Whatever the order the servers were given in (audit of the change: the third one listed first or second was left out).
    const three = [at('203.0.113.10', 3478, m1), at('203.0.113.11', 3478, moved), at('203.0.113.10', 3479, moved2)];
    for (const order of [[0, 1, 2], [1, 0, 2], [1, 2, 0], [2, 1, 0], [0, 2, 1], [2, 0, 1]]) expect([order, classify(order.map((i) => three[i]!)).mapping]).toEqual([order, 'address-and-port-dependent']);
    const adm = [at('203.0.113.10', 3478, m1), at('203.0.113.11', 3478, moved), at('203.0.113.10', 3479, m1)];
    for (const order of [[1, 0, 2], [1, 2, 0]]) expect(classify(order.map((i) => adm[i]!)).mapping).toBe('address-dependent');
  });

  it('a new mapping at test II and no answer to test III: symmetric, endpoint-dependent (probe audit: it was unknown)', () => {
    const v = classifyNat(obs({ mapping: { i: m1, ii: { ...m1, port: 5 }, iii: null } }));
    expect(v).toMatchObject({ type: 'symmetric', mapping: 'endpoint-dependent' });
    expect(v.evidence.join('\n')).toMatch(/a new mapping per destination; test III got no answer, so address-dependent and address-and-port-dependent are not told apart/);
  });

  it('an OTHER-ADDRESS that cannot serve the tests: its problem is the evidence, not "no OTHER-ADDRESS"', () => {
    const v = classifyNat({ local, udpAnswered: true, otherAddress: null, mapping: { i: m1 }, otherAddressProblem: 'its OTHER-ADDRESS 198.51.100.1:0 is port 0: the tests did not run' });
    expect(v.type).toBe('unknown');
    expect(v.evidence[0]).toMatch(/; its OTHER-ADDRESS 198\.51\.100\.1:0 is port 0/);
    expect(v.evidence.join('\n')).not.toMatch(/sent no OTHER-ADDRESS/);
  });

  it('a test without an answer leaves the behaviour unknown, and says which', () => {
    expect(classifyNat(obs({ mapping: { i: m1, ii: null } }))).toMatchObject({ type: 'unknown', mapping: null, evidence: expect.arrayContaining([expect.stringMatching(/mapping test II: no answer/)]) });
    expect(classifyNat(obs({ mapping: { i: m1, ii: m1 }, filtering: { i: false } }))).toMatchObject({ type: 'unknown', mapping: 'endpoint-independent', filtering: null });
  });
});

describe('the P2P table', () => {
  it('is the notes\' table: relay only for symmetric against a port filter, and for UDP blocked', () => {
    const relay = (a: string, b: string) => directPath(a as never, b as never) === 'relay';
    expect(relay('symmetric', 'symmetric')).toBe(true);
    expect(relay('symmetric', 'port-restricted-cone')).toBe(true);
    expect(relay('port-restricted-cone', 'symmetric')).toBe(true);
    expect(relay('symmetric', 'restricted-cone')).toBe(false);
    expect(relay('symmetric', 'full-cone')).toBe(false);
    expect(relay('port-restricted-cone', 'port-restricted-cone')).toBe(false);
    expect(relay('open', 'udp-blocked')).toBe(true);
    expect(directPath('unknown', 'open')).toBeNull();
  });

  it('is symmetric in its arguments, and pathTable lists every known type', () => {
    for (const a of NAT_TYPES) for (const b of NAT_TYPES) expect(directPath(a, b)).toBe(directPath(b, a));
    expect(pathTable('full-cone').map((p) => p.peer)).toEqual(NAT_TYPES.filter((t) => t !== 'unknown'));
  });
});

describe('error explanations', () => {
  it('every code a TURN server sends has words; REST-API expiry is read from the username', () => {
    for (const c of [300, 400, 401, 403, 420, 437, 438, 440, 441, 442, 443, 486, 500, 508]) expect(explainStunErrorCode(c).length).toBeGreaterThan(20);
    expect(explainStunErrorCode(401, { username: '1600000000:alice', now: Date.UTC(2026, 0, 1) })).toMatch(/reads as a TURN REST-API one whose time .* has passed: if the server uses the REST API, fetch a fresh credential; if not, the username or password is wrong/);
    expect(explainStunErrorCode(401, { username: '4102444800:alice', now: Date.UTC(2026, 0, 1) })).not.toMatch(/has passed/);
    expect(restExpiry('alice')).toBeNull();
    expect(restExpiry('1600000000', Date.UTC(2026, 0, 1))).toEqual({ expiry: 1600000000, expired: true });
    // The expiry last, as coturn also takes it (probe audit: the plain "wrong username or password").
    expect(restExpiry('alice:1600000000', Date.UTC(2026, 0, 1))).toEqual({ expiry: 1600000000, expired: true });
    expect(restExpiry(':4102444800', Date.UTC(2026, 0, 1))).toEqual({ expiry: 4102444800, expired: false });
    expect(restExpiry('alice:16000')).toBeNull();
  });
});

describe('arguments out of their set are refused, not answered (INVALID_ARGUMENT)', () => {
  const refused = (f: () => unknown, words: string) => expect(f).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(words) }));
  it('directPath and pathTable take NAT types only', () => {
    refused(() => directPath('bogus' as never, 'symmetric'), 'directPath: the first NAT type must be one of open, full-cone');
    refused(() => directPath('symmetric', undefined as never), 'directPath: the second NAT type must be one of');
    refused(() => pathTable('bogus' as never), 'pathTable: the NAT type must be one of');
    expect(directPath('symmetric', 'port-restricted-cone')).toBe('relay');
  });
  it('explainStunErrorCode takes a STUN error code (300..699, RFC 8489 §14.8)', () => {
    for (const bad of ['x', -1, 9999, 299, 700, 401.5, null]) refused(() => explainStunErrorCode(bad as never), 'explainStunErrorCode: the error code must be an integer in 300..699');
    expect(explainStunErrorCode(699)).toContain('server');
  });
  it('classifyNat takes the observations object', () => {
    for (const bad of [null, undefined, 'x', []]) refused(() => classifyNat(bad as never), 'classifyNat: the observations must be an object');
  });
  it('classifyNat takes fields of their types, naming the one that is not (library audit: TypeErrors inside, and {} a silent "unknown")', () => {
    const local = { address: '10.0.0.1', port: 1 };
    const cases: [object, string][] = [
      [{}, "the observations' udpAnswered must be true or false"],
      [{ udpAnswered: true, local, mapping: { i: { address: 5, port: 1 } } }, "the observations' mapping must be an object whose i, ii and iii are endpoints or null"],
      [{ udpAnswered: true, local, mapping: { i: 'x' } }, "the observations' mapping must be"],
      [{ udpAnswered: true, local: null, multiServer: [{ server: null, mapped: local }] }, "the observations' multiServer must be a list of { server, mapped } endpoints"],
      [{ udpAnswered: true, local: { address: '10.0.0.1', port: '1' } }, "the observations' local must be an endpoint"],
      [{ udpAnswered: false, tcpAnswered: 'yes' }, "the observations' tcpAnswered must be true, false or absent"],
      [{ udpAnswered: true, local, filtering: { i: 1 } }, "the observations' filtering must be an object whose i, ii and iii are true or false"],
      [{ udpAnswered: false, tcpAnswered: true, udpServers: -2 }, "the observations' udpServers must be a count"],
    ];
    for (const [o, words] of cases) refused(() => classifyNat(o as never), `classifyNat: ${words}`);
    expect(classifyNat({ udpAnswered: true, local, mapping: { i: local } }).mapping).toBe('none');
  });
});
