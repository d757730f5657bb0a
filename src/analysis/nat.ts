/**
 * NAT mapping behaviour (RFC 4787 §4.1) from server-reflexive candidates, on the evidence only.
 * A base (raddr:rport) mapped to two different public address:port pairs (as two STUN servers
 * see it) is address-dependent mapping: the seed's symmetric NAT. The same public address:port
 * seen by two STUN servers (two foundations) is endpoint-independent: one of the seed's cone
 * NATs. Filtering (which cone) cannot be seen in candidates at all.
 */
import { INSIDE_CLASSES } from '../candidate/address.js';
import { inferRelayProtocol } from '../candidate/explain.js';
import type { Candidate } from '../candidate/candidate.js';
import type { CandidateFacts } from './facts.js';

/** Bases a session's evidence keeps, and mappings (or foundations) per base: memory stays flat whatever the log. */
const MAX_BASES = 1024;
const MAX_MAPPINGS = 16;

export type NatMapping = 'address-dependent' | 'endpoint-independent' | 'none' | 'unknown';

export interface NatVerdict {
  /** `none`: a srflx equals its base (a public host, no NAT). */
  readonly mapping: NatMapping;
  /** Facts the verdict rests on (or, for unknown, why nothing can be said). */
  readonly evidence: readonly string[];
  /** The seed's NAT types this is consistent with. */
  readonly seedTypes: string;
  /** What candidates can never tell. */
  readonly cannotSee: string;
}

/** Address classes that are no one's address on the internet: a srflx equal to such a base was mapped by a STUN server inside the network. */
const INSIDE = INSIDE_CLASSES;

const CANNOT_SEE = 'filtering behaviour (full cone vs restricted vs port-restricted) and whether inbound packets get through: candidates only show mappings';

/** Collects srflx mappings per base; cheap to keep per session. */
export class NatEvidence {
  /** "udp 10.0.0.1:5000" → mapped "203.0.113.5:40000" → foundations seen. */
  private readonly bases = new Map<string, Map<string, Set<string>>>();
  private masked = 0;
  private redacted = 0;
  private invalid = 0;
  private srflx = 0;
  private sameAsBase = 0;
  /** srflx equal to a base that is not a public address: a STUN server inside the network, which sees no NAT to the internet. */
  private sameAsPrivateBase = 0;
  /** Srflx mapped to an address that is not public (a STUN server inside the network, behind an inner NAT): the first one, and how many. */
  private insideMapped = 0;
  private insideSample = '';
  /** srflx whose base is the wildcard address with a port (`raddr 0.0.0.0 rport 58952`): a few "base port → mapped port", their count, and how many changed the port. */
  private wildcard: string[] | null = null;
  private wildcardCount = 0;
  private wildcardPortChanged = 0;

  /**
   * Relay candidates' related addresses: the address each TURN server saw this agent at
   * (libwebrtc writes the Allocate's XOR-MAPPED-ADDRESS there, RFC 8656 §7.3), "ip:port" → the
   * relay addresses (TURN servers) that saw it. One mapping seen by TURN servers at two addresses
   * is endpoint-independent, as for srflx (ICE audit: a KVS thread's two TURN servers both saw
   * 172.218.223.215:53546, and the verdict was "unknown").
   */
  private readonly relayMapped = new Map<string, Set<string>>();
  /**
   * UDP relays' related addresses ("ip:port" → relay addresses): where a TURN server saw the
   * agent's UDP socket, compared with the srflx mappings (candidates audit: a STUN server's
   * 194.44.50.112:15940 and a TURN server's :13759 for one base, a symmetric NAT, read "unknown").
   */
  private readonly udpRelayMapped = new Map<string, Set<string>>();
  /** Each base's m-section (sdpMid) as its first srflx said it: a relay is compared with bases of its own m-section only (unbundled m-sections gather on sockets of their own). */
  private readonly baseMids = new Map<string, string | null>();

