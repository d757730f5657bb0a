/**
 * What a candidate says beyond its fields: the priority split, what the local preference encodes,
 * which protocol a relay candidate reached its TURN server with, what network-cost means, and
 * which network the addresses belong to.
 */
import { diagnostic, type CandidateDiagnosticKind, type CandidatePosition, type Diagnostic } from '../diagnostics.js';
import { requireInteger, requireObject } from '../errors.js';
import { classifyAddress, libwebrtcPrecedence, type AddressInfo } from './address.js';
import { requireCandidate, type Candidate } from './candidate.js';
import { decodePriority, type PriorityParts } from './priority.js';

/** Protocol between a client and its TURN server (RFC 8656 §3.1; DTLS per RFC 7350). */
export type RelayProtocol = 'udp' | 'tcp' | 'tls' | 'dtls';

/**
 * Whose priority formula a reading follows: `rfc8445` is RFC 8445 §5.1.2.2's 0 for every relay,
 * whatever its transport, as pion, aioice, libjuice and the KVS SDK write it.
 */
export type Implementation = 'libwebrtc' | 'libwebrtc-legacy' | 'rfc8445' | 'firefox' | 'libnice';

export interface RelayReading {
  readonly implementation: Implementation;
  readonly protocol: RelayProtocol;
}

export interface RelayProtocolInference {
  /** The protocol, when every known implementation agrees (or the producer is known); else null. */
  readonly protocol: RelayProtocol | null;
  /** `certain`: one reading; `ambiguous`: readings disagree; `unknown`: no implementation uses this type preference for relays. */
  readonly certainty: 'certain' | 'ambiguous' | 'unknown';
  /** Every implementation whose relay type preferences include this value. */
  readonly readings: readonly RelayReading[];
  /** The distinct protocols of `readings`, in table order. */
  readonly protocols: readonly RelayProtocol[];
  /** In a few characters: "udp", "tls/tcp?" (ambiguous), "?" (unknown). */
  readonly label: string;
}

/**
 * Relay type preferences by implementation:
 * - libwebrtc today (Chrome, Edge, Safari's libwebrtc): UDP 3, DTLS 2, TCP 1, TLS 0;
 * - libwebrtc before TURN/DTLS support (Chrome up to c. M120): UDP 2, TCP 1, TLS 0;
 * - RFC 8445's recommended 0 for any relay (pion, aioice, libjuice, KVS): UDP, TCP or TLS;
 * - Firefox (nICEr): UDP 5, TCP and TLS 0;
 * - libnice (GStreamer's webrtcbin, Janus): UDP 30, TCP and TLS 20 (candidate-priv.h's
 *   NICE_CANDIDATE_TYPE_PREF_RELAYED_UDP and _RELAYED; candidates audit: read "?").
 * libwebrtc's readings are taken only where the local preference has libwebrtc's layout, RFC
 * 8445's only where it has not (priority audit: pion's UDP relay, 0 | 65535, read "tls/tcp?").
 */
const RELAY_TYPE_PREFERENCES: ReadonlyArray<RelayReading & { readonly typePreference: number }> = [
  { implementation: 'libwebrtc', typePreference: 3, protocol: 'udp' },
  { implementation: 'libwebrtc', typePreference: 2, protocol: 'dtls' },
  { implementation: 'libwebrtc', typePreference: 1, protocol: 'tcp' },
  { implementation: 'libwebrtc', typePreference: 0, protocol: 'tls' },
  { implementation: 'libwebrtc-legacy', typePreference: 2, protocol: 'udp' },
  { implementation: 'libwebrtc-legacy', typePreference: 1, protocol: 'tcp' },
  { implementation: 'libwebrtc-legacy', typePreference: 0, protocol: 'tls' },
  { implementation: 'rfc8445', typePreference: 0, protocol: 'udp' },
  { implementation: 'rfc8445', typePreference: 0, protocol: 'tcp' },
  { implementation: 'rfc8445', typePreference: 0, protocol: 'tls' },
  { implementation: 'firefox', typePreference: 5, protocol: 'udp' },
  { implementation: 'firefox', typePreference: 0, protocol: 'tcp' },
  { implementation: 'firefox', typePreference: 0, protocol: 'tls' },
  { implementation: 'libnice', typePreference: 30, protocol: 'udp' },
  { implementation: 'libnice', typePreference: 20, protocol: 'tcp' },
  { implementation: 'libnice', typePreference: 20, protocol: 'tls' },
];

