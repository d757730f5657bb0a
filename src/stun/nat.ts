/**
 * NAT behaviour from the RFC 5780 tests (§4.3 mapping, §4.4 filtering), named with the notes'
 * four NAT types, and what each pair of types means for a direct (peer-to-peer) path. Pure: the
 * tests' observations come from the caller (`sdpscope probe` runs them over real sockets).
 *
 * RFC 4787 behaviours → the classic (RFC 3489) names:
 *   endpoint-independent mapping + endpoint-independent filtering       → full cone
 *   endpoint-independent mapping + address-dependent filtering          → restricted cone
 *   endpoint-independent mapping + address-and-port-dependent filtering → port-restricted cone
 *   any other mapping                                                   → symmetric
 */
import { classifyAddress, INSIDE_CLASSES } from '../candidate/address.js';
import { describe, requireInteger, requireObject, requireOneOf, SdpscopeError, requireOptions } from '../errors.js';

/** RFC 4787 §4.1 (mapping) and §5 (filtering) behaviours. */
export type NatBehavior = 'endpoint-independent' | 'address-dependent' | 'address-and-port-dependent';

/**
 * What `probe` concludes: `open` (the mapped address is the local one: no NAT), the four NAT types
 * of the notes, `udp-blocked` (UDP gets no answer where TCP does), `unknown` (the reason is in the
 * evidence).
 */
export type NatType = 'open' | 'full-cone' | 'restricted-cone' | 'port-restricted-cone' | 'symmetric' | 'udp-blocked' | 'unknown';
export const NAT_TYPES: readonly NatType[] = ['open', 'full-cone', 'restricted-cone', 'port-restricted-cone', 'symmetric', 'udp-blocked', 'unknown'];

/** Each type in the notes' words and RFC 4787's. */
export const NAT_TYPE_DESCRIPTIONS: Readonly<Record<NatType, string>> = {
  open: 'no NAT (open: the mapped address is the local one)',
  'full-cone': 'full cone NAT (endpoint-independent mapping and filtering)',
  'restricted-cone': 'restricted cone NAT (endpoint-independent mapping, address-dependent filtering)',
  'port-restricted-cone': 'port-restricted cone NAT (endpoint-independent mapping, address-and-port-dependent filtering)',
  symmetric: 'symmetric NAT (a new mapping per destination)',
  'udp-blocked': 'UDP blocked (a firewall drops UDP; TCP gets out)',
  unknown: 'unknown: the tests could not tell (the evidence says why)',
};

/** A transport address as the tests saw it. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

/**
 * What the RFC 5780 tests saw; `null` where a test got no answer, `undefined` where it did not run.
 * Mapping tests (§4.3) use one local port: I to the server's primary address, II to its alternate
 * address and primary port, III to its alternate address and port. Filtering tests (§4.4) use
 * another local port: I plain, II asking for a reply from the alternate address and port
 * (CHANGE-REQUEST change-IP and change-port), III from the primary address's alternate port
 * (change-port only).
 */
