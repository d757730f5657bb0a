import { classifyAddress, isRedactionMarker, maySameSubnet, privateBlock, sameSubnet } from '../../src/candidate/address.js';

describe('classifyAddress', () => {
  it.each([
    ['10.25.39.1', 'ipv4', 'private'],
    ['172.31.51.194', 'ipv4', 'private'],
    ['192.168.1.4', 'ipv4', 'private'],
    ['172.32.0.1', 'ipv4', 'public'],
    ['100.64.0.1', 'ipv4', 'cgnat'],
    ['100.127.255.255', 'ipv4', 'cgnat'],
    ['127.0.0.1', 'ipv4', 'loopback'],
    ['169.254.37.224', 'ipv4', 'link-local'],
    ['0.0.0.0', 'ipv4', 'unspecified'],
    ['203.0.113.5', 'ipv4', 'documentation'],
    ['219.142.117.143', 'ipv4', 'public'],
    ['::1', 'ipv6', 'loopback'],
    ['::', 'ipv6', 'unspecified'],
    ['0000:0000:0000:0000:0000:0000:0000:0000', 'ipv6', 'unspecified'],
    ['fe80::3252:cbff:fe21:9bf7', 'ipv6', 'link-local'],
    ['fd4b:8d38:69ba:1:1c08:3db8:9627:7683', 'ipv6', 'ipv6-ula'],
    ['2601:645:8400:6c20::a610', 'ipv6', 'ipv6-global'],
    ['::ffff:10.0.0.1', 'ipv6', 'private'],
    ['2001:db8::1', 'ipv6', 'documentation'],
    ['3fff::1', 'ipv6', 'documentation'],
    ['3fff:fff:ffff::1', 'ipv6', 'documentation'],
    ['3fff:1000::1', 'ipv6', 'ipv6-global'],
    ['d449358c-30df-4fd5-a2aa-fea9a31869cc.local', 'mdns', 'mdns'],
    ['turn.example.com', 'fqdn', 'hostname'],
    ['x.x.x.x', 'redacted', 'redacted'],
    ['xxx.xxx.xxx.234', 'redacted', 'redacted'],
    // An IPv6 address whose rest was masked by hand (parse audit: it had been an invalid address).
    ['2402:e280:2261:***********', 'redacted', 'redacted'],
    ['XXX.YYY.ZZZ.WWW', 'redacted', 'redacted'],
    ['a.b.c.d', 'redacted', 'redacted'],
    ['*.*.*.*', 'redacted', 'redacted'],
    ['[PUBLIC IP]', 'redacted', 'redacted'],
    ['<redacted>', 'redacted', 'redacted'],
    ['REDACTED', 'redacted', 'redacted'],
    ['xxxx:xxxx::xxxx', 'redacted', 'redacted'],
    // The edges a hand-written parser got wrong.
    ['1.2.3.4::', 'invalid', 'invalid'],
    ['255.255.255.255', 'ipv4', 'broadcast'],
    ['240.0.0.1', 'ipv4', 'reserved'],
    ['255.255.255.254', 'ipv4', 'reserved'],
    ['0.1.2.3', 'ipv4', 'reserved'],
    ['198.18.0.1', 'ipv4', 'benchmarking'],
    ['198.19.255.255', 'ipv4', 'benchmarking'],
    ['192.0.0.9', 'ipv4', 'reserved'],
    ['010.0.0.1', 'invalid', 'invalid'],
    ['0x0a.0.0.1', 'invalid', 'invalid'],
    ['10.1', 'invalid', 'invalid'],
    ['224.0.0.251', 'ipv4', 'multicast'],
    ['ff02::fb', 'ipv6', 'multicast'],
    ['::1.2.3.4', 'ipv6', 'reserved'],
    ['::ffff:198.51.100.7', 'ipv6', 'documentation'],
    ['fec0::1', 'ipv6', 'reserved'],
    ['4000::1', 'ipv6', 'reserved'],
    ['2002:c000:204::1', 'ipv6', 'ipv6-global'],
    ['64:ff9b::1.2.3.4', 'ipv6', 'ipv6-global'],
    ['2001:2::1', 'ipv6', 'benchmarking'],
    ['FE80::1%eth0', 'ipv6', 'link-local'],
    ['fe80::1%', 'invalid', 'invalid'],
    ['1::2::3', 'invalid', 'invalid'],
    ['[::1]', 'invalid', 'invalid'],
    ['host-1.example.', 'fqdn', 'hostname'],
    ['-bad.example', 'invalid', 'invalid'],
    ['a..b', 'invalid', 'invalid'],
    ['::/0', 'invalid', 'invalid'],
    ['9:9:9:9:9:9', 'invalid', 'invalid'],
    ['1.2.3', 'invalid', 'invalid'],
    ['256.1.1.1', 'invalid', 'invalid'],
  ])('%s → %s / %s', (address, family, cls) => {
    expect(classifyAddress(address)).toEqual({ family, class: cls });
  });

  it('a masked IPv4 address whose visible octets allow one class only has that class, its family still "redacted"; one whose octets allow several stays "redacted" (ICE audit: 172.17.x.x had hidden a remote-unreachable verdict)', () => {
    const of = (a: string) => [a, classifyAddress(a).family, classifyAddress(a).class];
    expect(['172.17.x.x', '10.0.x.x', '10.x.x.x', '192.168.*.*', '100.64.x.x', '5.255.x.x', '203.0.113.x', '169.254.x.x', '127.x.x.x', '0.x.x.x'].map(of)).toEqual([
      ['172.17.x.x', 'redacted', 'private'], ['10.0.x.x', 'redacted', 'private'], ['10.x.x.x', 'redacted', 'private'], ['192.168.*.*', 'redacted', 'private'], ['100.64.x.x', 'redacted', 'cgnat'],
      ['5.255.x.x', 'redacted', 'public'], ['203.0.113.x', 'redacted', 'documentation'], ['169.254.x.x', 'redacted', 'link-local'], ['127.x.x.x', 'redacted', 'loopback'], ['0.x.x.x', 'redacted', 'reserved'],
    ]);
    // Masked ones may be on one subnet by what they show (maySameSubnet), whole ones by sameSubnet.
    expect([['192.168.1.x', '192.168.1.20'], ['10.0.x.x', '10.0.x.x'], ['172.17.x.x', '172.17.42.1'], ['192.168.1.10', '192.168.1.20']].every(([a, b]) => maySameSubnet(a!, b!))).toBe(true);
    expect([['192.168.1.x', '192.168.2.20'], ['10.0.x.x', '5.255.x.x'], ['192.168.1.10', '192.168.2.10'], ['x.x.x.x', '10.0.0.1']].some(([a, b]) => maySameSubnet(a!, b!))).toBe(false);
    // 172/8 holds 172.16/12, 192.0/16 a documentation net, 100/8 the CGN block: mixed, unknown.
    for (const a of ['172.x.x.x', '192.0.x.x', '100.x.x.x', 'x.x.x.x', 'xxx.xxx.xxx.234', '10.x.0.1']) expect(of(a)).toEqual([a, 'redacted', 'redacted']);
  });

  it('tells redaction markers from addresses and names', () => {
    expect(['x.x.x.x', '*.*.*.*', '[PUBLIC IP]', '<redacted>', '(hidden)', 'anonymized'].every(isRedactionMarker)).toBe(true);
    expect(['1.2.3.4', 'x.local', 'turn.example.com', '10.0.0.x1', '[::1]'].some(isRedactionMarker)).toBe(false);
  });
});