const LIBWEBRTC_FAMILY: ReadonlySet<Implementation> = new Set(['libwebrtc', 'libwebrtc-legacy']);

/** The reading of each relay type preference, by whether the local preference has libwebrtc's layout (key: type preference × 2 + 1 if so), built once. */
const RELAY_READINGS: ReadonlyMap<number, RelayProtocolInference> = /* @__PURE__ */ (() => {
  const out = new Map<number, RelayProtocolInference>();
  for (const t of new Set(RELAY_TYPE_PREFERENCES.map((r) => r.typePreference))) {
    for (const layout of [false, true]) {
      const readings = RELAY_TYPE_PREFERENCES.filter((r) => r.typePreference === t && (layout ? r.implementation !== 'rfc8445' : !LIBWEBRTC_FAMILY.has(r.implementation))).map(({ implementation, protocol }) => ({ implementation, protocol }));
      if (readings.length === 0) continue;
      const protocols = [...new Set(readings.map((r) => r.protocol))];
      out.set(t * 2 + (layout ? 1 : 0), protocols.length === 1
        ? { protocol: protocols[0]!, certainty: 'certain', readings, protocols, label: protocols[0]! }
        : { protocol: null, certainty: 'ambiguous', readings, protocols, label: `${protocols.join('/')}?` });
    }
  }
  return out;
})();
const UNKNOWN_RELAY: RelayProtocolInference = { protocol: null, certainty: 'unknown', readings: [], protocols: [], label: '?' };

/**
 * Reads the TURN transport out of a relay candidate's type preference, as each implementation
 * that writes it means it (libwebrtc's only where the local preference has its layout); null for
 * other types.
 */
export function inferRelayProtocol(c: Candidate, typePreference?: number): RelayProtocolInference | null {
  requireObject(c, 'inferRelayProtocol: the candidate', 'type', 'priority');
  if (c.type !== 'relay') return null;
  typePreference = typePreference === undefined ? decodePriority(c.priority).typePreference : requireInteger(typePreference, 'inferRelayProtocol: the type preference', 0, 255);
  return relayReading(typePreference, explainLocalPreference(c));
}

const relayReading = (typePreference: number, local: LocalPreferenceInfo): RelayProtocolInference => RELAY_READINGS.get(typePreference * 2 + (local.libwebrtc !== null ? 1 : 0)) ?? UNKNOWN_RELAY;

/** libwebrtc's network-cost values (rtc_base/network_constants.h) and the adapter each stands for. */
export type AdapterClass =
  | 'ethernet-or-loopback'
  | 'vpn'
  | 'wifi'
  | 'unknown'
  | 'cellular-5g'
  | 'cellular-4g'
  | 'cellular'
  | 'cellular-3g'
  | 'cellular-2g'
  | 'hidden'
  | 'other';

const NETWORK_COSTS: ReadonlyArray<readonly [number, AdapterClass, string]> = [
  [0, 'ethernet-or-loopback', 'ethernet or loopback (kNetworkCostMin)'],
  [10, 'wifi', 'Wi-Fi (kNetworkCostLow)'],
  [50, 'unknown', 'adapter type unknown (kNetworkCostUnknown)'],
  [250, 'cellular-5g', 'cellular 5G'],
  [500, 'cellular-4g', 'cellular 4G'],
  [900, 'cellular', 'cellular, generation unknown (kNetworkCostCellular)'],
  [910, 'cellular-3g', 'cellular 3G'],
  [980, 'cellular-2g', 'cellular 2G'],
  [999, 'hidden', 'maximum cost (kNetworkCostMax): the adapter is not disclosed, as with mDNS-obfuscated hosts and masked srflx'],
];

export interface NetworkCostInfo {
  readonly cost: number;
  readonly adapter: AdapterClass;
  readonly description: string;
}

