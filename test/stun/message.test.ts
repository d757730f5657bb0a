/** STUN messages on the RFC 5769 test vectors (bytes machine-checked against three verbatim copies of the RFC), and round trips. */
import { createHash, createHmac } from 'node:crypto';
import { attribute, checkFingerprint, checkIntegrity, crc32, decodeStunMessage, encodeStunMessage, isStunMessage, longTermKey, readAddress, readErrorCode, readText, readU32Value, STUN_ATTRIBUTES as A, STUN_METHODS, xorAddressValue, type StunCrypto } from '../../src/stun/message.js';
import { SdpscopeError } from '../../src/errors.js';

const nodeCrypto: StunCrypto = {
  hmacSha1: (key, data) => new Uint8Array(createHmac('sha1', key).update(data).digest()),
  md5: (data) => new Uint8Array(createHash('md5').update(data).digest()),
};
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const utf8 = (s: string) => new TextEncoder().encode(s);

// RFC 5769 §2.1 – §2.4.
const REQUEST = bytes('000100582112a442b7e7a701bc34d686fa87dfae802200105354554e207465737420636c69656e74002400046e0001ff80290008932ff9b151263b36000600096576746a3a68367659202020000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf');
const RESPONSE_V4 = bytes('0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220002000080001a147e112a643000800142b91f599fd9e90c38c7489f92af9ba53f06be7d780280004c07d4c96');
const RESPONSE_V6 = bytes('010100482112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d900080014a382954e4be67bf11784c97c8292c275bfe3ed4180280004c8fb0b4c');
const LONG_TERM = bytes('000100602112a44278ad3433c6ad72c029da412e00060012e3839ee38388e383aae38383e382afe382b900000015001c662f2f3439396b39353464364f4c33346f4c394653547679363473410014000b6578616d706c652e6f72670000080014f67024656dd64a3e02b8e0712e85c9a28ca89666');
const PASSWORD = utf8('VOkJxbRl1RmTxUk/WvJxBt');

describe('RFC 5769 test vectors', () => {
  it('§2.1 sample request: a Binding request, its attributes, integrity and fingerprint (padding 0x20, checked over the bytes received)', () => {
    const m = decodeStunMessage(REQUEST);
    expect([m.class, m.method, m.transactionId]).toEqual(['request', STUN_METHODS.binding, 'b7e7a701bc34d686fa87dfae']);
    expect(readText(attribute(m, A.SOFTWARE)!)).toBe('STUN test client');
    expect(readText(attribute(m, A.USERNAME)!)).toBe('evtj:h6vY');
    expect(readU32Value(attribute(m, 0x0024)!)).toBe(0x6e0001ff);
    expect(checkIntegrity(m, PASSWORD, nodeCrypto)).toBe(true);
    expect(checkIntegrity(m, utf8('wrong'), nodeCrypto)).toBe(false);
    expect(checkFingerprint(m)).toBe(true);
  });

  it('§2.2 sample IPv4 response: XOR-MAPPED-ADDRESS 192.0.2.1:32853', () => {
    const m = decodeStunMessage(RESPONSE_V4);
    expect([m.class, m.method]).toEqual(['success', STUN_METHODS.binding]);
    expect(readText(attribute(m, A.SOFTWARE)!)).toBe('test vector');
    expect(readAddress(m, attribute(m, A.XOR_MAPPED_ADDRESS)!, true)).toEqual({ family: 'ipv4', address: '192.0.2.1', port: 32853 });
    expect([checkIntegrity(m, PASSWORD, nodeCrypto), checkFingerprint(m)]).toEqual([true, true]);
  });

  it('§2.3 sample IPv6 response: XOR-MAPPED-ADDRESS 2001:db8:1234:5678:11:2233:4455:6677 port 32853', () => {
    const m = decodeStunMessage(RESPONSE_V6);
    expect(readAddress(m, attribute(m, A.XOR_MAPPED_ADDRESS)!, true)).toEqual({ family: 'ipv6', address: '2001:db8:1234:5678:11:2233:4455:6677', port: 32853 });
    expect([checkIntegrity(m, PASSWORD, nodeCrypto), checkFingerprint(m)]).toEqual([true, true]);
  });

  it('§2.4 request with long-term authentication: the MD5 key and the integrity', () => {
    const m = decodeStunMessage(LONG_TERM);
    const username = readText(attribute(m, A.USERNAME)!);
    expect(username).toBe('\u30de\u30c8\u30ea\u30c3\u30af\u30b9');
    expect(readText(attribute(m, A.NONCE)!)).toBe('f//499k954d6OL34oL9FSTvy64sA');
    expect(readText(attribute(m, A.REALM)!)).toBe('example.org');
    // The password after SASLprep ("The\u00adM\u00aatr\u2168" before it).
    const key = longTermKey(username, 'example.org', 'TheMatrIX', nodeCrypto);
    expect(Buffer.from(key).toString('hex')).toBe('e8ca7ad59d5eb0518e312911d2dab2a9');
    expect(checkIntegrity(m, key, nodeCrypto)).toBe(true);
    expect(attribute(m, A.FINGERPRINT)).toBeUndefined();
  });
});

