/**
 * Candidate pairs a call will check (RFC 8445 §6.1.2): pairs per component, same transport and
 * address family (TCP active → passive, so ↔ so), their priority (§6.1.2.3, 64 bits, bigint),
 * the check order, and the pairs that cannot work with the reason.
 */
import type { Candidate } from '../candidate/candidate.js';
import { describe, requireInteger, requireObject, SdpscopeError } from '../errors.js';
import type { CandidateExplanation } from '../candidate/explain.js';

/** RFC 8445 §6.1.2.3: 2^32*MIN(G,D) + 2*MAX(G,D) + (G>D?1:0), G controlling, D controlled. */
export function pairPriority(controlling: number, controlled: number): bigint {
  requireInteger(controlling, 'pairPriority: the controlling priority', 0, 0xffffffff);
  requireInteger(controlled, 'pairPriority: the controlled priority', 0, 0xffffffff);
  const g = BigInt(controlling);
  const d = BigInt(controlled);
  const min = g < d ? g : d;
  const max = g < d ? d : g;
  return (min << 32n) + 2n * max + (g > d ? 1n : 0n);
}

export interface PairEnd {
  readonly session: string;
  readonly candidate: Candidate;
  /** What the candidate says (address class...), derived where it was found. */
  readonly explanation: CandidateExplanation;
  /** The m-line (sdpMid) the candidate was gathered for, when known: each has its own ICE transport. */
  readonly mid?: string | null;
}

export interface PredictedPair {
  readonly component: number;
  readonly local: PairEnd;
  readonly remote: PairEnd;
  /**
   * Pair priority (RFC 8445 §6.1.2.3), a 64-bit value, as a decimal string so that the pair
   * survives JSON.stringify: `BigInt(pair.priority)` to compute with it ({@link pairPriority} gives the bigint).
   */
  readonly priority: string;
  /** 1-based position in the check order among viable pairs; null for pairs that cannot work. */
  readonly order: number | null;
  readonly viable: boolean;
  /** Why a pair cannot work, or what it needs. */
  readonly reason: string | null;
}

function family(e: PairEnd): 'ipv4' | 'ipv6' | 'mdns' | 'fqdn' | 'other' {
  const f = e.explanation.address.family;
  return f === 'ipv4' || f === 'ipv6' || f === 'mdns' || f === 'fqdn' ? f : 'other';
}

/**
 * Why one end can never be a pair's: no interface has an unspecified, multicast or broadcast
 * address (RFC 8445 §5.1.1.1), and UDP to port 0 goes nowhere (candidates audit: 0.0.0.0,
 * 239.1.1.1 and a relay at 0.0.0.0:0 were viable pairs).
 */
function unusable(e: PairEnd): string | null {
  const c = e.explanation.address.class;
  if (c === 'unspecified' || c === 'multicast' || c === 'broadcast') return `${e.candidate.address} is ${c === 'unspecified' ? 'the unspecified address' : `a ${c} address`}: no interface has it`;
  if (e.candidate.port === 0 && !(e.candidate.transport === 'tcp' && e.candidate.tcpType === 'active')) return `port 0 at ${e.candidate.address}: nothing can be sent there`;
  return null;
}

/** Why the pair cannot work, or null. Pairs of different transport are not formed at all. */
function obstacle(le: PairEnd, re: PairEnd): string | null {
  const l = le.candidate;
  const r = re.candidate;
  const fl = family(le);
  const fr = family(re);
  if (fl === 'other' || fr === 'other') return `address ${fl === 'other' ? l.address : r.address} is not usable`;
  const bad = unusable(le) ?? unusable(re);
  if (bad !== null) return bad;
  // One transport address on both sides: one agent's candidate seen twice, not a pair (audit of the change: a page of two peer connections logged as one side and the other).
  if (l.address === r.address && l.port === r.port && l.port !== 9 && l.transport === r.transport) return `${l.address}:${l.port} is on both sides: a candidate does not pair with itself (both sides' candidates are one agent's)`;
  // A host name (RFC 8839 §5.1 allows one) or an mDNS name resolves to either family; an mDNS
  // name libwebrtc wrote keeps its address's family in the local preference's precedence (IPv4 30,
  // every other one IPv6: candidates audit, a second mDNS host of precedence 20 paired with IPv4).
  const named = (f: string) => f === 'mdns' || f === 'fqdn';
  const hidden = (e: PairEnd, f: string): 'ipv4' | 'ipv6' | null => {
    const p = f === 'mdns' ? e.explanation.localPreference.libwebrtc?.addressPrecedence : undefined;
    return p === undefined ? null : p === 30 ? 'ipv4' : 'ipv6';
  };
  if (!named(fl) && !named(fr) && fl !== fr) return `address families differ (${fl} ↔ ${fr})`;
  const hl = hidden(le, fl) ?? (named(fl) ? null : fl);
  const hr = hidden(re, fr) ?? (named(fr) ? null : fr);
  if (hl !== null && hr !== null && hl !== hr) {
    const which = hidden(le, fl) !== null ? le : re;
    return `address families differ (${hl} ↔ ${hr}): the mDNS name ${which.candidate.address.length > 24 ? `${which.candidate.address.slice(0, 8)}….local` : which.candidate.address} hides an ${hidden(which, family(which)) === 'ipv4' ? 'IPv4' : 'IPv6'} address (libwebrtc's address precedence ${which.explanation.localPreference.libwebrtc!.addressPrecedence} in its priority)`;
  }
  if (l.transport === 'tcp') {
    const a = l.tcpType;
    const b = r.tcpType;
    const ok = (a === 'active' && b === 'passive') || (a === 'passive' && b === 'active') || (a === 'so' && b === 'so');
    if (!ok) return `tcptype ${a || 'none'} ↔ ${b || 'none'} cannot connect (active→passive or so↔so)`;
  }
  const cl = le.explanation.address.class;
  const cr = re.explanation.address.class;
  // Link-local with link-local can work, on one link (as an mDNS pair can): a note below; with anything else, never.
  if ((cl === 'link-local') !== (cr === 'link-local')) return 'a link-local address pairs only with a link-local one, on the same link';
  if ((cl === 'loopback') !== (cr === 'loopback')) return 'loopback pairs only with loopback';
  return null;
}