/**
 * What a candidate's network-cost says (libwebrtc's costs by adapter: 0 ethernet or loopback, 10
 * Wi-Fi, 50 unknown, 250/500/900/910/980 cellular, 999 hidden), the adapter class and its words;
 * one more than a known cost is a VPN over that adapter; any other value is `other`, said so.
 */
export function explainNetworkCost(cost: number): NetworkCostInfo {
  // A candidate line may carry up to 10 digits; what Chromium would refuse is still explained.
  requireInteger(cost, 'explainNetworkCost: the network cost', 0, 9_999_999_999);
  const hit = NETWORK_COSTS.find(([v]) => v === cost);
  if (hit) return { cost, adapter: hit[1], description: hit[2] };
  // A VPN costs its underlying adapter's cost plus kNetworkCostVpn, 1 (libwebrtc's
  // ComputeNetworkCostByType): 1 is a VPN over Ethernet, 11 over Wi-Fi, 901 over cellular
  // (audit: 1 had been "over an unknown-cost adapter", 11, 51, 901 "not libwebrtc's values").
  const under = NETWORK_COSTS.find(([v]) => v + 1 === cost);
  if (under && under[0] !== 999) return { cost, adapter: 'vpn', description: `VPN over ${under[2]} (${under[0]} + kNetworkCostVpn 1)` };
  return { cost, adapter: 'other', description: cost > 65535 ? `cost ${cost} is beyond 16 bits: Chromium refuses the candidate` : `cost ${cost} is not one of libwebrtc's values` };
}

/** libwebrtc's address precedence (RFC 6724-style), the low byte of its local preference. */
const ADDRESS_PRECEDENCE: ReadonlyArray<readonly [number, string]> = [
  [60, 'IPv6 loopback'],
  [50, 'IPv6 ULA'],
  [40, 'IPv6'],
  [30, 'IPv4'],
  [20, 'IPv6 6to4'],
  [10, 'IPv6 Teredo'],
  [1, 'IPv6 deprecated (site-local, IPv4-compatible, 6bone)'],
];

export interface LocalPreferenceInfo {
  readonly value: number;
  readonly highByte: number;
  readonly lowByte: number;
  /**
   * libwebrtc's layout (api/candidate.cc GetPriority): (network-adapter preference << 8 | address
   * precedence) + relay preference. The adapter preference ranks the host's networks (127,
   * kHighestNetworkPreference, first; lower for later ones; 0 when hidden). Null when the
   * candidate cannot be libwebrtc's: a type preference libwebrtc does not write (host 126, prflx
   * 110, srflx 100, TCP host 90, TCP prflx 80, relay 0 to 3; Firefox's relay 5 and libnice's host
   * 120 are not), an adapter preference above 127, or a low byte that is not the precedence of
   * the candidate's own address (a relay: that precedence plus 0 to 31).
   */
  readonly libwebrtc: {
    readonly networkPreference: number;
    readonly addressPrecedence: number;
    readonly addressPrecedenceMeaning: string;
    /** Relays only: added per TURN server (0 to 31, kMaxTurnServers 32: the earlier a server is listed, the higher). */
    readonly relayPreference: number | null;
    /**
     * Not relays: kMaxTurnServers (32) was added, as newer libwebrtc does where the field trial
     * WebRTC-IncreaseIceCandidatePriorityHostSrflx is on, to keep every relay below its srflx.
     */
    readonly adjusted: boolean;
  } | null;
}

/** The type preferences libwebrtc writes (p2p/base/port.h): host 126, prflx 110, srflx 100, TCP host 90, TCP prflx 80, relay 0 to 3. */
const LIBWEBRTC_TYPE_PREFERENCES: ReadonlySet<number> = new Set([126, 110, 100, 90, 80, 3, 2, 1, 0]);
/** kHighestNetworkPreference: the most an adapter's preference is. */
const HIGHEST_NETWORK_PREFERENCE = 127;
/** kMaxTurnServers: a relay preference is below it; newer libwebrtc adds it to other candidates. */
const MAX_TURN_SERVERS = 32;

/** Local preferences read lately, by value, type preference and address precedence (shared, frozen); cleared when full. */
const LOCAL_PREFERENCES = /* @__PURE__ */ new Map<number, LocalPreferenceInfo>();