export interface NatObservations {
  /** The local address and port the mapping tests were sent from. */
  readonly local: Endpoint | null;
  /** Did any STUN Binding over UDP get an answer? */
  readonly udpAnswered: boolean;
  /**
   * Was every UDP Binding that got no answer refused instead, with ICMP port unreachable (RFC 792
   * type 3 code 3: the host is reachable; nothing listens on that UDP port, or a firewall rejects it)?
   */
  readonly udpRefused?: boolean;
  /** Did a STUN Binding over TCP get an answer (asked when UDP did not)? */
  readonly tcpAnswered?: boolean;
  /** Was every TCP Binding refused (nothing listens: the machine is reachable)? */
  readonly tcpRefused?: boolean;
  /** Did a TCP connection to a UDP-silent server open and answer no STUN (another service there)? */
  readonly tcpConnected?: boolean;
  /**
   * How many server addresses were silent over UDP and answered STUN over TCP (so a STUN server is
   * there): one may simply not serve UDP; two say UDP is blocked on the way.
   */
  readonly udpServers?: number;
  /**
   * Every one of those servers is at an address no one has on the internet (loopback, private):
   * what UDP does to them says nothing of the way out (probe audit: two coturn --no-udp on
   * 127.0.0.1 and 127.0.0.2 were "UDP blocked", every path "needs TURN").
   */
  readonly udpServersInside?: boolean;
  /** The server's OTHER-ADDRESS (RFC 5780 §7.4) from test I; null when it sent none. */
  readonly otherAddress?: Endpoint | null;
  readonly mapping?: { readonly i: Endpoint | null; readonly ii?: Endpoint | null; readonly iii?: Endpoint | null };
  readonly filtering?: { readonly i: boolean; readonly ii?: boolean; readonly iii?: boolean };
  /** A STUN server over UDP answered the Binding with an error (its code and reason: coturn --secure-stun's "401 Unauthorized"), and none with a mapped address. */
  readonly udpErrorAnswer?: string;
  /** No STUN server over UDP was given (only TCP or TLS): the NAT tests need one. */
  readonly noUdpServer?: boolean;
  /** With noUdpServer: one over UDP was given, but its host name did not resolve (probe audit: it read "only TCP or TLS"). */
  readonly udpUnresolved?: boolean;
  /** Why the filtering tests cannot be read (a server that does not honour CHANGE-REQUEST). */
  readonly filteringProblem?: string;
  /** Why the OTHER-ADDRESS a server sent cannot serve the tests (not another IP and port of it, port 0): they did not run. */
  readonly otherAddressProblem?: string;
  /** Mapped addresses one local port got from servers at different addresses (no RFC 5780 needed). */
  readonly multiServer?: readonly { readonly server: Endpoint; readonly mapped: Endpoint }[];
}

/**
 * The mapping behaviour: an RFC 4787 one; `endpoint-dependent` when the tests saw a new mapping
 * for another destination but could not tell address-dependent from address-and-port-dependent
 * (test III unanswered, or two servers without RFC 5780): symmetric either way; `none` when the
 * mapped address is the local one.
 */
export type NatProbeMapping = NatBehavior | 'endpoint-dependent' | 'none';

export interface NatProbeVerdict {
  readonly mapping: NatProbeMapping | null;
  readonly filtering: NatBehavior | null;
  readonly type: NatType;
  /** One line per test: what was sent, what came back, what it shows. */
  readonly evidence: readonly string[];
}

const at = (e: Endpoint) => (e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`);
const same = (a: Endpoint | null | undefined, b: Endpoint | null | undefined) => !!a && !!b && a.address === b.address && a.port === b.port;

/** An endpoint as the tests give one: an address string and an integer port (or null/undefined where the field allows). */
const isEndpoint = (e: unknown): boolean => e !== null && typeof e === 'object' && typeof (e as Endpoint).address === 'string' && Number.isInteger((e as Endpoint).port);
const optEndpoint = (e: unknown): boolean => e === null || e === undefined || isEndpoint(e);
const optFlag = (b: unknown): boolean => b === undefined || typeof b === 'boolean';

/**
 * The observations' fields of the types NatObservations gives them, else INVALID_ARGUMENT naming
 * the field (library audit: an endpoint's address of 5 was a TypeError inside, and `{}` without
 * udpAnswered a silent "unknown").
 */
function checkObservations(o: NatObservations): void {
  const bad = (field: string, what: string) => new SdpscopeError('INVALID_ARGUMENT', `classifyNat: the observations' ${field} must be ${what}`);
  if (typeof o.udpAnswered !== 'boolean') throw bad('udpAnswered', 'true or false');
  for (const k of ['udpRefused', 'tcpAnswered', 'tcpRefused', 'tcpConnected', 'noUdpServer', 'udpUnresolved', 'udpServersInside'] as const) if (!optFlag(o[k])) throw bad(k, 'true, false or absent');
  if (o.udpServers !== undefined && !(Number.isInteger(o.udpServers) && o.udpServers >= 0)) throw bad('udpServers', 'a count (an integer from 0) or absent');
  if (!optEndpoint(o.local)) throw bad('local', 'an endpoint ({ address: string, port: integer }) or null');
  if (!optEndpoint(o.otherAddress)) throw bad('otherAddress', 'an endpoint or null');
  if (o.mapping !== undefined && o.mapping !== null) {
    if (typeof o.mapping !== 'object' || !(['i', 'ii', 'iii'] as const).every((k) => optEndpoint(o.mapping![k]))) throw bad('mapping', 'an object whose i, ii and iii are endpoints or null');
  }
  if (o.filtering !== undefined && o.filtering !== null) {
    if (typeof o.filtering !== 'object' || typeof o.filtering.i !== 'boolean' || !optFlag(o.filtering.ii) || !optFlag(o.filtering.iii)) throw bad('filtering', 'an object whose i, ii and iii are true or false');
  }
  if (o.multiServer !== undefined && !(Array.isArray(o.multiServer) && o.multiServer.every((m) => m !== null && typeof m === 'object' && isEndpoint(m.server) && isEndpoint(m.mapped)))) throw bad('multiServer', 'a list of { server, mapped } endpoints');
  for (const k of ['filteringProblem', 'otherAddressProblem', 'udpErrorAnswer'] as const) if (o[k] !== undefined && typeof o[k] !== 'string') throw bad(k, 'a string or absent');
}

