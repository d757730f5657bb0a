/**
 * What kind of address a candidate carries, and which class of network it belongs to.
 * Pure: no DNS, no Node APIs.
 */

/** How the connection-address is spelled (RFC 8839 §5.1: IP4-address / IP6-address / FQDN). */
export type AddressFamily = 'ipv4' | 'ipv6' | 'mdns' | 'fqdn' | 'invalid';

/**
 * The network an address belongs to:
 * - `unspecified` 0.0.0.0 / :: (masked or unbound);
 * - `loopback` 127.0.0.0/8, ::1;
 * - `private` 10/8, 172.16/12, 192.168/16 (RFC 1918);
 * - `cgnat` 100.64/10 (RFC 6598, carrier-grade NAT);
 * - `link-local` 169.254/16, fe80::/10;
 * - `mdns` an RFC 6762 `.local` name (browsers hide host addresses behind one);
 * - `ipv6-ula` fc00::/7 (RFC 4193);
 * - `ipv6-global` 2000::/3;
 * - `documentation` 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32 (examples, lab nets);
 * - `multicast` 224/4, ff00::/8;
 * - `public` any other unicast IPv4 or IPv6 address;
 * - `hostname` a DNS name that is not `.local`;
 * - `invalid` anything else (redacted "x.x.x.x", "::/0").
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
  | 'multicast'
  | 'public'
  | 'hostname'
  | 'invalid';

export interface AddressInfo {
  readonly family: AddressFamily;
  readonly class: AddressClass;
}

/** Dotted-quad IPv4 to a 32-bit unsigned number, or null. Allocation-free: it runs for every candidate. */
export function parseIPv4(text: string): number | null {
  let value = 0;
  let part = 0;
  let digitsInPart = 0;
  let parts = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46; /* a final "." closes the last part */
    if (c === 46) {
      if (digitsInPart === 0 || part > 255) return null;
      value = value * 256 + part;
      parts++;
      part = 0;
      digitsInPart = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9 || ++digitsInPart > 3) return null;
    part = part * 10 + d;
  }
  return parts === 4 ? value : null;
}

/** An IPv6 address (with "::", an embedded IPv4 tail, a "%zone") to its eight 16-bit groups, or null. */
export function parseIPv6(text: string): number[] | null {
  const zone = text.indexOf('%');
  const addr = zone >= 0 ? text.slice(0, zone) : text;
  if (addr.length < 2 || !addr.includes(':')) return null;
  const halves = addr.split('::');
  if (halves.length > 2) return null;
  const readGroups = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    const pieces = s.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      if (i === pieces.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p);
        if (v4 === null) return null;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
      out.push(parseInt(p, 16));
    }
    return out;
  };
  const head = readGroups(halves[0]!);
  const tail = halves.length === 2 ? readGroups(halves[1]!) : [];
  if (head === null || tail === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  if (missing < 1) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/** An IPv4 range as [first address, size], computed once. */
const range = (base: string, bits: number): readonly [number, number] => [parseIPv4(base)!, 2 ** (32 - bits)];
const inV4 = (v: number, [first, size]: readonly [number, number]): boolean => v >= first && v < first + size;

const V4 = {
  loopback: range('127.0.0.0', 8),
  p10: range('10.0.0.0', 8),
  p172: range('172.16.0.0', 12),
  p192: range('192.168.0.0', 16),
  cgnat: range('100.64.0.0', 10),
  linkLocal: range('169.254.0.0', 16),
  doc1: range('192.0.2.0', 24),
  doc2: range('198.51.100.0', 24),
  doc3: range('203.0.113.0', 24),
  multicast: range('224.0.0.0', 4),
};

function classifyIPv4(v: number): AddressClass {
  if (v === 0) return 'unspecified';
  if (inV4(v, V4.loopback)) return 'loopback';
  if (inV4(v, V4.p10) || inV4(v, V4.p172) || inV4(v, V4.p192)) return 'private';
  if (inV4(v, V4.cgnat)) return 'cgnat';
  if (inV4(v, V4.linkLocal)) return 'link-local';
  if (inV4(v, V4.doc1) || inV4(v, V4.doc2) || inV4(v, V4.doc3)) return 'documentation';
  if (inV4(v, V4.multicast)) return 'multicast';
  return 'public';
}

function classifyIPv6(g: number[]): AddressClass {
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d carries an IPv4 address: classify that.
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return classifyIPv4(g[6]! * 65536 + g[7]!);
  const first = g[0]!;
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xfe00) === 0xfc00) return 'ipv6-ula';
  if ((first & 0xff00) === 0xff00) return 'multicast';
  if (first === 0x2001 && g[1] === 0x0db8) return 'documentation';
  if ((first & 0xe000) === 0x2000) return 'ipv6-global';
  return 'public';
}

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.?$/;

/** Family and class of a connection-address as written in a candidate or c= line. */
export function classifyAddress(address: string): AddressInfo {
  // IPv6 has a ":", IPv4 starts with a digit; try only what can match.
  if (address.includes(':')) {
    const v6 = parseIPv6(address);
    return v6 !== null ? { family: 'ipv6', class: classifyIPv6(v6) } : { family: 'invalid', class: 'invalid' };
  }
  const c0 = address.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    const v4 = parseIPv4(address);
    if (v4 !== null) return { family: 'ipv4', class: classifyIPv4(v4) };
  }
  // A name made only of digits and dots that is not an IPv4 address ("1.2.3") is not a host name either.
  if (HOSTNAME.test(address) && !/^[0-9.]+$/.test(address) && !/\.[0-9]+\.?$/.test(address)) {
    return /\.local\.?$/i.test(address) ? { family: 'mdns', class: 'mdns' } : { family: 'fqdn', class: 'hostname' };
  }
  return { family: 'invalid', class: 'invalid' };
}