/**
 * What a candidate's local preference (the priority's middle 16 bits, RFC 8445 §5.1.2.1) encodes,
 * as the stack that wrote it lays it out: for libwebrtc the network adapter's preference, the
 * IPv6/IPv4 address precedence (RFC 6724) and, for relays, the TURN server's place in the list
 * and the relay protocol. `localPreference` overrides the one read from the priority.
 */
export function explainLocalPreference(c: Candidate, localPreference?: number): LocalPreferenceInfo {
  requireObject(c, 'explainLocalPreference: the candidate', 'type', 'priority');
  const parts = decodePriority(c.priority);
  const value = localPreference === undefined ? parts.localPreference : requireInteger(localPreference, 'explainLocalPreference: the local preference', 0, 65535);
  return localPreferenceOf(c.type, value, parts.typePreference, typeof c.address === 'string' ? classifyAddress(c.address) : null, c.address);
}

/** explainLocalPreference of what the caller has read already (explainParsed: the priority's parts and the address's class). */
function localPreferenceOf(type: string, value: number, typePreference: number, address: AddressInfo | null, text: string): LocalPreferenceInfo {
  const precedence = address !== null ? libwebrtcPrecedence(text, address) : null;
  const relay = type === 'relay';
  // One number: value (16 bits), relay (1), type preference (8), precedence (0 to 60, or 61: none).
  const key = ((typePreference * 62 + (precedence ?? 61)) * 2 + (relay ? 1 : 0)) * 65536 + value;
  let i = LOCAL_PREFERENCES.get(key);
  if (i === undefined) {
    if (LOCAL_PREFERENCES.size >= 4096) LOCAL_PREFERENCES.clear();
    LOCAL_PREFERENCES.set(key, (i = deepFreeze(readLocalPreference(relay, value, typePreference, precedence))));
  }
  return i;
}

const deepFreeze = <T extends LocalPreferenceInfo>(i: T): T => {
  if (i.libwebrtc) Object.freeze(i.libwebrtc);
  return Object.freeze(i);
};

/** `precedence`: libwebrtc's for the candidate's address (null: no IP address, any precedence may be it). */
function readLocalPreference(relay: boolean, value: number, typePreference: number, precedence: number | null): LocalPreferenceInfo {
  const highByte = value >> 8;
  const lowByte = value & 0xff;
  const of = (p: number) => ADDRESS_PRECEDENCE.find(([x]) => x === p);
  let libwebrtc: LocalPreferenceInfo['libwebrtc'] = null;
  if (LIBWEBRTC_TYPE_PREFERENCES.has(typePreference) && highByte <= HIGHEST_NETWORK_PREFERENCE && relay === typePreference <= 3) {
    // The relay preference is added on top: the precedence of the relay's own address, else the highest within reach.
    const base = relay
      ? (precedence !== null ? of(precedence) : ADDRESS_PRECEDENCE.find(([p]) => p <= lowByte && lowByte - p < MAX_TURN_SERVERS))
      : (precedence !== null ? [precedence, precedence + MAX_TURN_SERVERS] : [lowByte, lowByte - MAX_TURN_SERVERS]).map(of).find((x) => x !== undefined);
    if (base !== undefined && relay && lowByte >= base[0] && lowByte - base[0] < MAX_TURN_SERVERS) {
      libwebrtc = { networkPreference: highByte, addressPrecedence: base[0], addressPrecedenceMeaning: base[1], relayPreference: lowByte - base[0], adjusted: false };
    } else if (base !== undefined && !relay && (lowByte === base[0] || lowByte === base[0] + MAX_TURN_SERVERS)) {
      libwebrtc = { networkPreference: highByte, addressPrecedence: base[0], addressPrecedenceMeaning: base[1], relayPreference: null, adjusted: lowByte !== base[0] };
    }
  }
  return { value, highByte, lowByte, libwebrtc };
}

/** Type preferences seen for each type across implementations; outside these a type is suspect. */
const TYPE_PREFERENCE_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  host: [40, 126],
  prflx: [40, 125],
  srflx: [40, 125],
  relay: [0, 30],
};

const ICE_CHARS = /^[A-Za-z0-9+/]*$/;

