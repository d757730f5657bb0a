/**
 * What kind of address a candidate (or a c= line) carries, and which class of network it belongs
 * to. IP parsing and the special ranges come from ipaddr.js (browser-safe); this module adds what
 * ICE needs on top: strict dotted-quad IPv4 (no octal, hex or short forms, as inet_pton), mDNS
 * names, documentation and benchmarking nets, and redaction markers. Pure: no DNS, no Node APIs.
 */
import ipaddr from 'ipaddr.js';
import { requireText } from '../errors.js';

/**
 * How the connection-address is spelled (RFC 8839 §5.1: IP4-address / IP6-address / FQDN), or
 * `redacted` for a marker that stands where an address was, or `invalid`.
 */
export type AddressFamily = 'ipv4' | 'ipv6' | 'mdns' | 'fqdn' | 'redacted' | 'invalid';

/**
 * The network an address belongs to:
 * - `unspecified` 0.0.0.0 / :: (masked or unbound);
 * - `loopback` 127.0.0.0/8, ::1;
 * - `private` 10/8, 172.16/12, 192.168/16 (RFC 1918);
 * - `cgnat` 100.64/10 (RFC 6598, carrier-grade NAT);
 * - `link-local` 169.254/16, fe80::/10;
 * - `mdns` an RFC 6762 `.local` name (browsers hide host addresses behind one);
 * - `ipv6-ula` fc00::/7 (RFC 4193);
 * - `ipv6-global` 2000::/3 (including 6to4, Teredo and NAT64 addresses);
 * - `documentation` 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20 (RFC 5737, RFC 3849, RFC 9637: examples, lab nets);
 * - `benchmarking` 198.18/15, 2001:2::/48 (RFC 2544, RFC 5180: test labs);
 * - `multicast` 224/4, ff00::/8;
 * - `broadcast` 255.255.255.255;
 * - `reserved` 0/8 ("this network", RFC 791) other than 0.0.0.0, 240/4 (RFC 1112), 192.0.0/24
 *   (RFC 6890), deprecated or unallocated IPv6 (IPv4-compatible ::a.b.c.d, fec0::/10, outside 2000::/3);
 * - `public` any other unicast IPv4 address;
 * - `hostname` a DNS name that is not `.local`;
 * - `redacted` a marker put where an address was ("x.x.x.x", "*.*.*.*", "[PUBLIC IP]", "<redacted>");
 * - `invalid` anything else ("::/0", "1.2.3", "010.0.0.1").
 */
export type AddressClass =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'mdns'
  | 'ipv6-ula'
  | 'ipv6-global'
  | 'documentation'
  | 'benchmarking'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'public'
  | 'hostname'
  | 'redacted'
  | 'invalid';