  add(c: CandidateFacts): void {
    if (c.type === 'relay') {
      this.addRelay(c);
      return;
    }
    if (c.type !== 'srflx') return;
    this.srflx++;
    const ra = c.relatedAddress;
    // An address redacted in the log (by whoever shared it, or libwebrtc's own masking): no mapping to compare.
    if (c.family === 'redacted' || c.relatedFamily === 'redacted') {
      this.redacted++;
      return;
    }
    // Nor one that is no address at all ("X.Y.22.158", anonymised by hand): it had been compared
    // as text, and "equal to its base" made "no NAT" of it (real-dump audit, a coturn thread).
    if (c.addressClass === 'invalid' || c.relatedClass === 'invalid') {
      this.invalid++;
      return;
    }
    // A wildcard base with its port (pion's "raddr 0.0.0.0 rport 58952": its socket bound to every
    // interface): no address, but the port tells whether the NAT kept it (SDP audit: called masked for privacy).
    if (c.relatedClass === 'unspecified' && c.relatedPort !== null && c.relatedPort !== 0) {
      const seen = `${ra ?? '0.0.0.0'}:${c.relatedPort} → ${c.port}`;
      // Made with the first (one array more per session of the bench's log was measurable).
      this.wildcard ??= [];
      if (this.wildcard.length < 3 && !this.wildcard.includes(seen)) this.wildcard.push(seen);
      this.wildcardCount++;
      if (c.relatedPort !== c.port) this.wildcardPortChanged++;
      return;
    }
    if (ra === null || c.relatedPort === null || c.relatedClass === 'unspecified' || c.relatedPort === 0) {
      this.masked++;
      return;
    }
    if (ra === c.address && c.relatedPort === c.port) {
      // Only a public address seen as itself says "no NAT" (real-log audit: a 10.0.75.1 srflx equal
      // to its base was "no NAT: the host address is public"); a private one is a STUN server
      // inside the network, which tells nothing of the way out.
      if (INSIDE.has(c.addressClass)) {
        this.sameAsPrivateBase++;
        return;
      }
      this.sameAsBase++;
    } else if (INSIDE.has(c.addressClass)) {
      // Mapped to another address that is not public either: a STUN server inside the network saw
      // an inner NAT (a container bridge), not the way out. Compared with the public mapping of the
      // same base it made a false "symmetric NAT" (server-log audit: a Jitsi bridge's 10.0.7.167 and 64.135.72.220).
      if (this.insideMapped++ === 0) this.insideSample = `${c.address}:${c.port} from ${ra}:${c.relatedPort}`;
      return;
    }
    const base = `${c.transport} ${ra}:${c.relatedPort}`;
    const mapped = `${c.address}:${c.port}`;
    let maps = this.bases.get(base);
    if (!maps) {
      // Bounded: a session's first bases are evidence enough (a real one has a handful).
      if (this.bases.size >= MAX_BASES) return;
      this.bases.set(base, (maps = new Map()));
      this.baseMids.set(base, c.sdpMid);
    }
    let foundations = maps.get(mapped);
    if (!foundations) {
      if (maps.size >= MAX_MAPPINGS) return;
      maps.set(mapped, (foundations = new Set()));
    }
    if (foundations.size < MAX_MAPPINGS) foundations.add(c.foundation);
  }

  /** The whole copy of a candidate added before as libwebrtc's masked form of it: that one taken back, this one added. */
  unmask(c: CandidateFacts): void {
    if (c.type === 'srflx') {
      this.srflx--;
      this.redacted--;
    }
    this.add(c);
  }

  private addRelay(c: CandidateFacts): void {
    const ra = c.relatedAddress;
    // Masked (0.0.0.0), redacted, unreadable, or the relay's own address (Firefox writes that):
    // no mapping. A private one is a TURN server inside the network, which saw no NAT.
    if (ra === null || c.relatedPort === null || c.relatedPort === 0 || ra === c.address) return;
    if (c.relatedClass === null || c.relatedClass === 'unspecified' || c.relatedClass === 'redacted' || c.relatedClass === 'invalid' || INSIDE.has(c.relatedClass)) return;
    if (c.addressClass === 'redacted' || c.addressClass === 'invalid') return;
    // Masked with its class still known ("5.255.x.x" is public): no mapping to compare all the same.
    if (c.family === 'redacted' || c.relatedFamily === 'redacted') return;
    const mapped = `${ra}:${c.relatedPort}`;
    let servers = this.relayMapped.get(mapped);
    if (!servers) {
      if (this.relayMapped.size >= MAX_BASES) return;
      this.relayMapped.set(mapped, (servers = new Set()));
    }
    if (servers.size < MAX_MAPPINGS) servers.add(c.address);
    // Allocated over UDP (the protocol its priority says: libwebrtc's and Firefox's layouts), from
    // the socket the srflx came from where the stack shares one (libwebrtc's default).
    // libwebrtc's 2 is UDP before its TURN/DTLS support and DTLS after: over UDP either way (a DTLS allocation is rare).
    const protocols = inferRelayProtocol({ type: 'relay', priority: c.priority, address: c.address } as Candidate)?.protocols ?? [];
    if (protocols.length === 0 || !protocols.every((p) => p === 'udp' || p === 'dtls')) return;
    const key = `${c.sdpMid ?? ''} ${mapped}`;
    let udp = this.udpRelayMapped.get(key);
    if (!udp) {
      if (this.udpRelayMapped.size >= MAX_BASES) return;
      this.udpRelayMapped.set(key, (udp = new Set()));
    }
    if (udp.size < MAX_MAPPINGS) udp.add(c.address);
  }