/** A rule a candidate breaks, not yet placed: the reader that found it adds where. */
export type CandidateFinding = Diagnostic<Exclude<CandidateDiagnosticKind, 'unparseable-candidate'>>;

const UNPLACED: CandidatePosition = { line: null, column: null, mid: null, session: null };

/** The rules a parsed candidate breaks (RFC 8839 §5.1 beyond the grammar, RFC 8445 §5.1.2.1). */
const NO_FINDINGS: readonly CandidateFinding[] = /* @__PURE__ */ Object.freeze([]);

/** The fields the rules read: a Candidate has them; the candidate-log fast path passes its own. */
export interface LintedFields {
  readonly foundation: string;
  readonly component: number;
  readonly priority: number;
  /** Lower case (Candidate.transport). */
  readonly transport: string;
  /** As written ("TCP-ACT"), where the reader kept it. */
  readonly transportText?: string;
  readonly networkId: string | null;
  readonly address: string;
  readonly relatedAddress: string | null;
  readonly relatedPort: number | null;
  readonly tcpType: string | null;
  readonly type: string;
  readonly networkCost: number | null;
}

function lint(c: Candidate, priority: PriorityParts, address: AddressInfo, related: AddressInfo | null): readonly CandidateFinding[] {
  return candidateFindings(c, c.extensions.find((e) => e.name === 'network-cost')?.value ?? null, priority.typePreference, address, related, extensionProblem(c), c.verbatim !== undefined ? caseProblem(c.verbatim.text) : null);
}

/** An extension without its value, or a generation that is not a number (candidate-extension-value), said; null when none. */
function extensionProblem(c: Candidate): string | null {
  const spelling = c.verbatim !== undefined ? blankProblem(c.verbatim.text) : null;
  if (spelling !== null) return spelling;
  const x = c.extensions;
  for (let i = 0; i < x.length; i++) {
    const e = x[i]!;
    // Empty before another extension: a run of blanks after it ("tcptype  generation 0", the sdp-transform thread's line).
    if (e.value === '' && i < x.length - 1 && VALUE_NEEDED.has(e.name)) return `${e.name} has an empty value (a run of blanks after it): Chromium refuses the candidate`;
    // The line ends in "raddr" or "rport" (cut there: aiortc#219's iOS srflx; change audit: "has no raddr" alone read as wrong).
    if (e.value === '' && (e.name === 'raddr' || e.name === 'rport')) return `the line ends in "${e.name}" with no value (cut there?): Chromium ignores a last name without its value and takes the candidate, without its related ${e.name === 'raddr' ? 'address' : 'port'}`;
    if (e.value === '' && e.name !== 'tcptype') return `extension "${e.name.slice(0, 24)}" has no value (or an empty one): Chromium ignores a last name without its value and takes the candidate`;
    if (e.name === 'generation' && !DIGITS.test(e.value)) return `generation "${e.value.slice(0, 24)}" is not a number: Chromium refuses the candidate (in an SDP, the whole description)`;
    // A 32-bit unsigned number to libwebrtc (library audit: 4294967296 unsaid; Chromium: "Invalid generation", measured).
    if (e.name === 'generation' && (e.value.replace(/^0+(?=\d)/, '').length > 10 || Number(e.value) > 0xffffffff)) return `generation ${e.value.length > 24 ? `${e.value.slice(0, 24)}…` : e.value} is past 4294967295: Chromium refuses the candidate (in an SDP, the whole description)`;
  }
  return null;
}

const DIGITS = /^\d+$/;

/** Extensions whose empty value Chromium refuses the candidate for (measured: "generation  0", "network-id  1", "tcptype  generation 0"; network-cost is read as a number as they are). */
const VALUE_NEEDED: ReadonlySet<string> = new Set(['generation', 'network-id', 'network-cost', 'tcptype']);

/**
 * What Chromium makes of a line whose blanks are not single: it splits at each blank, keeping the
 * empty fields between two (webrtc_sdp.cc ParseCandidate), so a run of blanks among the eight
 * fields shifts them, as a tab inside one spoils it, and a run after generation, network-id or
 * tcptype leaves it an empty value: each refused ("Error processing ICE candidate"; measured, the
 * foreign-candidate audit: LiveKit's aligned columns, "10.0.0.5      56869", had been read).
 * Elsewhere (after "typ host", after an unknown name or ufrag) it takes the line. Null when fine.
 */