const LIBWEBRTC_MASKED_4 = /^([0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})\.(?:x|[0-9]{1,3})$/;
const LIBWEBRTC_MASKED_6 = /^[0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{1,4}(?::x){5}$/;

/**
 * An address as libwebrtc's own log writes it (IPAddress::ToSensitiveString: "192.168.0.x", an
 * IPv6 one's first three groups and "x" for the others), from the whole address or from that
 * form itself; null for anything else (a name, another redaction). A native app's log holds a
 * candidate both so (libwebrtc's "Gathered candidate: Cand[…]") and whole (the app's own line).
 */
export function libwebrtcMasked(address: string): string | null {
  const v4 = LIBWEBRTC_MASKED_4.exec(address);
  if (v4 !== null) return `${v4[1]}.x`;
  if (LIBWEBRTC_MASKED_6.test(address)) return address;
  if (!address.includes(':') || !ipaddr.IPv6.isValid(address)) return null;
  const p = ipaddr.IPv6.parse(address).parts;
  return `${p[0]!.toString(16)}:${p[1]!.toString(16)}:${p[2]!.toString(16)}:x:x:x:x:x`;
}

export interface AddressInfo {
  readonly family: AddressFamily;
  readonly class: AddressClass;
}

/**
 * Redaction markers seen in logs and SDPs people share: an address with its digits replaced
 * ("x.x.x.x", "xxx.xxx.xxx.234", "*.*.*.*", "xxxx:xxxx::xxxx", "XXX.YYY.ZZZ.WWW"), a placeholder in brackets
 * ("[PUBLIC IP]", "<redacted>", "(hidden)"), or a word ("REDACTED", "hidden", "anonymized").
 * "1.2.3.4" is a real (public) address, whatever its author meant.
 */
export function isRedactionMarker(text: string): boolean {
  requireText(text, 'isRedactionMarker');
  // Four parts, digits or runs of x/*/#/?, at least one of them masked ("xxx.xxx.xxx.234" too).
  if (/^(?:[xX*#?]{1,4}|[0-9]{1,3})(?:\.(?:[xX*#?]{1,4}|[0-9]{1,3})){3}$/.test(text) && /[xX*#?]/.test(text)) return true;
  if (/^[xX*#?:]+$/.test(text) && text.includes(':') && /[xX*#?]/.test(text)) return true;
  // An IPv6 address's first groups, then its rest masked ("2402:e280:2261:***********": parse audit, it had been an invalid address).
  if (text.length <= 64 && /^(?:[0-9A-Fa-f]{1,4}:){1,7}[xX*#?:]*[xX*#?][xX*#?:]*$/.test(text)) return true;
  // libwebrtc's own logging of an IPv6 address: its first three groups, then "x" for each other (IPAddress::ToSensitiveString).
  if (LIBWEBRTC_MASKED_6.test(text)) return true;
  // Four parts, each one letter repeated: "XXX.YYY.ZZZ.WWW", "a.b.c.d" (a placeholder, no host's name; server-log audit: a hostname).
  if (/^([A-Za-z])\1{0,3}\.([A-Za-z])\2{0,3}\.([A-Za-z])\3{0,3}\.([A-Za-z])\4{0,3}$/.test(text)) return true;
  if (/^(?:\[[^\]:]*[A-Za-z][^\]:]*\]|<[^>]*[A-Za-z][^>]*>|\([^)]*[A-Za-z][^)]*\))$/.test(text)) return true;
  return /^(?:redacted|hidden|masked|anonymi[sz]ed|removed|obfuscated|omitted|public[-_ ]?ip|private[-_ ]?ip|ip[-_ ]?address|ip)$/i.test(text);
}

type V4 = ipaddr.IPv4;
type V6 = ipaddr.IPv6;

const cidr4 = (s: string): [V4, number] => ipaddr.IPv4.parseCIDR(s);
const cidr6 = (s: string): [V6, number] => ipaddr.IPv6.parseCIDR(s);
const V4_DOCUMENTATION = /* @__PURE__ */ ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'].map(cidr4);
const V4_BENCHMARKING = /* @__PURE__ */ cidr4('198.18.0.0/15');
/** 2001:db8::/32 (RFC 3849) and 3fff::/20 (RFC 9637, the larger documentation prefix of 2024). */
const V6_DOCUMENTATION = /* @__PURE__ */ ['2001:db8::/32', '3fff::/20'].map(cidr6);
const V6_GLOBAL = /* @__PURE__ */ cidr6('2000::/3');

function classifyIPv4(a: V4): AddressClass {
  switch (a.range()) {
    case 'unspecified':
      // 0/8 is "this network" (RFC 791); only 0.0.0.0 itself is the unspecified (masked) address.
      return a.octets.every((o) => o === 0) ? 'unspecified' : 'reserved';
    case 'broadcast':
      return 'broadcast';
    case 'loopback':
      return 'loopback';
    case 'private':
      return 'private';
    case 'carrierGradeNat':
      return 'cgnat';
    case 'linkLocal':
      return 'link-local';
    case 'multicast':
      return 'multicast';
    case 'reserved':
      if (V4_DOCUMENTATION.some((r) => a.match(r))) return 'documentation';
      if (a.match(V4_BENCHMARKING)) return 'benchmarking';
      return 'reserved';
    case 'benchmarking':
      return 'benchmarking';
    default:
      // unicast, and the anycast services (as112, amt): real, routable addresses.
      return 'public';
  }
}

/** Whether hextets `parts` lie in the prefix `net`/`bits`. */
function inPrefix6(parts: ArrayLike<number>, net: ArrayLike<number>, bits: number): boolean {
  for (let i = 0; bits > 0; i++, bits -= 16) {
    const shift = bits >= 16 ? 0 : 16 - bits;
    if (parts[i]! >> shift !== net[i]! >> shift) return false;
  }
  return true;
}

/** The class of an IPv6 address from ipaddr.js's range name for it and its hextets. */
function classifyIPv6(range: string, parts: ArrayLike<number>, text: string): AddressClass {
  const documentation = () => V6_DOCUMENTATION.some(([net, bits]) => inPrefix6(parts, net.parts, bits));
  switch (range) {
    case 'unspecified':
      return 'unspecified';
    case 'loopback':
      return 'loopback';
    case 'linkLocal':
      return 'link-local';
    case 'multicast':
      return 'multicast';
    case 'uniqueLocal':
      return 'ipv6-ula';
    case 'ipv4Mapped':
      // ipaddr.js reads the deprecated IPv4-compatible form ::a.b.c.d (RFC 4291 §2.5.5.1) as mapped.
      return /ffff/i.test(text) ? classifyDottedQuad(parts[6]! * 65536 + parts[7]!) : 'reserved';
    case 'benchmarking':
      return 'benchmarking';
    case 'reserved':
      return documentation() ? 'documentation' : 'reserved';
    case 'rfc6052':
    case 'rfc6145':
      // NAT64 (64:ff9b::/96) and SIIT addresses stand for IPv4 hosts reached through a translator.
      return 'ipv6-global';
    default:
      if (documentation()) return 'documentation';
      // unicast, 6to4, Teredo, NAT64 (rfc6052, rfc6145) and the anycast services are global
      // when inside 2000::/3; anything else (fec0::/10 site-local, unallocated space) is not.
      return inPrefix6(parts, V6_GLOBAL[0].parts, V6_GLOBAL[1]) ? 'ipv6-global' : 'reserved';
  }
}

/**
 * ipaddr.js's IPv6 special ranges, flattened in its order (`range()` names the first that
 * matches): read from the library once, so that the fast path below names ranges as it does.
 */
const V6_RANGES: ReadonlyArray<readonly [string, readonly number[], number]> = /* @__PURE__ */ (() => {
  const out: [string, readonly number[], number][] = [];
  const table = (ipaddr.IPv6.prototype as unknown as { SpecialRanges: Record<string, [V6, number] | [V6, number][]> }).SpecialRanges;
  for (const [name, entry] of Object.entries(table)) {
    const list = Array.isArray(entry[0]) ? (entry as [V6, number][]) : [entry as [V6, number]];
    for (const [net, bits] of list) out.push([name, net.parts, bits]);
  }
  return out;
})();

/** ipaddr.js's range() over hextets. */
function rangeOf6(parts: ArrayLike<number>): string {
  for (const [name, net, bits] of V6_RANGES) if (inPrefix6(parts, net, bits)) return name;
  return 'unicast';
}

const HEXTETS = /* @__PURE__ */ new Uint16Array(8);

/**
 * An IPv6 address in its plain text form (1–4 hex digits per group, at most one "::" standing for
 * at least one group, no zone, no dotted IPv4 tail) read into HEXTETS; false for anything else
 * (ipaddr.js reads it). A property test holds it equal to ipaddr.js where it answers.
 */
function plainIPv6(s: string): boolean {
  if (s.length < 2 || s.length > 39) return false;
  const gap = s.indexOf('::');
  if (gap >= 0 && s.indexOf('::', gap + 1) >= 0) return false;
  const head = gap < 0 ? s : s.slice(0, gap);
  const tail = gap < 0 ? '' : s.slice(gap + 2);
  let n = 0;
  const read = (part: string, into: number[]): boolean => {
    if (part === '') return true;
    let v = 0;
    let digits = 0;
    for (let i = 0; i <= part.length; i++) {
      const c = i < part.length ? part.charCodeAt(i) : 58;
      if (c === 58) {
        if (digits === 0) return false;
        into.push(v);
        v = 0;
        digits = 0;
        continue;
      }
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (d < 0 || ++digits > 4) return false;
      v = v * 16 + d;
    }
    return true;
  };
  const left: number[] = [];
  const right: number[] = [];
  if (!read(head, left) || !read(tail, right)) return false;
  n = left.length + right.length;
  if (gap < 0 ? n !== 8 : n > 7) return false;
  HEXTETS.fill(0);
  for (let i = 0; i < left.length; i++) HEXTETS[i] = left[i]!;
  for (let i = 0; i < right.length; i++) HEXTETS[8 - right.length + i] = right[i]!;
  return true;
}

/** The class of an IPv6 address through the fast path, or null when it is not in plain form (for the property test). */
export function classifyIPv6Fast(address: string): AddressClass | null {
  return plainIPv6(address) ? classifyIPv6(rangeOf6(HEXTETS), HEXTETS, address) : null;
}

/** The class of an IPv6 address through ipaddr.js (the reference the fast path is tested against), or null when it reads none. */
export function classifyIPv6ByIpaddr(address: string): AddressClass | null {
  if (!ipaddr.IPv6.isValid(address)) return null;
  const a = ipaddr.IPv6.parse(address);
  return classifyIPv6(a.range(), a.parts, address);
}

/** An RFC 6762 name as browsers make them for host candidates: a UUID (RFC 9562) then ".local". */
const MDNS_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.local$/;

const HOSTNAME = /^(?=.{1,253}\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** One frozen AddressInfo per family and class: a classification allocates nothing. */
const INFOS: Partial<Record<AddressFamily, Partial<Record<AddressClass, AddressInfo>>>> = {};
const info = (family: AddressFamily, cls: AddressClass): AddressInfo => {
  const byClass = (INFOS[family] ??= {});
  return (byClass[cls] ??= Object.freeze({ family, class: cls }));
};

/** Addresses classified lately (a log names the same few thousand again and again); cleared when full. */
const RECENT = /* @__PURE__ */ new Map<string, AddressInfo>();
const RECENT_MAX = 4096;

/** Family and class of a connection-address as written in a candidate or c= line (the object is shared and frozen). */
export function classifyAddress(address: string): AddressInfo {
  requireText(address, 'classifyAddress');
  // A dotted quad is read faster than it is looked up.
  const quad = dottedQuad(address);
  if (quad >= 0) return info('ipv4', classifyDottedQuad(quad));
  // Plain IPv6 and the browsers' mDNS names are read faster than looked up, and kept out of the
  // cache: a key sliced from a log line would hold the whole line until the cache is cleared.
  if (plainIPv6(address)) return info('ipv6', classifyIPv6(rangeOf6(HEXTETS), HEXTETS, address));
  if (address.length === 42 && MDNS_UUID.test(address)) return info('mdns', 'mdns');
  let i = RECENT.get(address);
  if (i === undefined) {
    if (RECENT.size >= RECENT_MAX) RECENT.clear();
    RECENT.set(address, (i = classify(address)));
  }
  return i;
}

/**
 * A strict dotted quad (four decimal octets 0..255, no leading zeros: what inet_pton takes and
 * ipaddr.js's isValidFourPartDecimal accepts) as a 32-bit number, or -1. The hot path of a
 * candidate log: one pass, no allocation.
 */
function dottedQuad(s: string): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46; /* a final "." closes the last octet */
    if (c === 46) {
      if (digits === 0 || octet > 255 || ++parts > 4) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1; // a leading zero ("010")
      if (++digits > 3) return -1;
      octet = octet * 10 + (c - 48);
    } else return -1;
  }
  return parts === 4 ? value : -1;
}

/** Whether `a` (an address as a number, 0..2^32-1) is in `net`/`bits` (bits 1..32): unsigned shifts, no division. */
const inV4 = (a: number, net: number, bits: number) => a >>> (32 - bits) === net >>> (32 - bits);
const v4 = (a: number, b: number, c: number, d: number) => ((a * 256 + b) * 256 + c) * 256 + d;

/** The ranges {@link classifyDottedQuad} tests, made once. */
const V4 = {
  multicast: v4(224, 0, 0, 0),
  linkLocal: v4(169, 254, 0, 0),
  loopback: v4(127, 0, 0, 0),
  cgnat: v4(100, 64, 0, 0),
  ten: v4(10, 0, 0, 0),
  private172: v4(172, 16, 0, 0),
  private192: v4(192, 168, 0, 0),
  testNet1: v4(192, 0, 2, 0),
  testNet2: v4(198, 51, 100, 0),
  testNet3: v4(203, 0, 113, 0),
  benchmarking: v4(198, 18, 0, 0),
  ietf: v4(192, 0, 0, 0),
  relay6to4: v4(192, 88, 99, 0),
  classE: v4(240, 0, 0, 0),
} as const;

/**
 * The class of an IPv4 address given as a number: the same ranges, in the same order, as
 * ipaddr.js's `range()` read by {@link classifyIPv4} (a property test holds the two equal over
 * random addresses and every range's edges), without making its objects.
 */
function classifyDottedQuad(a: number): AddressClass {
  if (a < 16777216) return a === 0 ? 'unspecified' : 'reserved';
  if (a === 0xffffffff) return 'broadcast';
  if (inV4(a, V4.multicast, 4)) return 'multicast';
  if (inV4(a, V4.linkLocal, 16)) return 'link-local';
  if (inV4(a, V4.loopback, 8)) return 'loopback';
  if (inV4(a, V4.cgnat, 10)) return 'cgnat';
  if (inV4(a, V4.ten, 8) || inV4(a, V4.private172, 12) || inV4(a, V4.private192, 16)) return 'private';
  if (inV4(a, V4.testNet1, 24) || inV4(a, V4.testNet2, 24) || inV4(a, V4.testNet3, 24)) return 'documentation';
  if (inV4(a, V4.benchmarking, 15)) return 'benchmarking';
  if (inV4(a, V4.ietf, 24) || inV4(a, V4.relay6to4, 24) || inV4(a, V4.classE, 4)) return 'reserved';
  return 'public';
}

/** The class of a dotted quad through ipaddr.js (the reference the fast path is tested against). */
export function classifyIPv4ByIpaddr(address: string): AddressClass | null {
  return ipaddr.IPv4.isValidFourPartDecimal(address) ? classifyIPv4(ipaddr.IPv4.parse(address)) : null;
}

/** The class of a dotted quad through the fast path, or null when it is not one. */
export function classifyIPv4Fast(address: string): AddressClass | null {
  const a = dottedQuad(address);
  return a < 0 ? null : classifyDottedQuad(a);
}

/** The forms classifyAddress does not read at once (a dotted quad, plain IPv6, a UUID mDNS name): the rest. */
function classify(address: string): AddressInfo {
  if (address.includes(':') && ipaddr.IPv6.isValid(address)) {
    const a = ipaddr.IPv6.parse(address);
    return info('ipv6', classifyIPv6(a.range(), a.parts, address));
  }
  // Masked, but its visible octets may still place it: "172.17.x.x" is private whatever was masked
  // (ICE audit: a Firefox table's remote hosts, 172.17.x.x and 10.0.x.x, had been "redacted",
  // and the verdict blamed this side's TURN server). Its family stays "redacted": no address to compare.
  if (isRedactionMarker(address)) return info('redacted', maskedClass(address) ?? 'redacted');
  // A name whose last label is all digits ("1.2.3", "010.0.0.1") is a mangled address, not a host name (RFC 1123 §2.1).
  if (!address.includes(':') && HOSTNAME.test(address) && !/(?:^|\.)[0-9]+\.?$/.test(address)) {
    return /\.local\.?$/i.test(address) ? info('mdns', 'mdns') : info('fqdn', 'hostname');
  }
  return info('invalid', 'invalid');
}

/** ipaddr.js's IPv4 special ranges, as [network, prefix length]: a masked block holding one of them whole is of mixed classes. */
const V4_SPECIAL: ReadonlyArray<readonly [number, number]> = /* @__PURE__ */ (() => {
  const out: [number, number][] = [];
  const table = (ipaddr.IPv4.prototype as unknown as { SpecialRanges: Record<string, [V4, number] | [V4, number][]> }).SpecialRanges;
  for (const entry of Object.values(table)) {
    const list = Array.isArray(entry[0]) ? (entry as [V4, number][]) : [entry as [V4, number]];
    for (const [net, bits] of list) out.push([net.octets.reduce((v, o) => v * 256 + o, 0), bits]);
  }
  return out;
})();

/**
 * The class of an IPv4 address whose last octets are masked ("172.17.x.x", "10.*.*.*",
 * "5.255.xxx.xxx"), when every address its visible octets allow is of one class; null when they
 * allow several (172.x.x.x holds 172.16/12), when no octet is visible, or when it is no such form.
 */
function maskedClass(text: string): AddressClass | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  while (n < 4 && /^(?:0|[1-9][0-9]{0,2})$/.test(parts[n]!) && Number(parts[n]) <= 255) n++;
  if (n === 0 || n === 4) return null;
  for (let i = n; i < 4; i++) if (!/^[xX*#?]{1,4}$/.test(parts[i]!)) return null;
  const bits = 8 * n;
  let base = 0;
  for (let i = 0; i < 4; i++) base = base * 256 + (i < n ? Number(parts[i]) : 0);
  const top = (v: number) => Math.floor(v / 2 ** (32 - bits));
  for (const [net, len] of V4_SPECIAL) if (len > bits && top(net) === top(base)) return null;
  const c = classifyDottedQuad(base);
  // 0/8 is reserved but for 0.0.0.0 itself: its block is not "unspecified".
  return c === 'unspecified' ? 'reserved' : c;
}

/**
 * Classes of addresses no one has on the internet, though hosts use them: RFC 1918, CGN
 * (RFC 6598), loopback, link-local, IPv6 ULA. A STUN or TURN server that sees one is inside the
 * network; a candidate on one reaches only peers inside it.
 */
export const INSIDE_CLASSES: ReadonlySet<AddressClass> = new Set<AddressClass>(['private', 'cgnat', 'loopback', 'link-local', 'ipv6-ula']);

/** Classes a peer on the Internet can reach (documentation and benchmarking nets count: labs use them). */
export function isRoutable(c: AddressClass): boolean {
  return c === 'public' || c === 'ipv6-global' || c === 'documentation' || c === 'benchmarking';
}

/**
 * libwebrtc's address precedence for an IP address (rtc_base/ip_address.cc IPAddressPrecedence,
 * RFC 3484-bis): IPv4 and IPv4-mapped 30; IPv6 loopback 60, ULA 50, 6to4 20, Teredo 10,
 * IPv4-compatible, site-local (fec0::/10) and 6bone (3ffe::/16) 1, any other 40. Null for what is
 * no IP address (an mDNS or DNS name, a redaction). It is the low byte of the local preference
 * libwebrtc writes (before a relay's server preference is added).
 */
export function libwebrtcPrecedence(address: string, info: AddressInfo): number | null {
  if (info.family === 'ipv4') return 30;
  if (info.family !== 'ipv6') return null;
  if (info.class === 'ipv6-ula') return 50;
  // Most IPv6 addresses are plain global or link-local ones: read without ipaddr.js unless the
  // first group or the form can be one of the special ranges below (a log's candidates, each read).
  if (!/^(?:200[12]|fe[c-f]|3ffe|:|[0:]*[.:])/i.test(address) && !address.includes('.')) return 40;
  if (!ipaddr.IPv6.isValid(address)) return null;
  const a = ipaddr.IPv6.parse(address);
  const p = a.parts;
  switch (a.range()) {
    case 'loopback':
      return 60;
    case 'uniqueLocal':
      return 50;
    case 'ipv4Mapped':
      // ipaddr.js reads the IPv4-compatible ::a.b.c.d as mapped too: libwebrtc gives it 1.
      return /ffff/i.test(address) ? 30 : 1;
    case '6to4':
      return 20;
    case 'teredo':
      return 10;
    default:
      return (p[0]! & 0xffc0) === 0xfec0 || p[0] === 0x3ffe || (p[0] === 0 && p[1] === 0 && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0) ? 1 : 40;
  }
}

/**
 * Whether two IP addresses are on one network as a LAN is: one link-local block (169.254/16,
 * fe80::/10: one link), one /48 of unique-local addresses (RFC 4193: one site's Global ID), else
 * one /24 or /64 (audit of the change: two ULAs of one site, two link-local addresses, had been
 * called apart). False for names, redactions and mixed families.
 */
export function sameSubnet(a: string, b: string): boolean {
  if (!ipaddr.isValid(a) || !ipaddr.isValid(b)) return false;
  const x = ipaddr.parse(a);
  const y = ipaddr.parse(b);
  if (x.kind() !== y.kind()) return false;
  const rx = x.range();
  if (rx === 'linkLocal' && y.range() === 'linkLocal') return true;
  const bytes = x.kind() === 'ipv4' ? 3 : rx === 'uniqueLocal' ? 6 : 8;
  const bx = x.toByteArray();
  const by = y.toByteArray();
  for (let i = 0; i < bytes; i++) if (bx[i] !== by[i]) return false;
  return true;
}

/**
 * The octets an IPv4 address shows: all four of an address, those before the first masked part of
 * a masked one ("192.168.1.x": 192, 168, 1); null for anything else.
 */
function visibleOctets(text: string): number[] | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text).octets;
  if (maskedClass(text) === null) return null;
  const out: number[] = [];
  for (const p of text.split('.')) {
    if (!/^[0-9]{1,3}$/.test(p)) break;
    out.push(Number(p));
  }
  return out;
}

/**
 * Whether two addresses may be on one subnet: {@link sameSubnet} of two addresses, and for a
 * masked IPv4 one the octets it shows against the other's, up to the /24 ("192.168.1.x" may be
 * 192.168.1.20's neighbour; audit of the change: two masked LAN hosts had read "another network").
 */
export function maySameSubnet(a: string, b: string): boolean {
  if (sameSubnet(a, b)) return true;
  const x = visibleOctets(a);
  const y = visibleOctets(b);
  if (x === null || y === null || (x.length === 4 && y.length === 4)) return false;
  const n = Math.min(3, x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** The RFC 1918 block (10/8, 172.16/12, 192.168/16) an IPv4 address is in, or null. */
export function privateBlock(address: string): string | null {
  if (!ipaddr.IPv4.isValidFourPartDecimal(address)) return null;
  const [a, b] = ipaddr.IPv4.parse(address).octets;
  return a === 10 ? '10.0.0.0/8' : a === 172 && b! >= 16 && b! <= 31 ? '172.16.0.0/12' : a === 192 && b === 168 ? '192.168.0.0/16' : null;
}
