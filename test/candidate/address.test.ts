import { classifyAddress, parseIPv6 } from '../../src/candidate/address.js';

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
    ['x.x.x.x', 'fqdn', 'hostname'],
    ['xxx.xxx.xxx.234', 'invalid', 'invalid'],
    ['*.*.*.*', 'invalid', 'invalid'],
    ['::/0', 'invalid', 'invalid'],
    ['9:9:9:9:9:9', 'invalid', 'invalid'],
    ['1.2.3', 'invalid', 'invalid'],
    ['256.1.1.1', 'invalid', 'invalid'],
  ])('%s → %s / %s', (address, family, cls) => {
    expect(classifyAddress(address)).toEqual({ family, class: cls });
  });

  it('expands "::" to eight groups', () => {
    expect(parseIPv6('fdb2:2c26:f4e4::1')).toEqual([0xfdb2, 0x2c26, 0xf4e4, 0, 0, 0, 0, 1]);
    expect(parseIPv6('fe80::1%eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('1::2::3')).toBeNull();
  });
});
