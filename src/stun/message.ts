/**
 * STUN messages (RFC 8489), with the TURN (RFC 8656) and NAT behaviour discovery (RFC 5780)
 * attributes: decoded from the bytes as received, every attribute kept with its raw value and
 * offset (so that MESSAGE-INTEGRITY and FINGERPRINT are checked over the bytes received, whatever
 * padding the sender used), and encoded. Pure and browser-safe: the hash functions come from the
 * caller ({@link StunCrypto}), so that captured packets decode anywhere.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   |0 0|     STUN Message Type     |         Message Length        |
 *   |                         Magic Cookie                          |
 *   |                     Transaction ID (96 bits)                  |
 */
import { describe, requireInteger, requireObject, requireOneOf, requireText, SdpscopeError } from '../errors.js';

/** RFC 8489 §6: the magic cookie. */
export const MAGIC_COOKIE = 0x2112a442;

/** RFC 8489 §5: the message classes. */
export type StunClass = 'request' | 'indication' | 'success' | 'error';

/** Methods: RFC 8489 §18.2 (Binding), RFC 8656 §17 (Allocate … ChannelBind). */
export const STUN_METHODS = { binding: 0x001, allocate: 0x003, refresh: 0x004, send: 0x006, data: 0x007, createPermission: 0x008, channelBind: 0x009 } as const;
export type StunMethod = keyof typeof STUN_METHODS;

/** Attribute types (RFC 8489 §18.3, RFC 8656 §18, RFC 5780 §7). */
export const STUN_ATTRIBUTES = {
  MAPPED_ADDRESS: 0x0001,
  CHANGE_REQUEST: 0x0003,
  USERNAME: 0x0006,
  MESSAGE_INTEGRITY: 0x0008,
  ERROR_CODE: 0x0009,
  UNKNOWN_ATTRIBUTES: 0x000a,
  CHANNEL_NUMBER: 0x000c,
  LIFETIME: 0x000d,
  XOR_PEER_ADDRESS: 0x0012,
  DATA: 0x0013,
  REALM: 0x0014,
  NONCE: 0x0015,
  XOR_RELAYED_ADDRESS: 0x0016,
  REQUESTED_ADDRESS_FAMILY: 0x0017,
  REQUESTED_TRANSPORT: 0x0019,
  MESSAGE_INTEGRITY_SHA256: 0x001c,
  XOR_MAPPED_ADDRESS: 0x0020,
  /** ICE (RFC 8445 §16.1): PRIORITY, USE-CANDIDATE, ICE-CONTROLLED, ICE-CONTROLLING. */
  PRIORITY: 0x0024,
  USE_CANDIDATE: 0x0025,
  RESPONSE_PORT: 0x0027,
  SOFTWARE: 0x8022,
  ALTERNATE_SERVER: 0x8023,
  FINGERPRINT: 0x8028,
  /** RFC 3489 §11.2.3 and §11.2.4 (reserved since RFC 5389): an RFC 3489 server's (stund's) OTHER-ADDRESS and RESPONSE-ORIGIN, RFC 5780 §7.4 says. */
  SOURCE_ADDRESS: 0x0004,
  CHANGED_ADDRESS: 0x0005,
  RESPONSE_ORIGIN: 0x802b,
  OTHER_ADDRESS: 0x802c,
  ICE_CONTROLLED: 0x8029,
  ICE_CONTROLLING: 0x802a,
} as const;

/** A transport address (MAPPED-ADDRESS and its XOR forms, RFC 8489 §14.1, §14.2). */
export interface StunAddress {
  readonly family: 'ipv4' | 'ipv6';
  readonly address: string;
  readonly port: number;
}

/** One attribute as received: its type, its value's bytes, and where it starts in the message. */
export interface StunAttribute {
  readonly type: number;
  readonly value: Uint8Array;
  /** Offset of the attribute's header in the message. */
  readonly offset: number;
}