const bothLinkLocal = (l: PairEnd, r: PairEnd) => l.explanation.address.class === 'link-local' && r.explanation.address.class === 'link-local';

/**
 * Forms the pairs of one call, as the `local` agent's check list, per m-line (sdpMid) where
 * the candidates say which: its server-reflexive
 * candidates are replaced by their bases, i.e. pruned as redundant (RFC 8445 §6.1.2.4), while
 * the remote side's stay remote candidates. `localIsControlling`: the offerer controls unless it is ICE-lite
 * (RFC 8445 §6.1.1). Ordered by priority, viable pairs numbered in check order.
 */
export function predictPairs(local: readonly PairEnd[], remote: readonly PairEnd[], localIsControlling: boolean): PredictedPair[] {
  for (const [side, ends] of [['local', local], ['remote', remote]] as const) {
    if (!Array.isArray(ends)) throw new SdpscopeError('INVALID_ARGUMENT', `predictPairs: the ${side} candidates must be an array of {session, candidate, explanation}, got ${describe(ends)}`);
    for (const e of ends) {
      // A bare Candidate (parseCandidate's) where an end goes: said so (library audit: "must be an object with candidate, got an object").
      if (e !== null && typeof e === 'object' && !('candidate' in e) && 'foundation' in e && 'priority' in e) throw new SdpscopeError('INVALID_ARGUMENT', `predictPairs: a ${side} end is a candidate alone; an end is {session, candidate, explanation}: { session: 'a', candidate: c, explanation: explainCandidate(c) }, or an analyzer's report candidates`);
      requireObject(requireObject<PairEnd>(e, `predictPairs: a ${side} end`, 'candidate').candidate, `predictPairs: a ${side} end's candidate`, 'component', 'transport', 'type', 'priority', 'address', 'port');
      // Its explanation too (explainCandidate's): the address class decides what can pair (candidates audit: a TypeError without it).
      const x = (e as { explanation?: { address?: unknown } }).explanation;
      if (x === null || typeof x !== 'object' || x.address === null || typeof x.address !== 'object') throw new SdpscopeError('INVALID_ARGUMENT', `predictPairs: a ${side} end needs its explanation, {session, candidate, explanation: explainCandidate(candidate)}`);
    }
  }
  if (typeof localIsControlling !== 'boolean') throw new SdpscopeError('INVALID_ARGUMENT', `predictPairs: localIsControlling must be a boolean, got ${describe(localIsControlling)}`);
  const pairs: (Omit<PredictedPair, 'order' | 'priority'> & { value: bigint })[] = [];
  for (const l of local) {
    if (l.candidate.type === 'srflx') continue;
    for (const r of remote) {
      if (l.candidate.component !== r.candidate.component) continue;
      if (l.candidate.transport !== r.candidate.transport) continue;
      // Candidates of different m-lines belong to different ICE transports: they never pair.
      // An empty sdpMid names no m-line (jitsi's addIceCandidate frames carry "": audit of the change, no pair at all).
      if (l.mid != null && r.mid != null && l.mid !== '' && r.mid !== '' && l.mid !== r.mid) continue;
      const why = obstacle(l, r);
      // An agent knows its own address: only the other side's mDNS name needs resolving here
      // (candidates audit: an ICE-lite answerer's pairs with its own .local host said so).
      const mdns = family(r) === 'mdns';
      const ownMdns = !mdns && family(l) === 'mdns';
      const [g, d] = localIsControlling ? [l.candidate.priority, r.candidate.priority] : [r.candidate.priority, l.candidate.priority];
      pairs.push({
        component: l.candidate.component,
        local: l,
        remote: r,
        value: pairPriority(g, d),
        viable: why === null,
        // mDNS names resolve only on the local link: such a pair works between hosts on one LAN.
        reason: why ?? (mdns ? 'needs the mDNS name resolved: same link only' : ownMdns ? 'this side\'s own mDNS host: the other side learns its address from the checks it receives (peer-reflexive), no resolving needed here' : bothLinkLocal(l, r) ? 'link-local on both ends: works only on the same link' : family(l) === 'fqdn' || family(r) === 'fqdn' ? 'needs the host name resolved' : null),
      });
    }
  }
  pairs.sort((a, b) => (a.value === b.value ? 0 : a.value > b.value ? -1 : 1));
  // Redundant pairs pruned (RFC 8445 §6.1.2.4: the same local base and identical remote candidates,
  // the higher priority kept): a remote srflx equal to its host, as an agent with a public address
  // or IPv6 without NAT announces it, pairs once (SDP audit: each of its pairs listed twice).
  const seen = new Set<string>();
  const kept = pairs.filter((p) => {
    // A TCP candidate's tcptype is part of it: an active↔passive pair and an active↔so one at the same address are two (audit of the change: the working one was dropped).
    const key = `${p.component} ${p.local.mid ?? ''} ${p.local.candidate.transport} ${p.local.candidate.address} ${p.local.candidate.port} ${p.local.candidate.tcpType ?? ''} ${p.remote.candidate.address.toLowerCase()} ${p.remote.candidate.port} ${p.remote.candidate.tcpType ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  let n = 0;
  return kept.map(({ value, ...p }) => ({ ...p, priority: value.toString(), order: p.viable ? ++n : null }));
}