/** Classifies the observations (RFC 5780 §4.3, §4.4), with a line of evidence per test. */
export function classifyNat(o: NatObservations): NatProbeVerdict {
  requireObject(o, 'classifyNat: the observations');
  checkObservations(o);
  const evidence: string[] = [];
  if (o.noUdpServer) {
    evidence.push(o.udpUnresolved ? 'no STUN server over UDP could be asked: the host name of each one given did not resolve (see its error); the NAT tests need one that answers' : 'no STUN server over UDP was given (only TCP or TLS): the NAT tests need one (stun:host, or turn:host?transport=udp)');
    return { mapping: null, filtering: null, type: 'unknown', evidence };
  }
  if (!o.udpAnswered) {
    // An error answer is an answer: UDP to the server got through, it gave no mapping.
    if (o.udpErrorAnswer !== undefined) {
      evidence.push(`the STUN server answered over UDP, with an error${o.udpErrorAnswer.trim() !== '' ? ` (${o.udpErrorAnswer.slice(0, 80)})` : ''}, not a mapped address: UDP gets through, and the NAT tests need a server that answers a plain Binding`);
      return { mapping: null, filtering: null, type: 'unknown', evidence };
    }
    if (o.tcpAnswered) {
      // One server silent over UDP may just not serve UDP (coturn --no-udp): a firm "blocked" needs two (probe audit).
      if ((o.udpServers ?? 1) >= 2 && o.udpServersInside === true) {
        evidence.push(`STUN at ${o.udpServers} addresses ${o.udpRefused ? 'refused UDP (ICMP port unreachable)' : 'gave no answer over UDP'} and answered over TCP, but they are inside this network (loopback or private addresses): those servers do not serve UDP, or something between here and them stops it; that says nothing of UDP to the internet: probe STUN servers on the internet for that`);
        return { mapping: null, filtering: null, type: 'unknown', evidence };
      }
      if ((o.udpServers ?? 1) >= 2) {
        evidence.push(`STUN at ${o.udpServers} addresses ${o.udpRefused ? 'refused UDP (ICMP port unreachable)' : 'gave no answer over UDP'}, and STUN over TCP got through: UDP is ${o.udpRefused ? 'rejected' : 'blocked'} on the way (a firewall)`);
        return { mapping: null, filtering: null, type: 'udp-blocked', evidence };
      }
      evidence.push(`the STUN server ${o.udpRefused ? 'refused UDP (ICMP port unreachable)' : 'gave no answer over UDP'} and answered over TCP: UDP is ${o.udpRefused ? 'rejected' : 'blocked'} on the way (a firewall), or this server does not serve UDP on that port; a second STUN server over UDP tells them apart`);
      return { mapping: null, filtering: null, type: 'unknown', evidence };
    }
    evidence.push(
      o.tcpAnswered === false
        ? o.tcpRefused
          ? o.udpRefused
            ? 'UDP to the STUN server was refused (ICMP port unreachable), and TCP to it too: nothing listens there (a wrong port or host, or the server is down), or a firewall rejects both'
            : 'no STUN server answered over UDP, and TCP to it was refused (the machine is reachable, nothing listens for TCP there): a UDP-only server that is down or not on that port, or UDP dropped on the way'
          : o.tcpConnected
            ? `${o.udpRefused ? 'UDP to the STUN server was refused (ICMP port unreachable)' : 'no STUN server answered over UDP'}; over TCP the port accepted the connection and answered no STUN (the machine is reachable): not a STUN server there (another service), or one that ignores Binding`
            : 'no STUN server answered, over UDP or TCP: the servers are down or unreachable from here'
        : o.udpRefused ? 'UDP to the STUN server was refused (ICMP port unreachable)' : 'no STUN server answered over UDP',
    );
    return { mapping: null, filtering: null, type: 'unknown', evidence };
  }
  const m = o.mapping;
  let mapping: NatProbeMapping | null = null;
  if (m?.i && o.otherAddress) {
    const other = o.otherAddress;
    evidence.push(`mapping test I: ${o.local ? at(o.local) : 'the local port'} mapped to ${at(m.i)}; the server's other address is ${at(other)}`);
    if (o.local && same(m.i, o.local)) {
      mapping = 'none';
      evidence.push('the mapped address is the local address: no NAT between here and the server');
    } else if (m.ii === undefined) {
      evidence.push('mapping test II did not run');
    } else if (m.ii === null) {
      evidence.push(`mapping test II: no answer from ${other.address} (primary port)`);
    } else if (same(m.ii, m.i)) {
      mapping = 'endpoint-independent';
      evidence.push(`mapping test II: to ${other.address} (primary port), mapped to ${at(m.ii)}, the same: endpoint-independent mapping`);
    } else if (m.iii === null || m.iii === undefined) {
      // A new mapping for another destination is symmetric whatever test III would say (audit: "unknown").
      mapping = 'endpoint-dependent';
      evidence.push(`mapping test II: to ${other.address}, mapped to ${at(m.ii)} (not ${at(m.i)}): a new mapping per destination; test III ${m.iii === null ? 'got no answer' : 'did not run'}, so address-dependent and address-and-port-dependent are not told apart`);
    } else {
      mapping = same(m.iii, m.ii) ? 'address-dependent' : 'address-and-port-dependent';
      evidence.push(
        `mapping test II: to ${other.address}, mapped to ${at(m.ii)} (not ${at(m.i)}); test III: to ${at(other)}, mapped to ${at(m.iii)}: ${
          mapping === 'address-dependent' ? 'the same as II, a new mapping per address' : 'another again, a new mapping per address and port'
        }`,
      );
    }
  } else if (m?.i) {
    evidence.push(
      o.otherAddressProblem !== undefined
        ? `the server mapped ${o.local ? at(o.local) : 'the local port'} to ${at(m.i)}; ${o.otherAddressProblem}`
        : `the server mapped ${o.local ? at(o.local) : 'the local port'} to ${at(m.i)} but sent no OTHER-ADDRESS: it does not do RFC 5780 behaviour discovery (coturn does with two listening addresses)`,
    );
    if (o.local && same(m.i, o.local)) {
      mapping = 'none';
      evidence.push('the mapped address is the local address: no NAT between here and the server');
    }
  }
  // Without RFC 5780, two servers at different addresses still show the mapping.
  const multi = o.multiServer ?? [];
  if (mapping === null && multi.length >= 2) {
    // Every pair of servers counts, whatever the order given (audit of the change: a third server
    // listed first or second had been left out): at two addresses, and at one address and two
    // ports, RFC 5780's test III by other means (probe audit: stund at one address, two ports, two
    // mappings, had been "unknown"; with a third server the two dependent kinds "cannot be told apart").
    const first = multi[0]!;
    let across: [typeof first, typeof first] | null = null;
    let ports: [typeof first, typeof first] | null = null;
    let acrossDiffer = false;
    let portsDiffer = false;
    for (let i = 0; i < multi.length; i++) {
      for (let j = i + 1; j < multi.length; j++) {
        const x = multi[i]!;
        const y = multi[j]!;
        const differ = !same(x.mapped, y.mapped);
        if (x.server.address !== y.server.address) {
          if (across === null || (differ && !acrossDiffer)) [across, acrossDiffer] = [[x, y], differ];
        } else if (x.server.port !== y.server.port) {
          if (ports === null || (differ && !portsDiffer)) [ports, portsDiffer] = [[x, y], differ];
        }
      }
    }
    const seen = (p: [typeof first, typeof first]) => `${at(p[0].server)} saw ${at(p[0].mapped)}, ${at(p[1].server)} saw ${at(p[1].mapped)}`;
    if (across !== null) {
      mapping = !acrossDiffer && !portsDiffer ? 'endpoint-independent' : ports === null ? 'endpoint-dependent' : portsDiffer ? 'address-and-port-dependent' : 'address-dependent';
      const why = mapping === 'endpoint-independent'
        ? 'the same mapping (endpoint-independent)'
        : mapping === 'endpoint-dependent'
          ? 'two mappings (not endpoint-independent; address- or port-dependent cannot be told apart this way: a server at one of these addresses and another port tells them)'
          : mapping === 'address-dependent'
            ? 'a new mapping per address, the same for another port of one address (address-dependent)'
            : 'a new mapping for another port of the same address too (address-and-port-dependent)';
      evidence.push(`one local port, ${multi.length} servers: ${seen(across)}${ports !== null ? `; at one address, ${seen(ports)}` : ''}: ${why}`);
    } else if (ports !== null) {
      // One address, two ports: a new mapping there is address-and-port-dependent (RFC 4787 §4.1); the same one rules that out only.
      if (portsDiffer) mapping = 'address-and-port-dependent';
      evidence.push(`one local port, two ports of one server address: ${seen(ports)}: ${portsDiffer ? 'a new mapping for another port of the same address (address-and-port-dependent)' : 'the same mapping, which rules out address-and-port-dependent mapping only (endpoint-independent and address-dependent need a server at another address to tell apart)'}`);
    }
  }

  let filtering: NatBehavior | null = null;
  if (o.filteringProblem) evidence.push(o.filteringProblem);
  const f = o.filtering;
  // Told whatever the mapping tests gave (probe audit: a mapping test II lost to a firewall dropped the filtering too, unsaid).
  if (f && o.otherAddress) {
    if (!f.i) evidence.push('filtering test I (a fresh local port): no answer');
    // Its problem, when it ran and was not honoured, is said above (probe audit: "…does not honour CHANGE-REQUEST", then "did not run").
    else if (f.ii === undefined) {
      if (!o.filteringProblem) evidence.push('filtering test II did not run');
    }
    else if (f.ii) {
      filtering = 'endpoint-independent';
      evidence.push('filtering test II: the answer from the other address and port (never sent to) came in: endpoint-independent filtering');
    } else if (f.iii === undefined) evidence.push('filtering test II: no answer from the other address and port; test III did not run');
    else {
      filtering = f.iii ? 'address-dependent' : 'address-and-port-dependent';
      evidence.push(
        f.iii
          ? 'filtering test II: no answer from the other address; test III: the answer from the same address, other port, came in: address-dependent filtering'
          : 'filtering test II: no answer from the other address; test III: no answer from the same address, other port either: address-and-port-dependent filtering',
      );
    }
  }

  // A server that sees an address no one has on the internet (10.x, 192.168.x, 100.64.x,
  // loopback) is inside this network, or behind the same NAT: what it sees says nothing of the NAT
  // between this network and the internet (probe audit: `probe stun:127.0.0.1` said "no NAT (open)",
  // and every path direct). `candidates` says so of a srflx equal to such a base too.
  const seen = m?.i ?? multi[0]?.mapped ?? null;
  const seenClass = seen === null ? null : classifyAddress(seen.address).class;
  const inside = seenClass !== null && (INSIDE_CLASSES.has(seenClass) || seenClass === 'unspecified');
  if (inside && seen !== null) evidence.push(`the server saw ${seen.address}, an address no one has on the internet: it is inside this network (or behind the same NAT), so these tests tell the NAT between here and it, not the way to the internet; probe a STUN server on the internet for that`);

  let type: NatType;
  if (mapping === 'none' && inside) type = 'unknown';
  else if (mapping === 'none') {
    // No translation; a stateful firewall may still drop what comes from where nothing was sent
    // (RFC 3489 §10.1's symmetric UDP firewall): for a direct path it is the cone it filters as
    // (probe audit: "open", and every path direct, behind address-and-port-dependent filtering).
    if (filtering === 'address-dependent' || filtering === 'address-and-port-dependent') {
      type = filtering === 'address-dependent' ? 'restricted-cone' : 'port-restricted-cone';
      evidence.push(`no NAT, but a firewall filters what comes in (${filtering} filtering): for a direct path this behaves as a ${filtering === 'address-dependent' ? 'restricted' : 'port-restricted'} cone`);
    } else {
      type = 'open';
      if (filtering === null) evidence.push('whether a firewall filters what comes in was not told (that needs a server that does RFC 5780): the path table assumes none');
    }
  }
  else if (mapping === 'address-dependent' || mapping === 'address-and-port-dependent' || mapping === 'endpoint-dependent') type = 'symmetric';
  else if (mapping === 'endpoint-independent' && filtering !== null) type = filtering === 'endpoint-independent' ? 'full-cone' : filtering === 'address-dependent' ? 'restricted-cone' : 'port-restricted-cone';
  else {
    type = 'unknown';
    evidence.push(
      mapping === 'endpoint-independent'
        ? o.otherAddress
          ? 'the kind of cone (full, restricted or port-restricted) depends on filtering, which the tests above could not tell'
          : 'the kind of cone (full, restricted or port-restricted) depends on filtering, which needs a server that does RFC 5780 (OTHER-ADDRESS and CHANGE-REQUEST)'
        : o.otherAddress && m?.i
          ? `the server does RFC 5780, but its other address ${at(o.otherAddress)} did not answer from here (a firewall on the way to it, or that address not reachable from this network): the mapping could not be told`
          : 'the mapping behaviour needs a server that does RFC 5780, or two STUN servers at different addresses (a third at the first one\'s address and another port tells address-dependent from address-and-port-dependent)',
    );
  }
  return { mapping, filtering, type, evidence };
}