export interface StunMessage {
  readonly class: StunClass;
  /** The method's number (STUN_METHODS). */
  readonly method: number;
  /** 96 bits, as lower-case hex. */
  readonly transactionId: string;
  readonly attributes: readonly StunAttribute[];
  /** The bytes decoded (MESSAGE-INTEGRITY and FINGERPRINT are checked over them). */
  readonly bytes: Uint8Array;
}

/** The hash functions STUN needs, from the caller (Node's crypto, or a library in a browser), synchronous: each returns its digest at once (WebCrypto's subtle.sign is async and has no MD5). */
export interface StunCrypto {
  hmacSha1(key: Uint8Array, data: Uint8Array): Uint8Array;
  md5(data: Uint8Array): Uint8Array;
}

const CLASSES: readonly StunClass[] = ['request', 'indication', 'success', 'error'];

const fail = (reason: string): never => {
  throw new SdpscopeError('STUN_MESSAGE', reason);
};

/** The type field: method bits M11..M0 interleaved with class bits C1 C0 (RFC 8489 §5). */
function typeOf(cls: StunClass, method: number): number {
  const c = CLASSES.indexOf(cls);
  // A class not of the four, or a method over 12 bits, encoded as something else (a "bogus" class became an error response; library audit).
  if (c < 0) throw new SdpscopeError('INVALID_ARGUMENT', `a STUN class is one of ${CLASSES.join(', ')}, got ${String(cls)}`);
  if (!Number.isInteger(method) || method < 0 || method > 0xfff) throw new SdpscopeError('INVALID_ARGUMENT', `a STUN method is an integer in 0..4095 (12 bits, RFC 8489 §5), got ${String(method)}`);
  return (method & 0x000f) | ((method & 0x0070) << 1) | ((method & 0x0f80) << 2) | ((c & 1) << 4) | ((c & 2) << 7);
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** True when `bytes` start like a STUN message (the top two bits zero and the magic cookie). */
export function isStunMessage(bytes: Uint8Array): boolean {
  requireBytes(bytes, 'isStunMessage: the bytes');
  return bytes.length >= 20 && (bytes[0]! & 0xc0) === 0 && readU32(bytes, 4) === MAGIC_COOKIE;
}

const readU16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const readU32 = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;

/** Decodes one STUN message; throws STUN_MESSAGE with the reason for bytes that are not one. */
export function decodeStunMessage(bytes: Uint8Array): StunMessage {
  if (!(bytes instanceof Uint8Array)) throw new SdpscopeError('INVALID_ARGUMENT', 'decodeStunMessage takes bytes (a Uint8Array)');
  if (bytes.length < 20) fail(`a STUN message has a 20-byte header; got ${bytes.length} bytes`);
  if ((bytes[0]! & 0xc0) !== 0) fail('the first two bits of a STUN message are zero (RFC 8489 §5)');
  if (readU32(bytes, 4) !== MAGIC_COOKIE) fail('no magic cookie 0x2112A442 (RFC 8489 §6): not STUN, or RFC 3489 STUN');
  const length = readU16(bytes, 2);
  if (length % 4 !== 0) fail(`the message length ${length} is not a multiple of 4 (RFC 8489 §5)`);
  if (bytes.length < 20 + length) fail(`the header says ${length} bytes of attributes; ${bytes.length - 20} are there`);
  const type = readU16(bytes, 0);
  const cls = CLASSES[((type >> 4) & 1) | ((type >> 7) & 2)]!;
  const method = (type & 0x000f) | ((type >> 1) & 0x0070) | ((type >> 2) & 0x0f80);
  const attributes: StunAttribute[] = [];
  for (let at = 20; at < 20 + length; ) {
    if (at + 4 > 20 + length) fail(`an attribute header at byte ${at} is cut`);
    const t = readU16(bytes, at);
    const n = readU16(bytes, at + 2);
    if (at + 4 + n > 20 + length) fail(`attribute 0x${t.toString(16).padStart(4, '0')} at byte ${at} says ${n} bytes; the message ends first`);
    attributes.push({ type: t, value: bytes.subarray(at + 4, at + 4 + n), offset: at });
    at += 4 + n + ((4 - (n % 4)) % 4);
  }
  return { class: cls, method, transactionId: hex(bytes.subarray(8, 20)), attributes, bytes: bytes.subarray(0, 20 + length) };
}

/** A Uint8Array (Node's Buffers are ones); throws INVALID_ARGUMENT naming what it is given otherwise. */
function requireBytes(b: unknown, what: string): asserts b is Uint8Array {
  if (!(b instanceof Uint8Array)) throw new SdpscopeError('INVALID_ARGUMENT', `${what} must be a Uint8Array, got ${describe(b)}`);
}

/**
 * A digest a StunCrypto function returned: bytes, not a Promise (WebCrypto's subtle.sign is
 * async and has no MD5: it cannot be one; library audit: an async HMAC made a valid message fail
 * its check, with no word, and the encoder throw a RangeError).
 */
function requireDigest(d: unknown, what: string, length: number): Uint8Array {
  if (d !== null && typeof d === 'object' && typeof (d as { then?: unknown }).then === 'function') {
    throw new SdpscopeError('INVALID_ARGUMENT', `${what} returned a Promise: StunCrypto's functions must return the digest at once (node:crypto's createHmac and createHash do; WebCrypto's subtle.sign is async and has no MD5)`);
  }
  if (!(d instanceof Uint8Array) || d.length !== length) throw new SdpscopeError('INVALID_ARGUMENT', `${what} must return ${length} bytes as a Uint8Array, got ${d instanceof Uint8Array ? `${d.length} bytes` : describe(d)}`);
  return d;
}

/** A message as decodeStunMessage makes it (library audit: a hand-made one met TypeErrors inside). */
function requireMessage(m: unknown, who: string): asserts m is StunMessage {
  const o = m as { attributes?: unknown; bytes?: unknown } | null;
  if (o === null || typeof o !== 'object' || !Array.isArray(o.attributes) || !(o.bytes instanceof Uint8Array) || o.bytes.length < 20) {
    throw new SdpscopeError('INVALID_ARGUMENT', `${who}: the message must be decodeStunMessage's (its attributes, and its bytes as a Uint8Array of 20 or more)`);
  }
}

/** An attribute as decodeStunMessage makes it: {type, value: a Uint8Array}. */
function requireAttribute(a: unknown, who: string): asserts a is StunAttribute {
  const o = a as { type?: unknown; value?: unknown } | null;
  if (o === null || typeof o !== 'object' || typeof o.type !== 'number' || !(o.value instanceof Uint8Array)) {
    throw new SdpscopeError('INVALID_ARGUMENT', `${who}: the attribute must be one of a decoded message's (stunAttribute(message, type)): {type, value: a Uint8Array}`);
  }
}

/** The first attribute of a type, or undefined. */
export function attribute(m: StunMessage, type: number): StunAttribute | undefined {
  requireMessage(m, 'stunAttribute');
  return m.attributes.find((a) => a !== null && typeof a === 'object' && a.type === type);
}

/** A (XOR-)MAPPED-ADDRESS-shaped value (RFC 8489 §14.1, §14.2); `xor` with the message's cookie and transaction id. */
export function readAddress(m: StunMessage, a: StunAttribute, xor: boolean): StunAddress {
  requireMessage(m, 'readStunAddress');
  requireAttribute(a, 'readStunAddress');
  const v = a.value;
  if (v.length < 8) fail(`an address attribute is ${v.length} bytes`);
  const fam = v[1];
  const port = readU16(v, 2) ^ (xor ? MAGIC_COOKIE >>> 16 : 0);
  const mask = m.bytes.subarray(4, 20);
  if (fam === 0x01) {
    if (v.length !== 8) fail('an IPv4 address attribute is 8 bytes');
    const b = Array.from(v.subarray(4, 8), (x, i) => (xor ? x ^ mask[i]! : x));
    return { family: 'ipv4', address: b.join('.'), port };
  }
  if (fam === 0x02) {
    if (v.length !== 20) fail('an IPv6 address attribute is 20 bytes');
    const b = Array.from(v.subarray(4, 20), (x, i) => (xor ? x ^ mask[i]! : x));
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
    return { family: 'ipv6', address: compressIPv6(groups), port };
  }
  return fail(`address family 0x${(fam ?? 0).toString(16)} is neither IPv4 (1) nor IPv6 (2)`);
}

/** RFC 5952 text: the longest run of zero groups (two or more) as "::". */
function compressIPv6(groups: string[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/** ERROR-CODE (RFC 8489 §14.8): the code and its reason phrase. */
export function readErrorCode(a: StunAttribute): { readonly code: number; readonly reason: string } {
  requireAttribute(a, 'readStunErrorCode');
  const v = a.value;
  if (v.length < 4) fail('ERROR-CODE is at least 4 bytes');
  return { code: (v[2]! & 0x07) * 100 + v[3]!, reason: new TextDecoder().decode(v.subarray(4)) };
}

/** A text attribute (USERNAME, REALM, NONCE, SOFTWARE). */
export function readText(a: StunAttribute): string {
  requireAttribute(a, 'readStunText');
  return new TextDecoder().decode(a.value);
}

/** A 32-bit attribute (LIFETIME, CHANGE-REQUEST flags, PRIORITY). */
export function readU32Value(a: StunAttribute): number {
  if (a.value.length !== 4) fail(`attribute 0x${a.type.toString(16)} is 4 bytes`);
  return readU32(a.value, 0);
}

// ---- integrity and fingerprint, over the bytes as received ----

/** The message up to `offset` with the header length set to cover `upTo` bytes of attributes. */
function prefixWithLength(m: StunMessage, offset: number, length: number): Uint8Array {
  const copy = m.bytes.slice(0, offset);
  copy[2] = length >> 8;
  copy[3] = length & 0xff;
  return copy;
}

/** MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 over the message up to it, the length counting it. */
export function checkIntegrity(m: StunMessage, key: Uint8Array, crypto: StunCrypto): boolean {
  requireObject(m, 'checkStunIntegrity: the message (decodeStunMessage\'s)', 'attributes', 'bytes');
  if (!(m.bytes instanceof Uint8Array)) throw new SdpscopeError('INVALID_ARGUMENT', 'checkStunIntegrity: the message\'s bytes must be a Uint8Array (decodeStunMessage\'s)');
  requireObject(crypto, 'checkStunIntegrity: the crypto', 'hmacSha1');
  if (!(key instanceof Uint8Array)) throw new SdpscopeError('INVALID_ARGUMENT', 'checkStunIntegrity: the key must be a Uint8Array (the short-term password\'s bytes, or MD5 of username:realm:password)');
  const a = attribute(m, STUN_ATTRIBUTES.MESSAGE_INTEGRITY);
  if (!a || a.value.length !== 20) return false;
  const mac = requireDigest(crypto.hmacSha1(key, prefixWithLength(m, a.offset, a.offset - 20 + 24)), 'checkStunIntegrity: the crypto\'s hmacSha1', 20);
  return mac.every((x, i) => x === a.value[i]);
}

/** CRC-32 (ISO 3309, as zlib), for FINGERPRINT. */
const CRC_TABLE = /* @__PURE__ */ (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to it, XOR 0x5354554e. */
export function checkFingerprint(m: StunMessage): boolean {
  // Its bytes are what is checked: a message through JSON has none, and was silently "false" (library audit).
  if (m === null || typeof m !== 'object' || !(m.bytes instanceof Uint8Array) || !Array.isArray(m.attributes)) throw new SdpscopeError('INVALID_ARGUMENT', 'checkStunFingerprint: the message must be decodeStunMessage\'s, with its bytes (a Uint8Array)');
  const a = attribute(m, STUN_ATTRIBUTES.FINGERPRINT);
  if (!a || a.value.length !== 4) return false;
  return ((crc32(prefixWithLength(m, a.offset, a.offset - 20 + 8)) ^ 0x5354554e) >>> 0) === readU32(a.value, 0);
}

/** The long-term credential key (RFC 8489 §9.2.2): MD5(username ":" realm ":" password), the password as given (no OpaqueString processing). */
export function longTermKey(username: string, realm: string, password: string, crypto: StunCrypto): Uint8Array {
  for (const [v, what] of [[username, 'username'], [realm, 'realm'], [password, 'password']] as const) requireText(v, `stunLongTermKey: the ${what}`);
  requireObject(crypto, 'stunLongTermKey: the crypto (a StunCrypto: { hmacSha1, md5 })', 'md5');
  return requireDigest(crypto.md5(new TextEncoder().encode(`${username}:${realm}:${password}`)), "stunLongTermKey: the crypto's md5", 16);
}

// ---- encoding ----

export interface StunAttributeInput {
  readonly type: number;
  readonly value: Uint8Array;
}

export interface StunMessageInput {
  readonly class: StunClass;
  readonly method: number;
  /** 12 bytes. */
  readonly transactionId: Uint8Array;
  readonly attributes?: readonly StunAttributeInput[];
  /** Add MESSAGE-INTEGRITY with this key (short-term: the password's bytes; long-term: longTermKey). */
  readonly integrityKey?: Uint8Array;
  /** Add FINGERPRINT. */
  readonly fingerprint?: boolean;
}

/** Encodes a message (attributes zero-padded), then MESSAGE-INTEGRITY and FINGERPRINT when asked. */
export function encodeStunMessage(input: StunMessageInput, crypto?: StunCrypto): Uint8Array {
  requireObject(input, 'encodeStunMessage: the message', 'class', 'method', 'transactionId');
  requireBytes(input.transactionId, 'encodeStunMessage: the transactionId');
  if (input.attributes !== undefined && !Array.isArray(input.attributes)) throw new SdpscopeError('INVALID_ARGUMENT', `encodeStunMessage: the attributes must be an array, got ${describe(input.attributes)}`);
  for (const a of input.attributes ?? []) {
    requireObject(a, 'encodeStunMessage: an attribute ({type, value})', 'type', 'value');
    requireInteger(a.type, 'encodeStunMessage: an attribute\'s type', 0, 0xffff);
    requireBytes(a.value, 'encodeStunMessage: an attribute\'s value');
  }
  if (input.integrityKey !== undefined) {
    requireBytes(input.integrityKey, 'encodeStunMessage: the integrityKey');
    requireObject(crypto, 'encodeStunMessage: the crypto (a StunCrypto, for MESSAGE-INTEGRITY)', 'hmacSha1');
  }
  if (input.transactionId.length !== 12) throw new SdpscopeError('INVALID_ARGUMENT', 'a STUN transaction id is 12 bytes');
  const parts: Uint8Array[] = [];
  let size = 0;
  const attr = (type: number, value: Uint8Array) => {
    // The length fields are 16 bits (RFC 8489 §5, §14): a longer value or message would wrap them (audit: a 32 KB REALM and NONCE made a cut request).
    size += 4 + value.length + ((4 - (value.length % 4)) % 4);
    if (value.length > 0xffff || size > 0xffff) throw new SdpscopeError('INVALID_ARGUMENT', `a STUN message holds at most 65,535 bytes of attributes; this one would hold ${size}`);
    const padded = new Uint8Array(4 + value.length + ((4 - (value.length % 4)) % 4));
    padded[0] = type >> 8;
    padded[1] = type & 0xff;
    padded[2] = value.length >> 8;
    padded[3] = value.length & 0xff;
    padded.set(value, 4);
    parts.push(padded);
  };
  for (const a of input.attributes ?? []) attr(a.type, a.value);
  const header = new Uint8Array(20);
  const type = typeOf(input.class, input.method);
  header[0] = type >> 8;
  header[1] = type & 0xff;
  header.set([0x21, 0x12, 0xa4, 0x42], 4);
  header.set(input.transactionId, 8);
  const join = (extra: number) => {
    const body = parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(20 + body);
    out.set(header);
    out[2] = (body + extra) >> 8;
    out[3] = (body + extra) & 0xff;
    let at = 20;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  if (input.integrityKey !== undefined) {
    if (!crypto) throw new SdpscopeError('INVALID_ARGUMENT', 'MESSAGE-INTEGRITY needs the caller\'s StunCrypto');
    // HMAC over the message so far, its length counting the MI attribute (24 bytes) that follows.
    attr(STUN_ATTRIBUTES.MESSAGE_INTEGRITY, requireDigest(crypto.hmacSha1(input.integrityKey, join(24)), "encodeStunMessage: the crypto's hmacSha1", 20));
  }
  if (input.fingerprint) {
    const crc = (crc32(join(8)) ^ 0x5354554e) >>> 0;
    attr(STUN_ATTRIBUTES.FINGERPRINT, new Uint8Array([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]));
  }
  return join(0);
}

/** An XOR-MAPPED-ADDRESS-shaped value for `addr` in a message of `transactionId` (XOR-PEER-ADDRESS for TURN). */
export function xorAddressValue(addr: StunAddress, transactionId: Uint8Array): Uint8Array {
  requireObject(addr, 'stunXorAddress: the address ({family, address, port})', 'family', 'address', 'port');
  requireOneOf(addr.family, ['ipv4', 'ipv6'], 'stunXorAddress: the family');
  requireText(addr.address, 'stunXorAddress: the address');
  requireInteger(addr.port, 'stunXorAddress: the port', 0, 65535);
  requireBytes(transactionId, 'stunXorAddress: the transaction id');
  if (transactionId.length !== 12) throw new SdpscopeError('INVALID_ARGUMENT', 'stunXorAddress: a STUN transaction id is 12 bytes');
  const mask = new Uint8Array(16);
  mask.set([0x21, 0x12, 0xa4, 0x42]);
  mask.set(transactionId, 4);
  if (addr.family === 'ipv4') {
    const v = new Uint8Array(8);
    v[1] = 1;
    const port = addr.port ^ 0x2112;
    v[2] = port >> 8;
    v[3] = port & 0xff;
    addr.address.split('.').forEach((o, i) => (v[4 + i] = Number(o) ^ mask[i]!));
    return v;
  }
  // IPv6: the 128 bits XORed with the cookie and the transaction id (RFC 8489 §14.2).
  const v = new Uint8Array(20);
  v[1] = 2;
  const port = addr.port ^ 0x2112;
  v[2] = port >> 8;
  v[3] = port & 0xff;
  const bytes = ipv6Bytes(addr.address);
  for (let i = 0; i < 16; i++) v[4 + i] = bytes[i]! ^ mask[i]!;
  return v;
}

/** The 16 bytes of an IPv6 address in text (with "::" and an optional dotted IPv4 tail). */
function ipv6Bytes(text: string): Uint8Array {
  const bad = () => new SdpscopeError('INVALID_ARGUMENT', `${JSON.stringify(text)} is not an IPv6 address`);
  let t = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(t);
  if (v4) {
    const n = v4.slice(1).map(Number);
    if (n.some((x) => x > 255)) throw bad();
    t = t.slice(0, v4.index) + `${((n[0]! << 8) | n[1]!).toString(16)}:${((n[2]! << 8) | n[3]!).toString(16)}`;
  }
  const halves = t.split('::');
  if (halves.length > 2) throw bad();
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 2 && fill < 1) || (halves.length === 1 && fill !== 0)) throw bad();
  const all = [...head, ...Array.from({ length: halves.length === 2 ? fill : 0 }, () => '0'), ...tail];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) throw bad();
    const n = parseInt(g, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  });
  return out;
}