describe('the fast dotted-quad path agrees with ipaddr.js', () => {
  // Every range's first and last address and their neighbours, then random addresses.
  const edges = ['0.0.0.0', '0.0.0.1', '0.255.255.255', '1.0.0.0', '9.255.255.255', '10.0.0.0', '10.255.255.255', '11.0.0.0', '100.63.255.255', '100.64.0.0', '100.127.255.255', '100.128.0.0',
    '126.255.255.255', '127.0.0.0', '127.255.255.255', '128.0.0.0', '169.253.255.255', '169.254.0.0', '169.254.255.255', '169.255.0.0', '172.15.255.255', '172.16.0.0', '172.31.255.255', '172.32.0.0',
    '192.0.0.0', '192.0.0.255', '192.0.1.0', '192.0.2.0', '192.0.2.255', '192.0.3.0', '192.31.196.1', '192.52.193.1', '192.88.98.255', '192.88.99.0', '192.88.99.255', '192.88.100.0', '192.167.255.255', '192.168.0.0', '192.168.255.255', '192.169.0.0', '192.175.48.1',
    '198.17.255.255', '198.18.0.0', '198.19.255.255', '198.20.0.0', '198.51.99.255', '198.51.100.0', '198.51.100.255', '198.51.101.0', '203.0.112.255', '203.0.113.0', '203.0.113.255', '203.0.114.0',
    '223.255.255.255', '224.0.0.0', '239.255.255.255', '240.0.0.0', '255.255.255.254', '255.255.255.255'];
  it('on every range edge', async () => {
    const { classifyIPv4ByIpaddr, classifyIPv4Fast } = await import('../../src/candidate/address.js');
    expect(edges.map(classifyIPv4Fast)).toEqual(edges.map(classifyIPv4ByIpaddr));
  });
  it('on 100,000 random addresses, and on strings that are not dotted quads', async () => {
    const { classifyIPv4ByIpaddr, classifyIPv4Fast } = await import('../../src/candidate/address.js');
    let seed = 12345;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const wrong: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const a = rnd();
      const s = `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
      if (classifyIPv4Fast(s) !== classifyIPv4ByIpaddr(s)) wrong.push(s);
    }
    for (const s of ['', '.', '1.2.3', '1.2.3.4.5', '1.2.3.4.', '.1.2.3', '01.2.3.4', '1.2.3.256', '1.2.3.1000', '1..2.3', '1.2.3.-4', '1.2.3.4 ', ' 1.2.3.4', '1.2.3.4a', '0x1.2.3.4', '1e1.2.3.4', '１.2.3.4']) {
      if (classifyIPv4Fast(s) !== classifyIPv4ByIpaddr(s)) wrong.push(JSON.stringify(s));
    }
    expect(wrong).toEqual([]);
  });
});

describe('libwebrtcPrecedence: its shortcut for plain IPv6 agrees with reading every address through ipaddr.js', () => {
  // The reference: libwebrtc's IPAddressPrecedence over ipaddr.js's parse, no shortcut.
  const reference = (ipaddr: typeof import('ipaddr.js'), text: string): number | null => {
    if (!ipaddr.IPv6.isValid(text)) return ipaddr.IPv4.isValidFourPartDecimal(text) ? 30 : null;
    const p = [...ipaddr.IPv6.parse(text).parts];
    // ipaddr.js reads the IPv4-compatible ::a.b.c.d as mapped (::ffff:a.b.c.d): undone.
    if (text.includes('.') && !/ffff/i.test(text)) p[5] = 0;
    const zero = (n: number) => p.slice(0, n).every((x) => x === 0);
    if (zero(7) && p[7] === 1) return 60;
    if ((p[0]! & 0xfe00) === 0xfc00) return 50;
    if (zero(5) && p[5] === 0xffff && /ffff/i.test(text)) return 30;
    if (p[0] === 0x2002) return 20;
    if (p[0] === 0x2001 && p[1] === 0) return 10;
    if (zero(6) || (p[0]! & 0xffc0) === 0xfec0 || p[0] === 0x3ffe) return 1;
    return 40;
  };
  it('on 20,000 random addresses around the special ranges, written compressed, in full, in upper case and with a dotted tail', async () => {
    const ipaddr = (await import('ipaddr.js')).default;
    const { libwebrtcPrecedence } = await import('../../src/candidate/address.js');
    let seed = 20261207;
    const rnd = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    const firsts = [0x2001, 0x2002, 0xfec0, 0xfed3, 0xfeff, 0xfe80, 0x3ffe, 0xfd00, 0xfc01, 0x2a00, 0x2600, 0, 0x64, 0xff02];
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const parts = Array.from({ length: 8 }, () => (rnd(3) === 0 ? 0 : rnd(65536)));
      parts[0] = firsts[rnd(firsts.length)]!;
      if (parts[0] === 0) for (let k = 1; k < 5 + rnd(3); k++) parts[k] = 0;
      if (parts[0] === 0 && rnd(2) === 0) parts[5] = 0xffff;
      if (rnd(4) === 0) parts[1] = 0;
      const a = new ipaddr.IPv6(parts);
      const forms = [a.toString(), a.toNormalizedString(), a.toString().toUpperCase(), parts[0] === 0 ? `::${parts[5] === 0xffff ? 'ffff:' : ''}${parts[6]! >> 8}.${parts[6]! & 255}.${parts[7]! >> 8}.${parts[7]! & 255}` : a.toString()];
      for (const text of forms) {
        const got = libwebrtcPrecedence(text, classifyAddress(text));
        if (got !== reference(ipaddr, text)) wrong.push(`${text}: ${got} ≠ ${reference(ipaddr, text)}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});

describe('sameSubnet and privateBlock (ICE verdicts: a private address in this side\'s own LAN may be reachable)', () => {
  it('one /24 or one /64, a ULA /48, one link\'s link-local; names, redactions and mixed families are not', () => {
    expect(sameSubnet('10.0.1.2', '10.0.1.200')).toBe(true);
    expect(sameSubnet('10.0.1.2', '10.0.2.2')).toBe(false);
    expect(sameSubnet('fd00:1:2:3::1', 'fd00:1:2:3:ffff::9')).toBe(true);
    // One site's unique-local /48 (RFC 4193), one link's link-local addresses: one network (audit of the change).
    expect(sameSubnet('fd00:1:2:3::1', 'fd00:1:2:4::1')).toBe(true);
    expect(sameSubnet('fd00:1:2:3::1', 'fd00:1:3:3::1')).toBe(false);
    expect(sameSubnet('169.254.10.5', '169.254.20.7')).toBe(true);
    expect([privateBlock('192.168.2.7'), privateBlock('172.31.5.72'), privateBlock('10.0.2.2'), privateBlock('100.64.0.1'), privateBlock('8.8.8.8'), privateBlock('x')]).toEqual(['192.168.0.0/16', '172.16.0.0/12', '10.0.0.0/8', null, null, null]);
    expect(sameSubnet('10.0.1.2', '::ffff:10.0.1.2')).toBe(false);
    expect(sameSubnet('a.local', 'a.local')).toBe(false);
    expect(sameSubnet('10.0.1.x', '10.0.1.2')).toBe(false);
  });
});