/**
 * "candidate:" or "typ" in another case, which sdpscope reads and Chromium refuses (measured:
 * "Candidate:", "CANDIDATE:", "a=Candidate:", "TYP"; "Error processing ICE candidate"), where
 * Firefox resolves addIceCandidate (relay/client audit: read without a word). Null when none.
 */
function caseProblem(text: string): string | null {
  const at = text.startsWith('a=') ? 2 : 0;
  const prefix = text.slice(at, at + 10);
  if (prefix !== 'candidate:' && prefix.toLowerCase() === 'candidate:') return `the prefix is written "${text.slice(0, at + 10)}": Chromium refuses the candidate (it reads "candidate:" in lower case only)`;
  const typ = text.slice(at + 10).split(' ')[6];
  if (typ !== undefined && typ !== 'typ' && typ.toLowerCase() === 'typ') return `"typ" is written "${typ}": Chromium refuses the candidate (it reads "typ" in lower case only)`;
  return null;
}

function blankProblem(text: string): string | null {
  if (!text.includes('  ') && !text.includes('\t')) return null;
  const fields = text.replace(/^(?:a=)?candidate:/i, '').split(' ');
  for (let i = 0; i < 8 && i < fields.length; i++) {
    if (fields[i] === '') return `a run of blanks before field ${i + 1} of 8: the fields shift where Chromium splits at each blank, and Chromium refuses the candidate`;
    if (fields[i]!.includes('\t')) return `a tab between fields, where Chromium splits at blanks only: Chromium refuses the candidate`;
  }
  for (let i = 8; i + 1 < fields.length; i += 2) {
    if (fields[i + 1] === '' && VALUE_NEEDED.has(fields[i]!)) return `a run of blanks after ${fields[i]}, whose value is then empty: Chromium refuses the candidate`;
  }
  return null;
}

function addressFindings(out: CandidateFinding[], what: string, text: string | null, info: AddressInfo | null): void {
  if (info === null || text === null) return;
  if (info.family === 'invalid') out.push(diagnostic('candidate-invalid-address', `${what} "${text}" is not an IP address or host name`, UNPLACED));
  else if (info.family === 'redacted') out.push(diagnostic('candidate-redacted-address', `${what} "${text}" is a redaction marker, not an address`, UNPLACED));
  // The candidate's own address only: a related address of 0.0.0.0 is how browsers hide the base.
  else if (what === 'address' && UNUSABLE.has(info.class)) out.push(diagnostic('candidate-unusable-address', `address ${text.slice(0, 48)} is ${info.class === 'unspecified' ? 'the unspecified address' : `a ${info.class} address`}: no peer can send to it`, UNPLACED));
}

/** Address classes no connectivity check can reach (RFC 8445 §5.1.1.1: the unspecified address is not gathered; multicast and broadcast are no one's). */
const UNUSABLE: ReadonlySet<string> = new Set(['unspecified', 'multicast', 'broadcast']);

/**
 * Internal: the rules a candidate breaks, from its fields (`networkCostText` is the network-cost
 * extension's value as written, null when there is none). A shared empty list when it breaks none.
 */