describe('encoding', () => {
  const tid = bytes('b7e7a701bc34d686fa87dfae');
  it('re-encodes §2.2 byte for byte but for the padding (zero here, 0x20 in the RFC), and what it encodes checks', () => {
    const xma = decodeStunMessage(RESPONSE_V4);
    const out = encodeStunMessage({ class: 'success', method: STUN_METHODS.binding, transactionId: tid, attributes: [{ type: A.SOFTWARE, value: utf8('test vector') }, { type: A.XOR_MAPPED_ADDRESS, value: attribute(xma, A.XOR_MAPPED_ADDRESS)!.value }], integrityKey: PASSWORD, fingerprint: true }, nodeCrypto);
    expect(out.length).toBe(RESPONSE_V4.length);
    const m = decodeStunMessage(out);
    expect([checkIntegrity(m, PASSWORD, nodeCrypto), checkFingerprint(m)]).toEqual([true, true]);
    expect(readAddress(m, attribute(m, A.XOR_MAPPED_ADDRESS)!, true)).toEqual({ family: 'ipv4', address: '192.0.2.1', port: 32853 });
    // Only the one padding byte of SOFTWARE differs, so integrity and fingerprint differ too.
    expect(Buffer.from(out.subarray(0, 31)).equals(Buffer.from(RESPONSE_V4.subarray(0, 31)))).toBe(true);
  });

  it('every class and method round-trips through the type field', () => {
    for (const cls of ['request', 'indication', 'success', 'error'] as const) {
      for (const method of Object.values(STUN_METHODS)) {
        const m = decodeStunMessage(encodeStunMessage({ class: cls, method, transactionId: tid }));
        expect([m.class, m.method]).toEqual([cls, method]);
      }
    }
  });

  it('an error response: ERROR-CODE 401 with its reason', () => {
    const code = new Uint8Array([0, 0, 4, 1, ...utf8('Unauthorized')]);
    const m = decodeStunMessage(encodeStunMessage({ class: 'error', method: STUN_METHODS.allocate, transactionId: tid, attributes: [{ type: A.ERROR_CODE, value: code }] }));
    expect(readErrorCode(attribute(m, A.ERROR_CODE)!)).toEqual({ code: 401, reason: 'Unauthorized' });
  });

  it('refuses a message its 16-bit length fields cannot hold (probe audit: a 32 KB REALM and NONCE wrapped the length)', () => {
    const tid = new Uint8Array(12);
    const big = (n: number) => ({ type: 0x0014, value: new Uint8Array(n) });
    expect(() => encodeStunMessage({ class: 'request', method: 3, transactionId: tid, attributes: [big(32_800), big(32_800)] })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('at most 65,535 bytes of attributes') }));
    expect(() => encodeStunMessage({ class: 'request', method: 3, transactionId: tid, attributes: [big(70_000)] })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(encodeStunMessage({ class: 'request', method: 3, transactionId: tid, attributes: [big(65_528)] })).toHaveLength(20 + 4 + 65_528);
  });

  it('CRC-32 is zlib\'s', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
  });
});