  /**
   * A UDP base's one STUN mapping beside a UDP relay's related address on the same public IP: the
   * same port is one mapping for two destinations, another port a second mapping of that base,
   * when the base is the only UDP one mapped to that IP (else which base the relay's was is unknown).
   */
  private stunAndTurn(): { independent: string[]; dependent: string[] } {
    const independent: string[] = [];
    const dependent: string[] = [];
    if (this.udpRelayMapped.size === 0) return { independent, dependent };
    // By m-section and public IP ("0 194.44.50.112"): an unbundled m-section's relay is allocated from its own socket.
    const byIp = new Map<string, { base: string; mapped: string }[]>();
    for (const [base, maps] of this.bases) {
      if (!base.startsWith('udp ') || maps.size !== 1) continue;
      const mapped = maps.keys().next().value as string;
      const at = `${this.baseMids.get(base) ?? ''} ${mapped.slice(0, mapped.lastIndexOf(':'))}`;
      const list = byIp.get(at);
      if (list) list.push({ base: base.slice(4), mapped });
      else byIp.set(at, [{ base: base.slice(4), mapped }]);
    }
    for (const [key, relays] of this.udpRelayMapped) {
      const relayed = key.slice(key.indexOf(' ') + 1);
      const bases = byIp.get(key.slice(0, key.lastIndexOf(':')));
      if (bases === undefined) continue;
      const turn = `the TURN server of relay ${[...relays].slice(0, 2).join(', ')}`;
      const same = bases.find((b) => b.mapped === relayed);
      if (same !== undefined) independent.push(`base ${shown(same.base)} is mapped to ${shown(relayed)} by a STUN server (its srflx) and by ${turn} (a UDP relay's related address)`);
      else if (bases.length === 1) dependent.push(`base ${shown(bases[0]!.base)} is mapped to ${shown(bases[0]!.mapped)} by a STUN server (its srflx) and to ${shown(relayed)} by ${turn} (a UDP relay's related address)`);
    }
    return { independent, dependent };
  }

  /** A base mapped to two public IP addresses (not only two ports). */
  private pooled(): boolean {
    for (const maps of this.bases.values()) {
      if (maps.size < 2) continue;
      const ips = new Set([...maps.keys()].map((m) => m.slice(0, m.lastIndexOf(':'))));
      if (ips.size > 1) return true;
    }
    return false;
  }

