import { classifyAddress, isRedactionMarker } from '../../src/candidate/address.js';

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
    ['d449358c-30df-4fd5-a2aa-fea9a31869cc.local', 'mdns', 'mdns'],
    ['turn.example.com', 'fqdn', 'hostname'],
    ['x.x.x.x', 'redacted', 'redacted'],
    ['xxx.xxx.xxx.234', 'redacted', 'redacted'],
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

  it('tells redaction markers from addresses and names', () => {
    expect(['x.x.x.x', '*.*.*.*', '[PUBLIC IP]', '<redacted>', '(hidden)', 'anonymized'].every(isRedactionMarker)).toBe(true);
    expect(['1.2.3.4', 'x.local', 'turn.example.com', '10.0.0.x1', '[::1]'].some(isRedactionMarker)).toBe(false);
  });
});