/** Can two peers behind these NATs reach each other directly, or is a TURN relay needed? */
export type PathVerdict = 'direct' | 'relay';

/**
 * The notes' "NAT 对 P2P 的影响" table (RFC 5128 §3, RFC 8445 §2): a direct path works unless one
 * side is symmetric and the other filters by port (port-restricted cone or symmetric): the
 * symmetric side's packets come from a new port the other side never sent to. UDP-blocked always
 * needs TURN over TCP (or TLS). `open` is reachable from anything that can send to it (no firewall
 * assumed); `unknown` is given as `null`.
 */
export function directPath(a: NatType, b: NatType): PathVerdict | null {
  requireOneOf(a, NAT_TYPES, 'directPath: the first NAT type');
  requireOneOf(b, NAT_TYPES, 'directPath: the second NAT type');
  if (a === 'unknown' || b === 'unknown') return null;
  if (a === 'udp-blocked' || b === 'udp-blocked') return 'relay';
  const portFilter = (t: NatType) => t === 'port-restricted-cone' || t === 'symmetric';
  if ((a === 'symmetric' && portFilter(b)) || (b === 'symmetric' && portFilter(a))) return 'relay';
  return 'direct';
}

/** The table for one side's type: each other type, and the path two peers would get. */
export function pathTable(self: NatType): { readonly peer: NatType; readonly path: PathVerdict | null }[] {
  requireOneOf(self, NAT_TYPES, 'pathTable: the NAT type');
  return NAT_TYPES.filter((t) => t !== 'unknown').map((peer) => ({ peer, path: directPath(self, peer) }));
}