  verdict(): NatVerdict {
    const dependent: string[] = [];
    const independent: string[] = [];
    for (const [base, maps] of this.bases) {
      if (maps.size > 1) dependent.push(`base ${base} is mapped to ${[...maps.keys()].join(' and ')}`);
      else for (const [mapped, f] of maps) if (f.size > 1) independent.push(`base ${base} is mapped to ${mapped} by ${f.size} STUN servers (foundations ${[...f].join(', ')})`);
    }
    const relayed: string[] = [];
    for (const [mapped, servers] of this.relayMapped) if (servers.size > 1) relayed.push(`${mapped} is the related address of ${servers.size} relays (${[...servers].join(', ')}): where their TURN servers saw this agent, the same for each`);
    const both = this.stunAndTurn();
    if (both.dependent.length > 0) dependent.push(...both.dependent, 'provided the relay was allocated from the socket of that srflx, as libwebrtc (Chromium, Safari) does by default; a stack with a socket per server shows two mappings whatever the NAT');
    if (dependent.length > 0) {
      // What two mappings cannot tell (RFC 4787 §4.1; candidates audit: said more than shown).
      dependent.push('"address-dependent" here covers address-and-port-dependent too: candidates cannot tell the two apart (sdpscope probe can)');
      // The relays' evidence, when it says otherwise, is said too (change audit: it was dropped).
      if (relayed.length > 0) dependent.push(`yet ${relayed[0]!.replace(/: where their TURN servers saw this agent, the same for each$/, '')}: relays of one TURN server at two addresses, or allocations from another socket, show that whatever the NAT; the srflx mappings above are the stronger evidence`);
      if (this.pooled()) dependent.push('the mapped addresses differ, not only their ports: the NAT maps per destination from a pool of public addresses ("arbitrary" pooling, RFC 4787 §4.1), or the mapping expired and was made anew between the two');
      return { mapping: 'address-dependent', evidence: dependent, seedTypes: 'symmetric NAT: every destination gets a new mapping, so the STUN-learned address is useless to the peer; expect a relay pair unless the peer is reachable directly', cannotSee: CANNOT_SEE };
    }
    // A relay's address is its TURN server's (or one of its addresses): two relay addresses, two servers or two allocations of one.
    if (independent.length === 0 && relayed.length > 0) {
      relayed.push('a relay candidate\'s related address is where its TURN server saw this agent (libwebrtc writes the Allocate\'s XOR-MAPPED-ADDRESS there): one mapping for several destinations, provided those relays are on TURN servers at different IP addresses (two allocations on one server show one mapping whatever the NAT)');
      return { mapping: 'endpoint-independent', evidence: relayed, seedTypes: 'a cone NAT (full, restricted or port-restricted cone): the mapping is reused for every destination', cannotSee: CANNOT_SEE };
    }
    if (independent.length > 0) {
      independent.push('provided those STUN servers are at different IP addresses: two at one address (two ports) would show the same mapping for an address-dependent NAT');
      return { mapping: 'endpoint-independent', evidence: independent, seedTypes: 'a cone NAT (full, restricted or port-restricted cone): the mapping is reused for every destination', cannotSee: CANNOT_SEE };
    }
    if (this.sameAsBase > 0 && this.sameAsBase === this.srflx - this.masked - this.redacted - this.invalid - this.sameAsPrivateBase - this.insideMapped) {
      return { mapping: 'none', evidence: [`${this.sameAsBase} srflx candidate${this.sameAsBase === 1 ? '' : 's'} equal to their base: the host address is public`], seedTypes: 'no NAT', cannotSee: 'whether a firewall filters inbound traffic' };
    }
    const why: string[] = [];
    // Relays whose related addresses show where one TURN server saw this agent: a mapping seen,
    // from one destination only (candidates audit: a Kurento log of two relays was told to check its STUN server).
    const relaySeen = this.relayMapped.size > 0;
    // The TURN servers' addresses (one server may have two allocations: one address, two ports).
    const servers = new Set<string>();
    for (const relays of this.relayMapped.values()) for (const r of relays) servers.add(r);
    const mappings = [...this.relayMapped.keys()].slice(0, 3).join(', ');
    if (this.srflx === 0 && relaySeen && servers.size > 1) why.push(`no srflx candidate; relays on ${servers.size} TURN server addresses (${[...servers].slice(0, 3).join(', ')}) have different related addresses (${mappings}): allocations from separate sockets, or a NAT that maps per destination; candidates cannot tell which`);
    else if (this.srflx === 0 && relaySeen) why.push(`no srflx candidate; the relays' related addresses (${mappings}) show where their TURN server saw this agent, one server: no second destination to compare`);
    else if (this.srflx === 0) why.push('no srflx candidate: nothing shows a mapping');
    else {
      if (this.redacted > 0) why.push(`${this.redacted} srflx with a redacted address: masked in the log (by whoever shared it, or by libwebrtc's own logging, which writes "192.168.0.x")`);
      if (this.invalid > 0) why.push(`${this.invalid} srflx whose address or base is not an IP address (edited by hand?): nothing to compare`);
      if (this.wildcardCount > 0) {
        const n = this.wildcardCount;
        const changed = this.wildcardPortChanged;
        why.push(`${n} srflx whose base is the wildcard address with its port (${(this.wildcard ?? []).join(', ')}${n > 3 ? ', …' : ''}: a socket bound to every interface, as pion's agent writes it): ${changed === n ? 'the NAT changed the port of each, so it does not preserve ports' : changed === 0 ? 'the port was kept by each mapping' : `${changed} of ${n} ports changed`}; without the base's address the mapping cannot be compared`);
      }
      if (this.masked > 0) why.push(`${this.masked} srflx with a hidden base (raddr 0.0.0.0 / rport 0, or none): the agent that gathered it did not say it (browsers mask it for privacy; a TCP active candidate has no port)`);
      if (this.insideMapped > 0) why.push(`${this.insideMapped} srflx mapped to an address that is not public (${this.insideSample}${this.insideMapped > 1 ? ', …' : ''}): a STUN server inside the network, behind an inner NAT; left out of the comparison, it says nothing of the way out`);
      if (this.sameAsPrivateBase > 0) why.push(`${this.sameAsPrivateBase} srflx equal to a ${this.sameAsPrivateBase === 1 ? 'base that is' : 'bases that are'} not public: a STUN server inside the network, which sees no NAT on the way out`);
      // What each base's one mapping shows, said per address family: an IPv6 srflx equal to its
      // public base beside an IPv4 one behind a NAT was only "one mapping per base" (SDP audit).
      // Counted first, worded only when said (a session of the bench's log has one base: no garbage for it).
      const own: string[] = [];
      const natted: { base: string; text: string }[] = [];
      if (this.bases.size > 1 || this.wildcardPortChanged > 0) {
        for (const [base, maps] of this.bases) {
          const at = base.slice(base.indexOf(' ') + 1);
          for (const mapped of maps.keys()) {
            if (mapped === at) own.push(at);
            else natted.push({ base: at, text: `${shown(at)} → ${shown(mapped)}, port ${portOf(mapped) === portOf(at) ? 'kept' : 'changed'}` });
          }
        }
      }
      const fam = (list: string[]) => [...new Set(list.map((x) => (x.split(':').length > 2 ? 'IPv6' : 'IPv4')))].join(' and ');
      // Said of the interfaces, their family named: two IPv4 interfaces, one public and one behind a NAT, had been "no NAT on IPv4" and "a NAT on IPv4" (audit).
      if (own.length > 0 && (natted.length > 0 || this.wildcardPortChanged > 0)) why.push(`${own.length} srflx equal to ${own.length === 1 ? 'its' : 'their'} public base (${own.slice(0, 3).map(shown).join(', ')}): no NAT on ${own.length === 1 ? 'that interface' : 'those interfaces'} (${fam(own)})`);
      if (own.length > 0 && natted.length > 0) {
        why.push(`${natted.length} base${natted.length === 1 ? '' : 's'} mapped to another address (${natted.slice(0, 3).map((n) => n.text).join('; ')}${natted.length > 3 ? '; …' : ''}): a NAT on ${natted.length === 1 ? 'that interface' : 'those interfaces'} (${fam(natted.map((n) => n.base))}), its kind unknown`);
      }
      if (this.bases.size > 0) why.push(`one mapping per base (${this.bases.size} base${this.bases.size === 1 ? '' : 's'}): one STUN server, or identical mappings deduplicated by the browser; either way no comparison`);
      // The same mapping a TURN server saw: a second destination only if the two are different servers, which the candidates do not say (one coturn commonly answers both).
      for (const x of both.independent.slice(0, 2)) why.push(`${x}: one mapping for two destinations if the STUN and TURN servers are at different IP addresses (endpoint-independent), and no second destination if one server answers both (a coturn commonly does); the candidates do not say which`);
    }
    // What is left to compare: nothing when every srflx hides its base, is redacted or is a private one's own address (real-log audit: "one mapping per base" was said of hidden ones).
    const compared = this.bases.size > 0;
    const seedTypes = this.srflx === 0 && relaySeen
      ? servers.size > 1
        ? 'cannot be told from these candidates: relays of several TURN servers with different mappings, no srflx; sdpscope probe with two STUN servers tells'
        : 'cannot be told from these candidates: relays of one TURN server, no srflx (a STUN server, or a second TURN server, would give a second mapping to compare); sdpscope probe with two STUN servers tells'
      : this.srflx === 0
      ? 'cannot be told: no server-reflexive candidate (is a STUN server configured and reachable?)'
      : compared
        ? 'cannot be told from these candidates: one mapping per base, from one STUN server or from several that saw the same one (a browser keeps one of identical srflx candidates); sdpscope probe with two STUN servers tells'
        : 'cannot be told from these candidates: no srflx shows a mapping of a known base to a public address; sdpscope probe with two STUN servers tells';
    return { mapping: 'unknown', evidence: why, seedTypes, cannotSee: CANNOT_SEE };
  }
}

/** The port of "address:port" (an IPv6 address has colons of its own). */
const portOf = (endpoint: string): string => endpoint.slice(endpoint.lastIndexOf(':') + 1);

/** "address:port" with an IPv6 address in brackets, as a URL writes it. */
const shown = (endpoint: string): string => {
  const colon = endpoint.lastIndexOf(':');
  return endpoint.indexOf(':') < colon ? `[${endpoint.slice(0, colon)}]${endpoint.slice(colon)}` : endpoint;
};