export function candidateFindings(c: LintedFields, networkCostText: string | null, typePreference: number, address: AddressInfo, related: AddressInfo | null, extensionSaid: string | null = null, caseSaid: string | null = null): readonly CandidateFinding[] {
  const range = TYPE_PREFERENCE_RANGES[c.type];
  // The common case at once: a candidate that breaks no rule below makes no list.
  if (range !== undefined && typePreference >= range[0] && typePreference <= range[1] && (c.type === 'host' || (c.relatedAddress !== null && c.relatedPort !== null))
    && (c.tcpType === null || c.tcpType === 'active' || c.tcpType === 'passive' || c.tcpType === 'so') && (networkCostText === null || (c.networkCost !== null && c.networkCost <= 999))
    && c.foundation !== '' && c.foundation.length <= 32 && ICE_CHARS.test(c.foundation) && address.family !== 'invalid' && address.family !== 'redacted' && !UNUSABLE.has(address.class)
    && (related === null || c.relatedAddress === null || (related.family !== 'invalid' && related.family !== 'redacted'))
    && ((c.transport === 'udp' && c.tcpType === null) || (c.transport === 'tcp' && c.tcpType !== null)) && extensionSaid === null && caseSaid === null && (c.networkId === null || DIGITS.test(c.networkId))
    && 256 - (c.priority & 255) === c.component) {
    return NO_FINDINGS;
  }
  const out: CandidateFinding[] = [];
  if (c.foundation === '' || c.foundation.length > 32 || !ICE_CHARS.test(c.foundation)) {
    out.push(diagnostic('candidate-foundation', `foundation "${c.foundation}" is not 1*32ice-char`, UNPLACED));
  }
  addressFindings(out, 'address', c.address, address);
  addressFindings(out, 'related address', c.relatedAddress, related);
  if (c.tcpType !== null && c.tcpType !== 'active' && c.tcpType !== 'passive' && c.tcpType !== 'so') {
    // Chromium refuses any other word, its case too (measured: "tcptype foo", "tcptype ACTIVE"); an empty one it takes.
    out.push(diagnostic('candidate-unknown-tcptype', `tcptype "${c.tcpType.slice(0, 24)}" is not active, passive or so${c.tcpType !== '' ? ': Chromium refuses the candidate' : ''}`, UNPLACED));
  } else if (c.tcpType === null && c.transport === 'tcp') out.push(diagnostic('candidate-tcptype-missing', `TCP candidate without tcptype: its role (active, passive or so) is a guess`, UNPLACED));
  // webrtc_sdp.cc ParseCandidate: "Invalid non-TCP candidate" (candidate audit: go2rtc before its PR #166 wrote "udp … typ host tcptype passive", read without a word).
  if (c.tcpType !== null && c.transport === 'udp') out.push(diagnostic('candidate-extension-value', `tcptype on a udp candidate: Chromium refuses the candidate ("Invalid non-TCP candidate")`, UNPLACED));
  // RFC 8445 §5.1.2.1: the low byte is 256 − the component ID (candidates audit: libnice's and a gateway's said nothing).
  // The component the last byte would mean only where it could be one (1 or 2); "component 136" read as a claim (parse audit: ZLMediaKit's priority 120).
  if (256 - (c.priority & 255) !== c.component) {
    const implied = 256 - (c.priority & 255);
    out.push(diagnostic('priority-component-mismatch', `priority ${c.priority}'s last byte is ${c.priority & 255}, not 256 − ${c.component} as RFC 8445's formula has it for component ${c.component}${implied <= 2 ? ` (it would mean component ${implied})` : ''}: a stack's own formula (libnice's, a media server's) or a rewritten line; the pair order follows the priority as written`, UNPLACED));
  }
  // ssltcp is libwebrtc's old pseudo-TLS over TCP, which Chromium still reads (webrtc_sdp.cc; audit of the change: "refuses" was said of it).
  if (c.transport !== 'udp' && c.transport !== 'tcp') out.push(diagnostic('candidate-unknown-transport', `transport "${(c.transportText ?? c.transport).slice(0, 24)}" is not udp or tcp: ${c.transport === 'ssltcp' ? 'libwebrtc\'s old pseudo-TLS over TCP, which Chromium still reads and no browser offers any more' : 'Chromium refuses the candidate (in a description, the whole description: measured) and Firefox skips it'}`, UNPLACED));
  if (extensionSaid !== null) out.push(diagnostic('candidate-extension-value', extensionSaid, UNPLACED));
  if (caseSaid !== null) out.push(diagnostic('candidate-keyword-case', caseSaid, UNPLACED));
  if (c.networkId !== null && !DIGITS.test(c.networkId)) out.push(diagnostic('candidate-extension-value', `network-id "${c.networkId.slice(0, 24)}" is not a number: Chromium refuses the candidate`, UNPLACED));
  const known = c.type === 'host' || c.type === 'srflx' || c.type === 'prflx' || c.type === 'relay';
  if (!known) out.push(diagnostic('candidate-unknown-type', `candidate type "${c.type}" is not host, srflx, prflx or relay`, UNPLACED));
  // Not of a prflx: a peer-reflexive candidate is learned from a check (RFC 8445 §7.3.1.3), never
  // gathered or trickled, and an agent's log of one has no base to show (candidate-log audit: ice4j's
  // "RemoteCandidate=… typ prflx" warned, its advice "add raddr if the producer is yours").
  if (c.type !== 'host' && c.type !== 'prflx' && known && (c.relatedAddress === null || c.relatedPort === null)) {
    out.push(diagnostic('candidate-missing-related-address', `${c.type} candidate has no raddr/rport`, UNPLACED));
  }
  if (networkCostText !== null && (c.networkCost === null || c.networkCost > 999)) {
    const refused = c.networkCost === null || c.networkCost > 65535;
    out.push(diagnostic('candidate-network-cost', `network-cost "${networkCostText.slice(0, 24)}" is ${c.networkCost === null ? 'not a number' : 'above 999'}${refused ? ': Chromium refuses the candidate' : ''}`, UNPLACED));
  }
  if (range) {
    const t = typePreference;
    if (t < range[0] || t > range[1]) {
      // Past 126 (a priority past 2^31 − 1) it breaks RFC 8445 §5.1.2's bounds, not merely custom (SIP audit:
      // a RingCentral SBC's 4294902018); both browsers take it (measured), and it outranks every candidate they make.
      const past = Number(c.priority) > 2147483647 ? `, and its priority ${c.priority} is past 2^31 − 1, §5.1.2.1's bound` : '';
      const beyond = t > 126 ? `: above 126, the most RFC 8445 §5.1.2.2 allows${past}; both browsers take it (measured), and it outranks any candidate they make` : ' (browsers use ' + `${range[0]}..${range[1]}; some servers write their own)`;
      out.push(diagnostic('type-preference-mismatch', `type preference ${t} is unusual for ${c.type} candidates${beyond}`, UNPLACED));
    }
  }
  return out.length === 0 ? NO_FINDINGS : out;
}