describe('bytes that are not a STUN message are refused with STUN_MESSAGE and the reason', () => {
  it('isStunMessage tells a STUN header from other bytes (a quick test: decode checks the rest)', () => {
    expect([isStunMessage(REQUEST), isStunMessage(utf8('GET / HTTP/1.1\r\nHost: x\r\n')), isStunMessage(REQUEST.subarray(0, 19))]).toEqual([true, false, false]);
  });
  it.each([
    ['short', REQUEST.subarray(0, 19), /20-byte header/],
    ['no cookie', Uint8Array.from([...REQUEST.subarray(0, 4), 0, 0, 0, 0, ...REQUEST.subarray(8)]), /magic cookie/],
    ['top bits set', Uint8Array.from([0xc0, ...REQUEST.subarray(1)]), /first two bits/],
    ['cut', REQUEST.subarray(0, 60), /attributes; 40 are there/],
    ['odd length', Uint8Array.from([0, 1, 0, 3, ...REQUEST.subarray(4, 23)]), /multiple of 4/],
  ])('%s', (_name, b, message) => {
    let e: unknown;
    try {
      decodeStunMessage(b);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(SdpscopeError);
    expect(e).toMatchObject({ code: 'STUN_MESSAGE', message: expect.stringMatching(message) });
  });
});

describe('XOR addresses for TURN peers (XOR-PEER-ADDRESS)', () => {
  it.each([
    ['ipv4', '192.0.2.1', 32853],
    ['ipv6', '2001:db8:1234:5678:11:2233:4455:6677', 32853],
    ['ipv6', '::1', 3478],
    ['ipv6', '2001:db8::', 1],
    ['ipv6', '::ffff:192.0.2.1', 9],
  ] as const)('%s %s round-trips through the codec', (family, address, port) => {
    const tid = new Uint8Array(Buffer.from('b7e7a701bc34d686fa87dfae', 'hex'));
    const value = xorAddressValue({ family, address, port }, tid);
    const bytes = encodeStunMessage({ class: 'indication', method: STUN_METHODS.send, transactionId: tid, attributes: [{ type: A.XOR_PEER_ADDRESS, value }] });
    const m = decodeStunMessage(bytes);
    const back = readAddress(m, attribute(m, A.XOR_PEER_ADDRESS)!, true);
    expect([back.family, back.port]).toEqual([family, port]);
    if (address !== '::ffff:192.0.2.1') expect(back.address).toBe(address);
  });

  it('refuses text that is not an IPv6 address', () => {
    for (const bad of ['1::2::3', 'fffff::1', '1:2:3:4:5:6:7:8:9', 'x::1']) expect(() => xorAddressValue({ family: 'ipv6', address: bad, port: 1 }, new Uint8Array(12))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('checkIntegrity refuses arguments of the wrong kind (INVALID_ARGUMENT)', () => {
  const crypto = nodeCrypto;
  it.each([
    ['no message', () => checkIntegrity(null as never, new Uint8Array(4), crypto), 'checkStunIntegrity: the message'],
    ['no crypto', () => checkIntegrity(decodeStunMessage(encodeStunMessage({ class: 'request', method: STUN_METHODS.binding, transactionId: new Uint8Array(12) })), new Uint8Array(4), null as never), 'checkStunIntegrity: the crypto'],
    ['a string key', () => checkIntegrity(decodeStunMessage(encodeStunMessage({ class: 'request', method: STUN_METHODS.binding, transactionId: new Uint8Array(12) })), 'pw' as never, crypto), 'checkStunIntegrity: the key must be a Uint8Array'],
  ])('%s', (_name, f, words) => {
    expect(f).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(words) }));
  });
});

describe('arguments a caller can get wrong (library audit)', () => {
  const tid = new Uint8Array(12);
  it('encodeStunMessage: a class not of the four, a method over 12 bits: INVALID_ARGUMENT (a "bogus" class became an error response)', () => {
    expect(() => encodeStunMessage({ class: 'bogus' as never, method: 1, transactionId: tid })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => encodeStunMessage({ class: 'request', method: 65537, transactionId: tid })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
  it('checkFingerprint and checkIntegrity on a message through JSON: INVALID_ARGUMENT, not a silent false', () => {
    const m = decodeStunMessage(encodeStunMessage({ class: 'request', method: 1, transactionId: tid, fingerprint: true }));
    expect(checkFingerprint(m)).toBe(true);
    const reloaded = JSON.parse(JSON.stringify(m)) as typeof m;
    expect(() => checkFingerprint(reloaded)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => checkIntegrity(reloaded, new Uint8Array(16), { hmacSha1: () => new Uint8Array(20), md5: () => new Uint8Array(16) })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('the readers given what decodeStunMessage never makes (library audit: TypeErrors, and an address read against a short header)', () => {
  const tid = new Uint8Array(12).fill(7);
  const m = decodeStunMessage(encodeStunMessage({ class: 'success', method: STUN_METHODS.binding, transactionId: tid, attributes: [{ type: A.XOR_MAPPED_ADDRESS, value: xorAddressValue({ family: 'ipv4', address: '203.0.113.5', port: 5000 }, tid) }, { type: A.ERROR_CODE, value: new Uint8Array([0, 0, 4, 1, 65]) }] }));
  const mapped = attribute(m, A.XOR_MAPPED_ADDRESS)!;
  const junk: unknown[] = [null, 7, 'x', [], {}, true, undefined, [null], new Uint8Array(2)];

  it('an SdpscopeError for every wrong message or attribute, never a TypeError', () => {
    const calls: ((msg: unknown, at: unknown) => unknown)[] = [
      (msg, at) => readAddress(msg as never, at as never, true),
      (msg) => attribute(msg as never, A.ERROR_CODE),
      (_msg, at) => readErrorCode(at as never),
      (_msg, at) => readText(at as never),
    ];
    for (const j of junk) {
      const variants: [unknown, unknown][] = [[j, mapped], [m, j], [{ ...m, attributes: j }, mapped], [{ ...m, bytes: j }, mapped], [m, { ...mapped, value: j }], [m, { ...mapped, type: j }]];
      for (const [msg, at] of variants) {
        for (const f of calls) {
          try {
            f(msg, at);
          } catch (e) {
            expect(e).toBeInstanceOf(SdpscopeError);
          }
        }
      }
    }
  });

  it('a message whose bytes are shorter than a header is refused, not read against a short mask', () => {
    expect(() => readAddress({ ...m, bytes: m.bytes.subarray(0, 8) }, mapped, true)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(readAddress(m, mapped, true)).toEqual({ family: 'ipv4', address: '203.0.113.5', port: 5000 });
    // A stray null among the attributes is passed over.
    expect(attribute({ ...m, attributes: [null as never, ...m.attributes] }, A.XOR_MAPPED_ADDRESS)).toBe(mapped);
  });
});