/** The error codes of STUN and TURN (RFC 8489 §14.8, RFC 8656 §18.4), in plain words for the user. */
export function explainStunErrorCode(code: number, context: { readonly username?: string; readonly now?: number } = {}): string {
  // RFC 8489 §14.8: class 3 to 6, number 0 to 99.
  requireInteger(code, 'explainStunErrorCode: the error code', 300, 699);
  // null, or a misspelt key ({user: …}): INVALID_ARGUMENT, as every options object (library audit: a TypeError, or taken silently).
  requireOptions(context, 'explainStunErrorCode: the context', { username: 'string?', now: 'integer' });
  switch (code) {
    case 300:
      return 'the server redirects to another (ALTERNATE-SERVER): use that one';
    case 400:
      return 'the server found the request malformed (a bug in the client, or a server that does not speak this STUN/TURN version)';
    case 401: {
      const rest = restExpiry(context.username, context.now);
      // The username's shape alone does not say the server uses the REST API (a static user may be named "1600000000:u"): said as a likelihood (ICE audit).
      if (rest !== null && rest.expired) return `wrong credentials: the username reads as a TURN REST-API one whose time (${new Date(rest.expiry * 1000).toISOString()}) has passed: if the server uses the REST API, fetch a fresh credential; if not, the username or password is wrong`;
      return 'wrong credentials: the server refused the username or password (with a TURN REST-API secret: the password must be base64(HMAC-SHA1(secret, username)) and the username\'s time not passed)';
    }
    case 403:
      return 'forbidden: the server refuses this (a peer address it does not allow, such as loopback or a denied range, or a user not allowed to relay)';
    case 420:
      return 'the server does not understand an attribute the request needs (UNKNOWN-ATTRIBUTES lists it)';
    case 437:
      return 'allocation mismatch: an allocation for this 5-tuple exists already (a retransmitted Allocate, or a stale one from this port); wait or use another local port';
    case 438:
      return 'stale nonce: the server\'s nonce expired; the request is retried with the new one';
    case 440:
      return 'the server has no relay address of the family asked for: the probe asks, as browsers do, for the default, IPv4 (RFC 8656 §7.1), so a browser gets no relay from this server either (coturn: an IPv4 --relay-ip)';
    case 441:
      return 'wrong credentials: the username differs from the one the allocation was made with';
    case 442:
      return 'unsupported transport protocol: the server does not relay this protocol (UDP relaying asked)';
    case 443:
      return 'peer address family mismatch: the peer\'s address family differs from the relay\'s';
    case 486:
      return 'allocation quota reached: this user has too many allocations on the server (close other sessions, or raise the server\'s user-quota)';
    case 500:
      return 'the server failed (server error): try again, or look at the server\'s log';
    case 508:
      return 'insufficient capacity: the server has no relay port left (its relay port range is used up), or refuses new allocations';
    default:
      return code >= 500 ? 'the server failed (a 5xx error)' : 'the server refused the request (a 4xx error)';
  }
}

/** A TURN REST-API username (`<unix expiry>[:<user>]`, draft-uberti-behave-turn-rest §2.2, or `<user>:<unix expiry>` as coturn also takes it): its expiry. */
export function restExpiry(username: string | null | undefined, now = Date.now()): { readonly expiry: number; readonly expired: boolean } | null {
  if (username !== undefined && username !== null && typeof username !== 'string') throw new SdpscopeError('INVALID_ARGUMENT', `restExpiry: the username must be a string, null or undefined, got ${describe(username)}`);
  if (typeof now !== 'number' || !Number.isFinite(now)) throw new SdpscopeError('INVALID_ARGUMENT', `restExpiry: now must be a time in milliseconds, got ${describe(now)}`);
  // The expiry first (the draft's form) or last (`alice:1700000000`, `:1700000000`: coturn takes either; probe audit).
  const m = username === undefined || username === null ? null : /^(\d{9,11})(?::|$)|:(\d{9,11})$/.exec(username);
  if (!m) return null;
  const expiry = Number(m[1] ?? m[2]);
  return { expiry, expired: expiry * 1000 < now };
}