/** Everything sdpscope reads out of one candidate, derived once where the candidate enters. */
export interface CandidateExplanation {
  readonly priority: PriorityParts;
  readonly localPreference: LocalPreferenceInfo;
  /** Relays only: the TURN transport the type preference implies. */
  readonly relayProtocol: RelayProtocolInference | null;
  readonly networkCost: NetworkCostInfo | null;
  readonly address: AddressInfo;
  readonly relatedAddress: AddressInfo | null;
  /** Rules the line breaks, without position (`line`, `mid`, `session` null): see {@link placeFindings}. */
  readonly warnings: readonly CandidateFinding[];
}

/**
 * What a parsed candidate says beyond its fields: its priority split into type, local and
 * component preference (RFC 8445 §5.1.2.1) with what the local preference encodes (libwebrtc's
 * network adapter and address precedence, a relay's protocol), the address class, the network
 * cost class, and warnings for what a browser refuses or never pairs. Pure.
 */
export function explainCandidate(c: Candidate): CandidateExplanation {
  requireCandidate(c, 'explainCandidate: the candidate');
  return explainParsed(c);
}

/** explainCandidate of a candidate sdpscope's own readers made (not checked again). Internal. */
export function explainParsed(c: Candidate): CandidateExplanation {
  const priority = decodePriority(c.priority);
  const address = classifyAddress(c.address);
  const relatedAddress = c.relatedAddress === null ? null : classifyAddress(c.relatedAddress);
  // The parts and the address's class read once, not again (audit of the change: both were redone).
  const localPreference = localPreferenceOf(c.type, priority.localPreference, priority.typePreference, address, c.address);
  return {
    priority,
    localPreference,
    relayProtocol: c.type === 'relay' ? relayReading(priority.typePreference, localPreference) : null,
    networkCost: c.networkCost === null ? null : explainNetworkCost(c.networkCost),
    address,
    relatedAddress,
    warnings: lint(c, priority, address, relatedAddress),
  };
}

/** An explanation's findings, placed where the candidate was found. */
export function placeFindings(e: CandidateExplanation, at: Partial<CandidatePosition>): CandidateFinding[] {
  return e.warnings.length === 0 ? [] : e.warnings.map((w) => ({ ...w, ...at }));
}
