/**
 * Why ICE failed (or how it connected), from one peer connection of a stats dump: the state
 * timelines, the candidates each side had (from events, descriptions and stats, joined with
 * sdpscope's own decoding), the candidate errors explained, every candidate pair with its state
 * over time and its STUN counters, the selected pair and when it changed, ICE restarts, and a
 * verdict from a closed set with its evidence and what to do. Pure.
 */
import { classifyAddress, INSIDE_CLASSES, isRoutable, maySameSubnet, privateBlock, type AddressClass } from '../candidate/address.js';
import { tryReadCandidate, type Candidate, type KnownCandidateType, type TcpType } from '../candidate/candidate.js';
import { parseLegacyValue } from '../input/webrtc-internals.js';
import { decodePriority } from '../candidate/priority.js';
import { explainStunErrorCode } from '../stun/nat.js';
import { isSecretKey, redactFrame, redactText, REDACTED } from '../analysis/redact.js';
import { asText, isStatsReport, msOf, type DumpEvent, type PeerConnectionDump, type StatsHistory } from './dump.js';
import { requireObject, SdpscopeError } from '../errors.js';
import { listSome, pushAll } from '../arrays.js';

/** The verdicts (ICE_VERDICTS describes each). */
export const ICE_VERDICTS = {
  connected: { title: 'ICE connected', action: 'Nothing to fix in ICE; if media still fails, look at the descriptions (sdp-diff) and the RTP stats.' },
  'connected-then-lost': { title: 'ICE connected, then lost the path', action: 'The path stopped carrying STUN responses: a NAT binding expired, the network changed, or a firewall started dropping. Keep-alives (consent, RFC 7675) and an ICE restart on "disconnected" recover; a TURN relay survives NAT changes.' },
  'not-negotiated': { title: 'No offer/answer completed', action: 'ICE starts only after both descriptions are set: look at the signaling (a description not sent, not applied, or refused: the *OnFailure event says why).' },
  'no-local-candidates': { title: 'No usable local candidate', action: 'Gathering produced nothing to pair: with iceTransportPolicy "relay" every TURN server failed (see the candidate errors); otherwise no network interface or every server unreachable.' },
  'no-remote-candidates': { title: 'No remote candidate', action: 'The other side\'s candidates never arrived: the signaling did not forward them (trickle), or the remote description has none. Check that every icecandidate event is sent and added with addIceCandidate.' },
  'remote-candidates-refused': { title: 'The browser refused the remote candidates', action: 'addIceCandidate failed for every candidate the other side sent (addIceCandidateFailed in the dump): added before setRemoteDescription, with an sdpMid or sdpMLineIndex the remote description does not have, a ufrag of another generation (after an ICE restart), or a line the browser cannot parse. Add candidates after the remote description, with the init the other side\'s onicecandidate gave.' },
  'remote-candidates-unresolved': { title: 'Remote candidates are names that never resolved', action: 'A candidate written with a name is paired only once the name resolves. .local (mDNS) names hide a browser\'s host addresses and resolve only on the same link: give both sides a STUN server (srflx) or TURN (relay). A DNS name (a server announcing its host name) must resolve from this side: check its DNS record, or have the server announce its IP address.' },
  'relay-unanswered': { title: 'Checks through a TURN relay, never answered', action: 'A TURN relay candidate was there, so a TURN server was reached, yet the checks went unanswered (or too few were answered for a pair to hold), through the relay as well: the TURN server refused to relay to the peer (CreatePermission answered 403, its denied-peer-ip or its own relay range), the other side could not reach the relay address (its firewall), or the other side was not checking at all (look at its dump: did it get this side\'s candidates?). sdpscope probe checks a TURN server end to end.' },
  'remote-unreachable': { title: 'The other side offered only addresses inside its own network', action: 'Every candidate the other side sent is a host candidate at a private address (RFC 1918, a Docker bridge, a cloud network, CGN, IPv6 unique-local, link-local) of another network than this side\'s, and none is a srflx or a relay: nobody outside its network reaches them, and a TURN relay on this side only from inside it. The fix is on that side: give it a STUN server (a srflx candidate) or TURN (a relay); a server (a media server, a SIP gateway, an app in a container) must announce its public address (FreeSWITCH\'s ext-rtp-ip, Asterisk\'s external_media_address, Janus\'s nat_1_1_mapping, mediasoup\'s announcedAddress, pion\'s NAT1To1IPs), or run with host networking.' },
  'checks-unanswered': { title: 'Checks sent, never answered', action: 'Connectivity checks left but no response came back: a NAT filtering unsolicited packets (port-restricted or symmetric on both sides) or a firewall dropping UDP. A TURN relay is needed: configure one that works (sdpscope probe checks it).' },
  'closed-by-peer': { title: 'The other side closed the connection', action: 'Nothing failed on the path: the other side ended the DTLS session (close_notify: its application called close(), or its page or process went away), and stops answering consent checks, so ICE goes disconnected unless this side closes first. Look at why it hung up (its own logs or dump); an application can take a DTLS transport in state "closed" as the end of the call instead of waiting for ICE to fail.' },
  'no-nomination': { title: 'Checks answered, no pair selected', action: 'Some pairs succeeded but none was nominated or selected: an ICE-lite or controlling-role problem, or the dump ended during nomination.' },
  'dtls-failed': { title: 'ICE connected, DTLS failed', action: 'The path works. When the secure channel never came up: a certificate that does not match a=fingerprint (munged SDP, a wrong fingerprint from a server), both sides in the same DTLS role (a=setup), or a middlebox eating DTLS; sdp-diff checks fingerprints and roles. When it was up and then failed: a renegotiation that changed the fingerprint or the DTLS role mid-call (sdp-diff the two offers), or a fatal DTLS alert: look at both sides\' logs at that time.' },
  'closed-early': { title: 'Closed before ICE connected', action: 'The application closed the peer connection before ICE could finish: look at why it hung up (a timeout too short, an error elsewhere, a page unloaded).' },
  'success-unconfirmed': { title: 'A pair succeeded; nothing says whether it was used', action: 'The stats show a candidate pair answered and nothing of nomination, selection, bytes or the ICE state (an about:webrtc table without those columns): the call may well have connected. Take a record that says it: the page\'s "Copy Report" JSON, a webrtc-internals dump or a whole getStats() result.' },
  'still-checking': { title: 'The dump ended while ICE was still checking', action: 'Take the dump later, or after the failure, to see how it ends.' },
  'not-started': { title: 'ICE had not started when the stats were taken', action: 'A getStats() result from before ICE began (no candidate, no pair; it holds no descriptions or events, so whether the offer and answer were set cannot be told): take it after the failure, and give the descriptions with it (peerConnectionFromStats(snapshots, { localSdp, remoteSdp })), or take a webrtc-internals or rtcstats dump, which has the events.' },
  'stats-filtered': { title: 'The stats cannot tell how ICE went', action: 'The result holds candidate reports and no candidate pair (a getStats() filtered by type: an app that logs one kind of report): keep the whole getStats() result (its candidate-pair and transport reports say what connected), or take a webrtc-internals or rtcstats dump.' },
  'no-ice-data': { title: 'No ICE activity in the dump', action: 'The peer connection has no ICE events and no ICE stats: was webrtc-internals opened before the call, and did the call start?' },
} as const satisfies Record<string, { title: string; action: string }>;

export type IceVerdictCode = keyof typeof ICE_VERDICTS;

/** Silence on a selected pair that is still sending, past which it is said (a few consent intervals; media brings RTCP every second or so). */
const SILENT_MS = 8000;

export interface IceVerdict {
  readonly code: IceVerdictCode;
  /** One plain sentence. */
  readonly message: string;
  readonly evidence: readonly string[];
  readonly action: string;
}

/**
 * A candidate pair's state in getStats (webrtc-stats RTCStatsIceCandidatePairState; RFC 8445
 * §6.1.2.6), and Firefox's `cancelled` (an earlier draft's state, in its dumps' pairs: found by
 * the fixture test that holds this set to real dumps).
 */
export type IcePairState = 'frozen' | 'waiting' | 'in-progress' | 'failed' | 'succeeded' | 'cancelled';

/** One candidate, from an event, a description or the stats, with sdpscope's decoding. */
export interface IceCandidateInfo {
  /** The stats id, when the stats list it. */
  readonly id: string | null;
  /** The stats' candidateType or the line's typ (RFC 8839 §5.1): host, srflx, prflx, relay; a dump may hold another word, kept as written. */
  readonly type: KnownCandidateType | (string & {}) | null;
  /** udp or tcp (RFC 8839 §5.1's transport, lower-cased as the stats write it); another word kept. */
  readonly protocol: 'udp' | 'tcp' | (string & {}) | null;
  /** A relay's protocol to its TURN server (webrtc-stats relayProtocol): udp, tcp or tls. */
  readonly relayProtocol: 'udp' | 'tcp' | 'tls' | (string & {}) | null;
  /** RFC 6544 §4.5: active, passive or so (TCP candidates). */
  readonly tcpType: TcpType | (string & {}) | null;
  readonly address: string | null;
  readonly port: number | null;
  /** The STUN/TURN server that produced it (srflx, relay), when known. */
  readonly url: string | null;
  readonly networkType: string | null;
  readonly priority: number | null;
  /** Type preference, local preference and component id (RFC 8445 §5.1.2.1). */
  readonly priorityParts: { readonly typePreference: number; readonly localPreference: number; readonly componentId: number } | null;
  /** The address's class (private, public, mDNS name...). */
  readonly addressClass: AddressClass | null;
  /** Where it was seen: `event` (icecandidate / addIceCandidate), `sdp`, `stats`. */
  readonly seenIn: readonly ('event' | 'sdp' | 'stats')[];
  /** The candidate line, when one was seen. */
  readonly candidate: string | null;
}

export interface IceCandidateError {
  readonly time: number | null;
  readonly url: string | null;
  readonly errorCode: number | null;
  readonly errorText: string | null;
  /** The local address and port the error was for (`address:port`). */
  readonly hostCandidate: string | null;
  readonly explanation: string;
}

export interface IcePairInfo {
  readonly id: string;
  readonly local: IceCandidateInfo | null;
  readonly remote: IceCandidateInfo | null;
  /** The last state, webrtc-stats' RTCStatsIceCandidatePairState (Firefox's `inprogress` spelled `in-progress`); another word kept. */
  readonly state: IcePairState | (string & {}) | null;
  /** Each state change with its time. */
  readonly states: readonly { readonly time: number; readonly state: IcePairState | (string & {}) }[];
  /**
   * Checks sent, as the browser counts them (0 when it does not: see requestCountsReported).
   * Chromium's changed: once the checks before the first response, the consent requests after
   * it counted apart (Chrome 87 and 99 in the dumps here); now every request, consent requests
   * included (Chrome 144 to 156 here; libwebrtc's rtc_stats_collector: sent_ping_requests_total
   * instead of ..._before_first_response). Which one a dump holds: IceReport.consentCounting.
   */
  readonly requestsSent: number;
  /** Responses to checks received, consent responses included (0 when the browser does not count them: see responseCountsReported). */
  readonly responsesReceived: number;
  /** Whether the stats count responses received (Firefox 118 has no responsesReceived: ICE audit, "0 responses" on a pair that carried 3 MB). */
  readonly responseCountsReported: boolean;
  /** Whether the stats count requests sent and received (Firefox counts responses received only). */
  readonly requestCountsReported: boolean;
  readonly requestsReceived: number;
  readonly responsesSent: number;
  /** Consent requests (RFC 7675) sent, 0 when the browser does not count them: see consentCountReported. */
  readonly consentRequestsSent: number;
  /** Whether the stats count consent requests (Safari and Firefox do not: "0" had been shown for Safari's; dumps audit). */
  readonly consentCountReported: boolean;
  /** ms */
  readonly currentRoundTripTime: number | null;
  /** Bytes sent and received on the pair (W3C webrtc-stats §7.14), 0 when not counted: see bytesCountsReported. */
  readonly bytesSent: number;
  readonly bytesReceived: number;
  /** Whether the stats count the pair's bytes (Firefox 36's candidatepair does not: "0/0" had been shown; ICE audit). */
  readonly bytesCountsReported: boolean;
  readonly nominated: boolean;
  readonly selected: boolean;
  /** When responsesReceived last grew (epoch ms), when the series tell; its first sample's time when it never grew after it. */
  readonly lastResponseAt: number | null;
  /** responsesReceived grew between two samples of the dump (false: it had its last value from the first sample on). */
  readonly responsesGrew: boolean;
  /**
   * The pair's lastPacketReceivedTimestamp and lastPacketSentTimestamp (epoch ms; STUN packets not
   * counted, W3C webrtc-stats §7.14), and the time of its last stats sample: null when not reported.
   */
  readonly lastPacketReceivedAt: number | null;
  readonly lastPacketSentAt: number | null;
  readonly sampledAt: number | null;
  /** For plots: RTT (ms) and bytes sent and received over time, as [epoch ms, value], at most 200 points each. */
  readonly series: { readonly rtt: readonly [number, number][]; readonly bytesSent: readonly [number, number][]; readonly bytesReceived: readonly [number, number][] };
}

/** A stats timestamp in epoch ms (dump.ts's msOf: native libwebrtc writes microseconds), null when it is none. */
function epochMs(v: unknown): number | null {
  const n = num(v);
  return n === null || n <= 0 ? null : msOf(n);
}

/** A numeric series, thinned to at most `max` points (the first and the last kept). */
function numericSeries(h: StatsHistory, property: string, scale = 1, max = 200): [number, number][] {
  const points = h.series(property).filter((p) => typeof p.value === 'number' && Number.isFinite(p.value));
  const step = Math.max(1, Math.ceil(points.length / max));
  const out: [number, number][] = [];
  // Rounded to a tenth; a value that overflows doing so (1e308 bytes in a Firefox report gave Infinity; library audit) is left out.
  const rounded = (v: number) => Math.round(v * scale * 10) / 10;
  const add = (time: number, v: number) => {
    const r = rounded(v);
    if (Number.isFinite(r)) out.push([time, r]);
  };
  for (let i = 0; i < points.length; i += step) add(points[i]!.time, points[i]!.value as number);
  const last = points.at(-1);
  if (last && out.at(-1)?.[0] !== last.time) add(last.time, last.value as number);
  return out;
}

export interface IceTimelineEntry {
  readonly time: number | null;
  readonly kind: 'signaling' | 'gathering' | 'ice' | 'connection' | 'description' | 'candidate' | 'error' | 'restart' | 'selected-pair' | 'close';
  readonly text: string;
}

export interface IceReport {
  readonly id: string;
  /** The dump's first time for this peer connection (epoch ms): every "+N s" counts from it. */
  readonly startTime: number | null;
  readonly url: string | null;
  /** The configuration, credentials replaced by "(redacted)". */
  readonly configuration: Readonly<Record<string, unknown>> | null;
  readonly states: {
    readonly signaling: readonly { readonly time: number | null; readonly state: string }[];
    readonly gathering: readonly { readonly time: number | null; readonly state: string }[];
    readonly ice: readonly { readonly time: number | null; readonly state: string }[];
    readonly connection: readonly { readonly time: number | null; readonly state: string }[];
  };
  readonly localCandidates: readonly IceCandidateInfo[];
  readonly remoteCandidates: readonly IceCandidateInfo[];
  readonly candidateErrors: readonly IceCandidateError[];
  readonly pairs: readonly IcePairInfo[];
  readonly selectedPair: { readonly local: IceCandidateInfo | null; readonly remote: IceCandidateInfo | null } | null;
  /**
   * Each transport's selected pair as it changes (transport.selectedCandidatePairId), in time
   * order: its first one, then each change. An unbundled call has a transport per m-line, each
   * with its own (their firsts are no change: dumps audit, "changed 1 time" of two transports).
   * `samePath`: true where it is the pair before with its peer-reflexive remote candidate replaced
   * by the one the other side signaled at that port, on the same local candidate: the same path
   * under a new pair id, which the text calls no change (ICE audit: the JSON had listed it bare).
   */
  readonly selectedPairChanges: readonly { readonly time: number; readonly pairId: string; readonly transportId: string; readonly samePath?: true }[];
  /**
   * How the browser's requestsSent counts consent requests (see IcePairInfo.requestsSent):
   * `included` (recent Chromium: requestsSent grew after a response, or exceeds the
   * consent requests of a pair that sent several), `apart` (older Chromium: requestsSent at most
   * the consent requests), null when no pair tells (no consent request counted).
   */
  readonly consentCounting: 'included' | 'apart' | null;
  readonly restarts: number;
  /**
   * The ICE/DTLS transport as its stats last show it (RTCTransportStats, W3C webrtc-stats §7.x:
   * iceRole, dtlsState, dtlsRole, tlsVersion, dtlsCipher, srtpCipher; each null when the stats
   * do not say), the selected pair's transport first; null with no transport stats (Firefox,
   * old dumps).
   */
  readonly transport: IceTransportInfo | null;
  readonly timeline: readonly IceTimelineEntry[];
  readonly verdict: IceVerdict;
}

/** What the transport stats say of the ICE role and the DTLS session (see IceReport.transport). */
export interface IceTransportInfo {
  /** RFC 8445 §6.1.1: "controlling" or "controlled". */
  readonly iceRole: 'controlling' | 'controlled' | null;
  /** RTCDtlsTransportState: new, connecting, connected, closed (the peer's close_notify), failed. */
  readonly dtlsState: string | null;
  /** RFC 5763 §5 (a=setup): "client" (active) or "server" (passive). */
  readonly dtlsRole: string | null;
  /** The TLS version as the stats give it (hex, "FEFD" is DTLS 1.2). */
  readonly tlsVersion: string | null;
  readonly dtlsCipher: string | null;
  readonly srtpCipher: string | null;
}

/** The configuration with TURN credentials redacted (the relay's redaction: every secret key, at any depth). */
function redactConfiguration(c: Readonly<Record<string, unknown>> | null): Record<string, unknown> | null {
  if (!c) return null;
  const out = redactFrame(c) as Record<string, unknown>;
  // Credentials written into the server URLs themselves (turn:user:pass@host).
  const servers = out['iceServers'];
  if (Array.isArray(servers)) {
    out['iceServers'] = servers.map((sv) => {
      if (sv === null || typeof sv !== 'object') return sv;
      const e = sv as Record<string, unknown>;
      const fix = (u: unknown) => (typeof u === 'string' ? redactServerUrl(u) : u);
      return { ...e, ...('urls' in e ? { urls: Array.isArray(e['urls']) ? e['urls'].map(fix) : fix(e['urls']) } : {}), ...('url' in e ? { url: fix(e['url']) } : {}) };
    });
  }
  return out;
}

/**
 * Secrets in free text: `password=…`-style pairs (any key ending in one of the words), JWTs
 * (eyJ….….…) and the user info (up to 512 characters, as the relay's) of STUN/TURN URLs. A
 * run such as "a-a-a-…", "-eyJ-eyJ…" or "stun:stun:…" was scanned to its end from every position
 * in it (31 KB took 1.2 s; parser audit): keys are matched by their ending, JWTs a segment at
 * a time ({@link redactJwts}), user info only so far.
 */
function redactInText(text: string): string {
  return text
    .replace(/(password|passwd|secret|token|credential|pwd|apikey)([=:]\s*)([^\s&,;]+)/gi, (_m, k: string, sep: string) => `${k}${sep}${REDACTED}`)
    .replace(/[\w-]+(?:\.[\w-]+)*/g, (token) => (token.includes('eyJ') ? redactJwts(token) : token))
    .replace(/\b((?:stuns?|turns?):(?:\/\/)?)[^@\s"',/?]{0,512}@/gi, `$1${REDACTED}@`);
}

/**
 * The JWTs in a run of base64url segments joined by dots ("x-eyJ….eyJ….sig"), as
 * /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]{4,}/g finds them, a segment at a time: that expression
 * rescanned a segment to its end from every "eyJ" in it ("-eyJ-eyJ…": quadratic; parser audit).
 */
function redactJwts(token: string): string {
  const segments = token.split('.');
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const start = jwtStart(s);
    if (start >= 0 && i + 2 < segments.length && segments[i + 1]!.length >= 4 && segments[i + 2]!.length >= 4) {
      out.push(s.slice(0, start) + REDACTED);
      i += 2;
    } else out.push(s);
  }
  return out.join('.');
}

/** Where a JWT may start in a segment: its first "eyJ" after a non-word character (or at its start), with 4 or more characters after it; else -1. */
function jwtStart(s: string): number {
  for (let at = s.indexOf('eyJ'); at >= 0; at = s.indexOf('eyJ', at + 1)) {
    if (at === 0 || !WORD.test(s[at - 1]!)) return s.length - at - 3 >= 4 ? at : -1;
  }
  return -1;
}
const WORD = /\w/;

/** A STUN/TURN server URL with user info and secret query parameters redacted (turn:user:pass@host, ?token=). */
export function redactServerUrl(url: string | null): string | null {
  if (url === null) return null;
  // A key holds no "?" (a run of "?a" was scanned to its end from each "?": quadratic; parser audit).
  return url.replace(/^((?:stuns?|turns?):(?:\/\/)?)[^@/?\s]*@/i, `$1${REDACTED}@`).replace(/([?&;])([^=&;#?]+)=([^&;#]*)/g, (m, sep: string, k: string) => (isSecretKey(k) || /^(key|sig|k)$/i.test(k) ? `${sep}${k}=${REDACTED}` : m));
}

/** A page URL with its secrets redacted: secret query parameters, and secrets in JSON carried in one (an iceServers parameter). */
export function redactUrl(url: string | null): string | null {
  if (url === null) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return redactText(url);
  }
  const entries: [string, string][] = [];
  u.searchParams.forEach((v, k) => entries.push([k, v]));
  for (const [k, v] of entries) {
    if (isSecretKey(k) || /^(key|sig|k)$/i.test(k)) u.searchParams.set(k, REDACTED);
    else if (/^[[{]/.test(v.trim())) u.searchParams.set(k, redactInText(redactText(v)));
  }
  if (u.password) u.password = REDACTED;
  // A fragment carries tokens too (#access_token=…, OAuth's implicit flow): kept only as a mark.
  if (u.hash.length > 1) u.hash = /[=&]/.test(u.hash) ? `#${REDACTED}` : u.hash;
  return redactInText(u.href);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/**
 * A boolean field as the stats write it: true, or 1 as react-native-webrtc's console and some
 * exporters write booleans (ICE audit: react-native-webrtc#1725's `"nominated": 1` read as not
 * nominated), or "true" as a string.
 */
const flag = (v: unknown): boolean => v === true || v === 1 || v === 'true';
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) && Number.isFinite(Number(v)) ? Number(v) : null);
/**
 * A state from an event value: the spec's spelling, or Chrome 86's enum names
 * (`SignalingStateHaveLocalOffer` → `have-local-offer`, `IceConnectionStateConnected`).
 */
const stateOf = (v: unknown): string | null => {
  if (typeof v !== 'string') return null;
  const m = /^(?:Signaling|IceConnection|IceGathering|PeerConnection)State([A-Z]\w*)$/.exec(v);
  return m ? m[1]!.replace(/[A-Z]/g, (c, i: number) => `${i === 0 ? '' : '-'}${c.toLowerCase()}`) : v;
};

/**
 * An icecandidateerror's fields: its object, or older Chrome's text (`url: stun:…\naddress: …\n
 * port: …\nhost_candidate: …\nerror_text: …\nerror_code: 701`: ICE audit, read as "? the server failed").
 */
function candidateErrorFields(v: unknown): Record<string, unknown> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  const o: Record<string, unknown> = {};
  if (typeof v !== 'string') return o;
  for (const line of v.split('\n')) {
    const m = /^\s*([A-Za-z_]+):\s?(.*)$/.exec(line);
    if (m && !(m[1]! in o)) o[m[1]!] = m[2]!.trim();
  }
  return o;
}
const pairState = (s: string) => (s === 'inprogress' ? 'in-progress' : s);

/** A candidate line from an event value: `{candidate: "candidate:…"}`, its legacy text form, or null. */
/** A candidate line from an event value: `{candidate: "candidate:…"}`, Chrome's old text form, a bare line; or null. */
function candidateLineOf(value: unknown): string | null {
  if (value !== null && typeof value === 'object') {
    const c = (value as { candidate?: unknown }).candidate;
    return typeof c === 'string' && c.trim() !== '' ? c : null;
  }
  if (typeof value !== 'string') return null;
  const legacy = parseLegacyValue(value);
  if (legacy !== null) return 'candidate' in legacy ? legacy.candidate : null;
  return /^(?:a=)?candidate:\S/.test(value.trim()) ? value.trim() : null;
}

/** A description from an event value: `{type, sdp}`, or Chrome's old text form. */
function sdpOf(value: unknown): { type: string | null; sdp: string } | null {
  if (value !== null && typeof value === 'object' && typeof (value as { sdp?: unknown }).sdp === 'string') return { type: str((value as { type?: unknown }).type), sdp: (value as { sdp: string }).sdp };
  const legacy = typeof value === 'string' ? parseLegacyValue(value) : null;
  return legacy !== null && 'sdp' in legacy ? legacy : null;
}

/** 4 or 6 for an IP address, null for an mDNS name or no address. */
const familyOf = (c: { address: string | null }): 4 | 6 | null => {
  const f = c.address === null ? null : classifyAddress(c.address).family;
  return f === 'ipv4' ? 4 : f === 'ipv6' ? 6 : null;
};

/** `address:port`, an IPv6 address in brackets (RFC 3986 §3.2.2: its colons are not the port's). */
export const hostPort = (address: string | null, port: number | string | null): string => `${address === null ? '(hidden)' : address.includes(':') ? `[${address}]` : address}:${port ?? '?'}`;

const key = (c: { type: string | null; address: string | null; port: number | null; protocol: string | null }) => `${c.type ?? ''}|${c.address ?? ''}|${c.port ?? ''}|${(c.protocol ?? '').toLowerCase()}`;

function fromLine(line: string, seen: 'event' | 'sdp'): IceCandidateInfo | null {
  const r = tryReadCandidate(line);
  if (!r.ok) return null;
  const c: Candidate = r.candidate;
  const parts = decodePriority(c.priority);
  return {
    id: null,
    type: c.type,
    protocol: c.transport.toLowerCase(),
    relayProtocol: null,
    tcpType: c.tcpType ?? null,
    address: c.address,
    port: c.port,
    url: null,
    networkType: null,
    priority: c.priority,
    priorityParts: { typePreference: parts.typePreference, localPreference: parts.localPreference, componentId: parts.componentId },
    addressClass: classifyAddress(c.address).class,
    seenIn: [seen],
    candidate: line.replace(/^a=/, ''),
  };
}

function fromStats(h: StatsHistory): IceCandidateInfo {
  const s = h.last;
  const address = str(s['address']) ?? str(s['ip']) ?? str(s['ipAddress']);
  const priority = num(s['priority']);
  const parts = priority !== null && Number.isInteger(priority) && priority >= 0 && priority <= 0xffffffff ? decodePriority(priority) : null;
  return {
    id: h.id,
    type: str(s['candidateType'])?.replace(/^serverreflexive$/, 'srflx').replace(/^peerreflexive$/, 'prflx').replace(/^relayed$/, 'relay') ?? null,
    protocol: str(s['protocol'])?.toLowerCase() ?? str(s['transport'])?.toLowerCase() ?? null,
    // Safari's stats have no relayProtocol: its TURN URL says it (dumps audit: a relay over TLS said "relay udp").
    relayProtocol: str(s['relayProtocol']) ?? (s['candidateType'] === 'relay' || s['candidateType'] === 'relayed' ? relayProtocolOfUrl(str(s['url'])) : null),
    tcpType: str(s['tcpType']),
    address: address === '' ? null : address,
    port: num(s['port']) ?? num(s['portNumber']),
    url: str(s['url']) || null,
    networkType: str(s['networkType']),
    priority,
    priorityParts: parts ? { typePreference: parts.typePreference, localPreference: parts.localPreference, componentId: parts.componentId } : null,
    addressClass: address ? classifyAddress(address).class : null,
    seenIn: ['stats'],
    candidate: null,
  };
}

/** The transport to a TURN server its URL names (RFC 7065): turns: is TLS, ?transport=tcp TCP, else UDP; null for no TURN URL. */
function relayProtocolOfUrl(url: string | null): string | null {
  if (url === null) return null;
  if (/^turns:/i.test(url)) return 'tls';
  if (!/^turn:/i.test(url)) return null;
  return /[?&]transport=tcp(?:&|$)/i.test(url) ? 'tcp' : 'udp';
}

/** Joins candidates seen in several places (same address, port and protocol). */
function merge(list: IceCandidateInfo[]): IceCandidateInfo[] {
  const out = new Map<string, IceCandidateInfo>();
  const anon: IceCandidateInfo[] = [];
  // A masked address (its class may still be known: "172.17.x.x" is private) identifies nothing.
  const masked = (c: IceCandidateInfo) => c.address !== null && classifyAddress(c.address).family === 'redacted';
  for (const c of list) {
    if (c.address === null) {
      anon.push(c);
      continue;
    }
    // A redacted address ("x.x.x.x", a dump shared with its addresses masked) is no identity:
    // the priority tells such candidates apart (dumps audit: three remote TCP candidates at
    // x.x.x.x:9 were one).
    let k = masked(c) ? `${key(c)}|${c.priority ?? ''}` : key(c);
    // Two priorities at one address, port and transport are two candidates (a TCP passive and an
    // so one: Pexip's Firefox stats list both, and one was lost; dumps audit).
    const first = out.get(k);
    if (first !== undefined && first.priority !== null && c.priority !== null && first.priority !== c.priority) k = `${k}|${c.priority}`;
    const prev = out.get(k);
    out.set(k, prev === undefined ? c : joined(prev, c));
  }
  // A redacted one that is a candidate seen with its address elsewhere (the event had it, the
  // stats masked it: Safari's relay was counted twice) joins it: same type, port, transport and priority.
  const sighting = (x: IceCandidateInfo) => `${x.type} ${x.port} ${x.protocol} ${x.priority}`;
  foldInto(out, (x) => (!masked(x) && x.priority !== null ? sighting(x) : null), (x) => (masked(x) && x.priority !== null ? sighting(x) : null), false);
  // A TCP active candidate is signaled at port 9 (RFC 6544 §4.5) and listed by Firefox's stats at
  // the port its socket took: the same candidate (same type, address and priority; dumps audit:
  // Firefox 117's four were eight), one stats entry each.
  const socket = (x: IceCandidateInfo) => `${x.type} ${x.address} ${x.priority}`;
  foldInto(out, (x) => (x.protocol === 'tcp' && x.port === 9 && x.priority !== null && x.id === null ? socket(x) : null), (x) => (x.protocol === 'tcp' && x.port !== 9 && x.priority !== null && x.seenIn.every((w) => w === 'stats') ? socket(x) : null), true);
  // A stats candidate whose address the browser hid ("" in Chrome's stats) is the signaled one of
  // the same port, transport and priority (indexed after the joins above, which remove entries).
  const rest: IceCandidateInfo[] = [];
  // The first candidate's key for each port and transport, and for each port, transport and
  // priority (every candidate copied per hidden one grew with their product, parser audit; a scan
  // of the port's list per hidden one with its own priority, Chrome's port-9 TCP candidates, grew
  // with their square: 20,000 took 11.8 s, ICE audit).
  const firstOfPort = new Map<string, string>();
  const firstOfPriority = new Map<string, string>();
  if (anon.length > 0) {
    for (const [k, x] of out) {
      const p = `${x.port} ${x.protocol}`;
      if (!firstOfPort.has(p)) firstOfPort.set(p, k);
      const q = `${p} ${x.priority}`;
      if (!firstOfPriority.has(q)) firstOfPriority.set(q, k);
    }
  }
  for (const c of anon) {
    const p = `${c.port} ${c.protocol}`;
    const k = c.priority === null ? firstOfPort.get(p) : firstOfPriority.get(`${p} ${c.priority}`);
    const twin = k === undefined ? undefined : out.get(k);
    if (twin) out.set(k!, joined(twin, c));
    else rest.push(c);
  }
  return [...out.values(), ...rest];
}

/** Two sightings of one candidate as one: `a`'s fields, each one `a` lacks from `b`; `a`'s address and port; where it was seen, both. */
function joined(a: IceCandidateInfo, b: IceCandidateInfo): IceCandidateInfo {
  return {
    id: a.id ?? b.id,
    type: a.type ?? b.type,
    protocol: a.protocol ?? b.protocol,
    relayProtocol: a.relayProtocol ?? b.relayProtocol,
    tcpType: a.tcpType ?? b.tcpType,
    address: a.address,
    port: a.port,
    url: a.url ?? b.url,
    networkType: a.networkType ?? b.networkType,
    priority: a.priority ?? b.priority,
    priorityParts: a.priorityParts ?? b.priorityParts,
    addressClass: a.addressClass ?? b.addressClass,
    seenIn: [...new Set([...a.seenIn, ...b.seenIn])],
    candidate: a.candidate ?? b.candidate,
  };
}

/**
 * Joins entries of `out` into others they are sightings of: `into` keys the ones that stay,
 * `from` the ones joined into the one of the same key (null: neither). `once`: each one that
 * stays takes one at most.
 */
function foldInto(out: Map<string, IceCandidateInfo>, into: (x: IceCandidateInfo) => string | null, from: (x: IceCandidateInfo) => string | null, once: boolean): void {
  const targets = new Map<string, string>();
  for (const [k, x] of out) {
    const t = into(x);
    if (t !== null) targets.set(t, k);
  }
  if (targets.size === 0) return;
  for (const [k, x] of [...out]) {
    const f = from(x);
    const target = f === null ? undefined : targets.get(f);
    const twin = target === undefined || target === k ? undefined : out.get(target);
    if (twin === undefined) continue;
    out.set(target!, joined(twin, x));
    out.delete(k);
    if (once) targets.delete(f!);
  }
}

/**
 * A STUN/TURN URL's server and the transport to it, as one key ("host:port udp|tcp|tls"; the
 * default port by scheme), null when it is not one. Not parseIceServerUri: the URLs of a dump
 * carry what it refuses (user info redacted to "[redacted]@", query parameters beside transport).
 */
function serverKey(url: string): string | null {
  const m = /^(stuns?|turns?):(?:\/\/)?(?:[^@/?]*@)?(\[[^\]]+\]|[^:/?\s]+)(?::(\d+))?/i.exec(url);
  if (!m) return null;
  const secure = /s$/i.test(m[1]!);
  const transport = secure ? 'tls' : /[?&]transport=tcp\b/i.test(url) ? 'tcp' : 'udp';
  return `${m[2]!.toLowerCase()}:${m[3] ?? (secure ? '5349' : '3478')} ${transport}`;
}

/** A candidate error in plain words (RTCPeerConnectionIceErrorEvent: 300–699 STUN codes, 701 unreachable). */
export function explainCandidateError(code: number | null, url: string | null, text: string | null): string {
  // Of the kinds an icecandidateerror event has (ICE audit: an object for a URL said "[object Object] failed (NaN)").
  if (code !== null && !(typeof code === 'number' && Number.isInteger(code))) throw new SdpscopeError('INVALID_ARGUMENT', 'explainCandidateError: the code must be an integer (an icecandidateerror errorCode) or null');
  if (url !== null && typeof url !== 'string') throw new SdpscopeError('INVALID_ARGUMENT', 'explainCandidateError: the url must be a string or null');
  if (text !== null && typeof text !== 'string') throw new SdpscopeError('INVALID_ARGUMENT', 'explainCandidateError: the text must be a string or null');
  const server = url ?? 'the server';
  const turn = url !== null && /^turns?:/i.test(url);
  if (code === 701)
    return `${server} did not answer (701: ${text ?? 'unreachable'}): the server is down, its name did not resolve, or a firewall blocks that port and protocol${turn ? '; Chrome also reports 701 for a TURN server that could not be reached over one of the local interfaces, so one 701 among working candidates is harmless' : ''}`;
  if (code === 401 && turn) return `${server} refused the credentials (401): ${explainStunErrorCode(401)}`;
  if (code !== null && code >= 300 && code < 700) return `${server} answered ${code}${text ? ` (${text})` : ''}: ${explainStunErrorCode(code)}`;
  return `${server} failed${code !== null ? ` (${code})` : ''}${text ? `: ${text}` : ''}`;
}

const fmtTime = (t: number | null, t0: number | null) => (t === null ? '?' : t0 === null ? String(t) : `+${((t - t0) / 1000).toFixed(1)}s`);

/** A peer connection as readStatsDump gives it (its events a list, its stats a Map); INVALID_ARGUMENT otherwise. */
function requirePeerConnection(pc: unknown): asserts pc is PeerConnectionDump {
  // A live getStats() result given as is (library audit): what to call.
  if (isStatsReport(pc) || Array.isArray(pc)) throw new SdpscopeError('INVALID_ARGUMENT', `explainIce takes a peer connection, got ${isStatsReport(pc) ? 'an RTCStatsReport (or a Map)' : 'an array'}: explainIce(peerConnectionFromStats([await pc.getStats()])) for live stats, or one of readStatsDump(text).peerConnections`);
  const o = requireObject<Record<string, unknown>>(pc, 'explainIce: the peer connection (one of readStatsDump(text).peerConnections)', 'events', 'stats', 'descriptions');
  if (!Array.isArray(o['events']) || !(o['stats'] instanceof Map) || !Array.isArray(o['descriptions'])) {
    throw new SdpscopeError('INVALID_ARGUMENT', 'explainIce: the peer connection must be one of readStatsDump(text).peerConnections (events and descriptions lists, stats a Map)');
  }
  // Field by field (ICE audit: a hand-made one met a TypeError inside, or NOT_TEXT about redactText).
  const bad = (what: string) => new SdpscopeError('INVALID_ARGUMENT', `explainIce: the peer connection's ${what}, as readStatsDump makes it`);
  if (typeof o['id'] !== 'string') throw bad('id must be a string');
  if (o['url'] !== null && typeof o['url'] !== 'string') throw bad('url must be a string or null');
  if (o['configuration'] !== null && (typeof o['configuration'] !== 'object' || Array.isArray(o['configuration']))) throw bad('configuration must be an object or null');
  for (const e of o['events'] as unknown[]) {
    const ev = e as Record<string, unknown> | null;
    if (ev === null || typeof ev !== 'object' || typeof ev['type'] !== 'string' || (ev['time'] !== null && !(typeof ev['time'] === 'number' && Number.isFinite(ev['time'])))) throw bad('events must be {time: a number or null, type: a string, value}');
  }
  for (const h of (o['stats'] as Map<unknown, unknown>).values()) {
    const s = h as Record<string, unknown> | null;
    if (s === null || typeof s !== 'object' || typeof s['id'] !== 'string' || typeof s['type'] !== 'string' || typeof s['series'] !== 'function' || s['last'] === null || typeof s['last'] !== 'object') throw bad('stats must map ids to histories {id, type, last, series(property), lastTime}');
    // series() must give a list of {time, value} (ICE audit: a hand-made one that did not met a TypeError inside).
    const probe = (s['series'] as (p: string) => unknown)('state');
    if (!Array.isArray(probe) || probe.some((q) => q === null || typeof q !== 'object' || typeof (q as { time?: unknown }).time !== 'number')) throw bad('stats histories\' series(property) must return a list of {time: a number, value}');
  }
  for (const d of o['descriptions'] as unknown[]) {
    const x = d as Record<string, unknown> | null;
    if (x === null || typeof x !== 'object' || typeof x['sdp'] !== 'string' || typeof x['local'] !== 'boolean') throw bad('descriptions must be {time, local: a boolean, sdp: a string}');
    if (x['errors'] !== undefined && !(Array.isArray(x['errors']) && x['errors'].every((e) => typeof e === 'string'))) throw bad('descriptions\' errors must be a list of strings when given');
  }
}

/** Reads one peer connection of a dump and says what happened to ICE. */
/** Whether some check of a pair was answered (or the stats do not count them): what makes a pair a transport names its selected one. */
function answeredPair(p: IcePairInfo): boolean {
  return p.states.some((x) => x.state === 'succeeded') || p.state === 'succeeded' || !p.responseCountsReported || p.responsesReceived > 0 || p.bytesReceived > 0;
}

export function explainIce(pc: PeerConnectionDump): IceReport {
  requirePeerConnection(pc);
  const states = { signaling: [] as { time: number | null; state: string }[], gathering: [] as { time: number | null; state: string }[], ice: [] as { time: number | null; state: string }[], connection: [] as { time: number | null; state: string }[] };
  const timeline: IceTimelineEntry[] = [];
  const local: IceCandidateInfo[] = [];
  const remote: IceCandidateInfo[] = [];
  const errors: IceCandidateError[] = [];
  /** Remote candidates addIceCandidate refused (addIceCandidateFailed): what was refused, as said. */
  const refused: string[] = [];
  /** The remote candidate of the last addIceCandidate event: Chromium logs the attempt, then its failure apart. */
  let lastAdded: IceCandidateInfo | null = null;
  const failures: string[] = [];
  /** When each failure came (ms), null when the dump does not say: a refusal after ICE connected is a renegotiation's. */
  const failureTimes: (number | null)[] = [];
  let localSet = false;
  let remoteSet = false;
  let restarts = 0;
  const lastUfrag = { local: null as string | null, remote: null as string | null };
  const ufragChanges = { local: 0, remote: 0 };
  // One origin for every relative time: the first time the dump has (an event or a stats sample).
  let t0: number | null = null;
  for (const e of pc.events) if (e.time !== null && (t0 === null || e.time < t0)) t0 = e.time;
  for (const d of pc.descriptions) if (d.time !== null && (t0 === null || d.time < t0)) t0 = d.time;
  for (const h of pc.stats.values()) {
    const first = h.series(h.type === 'candidate-pair' ? 'state' : 'timestamp')[0]?.time;
    if (first !== undefined && Number.isFinite(first) && (t0 === null || first < t0)) t0 = first;
  }

  const onDescription = (e: DumpEvent, isLocal: boolean) => {
    const d = sdpOf(e.value);
    if (!d) return;
    for (const l of d.sdp.split(/\r?\n/)) {
      if (l.startsWith('a=candidate:')) {
        const c = fromLine(l, 'sdp');
        if (c) (isLocal ? local : remote).push(c);
      }
    }
    // An ICE restart changes the ufrag (RFC 8445 §9): either side's counts.
    const side = isLocal ? 'local' : 'remote';
    const ufrag = /^a=ice-ufrag:(\S+)/m.exec(d.sdp)?.[1] ?? null;
    if (ufrag && lastUfrag[side] && ufrag !== lastUfrag[side]) {
      ufragChanges[side]++;
      timeline.push({ time: e.time, kind: 'restart', text: `ICE restart: the ${side} ufrag changed from ${lastUfrag[side]} to ${ufrag}` });
    }
    if (ufrag) lastUfrag[side] = ufrag;
  };

  // A description the browser refused was never set: its ufrag and candidates do not count (ICE
  // audit: a refused remote offer made an "ICE restart"). Each setXDescription is matched with
  // the first OnSuccess or OnFailure of its side after it.
  const refusedDescriptions = new Set<DumpEvent>();
  const pendingSet: Record<'setLocalDescription' | 'setRemoteDescription', DumpEvent | null> = { setLocalDescription: null, setRemoteDescription: null };
  for (const e of pc.events) {
    if (e.type === 'setLocalDescription' || e.type === 'setRemoteDescription') pendingSet[e.type] = e;
    else if (e.type === 'setLocalDescriptionOnFailure' || e.type === 'setRemoteDescriptionOnFailure' || e.type === 'setLocalDescriptionOnSuccess' || e.type === 'setRemoteDescriptionOnSuccess') {
      const side = e.type.startsWith('setLocal') ? 'setLocalDescription' : 'setRemoteDescription';
      if (pendingSet[side] !== null && e.type.endsWith('OnFailure')) refusedDescriptions.add(pendingSet[side]!);
      pendingSet[side] = null;
    }
  }

  for (const e of pc.events) {
    const v = e.value;
    switch (e.type) {
      case 'signalingstatechange':
      case 'icegatheringstatechange':
      case 'iceconnectionstatechange':
      case 'connectionstatechange': {
        const s = stateOf(v);
        if (s === null) break;
        const kind = e.type === 'signalingstatechange' ? 'signaling' : e.type === 'icegatheringstatechange' ? 'gathering' : e.type === 'iceconnectionstatechange' ? 'ice' : 'connection';
        states[kind].push({ time: e.time, state: s });
        timeline.push({ time: e.time, kind, text: `${kind === 'ice' ? 'ICE connection' : kind} state ${s}` });
        break;
      }
      case 'setLocalDescription':
        if (!refusedDescriptions.has(e)) onDescription(e, true);
        break;
      case 'setRemoteDescription':
        if (!refusedDescriptions.has(e)) onDescription(e, false);
        break;
      case 'setLocalDescriptionOnSuccess':
        // setLocalDescription() without an argument: the description is in its success.
        onDescription(e, true);
        localSet = true;
        timeline.push({ time: e.time, kind: 'description', text: 'local description set' });
        break;
      case 'setRemoteDescriptionOnSuccess':
        onDescription(e, false);
        remoteSet = true;
        timeline.push({ time: e.time, kind: 'description', text: 'remote description set' });
        break;
      case 'icecandidate':
      case 'addIceCandidate': {
        // A local candidate gathered, or a remote one given to the browser.
        const line = candidateLineOf(v);
        // The server a local candidate came from, as the event gives it ({"candidate":…,"url":"stun:…"}):
        // the stats may not have it by the end (dump audit: a 701 from that server could not be tied to its srflx).
        const url = e.type === 'icecandidate' && v !== null && typeof v === 'object' ? str((v as Record<string, unknown>)['url']) : undefined;
        const read = line === null ? null : fromLine(line, 'event');
        const info = read !== null && url !== undefined && url !== '' ? { ...read, url } : read;
        if (e.type === 'addIceCandidate') lastAdded = info;
        if (info) {
          const side = e.type === 'icecandidate' ? 'local' : 'remote';
          (side === 'local' ? local : remote).push(info);
          timeline.push({ time: e.time, kind: 'candidate', text: `${side} candidate ${info.type} ${info.protocol} ${hostPort(info.address, info.port)}` });
        }
        break;
      }
      case 'addIceCandidateFailed': {
        // A remote candidate the browser refused: it never pairs. Older Chrome puts the candidate
        // in this event; Chromium 156 logs the attempt (addIceCandidate), then this event with the
        // error text only: the attempt's candidate is then the refused one, not a remote one.
        const line = candidateLineOf(v);
        let info = line === null ? null : fromLine(line, 'event');
        if (line === null && lastAdded !== null) {
          info = lastAdded;
          const at = remote.lastIndexOf(lastAdded);
          if (at >= 0) remote.splice(at, 1);
        }
        lastAdded = null;
        const o = (v !== null && typeof v === 'object' ? v : {}) as Record<string, unknown>;
        const why = typeof v === 'string' && line === null ? v : str(o['errorText'] ?? o['errorMessage'] ?? o['error']);
        const what = info ? describeCandidate(info) : line !== null ? line.slice(0, 80) : 'a candidate';
        refused.push(`${what}${why !== null ? ` (${redactInText(why)})` : ''}`);
        timeline.push({ time: e.time, kind: 'candidate', text: `remote candidate refused by addIceCandidate: ${refused.at(-1)!}` });
        break;
      }
      case 'icecandidateerror': {
        const o = candidateErrorFields(v);
        // An error code is an integer (RFC 8489 §14.8; 701 and up the browser's): anything else is unknown (ICE audit: "701.5" made the dump unreadable).
        const rawCode = num(o['errorCode'] ?? o['error_code']);
        const code = rawCode !== null && Number.isSafeInteger(rawCode) ? rawCode : null;
        const url = redactServerUrl(str(o['url']));
        const rawText = str(o['errorText'] ?? o['error_text']);
        const text = rawText === null ? null : redactInText(rawText);
        const address = str(o['address']);
        const port = num(o['port']);
        const host = str(o['hostCandidate'] ?? o['host_candidate']) ?? (address !== null ? `${address}:${port ?? ''}` : null);
        const err = { time: e.time, url, errorCode: code, errorText: text, hostCandidate: host, explanation: explainCandidateError(code, url, text) };
        errors.push(err);
        timeline.push({ time: e.time, kind: 'error', text: `candidate error ${code ?? ''} ${url ?? ''}: ${text ?? ''}`.replace(/\s+/g, ' ') });
        break;
      }
      case 'restartIce':
        timeline.push({ time: e.time, kind: 'restart', text: 'restartIce() called' });
        break;
      case 'close':
        timeline.push({ time: e.time, kind: 'close', text: 'close() called' });
        break;
      default:
        if (/OnFailure$/.test(e.type)) {
          const why = asText(v);
          failures.push(`${e.type.replace(/OnFailure$/, '')} failed: ${why}`);
          failureTimes.push(e.time);
          timeline.push({ time: e.time, kind: e.type.startsWith('addIceCandidate') ? 'candidate' : 'description', text: `${e.type}: ${why}` });
        }
    }
  }
  for (const d of pc.descriptions) {
    // Firefox keeps a refused description in its history, with why: a failure, not a description set (ICE audit).
    if (d.errors !== undefined && d.errors.length > 0) {
      const why = `set${d.local ? 'Local' : 'Remote'}Description failed: ${d.errors.join('; ')}`;
      failures.push(why);
      failureTimes.push(d.time);
      timeline.push({ time: d.time, kind: 'description', text: why });
      continue;
    }
    onDescription({ time: d.time, type: d.local ? 'setLocalDescription' : 'setRemoteDescription', value: { sdp: d.sdp } }, d.local);
    if (d.local) localSet = true;
    else remoteSet = true;
    // Firefox's sdpHistory says when each was set.
    if (d.time !== null) timeline.push({ time: d.time, kind: 'description', text: `${d.local ? 'local' : 'remote'} description set` });
  }
  // States in the order of their times, as the timeline is (ICE audit: events stored out of order
  // made "connected" the last state of a call whose timeline ended disconnected). Stable: equal
  // times keep the dump's order; a list with an untimed state keeps it whole.
  for (const list of Object.values(states)) if (list.every((x) => x.time !== null)) list.sort((a, b) => a.time! - b.time!);
  // The descriptions' events missing (cut, or an old Chrome's names), their effects are not: a
  // have-local/remote-offer signaling state was a description set, stable after one both, and ICE
  // checking needs both (ICE audit: "not-negotiated … so ICE never started" above a timeline of
  // have-local-offer → stable and ICE checking → failed).
  const signaled = new Set(states.signaling.map((x) => x.state));
  if (signaled.has('have-local-offer') || signaled.has('have-local-pranswer')) localSet = true;
  if (signaled.has('have-remote-offer') || signaled.has('have-remote-pranswer')) remoteSet = true;
  if (signaled.has('stable') && (localSet || remoteSet)) localSet = remoteSet = true;
  if (states.ice.some((x) => x.state === 'checking' || x.state === 'connected' || x.state === 'completed')) localSet = remoteSet = true;
  restarts = Math.max(ufragChanges.local, ufragChanges.remote, restarts);
  // A count from the dump; anything else (a hand-made or reloaded peer connection) is not one (NaN; library audit).
  if (typeof pc.iceRestarts === 'number' && Number.isSafeInteger(pc.iceRestarts) && pc.iceRestarts >= 0) restarts = Math.max(restarts, pc.iceRestarts);

  // Stats: candidates and pairs.
  const candidateStats = new Map<string, IceCandidateInfo>();
  for (const h of pc.stats.values()) {
    if (h.type === 'local-candidate' || h.type === 'remote-candidate') {
      const info = fromStats(h);
      candidateStats.set(h.id, info);
      // A remote prflx was learnt from a check, not delivered by signaling: it is a remote candidate, but not "received".
      (h.type === 'local-candidate' ? local : remote).push(info);
    }
  }
  const localCandidates = merge(local);
  const remoteCandidates = merge(remote);
  // Each merged list indexed once: by stats id, and by key (the first of each), as list.find would
  // find them (two finds a pair grew with pairs × candidates: 80,000 pairs took 9.5 s; ICE audit).
  const indexOf = (list: readonly IceCandidateInfo[]) => {
    const byId = new Map<string | null, IceCandidateInfo>();
    const byKey = new Map<string, IceCandidateInfo>();
    for (const x of list) {
      if (!byId.has(x.id)) byId.set(x.id, x);
      const k = key(x);
      if (!byKey.has(k)) byKey.set(k, x);
    }
    return { byId, byKey };
  };
  const localIndex = indexOf(localCandidates);
  const remoteIndex = indexOf(remoteCandidates);
  const findMerged = (index: ReturnType<typeof indexOf>, c: IceCandidateInfo | undefined) =>
    c === undefined ? null : (index.byId.get(c.id) ?? (c.address !== null ? index.byKey.get(key(c)) : undefined) ?? c);

  const transports = [...pc.stats.values()].filter((h) => h.type === 'transport');
  const selectedIds = new Set<string>();
  const selectedPairChanges: { time: number; pairId: string; transportId: string; samePath?: true }[] = [];
  for (const t of transports) {
    let was: string | null = null;
    for (const p of t.series('selectedCandidatePairId')) {
      if (typeof p.value === 'string' && p.value !== '' && was !== p.value) selectedPairChanges.push({ time: p.time, pairId: (was = p.value), transportId: t.id });
    }
    const last = str(t.last['selectedCandidatePairId']);
    if (last) selectedIds.add(last);
  }
  const pairs: IcePairInfo[] = [];
  for (const h of pc.stats.values()) {
    if (h.type !== 'candidate-pair') continue;
    const s = h.last;
    const stateSeries: { time: number; state: string }[] = [];
    for (const p of h.series('state')) if (typeof p.value === 'string' && stateSeries.at(-1)?.state !== pairState(p.value)) stateSeries.push({ time: p.time, state: pairState(p.value) });
    let lastResponseAt: number | null = null;
    let responsesGrew = false;
    let prev = -1;
    for (const p of h.series('responsesReceived')) {
      const n = num(p.value) ?? 0;
      if (n > prev && prev >= 0) {
        lastResponseAt = p.time;
        responsesGrew = true;
      }
      if (prev < 0 && n > 0) lastResponseAt = p.time;
      prev = n;
    }
    // Firefox says 0 for a pair never answered: no measurement, not 0 ms.
    const rawRtt = num(s['currentRoundTripTime']);
    const rtt = ((num(s['responsesReceived']) ?? 0) === 0 && rawRtt === 0) || rawRtt === null || !Number.isFinite(rawRtt * 1000 * 10) ? null : rawRtt;
    pairs.push({
      id: h.id,
      local: findMerged(localIndex, candidateStats.get(str(s['localCandidateId']) ?? '')),
      remote: findMerged(remoteIndex, candidateStats.get(str(s['remoteCandidateId']) ?? '')),
      state: typeof s['state'] === 'string' ? pairState(s['state']) : null,
      states: stateSeries,
      requestsSent: num(s['requestsSent']) ?? 0,
      responsesReceived: num(s['responsesReceived']) ?? 0,
      requestCountsReported: num(s['requestsSent']) !== null,
      responseCountsReported: num(s['responsesReceived']) !== null,
      requestsReceived: num(s['requestsReceived']) ?? 0,
      responsesSent: num(s['responsesSent']) ?? 0,
      consentRequestsSent: num(s['consentRequestsSent']) ?? 0,
      consentCountReported: num(s['consentRequestsSent']) !== null,
      currentRoundTripTime: rtt === null ? null : Math.round(rtt * 1000 * 10) / 10,
      bytesSent: num(s['bytesSent']) ?? 0,
      bytesReceived: num(s['bytesReceived']) ?? 0,
      bytesCountsReported: num(s['bytesSent']) !== null || num(s['bytesReceived']) !== null,
      nominated: flag(s['nominated']),
      selected: selectedIds.has(h.id) || flag(s['selected']),
      lastResponseAt,
      responsesGrew,
      lastPacketReceivedAt: epochMs(s['lastPacketReceivedTimestamp']),
      lastPacketSentAt: epochMs(s['lastPacketSentTimestamp']),
      // The history's last sample (its fields keep no timestamp: the last state change had been taken, a first snapshot's time; library audit).
      sampledAt: epochMs(s['timestamp']) ?? h.lastTime ?? h.series('state').at(-1)?.time ?? null,
      series: { rtt: numericSeries(h, 'currentRoundTripTime', 1000), bytesSent: numericSeries(h, 'bytesSent'), bytesReceived: numericSeries(h, 'bytesReceived') },
    });
  }
  selectedPairChanges.sort((a, b) => a.time - b.time);
  const lastSelected = new Map<string, string>();
  for (const c of selectedPairChanges) {
    const before = lastSelected.get(c.transportId);
    lastSelected.set(c.transportId, c.pairId);
    if (before !== undefined && samePath(pairs.find((p) => p.id === before), pairs.find((p) => p.id === c.pairId))) c.samePath = true;
  }
  const consentCounting = countingOfConsent(pc);
  for (const c of selectedPairChanges) {
    const p = pairs.find((x) => x.id === c.pairId);
    timeline.push({ time: c.time, kind: 'selected-pair', text: `selected pair ${p ? describePair(p) : c.pairId} (as the stats first show it)` });
  }
  // No transport, or one whose selected pair the dump does not carry (an excerpt): the nominated
  // pair that succeeded, the one that carried the most bytes if there are several.
  // A named pair no check answered, or an id naming no pair, is none (a forged or cut dump: hostile-input
  // and new-user audits, "connected through a TURN relay" from a pair of 0 responses).
  const named = pairs.find((p) => p.selected && answeredPair(p));
  const selectedUnknown = transports.length === 0 || named === undefined;
  // Else a succeeded pair not marked nominated (a stats copy without the flag), the one that carried the most.
  const byBytes = (a: IcePairInfo, b: IcePairInfo) => b.bytesReceived + b.bytesSent - (a.bytesReceived + a.bytesSent);
  const nominated = selectedUnknown ? (pairs.filter((p) => p.nominated && p.state === 'succeeded').sort(byBytes)[0] ?? pairs.filter((p) => p.state === 'succeeded' && p.bytesReceived + p.bytesSent > 0).sort(byBytes)[0]) : undefined;
  const selected = named ?? nominated ?? null;

  // A report without ICE events (Firefox's) still tells the transport's ICE state: shown as the ICE timeline.
  if (states.ice.length === 0) {
    for (const p of transports.flatMap((t) => t.series('iceState')).sort((a, b) => a.time - b.time)) {
      const st = asText(p.value);
      if (st === '' || states.ice.at(-1)?.state === st) continue;
      states.ice.push({ time: p.time, state: st });
      timeline.push({ time: p.time, kind: 'ice', text: `ICE state ${st} (the transport's, as the stats show it)` });
    }
  }
  timeline.sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
  // A 701 from a server that gave this side a srflx or relay candidate all the same: the server is
  // up and reachable, only not from that interface (ICE audit: "the server is down" beside a relay
  // candidate from it; Chrome 86 and 149 dumps, an IPv6 or a second interface).
  const reached = new Map<string, { readonly what: string; readonly family: 'ipv4' | 'ipv6' | null }>();
  // Over the same transport, and only with another interface to have reached it from (audit of the
  // change: a 701 over UDP beside a relay that came over TCP, on the only interface, is UDP blocked).
  const interfaces = new Set(localCandidates.filter((c) => c.type === 'host' && c.address !== null && c.addressClass !== 'mdns').map((c) => c.address));
  for (const c of localCandidates) {
    const key = c.url === null || (c.type !== 'srflx' && c.type !== 'relay') ? null : serverKey(c.url);
    const family = familyOfEndpoint(c.address);
    if (key !== null && !reached.has(key)) reached.set(key, { what: `a ${c.type} candidate`, family });
    // Without its URL (Chrome 86 gave none): a relay's address is its TURN server's, as a rule.
    const byAddress = c.type === 'relay' && c.address !== null ? `${c.address.toLowerCase()}:* ${c.relayProtocol ?? 'udp'}` : null;
    if (byAddress !== null && !reached.has(byAddress)) reached.set(byAddress, { what: `a relay candidate at its address (${c.address})`, family });
  }
  // Another interface: two host addresses were seen, or the 701 came from a socket of the other
  // address family than the candidate that reached the server (dump audit: Chrome hides its host
  // addresses behind mDNS names, so the count stayed 1, and an IPv6 socket's harmless 701 beside
  // an IPv4 srflx from the same server was "the server is down").
  // A srflx without its URL (Chrome 86 gives none) from an interface no 701 of a STUN server came
  // from: a STUN server answered there, so that server's 701s from other interfaces (host-only VM
  // adapters) are theirs alone (dumps audit: Google's STUN "down" beside a srflx from the real
  // interface). The 701's interface is masked ("192.168.195.x"): compared up to its mask.
  const interfaceOf = (hostCandidate: string | null) => (hostCandidate === null ? null : hostCandidate.replace(/:\d{1,5}$/, '').replace(/^\[|\]$/g, '').toLowerCase());
  const covers = (masked: string, address: string) => (masked.includes('x') ? address.toLowerCase().startsWith(masked.slice(0, masked.indexOf('x'))) : masked === address.toLowerCase());
  const urlLessBases = localCandidates.flatMap((c) => {
    const base = c.type === 'srflx' && c.url === null && c.candidate !== null ? / raddr ([^\s]{1,64})/.exec(c.candidate)?.[1] : undefined;
    return base === undefined || base === '0.0.0.0' || base === '::' ? [] : [base];
  });
  const failedFrom = new Map<string, string[]>();
  for (const e of errors) {
    const key = e.errorCode === 701 && e.url !== null && /^stuns?:/i.test(e.url) ? serverKey(e.url) : null;
    const from = interfaceOf(e.hostCandidate);
    if (key !== null && from !== null) failedFrom.set(key, [...(failedFrom.get(key) ?? []), from]);
  }
  const answeredElsewhere = (key: string) => urlLessBases.find((b) => !(failedFrom.get(key) ?? []).some((f) => covers(f, b)));
  const candidateErrors = reached.size === 0 && urlLessBases.length === 0 ? errors : errors.map((e) => {
    const key = e.errorCode === 701 && e.url !== null ? serverKey(e.url) : null;
    const got = key === null ? undefined : (reached.get(key) ?? reached.get(key.replace(/:\d+ /, ':* ')));
    if (got === undefined) {
      const base = key !== null && failedFrom.has(key) ? answeredElsewhere(key) : undefined;
      if (base === undefined) return e;
      return { ...e, explanation: `${e.url} did not answer${e.hostCandidate !== null ? ` from ${e.hostCandidate}` : ''} (701: ${e.errorText ?? 'unreachable'}), while the interface ${base}, from which no such error came, got a srflx candidate (its server not named in the stats): a STUN server answered there, likely this one; harmless if so (this interface has no route to it: a VM's host-only adapter, a VPN or a container interface, for one)` };
    }
    const from = familyOfEndpoint(e.hostCandidate);
    if (interfaces.size < 2 && !(from !== null && got.family !== null && from !== got.family)) return e;
    return { ...e, explanation: `${e.url} did not answer${e.hostCandidate !== null ? ` from ${e.hostCandidate}` : ''} (701: ${e.errorText ?? 'unreachable'}), while ${got.what} came from the same server over the same transport: it is up and reachable from another interface; harmless (this interface has no route to it: an IPv6, VPN or container interface, for one)` };
  });
  // One URL that failed from every interface that tried it, while the same server's other URLs
  // gave candidates: that URL is the fault, not an interface (ICE audit: a Chrome 147 dump's three
  // turns:…:5349 701s, one per interface, each said "one 701 among working candidates is harmless"
  // beside relays of that server over UDP and TCP on 3478).
  const triedFrom = new Map<string, Set<string>>();
  for (const e of errors) {
    const key = e.errorCode === 701 && e.url !== null ? serverKey(e.url) : null;
    const from = interfaceOf(e.hostCandidate);
    // Reached over that transport (by URL, or a relay at that address): the earlier words stand.
    if (key === null || from === null || reached.has(key) || reached.has(key.replace(/:\d+ /, ':* '))) continue;
    let set = triedFrom.get(key);
    if (set === undefined) triedFrom.set(key, (set = new Set()));
    set.add(from);
  }
  const urlFails = (key: string): string | null => {
    const froms = triedFrom.get(key);
    if (froms === undefined || froms.size < 2) return null;
    const host = key.slice(0, key.lastIndexOf(':'));
    const worked = [...reached.keys()].filter((k) => k.startsWith(`${host}:`) && k !== key && !k.includes(':* '));
    if (worked.length === 0) return null;
    const [port, transport] = key.slice(host.length + 1).split(' ');
    return `from any of the ${froms.size} interfaces that tried it (${[...froms].slice(0, 4).join(', ')}), while the same server gave candidates over ${worked.slice(0, 3).map((k) => k.slice(host.length + 1)).join(', ')}: this URL fails, not the server nor an interface (${transport === 'tls' ? `TLS to port ${port}` : `${transport!.toUpperCase()} to port ${port}`} blocked on the way, or not served there${transport === 'tls' ? ': its listener or certificate' : ''})`;
  };
  const errorsSaid = triedFrom.size === 0 ? candidateErrors : candidateErrors.map((e) => {
    const key = e.errorCode === 701 && e.url !== null ? serverKey(e.url) : null;
    const why = key === null ? null : urlFails(key);
    return why === null ? e : { ...e, explanation: `${e.url} did not answer (701: ${e.errorText ?? 'unreachable'}) ${why}` };
  });
  const report = {
    id: pc.id,
    startTime: t0,
    url: redactUrl(pc.url),
    configuration: redactConfiguration(pc.configuration),
    states,
    localCandidates,
    remoteCandidates,
    candidateErrors: errorsSaid,
    pairs,
    selectedPair: selected ? { local: selected.local, remote: selected.remote } : null,
    selectedPairChanges,
    consentCounting,
    restarts,
    timeline,
  };
  let endTime: number | null = null;
  for (const e of pc.events) if (e.time !== null && (endTime === null || e.time > endTime)) endTime = e.time;
  for (const h of pc.stats.values()) {
    const t = h.lastTime;
    if (t !== null && (endTime === null || t > endTime)) endTime = t;
  }
  const closeEvent = pc.events.find((e) => e.type === 'close' || ((e.type === 'signalingstatechange' || e.type === 'connectionstatechange') && e.value === 'closed'));
  const roleText = transports.map((t) => asText(t.last['iceRole'])).find((v) => v === 'controlling' || v === 'controlled');
  const role = roleText === 'controlling' || roleText === 'controlled' ? roleText : null;
  // The transport the selected pair is on, else the first: ICE role and the DTLS session (ICE audit: read, never shown).
  const main = transports.find((t) => selected !== null && asText(t.last['selectedCandidatePairId']) === selected.id) ?? transports[0];
  const text = (v: unknown) => (v === undefined || v === null || asText(v) === '' ? null : asText(v).slice(0, 80));
  const transport: IceTransportInfo | null = main === undefined ? null : { iceRole: role, dtlsState: text(main.last['dtlsState']), dtlsRole: text(main.last['dtlsRole']), tlsVersion: text(main.last['tlsVersion']), dtlsCipher: text(main.last['dtlsCipher']), srtpCipher: text(main.last['srtpCipher']) };
  return { ...report, transport, verdict: decide({ ...report, transport }, { localSet, remoteSet, failures, failureTimes, refused, selected, t0, transports, endTime, role, statsOnly: pc.events.length === 0 && pc.descriptions.length === 0, pairsOnly: pc.candidatesFromPairs === true, nominationKnown: [...pc.stats.values()].some((h) => h.type === 'candidate-pair' && (h.last['nominated'] !== undefined || h.last['selected'] !== undefined)) || transports.length > 0, filtered: pc.events.length === 0 && pc.descriptions.length === 0 && filteredByType(pc.stats.values()), ...(closeEvent ? { closedAt: closeEvent.time } : {}) }) };
}

/** The URLs of the configuration's iceServers. */
function configuredUrls(c: Readonly<Record<string, unknown>> | null): string[] {
  const servers = c?.['iceServers'];
  if (!Array.isArray(servers)) return [];
  return servers.flatMap((s) => [(s as { urls?: unknown; url?: unknown })?.urls ?? (s as { url?: unknown })?.url ?? []].flat()).filter((u): u is string => typeof u === 'string');
}

/** `relay tcp 203.0.113.10:49152 ↔ srflx udp 198.51.100.7:50000`. */
export function describeCandidate(c: IceCandidateInfo | null): string {
  if (!c) return '?';
  const relay = c.type === 'relay' && c.relayProtocol ? ` (${c.relayProtocol} to the TURN server${c.url ? ` ${c.url}` : ''})` : '';
  return `${c.type ?? '?'} ${c.protocol ?? '?'} ${hostPort(c.address, c.port)}${relay}`;
}

/** A pair of explainIce's report in words: `host udp 10.0.0.2:50000 ↔ srflx udp 203.0.113.7:61000`, each side as describeCandidate says it. */
export function describePair(p: { local: IceCandidateInfo | null; remote: IceCandidateInfo | null }): string {
  requireObject(p, 'describePair: the pair (one of explainIce(…).pairs)', 'local', 'remote');
  for (const side of ['local', 'remote'] as const) {
    const c = p[side] as unknown;
    if (c !== null && (typeof c !== 'object' || Array.isArray(c))) throw new SdpscopeError('INVALID_ARGUMENT', `describePair: the pair's ${side} candidate must be an object or null`);
  }
  return `${describeCandidate(p.local)} ↔ ${describeCandidate(p.remote)}`;
}

/**
 * How a dump's Chromium counts consent requests in requestsSent (IceReport.consentCounting),
 * from the series of its pairs: the old count stops at the first response, the new one goes on
 * with every consent request. After a response: requestsSent growing is the new count, flat while
 * consent requests grew the old one. A snapshot tells only when requestsSent is at most the
 * consent requests (the old count: the new one is always above them); otherwise it cannot tell
 * (audit of the change: Chrome 87's 8 checks before an answer, beside 4 consent requests, had
 * been read as the new count). Pairs that disagree tell nothing.
 */
function countingOfConsent(pc: PeerConnectionDump): 'included' | 'apart' | null {
  let included = false;
  let apart = false;
  for (const h of pc.stats.values()) {
    if (h.type !== 'candidate-pair') continue;
    const consent = num(h.last['consentRequestsSent']);
    const sent = num(h.last['requestsSent']);
    if (consent === null || sent === null || consent === 0) continue;
    const answeredAt = h.series('responsesReceived').find((p) => (num(p.value) ?? 0) > 0)?.time;
    if (answeredAt !== undefined) {
      const after = (property: string) => h.series(property).filter((p) => p.time >= answeredAt).map((p) => num(p.value) ?? 0);
      const requests = after('requestsSent');
      const consents = after('consentRequestsSent');
      // (A series may hold changes only: one value is a count that stayed.)
      if (requests.length > 1 && requests.at(-1)! > requests[0]!) included = true;
      else if (consents.length > 1 && consents.at(-1)! > consents[0]!) apart = true;
    }
    if (sent <= consent) apart = true;
  }
  return included === apart ? null : included ? 'included' : 'apart';
}

/**
 * The selected pair's check counts as the browser gives them: `, 1 request sent (and 27 consent
 * requests, counted apart), 28 responses received` (older Chromium counts consent requests apart
 * from requestsSent while responsesReceived holds their answers too: ICE audit, "1 sent, 28
 * received" looked impossible), `, 26 requests sent (25 of them consent requests)` (recent
 * Chromium: dumps audit, Chrome 144's were read as 51 requests); a count the browser does
 * not keep is not written as 0.
 */
function pairCounts(p: IcePairInfo, counting: 'included' | 'apart' | null): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const consent = p.consentRequestsSent === 0 ? ''
    : counting === 'included' ? ` (${p.consentRequestsSent} of them consent requests)`
    : counting === 'apart' ? ` (and ${plural(p.consentRequestsSent, 'consent request')}, counted apart)`
    : ` (consent requests: ${p.consentRequestsSent})`;
  const sent = p.requestCountsReported ? `, ${plural(p.requestsSent, 'request')} sent${consent}` : '';
  const received = p.responseCountsReported ? `, ${plural(p.responsesReceived, 'response')} received` : ', responses not counted by the browser';
  return `${sent}${received}`;
}

/** Episodes where ICE was lost (disconnected, failed) after being connected and came back: from, to, and whether a restart came between. */
function outages(states: readonly { time: number | null; state: string }[], timeline: readonly IceTimelineEntry[]): { state: string; from: number; to: number; restarted: boolean }[] {
  const out: { state: string; from: number; to: number; restarted: boolean }[] = [];
  let connected = false;
  let lost: { state: string; from: number; restarted: boolean } | null = null;
  for (const s of states) {
    if (CONNECTED.has(s.state)) {
      if (lost !== null && s.time !== null) {
        const from = lost.from;
        const to = s.time;
        out.push({ state: lost.state, from, to, restarted: lost.restarted || timeline.some((e) => e.kind === 'restart' && e.time !== null && e.time >= from && e.time <= to) });
      }
      connected = true;
      lost = null;
    } else if ((s.state === 'disconnected' || s.state === 'failed') && connected && s.time !== null) {
      if (lost === null) lost = { state: s.state, from: s.time, restarted: false };
      else if (s.state === 'failed') lost.state = 'disconnected, then failed,';
    } else if (s.state === 'checking' && lost !== null) lost.restarted = true;
  }
  return out;
}

interface Context {
  readonly localSet: boolean;
  readonly remoteSet: boolean;
  readonly failures: readonly string[];
  readonly failureTimes: readonly (number | null)[];
  /** Remote candidates addIceCandidate refused, as the timeline words them. */
  readonly refused: readonly string[];
  readonly selected: IcePairInfo | null;
  readonly t0: number | null;
  readonly transports: readonly StatsHistory[];
  /** The dump's last time (events and stats). */
  readonly endTime: number | null;
  /** When close() was called (or the signaling state became closed); undefined when it was not. */
  readonly closedAt?: number | null;
  /** This side's ICE role, from the transport stats (iceRole), when they say. */
  readonly role: 'controlling' | 'controlled' | null;
  /** Stats alone: no event and no description (getStats results saved as JSON, given no SDPs). */
  readonly statsOnly: boolean;
  /** The candidates are known from the pairs alone (PeerConnectionDump.candidatesFromPairs): no local srflx can show. */
  readonly pairsOnly: boolean;
  /** Some pair says whether it was nominated or selected, or a transport names the selected one: else "never nominated" is no claim the stats can make. */
  readonly nominationKnown: boolean;
  /** Stats alone holding transport and pair reports only: a result filtered by type (an app's record of one kind), whose candidates cannot be told from their absence. */
  readonly filtered: boolean;
}

/**
 * A getStats() result filtered by type: no peer-connection report (both browsers always write one,
 * measured) and either no candidate report (transport and pair reports alone) or candidate reports
 * alone (ICE audit, a Jitsi snapshot's candidates and uProxy's Firefox ones were "no
 * remote candidate arrived", exit 1, beside remote peer-reflexive ones).
 */
function filteredByType(stats: Iterable<{ readonly type: string }>): boolean {
  const kinds = new Set<string>();
  for (const h of stats) kinds.add(h.type);
  if (kinds.size === 0 || kinds.has('peer-connection')) return false;
  const candidates = kinds.has('local-candidate') || kinds.has('remote-candidate');
  // Candidates with a transport and no pair are what a real result holds when no remote candidate came.
  return !candidates || (!kinds.has('candidate-pair') && !kinds.has('transport'));
}

/** Two selected pairs on one path: one local candidate, the first's remote peer-reflexive and the second's the signaled candidate at its port (and address, where the stats show it). */
function samePath(a: IcePairInfo | undefined, b: IcePairInfo | undefined): boolean {
  if (a === undefined || b === undefined || a.local === null || b.local === null || a.remote === null || b.remote === null) return false;
  if (a.local.id !== b.local.id || a.remote.type !== 'prflx' || b.remote.type === 'prflx' || a.remote.port !== b.remote.port || a.remote.port === null) return false;
  return a.remote.address === null || a.remote.address === '' || b.remote.address === null || a.remote.address === b.remote.address;
}

const CONNECTED = new Set(['connected', 'completed']);

/** How long after ICE connected a DTLS handshake still not done counts as failed: a real one takes a few round trips (RFC 9147 §5.8: retransmissions from 1 s, doubling). */
const DTLS_WAIT_MS = 10_000;
/** Checks get this long before their silence means anything (libwebrtc gives up on a pair after about 10 s; RFC 8445 §14.3). */
const CHECKS_WAIT_MS = 5000;

function decide(r: Omit<IceReport, 'verdict'>, x: Context): IceVerdict {
  /** A verdict; `action` when the case says more than its code's (ICE_VERDICTS). */
  const verdict = (code: IceVerdictCode, message: string, evidence: string[], action: string = ICE_VERDICTS[code].action): IceVerdict => ({ code, message, evidence, action });
  const ice = r.states.ice;
  const conn = r.states.connection;
  const transportIce = x.transports
    .flatMap((t) => t.series('iceState'))
    .map((p) => ({ time: p.time as number | null, state: asText(p.value) }))
    .sort((p, q) => (p.time ?? 0) - (q.time ?? 0));
  const iceStates = ice.length > 0 ? ice : transportIce;
  // A transport whose DTLS connected, or that names a selected pair, had ICE connected under it
  // (ICE audit: a Sora collector's transport record alone, DTLS connected and 833 KB sent, was
  // "not-started" for want of pair and candidate reports).
  // A selected pair id is proof only when it names a pair of the stats that some check answered,
  // or when the stats hold no pair at all (a getStats filtered by type): an id naming nothing, the
  // transport itself or a candidate, or a pair in progress that no check answered, had been
  // "connected" (hostile-input audit; W3C webrtc-stats: the id of an RTCIceCandidatePairStats).
  const pairById = new Map(r.pairs.map((p) => [p.id, p]));
  const unproven = new Map<string, string>();
  const namesPair = (v: unknown): boolean => {
    if (typeof v !== 'string' || v === '') return false;
    if (r.pairs.length === 0) return true;
    const p = pairById.get(v);
    const answered = p !== undefined && answeredPair(p);
    if (!answered) unproven.set(v, p === undefined ? 'which is no candidate pair of the stats' : `a pair that no check answered (${p.state ?? 'no state'}, ${p.requestsSent} request${p.requestsSent === 1 ? '' : 's'} sent, 0 responses)`);
    return answered;
  };
  // Every id named is looked at, whatever DTLS says (new-user audit: with DTLS connected a dangling id went unsaid).
  const namedUp = new Set(x.transports.filter((t) => t.series('selectedCandidatePairId').map((p) => namesPair(p.value)).includes(true)));
  const transportUp = x.transports.find((t) => t.series('dtlsState').some((p) => p.value === 'connected') || namedUp.has(t)) ?? null;
  const everConnected = iceStates.some((s) => CONNECTED.has(s.state)) || conn.some((s) => s.state === 'connected') || (x.selected !== null && x.selected.state === 'succeeded') || transportUp !== null;
  // "closed" says the application hung up, not how ICE ended: the state before it counts.
  const lastOpen = (list: readonly { time: number | null; state: string }[]) => [...list].reverse().find((s) => s.state !== 'closed')?.state ?? null;
  const finalIce = lastOpen(iceStates);
  const finalConn = lastOpen(conn);
  const at = (t: number | null) => fmtTime(t, x.t0);
  const evidence: string[] = [];
  const direct = r.pairs.filter((p) => p.local?.type !== 'relay' && p.remote?.type !== 'relay');
  const errorsLine = r.candidateErrors.length > 0 ? `candidate errors: ${r.candidateErrors.map((e) => `${e.errorCode ?? '?'} ${e.url ?? ''}`.trim()).join(', ')}` : null;
  // When the last description was set (-Infinity when no time says): the age of a snapshot is measured from it.
  // A loop, not Math.max(...times): 130,000 of them ran the stack out (parser audit).
  let lastDescription = -Infinity;
  for (const e of r.timeline) if (e.kind === 'description' && e.time !== null && e.time > lastDescription) lastDescription = e.time;
  const dtlsFailedAt = x.transports.flatMap((t) => t.series('dtlsState')).find((p) => p.value === 'failed')?.time ?? null;
  // Remote candidates whose address the stats leave out, with no signaled copy to take it from:
  // why, not a bare "(hidden)" (ICE audit: Momo's M88 metrics, a remote host "ip": "").
  const hidden = r.remoteCandidates.filter((c) => c.address === null && c.seenIn.every((w) => w === 'stats'));
  const hiddenHosts = hidden.filter((c) => c.type === 'host');
  const hiddenPrflx = hidden.filter((c) => c.type === 'prflx');
  if (hiddenHosts.length > 0) evidence.push(`${hiddenHosts.length === 1 ? 'a remote host candidate has' : `${hiddenHosts.length} remote host candidates have`} no address in the stats (port ${hiddenHosts.slice(0, 3).map((c) => c.port ?? '?').join(', ')}${hiddenHosts.length > 3 ? ', …' : ''}): the other side announced ${hiddenHosts.length === 1 ? 'it as an mDNS name' : 'them as mDNS names'} (….local), and stats must not show the address a remote mDNS name resolved to (draft-ietf-rtcweb-mdns-ice-candidates); the signaled candidate, or the other side's own stats, has it`);
  if (hiddenPrflx.length > 0) evidence.push(`${hiddenPrflx.length === 1 ? 'a remote peer-reflexive candidate has' : `${hiddenPrflx.length} remote peer-reflexive candidates have`} no address in the stats: a browser does not show the address a check came from unless it learned it otherwise (draft-ietf-rtcweb-mdns-ice-candidates, W3C webrtc-stats)`);

  if (unproven.size > 0) evidence.push(`a transport names as its selected pair ${listSome([...unproven], ([id, why]) => `${id}, ${why}`)}: not taken as a sign that ICE connected`);
  if (everConnected) {
    const lastConnected = [...iceStates].reverse().find((s) => CONNECTED.has(s.state)) ?? null;
    const sel = x.selected;
    // Not named by the stats (no transport in an excerpt): said to be the nominated pair taken for it (ICE audit).
    // Connected by DTLS's word alone, no pair answered in the stats: said, not left as a bare "connected" (new-user audit).
    if (!sel && r.pairs.length > 0 && !r.pairs.some(answeredPair) && transportUp !== null) evidence.push(`no pair in the stats was answered, yet the transport's DTLS connected, which takes a working path: the pair that carried it is not among the pairs shown (stats taken before its checks were counted, or cut)`);
    if (sel) evidence.push(`selected pair${sel.selected && answeredPair(sel) ? '' : unproven.size > 0 ? ` (the one named is no answered pair of the stats: the ${sel.nominated ? 'nominated' : 'succeeded'} pair that carried the most bytes)` : ` (no transport stats name one: the ${sel.nominated ? 'nominated' : 'succeeded'} pair that carried the most bytes)`}: ${describePair(sel)}${sel.currentRoundTripTime !== null ? `, RTT ${sel.currentRoundTripTime} ms` : ''}${pairCounts(sel, r.consentCounting)}`);
    // No pair report at all: what the transport says is all there is (a getStats filtered by type).
    if (!sel && r.pairs.length === 0 && transportUp !== null) {
      const named = transportUp.series('selectedCandidatePairId').at(-1)?.value;
      const dtls = transportUp.series('dtlsState').at(-1)?.value;
      evidence.push(`the stats hold no candidate pair${r.localCandidates.length + r.remoteCandidates.length === 0 ? ' and no candidate' : ''} (a getStats() result filtered by type?): transport ${transportUp.id}${typeof named === 'string' && named !== '' ? ` names its selected pair ${named}` : ''}${dtls !== undefined ? `${typeof named === 'string' && named !== '' ? ' and' : ''} has DTLS ${asText(dtls)}` : ''}, so ICE had connected; which path it took cannot be told without the pair's report`);
    }
    // Its candidates' stats missing: said, not left as "? ↔ ?" (ICE audit).
    if (sel && (sel.local === null || sel.remote === null)) evidence.push(`the selected pair names ${sel.local === null && sel.remote === null ? 'candidates' : `a ${sel.local === null ? 'local' : 'remote'} candidate`} the dump does not hold (no candidate stats for ${sel.local === null && sel.remote === null ? 'them' : 'it'}): ${sel.local === null && sel.remote === null ? 'their addresses are' : 'its address is'} unknown`);
    // Changes per transport, each one's first selection not counted (two unbundled transports: "(over 2 transports)" had read as spread over both; audit).
    // A peer-reflexive remote candidate replaced by the signaled one of the same port, on the same
    // local candidate, is the same path: a new pair id, no change (ICE audit: Jitsi's P2P call read
    // "changed 1 time(s)", its transport's own selectedCandidatePairChanges staying at 1).
    const perTransport = new Map<string, number>();
    let resolved = 0;
    for (const c of r.selectedPairChanges) {
      if (c.samePath === true) {
        resolved++;
        continue;
      }
      perTransport.set(c.transportId, (perTransport.get(c.transportId) ?? -1) + 1);
    }
    const changed = [...perTransport].filter(([, n]) => n > 0);
    const total = changed.reduce((n, [, k]) => n + k, 0);
    if (total > 0) evidence.push(`the selected pair changed ${total} time(s)${perTransport.size > 1 ? ` (${changed.map(([t, n]) => `transport ${t}: ${n}`).join(', ')})` : ''}`);
    if (resolved > 0) evidence.push(`the selected pair's peer-reflexive remote candidate was ${resolved === 1 ? 'replaced' : `replaced ${resolved} times`} by the candidate the other side signaled at that port: the same path under a new pair id, not a change`);
    // The connection state is ICE's and DTLS's together: failed while ICE stayed connected is DTLS.
    const connFailed = conn.find((s) => s.state === 'failed') ?? null;
    // Never failed, never done: the connection state still "connecting" long after ICE connected
    // means the DTLS handshake got no answer (a peer that stops at ICE, or a middlebox eating DTLS).
    const dtlsStates = x.transports.flatMap((t) => t.series('dtlsState')).map((p) => asText(p.value));
    // A snapshot (Firefox's report) has no time for "ICE connected": the descriptions' bound it.
    const connectedAt = lastConnected?.time != null && lastConnected.time < (x.endTime ?? 0) ? { time: lastConnected.time, what: 'ICE connected' } : Number.isFinite(lastDescription) ? { time: lastDescription, what: 'the descriptions were set' } : null;
    const stalledFor = connectedAt !== null && x.endTime !== null ? x.endTime - connectedAt.time : null;
    const pending = (s: string | null | undefined) => s === 'connecting' || s === 'new';
    const dtlsPending = conn.length > 0 ? pending(finalConn) && !conn.some((s) => s.state === 'connected') : dtlsStates.length > 0 && pending(dtlsStates.at(-1));
    const dtlsStalled = CONNECTED.has(finalIce ?? '') && dtlsPending && stalledFor !== null && stalledFor >= DTLS_WAIT_MS && !dtlsStates.includes('connected');
    if (dtlsStalled) {
      evidence.push(`${conn.length > 0 ? `connection state still ${finalConn}` : `DTLS state still ${dtlsStates.at(-1)}`} ${(stalledFor / 1000).toFixed(1)} s after ${connectedAt!.what} (at ${at(connectedAt!.time)})${conn.length > 0 && dtlsStates.length ? `; DTLS state ${dtlsStates.at(-1)}` : ''}`);
      if (sel?.bytesCountsReported) evidence.push(`bytes on the selected pair: ${sel.bytesSent} sent, ${sel.bytesReceived} received${sel.bytesReceived === 0 ? ': the other side never answered the DTLS handshake' : ''}`);
      if (sel && !sel.nominated && x.role === 'controlled') evidence.push('the selected pair was never nominated: this side is controlled and chose a working pair on its own (as libwebrtc does), while the controlling side nominated none');
      return verdict('dtls-failed', `ICE connected, but the DTLS handshake had not completed ${(stalledFor / 1000).toFixed(1)} s after ${connectedAt!.what}.`, evidence);
    }
    // A connection state "disconnected" is an ICE transport's (DTLS has no such state: W3C
    // webrtc-pc §4.3.3): ICE was lost too, whatever ICE events the dump kept (ICE audit: jitsi's
    // reconnect dump, disconnected twice before failed, was "the path kept working").
    const iceLostBefore = (t: number | null) => iceStates.some((s) => (s.state === 'failed' || s.state === 'disconnected') && (s.time ?? 0) <= (t ?? Infinity)) || conn.some((s) => s.state === 'disconnected' && (s.time ?? 0) <= (t ?? Infinity));
    if (dtlsFailedAt !== null || (connFailed && !iceLostBefore(connFailed.time) && CONNECTED.has(finalIce ?? ''))) {
      if (dtlsFailedAt !== null) evidence.push(`DTLS state failed at ${at(dtlsFailedAt)}`);
      if (connFailed) evidence.push(`connection state failed at ${at(connFailed.time)}, while the ICE state was ${lastConnected?.state ?? 'connected'}`);
      // Up before it failed (the connection state "connected" is ICE's and DTLS's together, or DTLS
      // said connected): the handshake had completed, and what failed is the session on top of a
      // path that kept working (ICE audit: "the handshake failed" after 14 s and 7.8 MB received).
      const failedAt = Math.min(dtlsFailedAt ?? Infinity, connFailed?.time ?? Infinity);
      const up = conn.find((s) => s.state === 'connected' && (s.time ?? -Infinity) <= failedAt) ?? null;
      if (up !== null || dtlsStates.includes('connected')) {
        if (up !== null) evidence.push(`connection state connected at ${at(up.time)}: the DTLS handshake had completed`);
        if (sel?.bytesCountsReported) evidence.push(`bytes on the selected pair: ${sel.bytesSent} sent, ${sel.bytesReceived} received`);
        const when = Number.isFinite(failedAt) ? ` at ${at(failedAt)}` : '';
        return verdict('dtls-failed', `ICE stayed connected, but the secure transport (DTLS) failed${when} after it had been up${up !== null ? ` since ${at(up.time)}` : ''}: not the handshake; the DTLS session itself ended in error (a fatal alert from either side, a key or record error) while the path kept working.`, evidence);
      }
      return verdict('dtls-failed', 'ICE connected, but the DTLS handshake on top of it failed.', evidence);
    }
    const lostAfter = [...iceStates.map((s) => ({ ...s, what: 'ICE' })), ...conn.map((s) => ({ ...s, what: 'connection' }))]
      .filter((s) => (s.state === 'disconnected' || s.state === 'failed') && (lastConnected === null || (s.time ?? 0) >= (lastConnected.time ?? 0)))
      .sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
    // DTLS closed before this side closed anything: the peer's close_notify. What followed (ICE
    // disconnected as its consent answers stopped) is the hang-up, not the path (dumps audit: a
    // Chrome 144 peer whose DTLS was closed from its first sample was "the path stopped answering").
    // Closed for good: a transport's DTLS that came back (the other page reloaded and the call was
    // renegotiated, Chrome 147) is no hang-up, nor a connection state connected after it.
    // Which transports: the selected pair's, or all of them when no transport names it (audit of
    // the change: an unbundled second transport the far end closed, while the call went on, was
    // "closed-by-peer"). Each one's closing is bounded by the sample before it, as DTLS is sampled
    // every few seconds: the loss of ICE between the two is the hang-up's too.
    // Every transport whose DTLS the stats show: all closed is the hang-up; some closed while
    // another goes on is said, not the verdict, whichever of them the selected pair is on (audits
    // of the change: an unbundled transport the far end closed was the verdict or unsaid, by order).
    const watched = x.transports.filter((t) => t.series('dtlsState').length > 0);
    const closings = watched.map((t) => {
      let from: { time: number; after: number } | null = null;
      let before = -Infinity;
      for (const p of t.series('dtlsState')) {
        if (p.value === 'closed') from ??= { time: p.time, after: before };
        else {
          from = null;
          before = p.time;
        }
      }
      return from;
    });
    const closing = closings.every((c) => c !== null) && closings.length > 0 ? closings.reduce((a, b) => (b!.time < a!.time ? b : a))! : null;
    const dtlsClosedAt = closing !== null && !conn.some((c) => c.state === 'connected' && (c.time ?? -Infinity) > closing.time) ? closing.time : null;
    if (closing === null) {
      closings.forEach((c, i) => {
        if (c !== null) evidence.push(`transport ${watched[i]!.id}'s DTLS state closed by ${at(c.time)}, while ${watched.length === 2 ? 'the other one' : 'others'} went on: the other side closed that one (close_notify), an unbundled m-line it stopped`);
      });
    }
    // A snapshot (getStats results, a Firefox report without events) cannot tell who closed: no time of this side's close() to compare.
    const eventsSeen = r.states.signaling.length > 0 || r.states.connection.length > 0 || x.closedAt !== undefined;
    if (closing !== null && dtlsClosedAt !== null && !eventsSeen) evidence.push('DTLS state closed when the stats were taken: the session was ended, by the other side\'s close_notify or by this side\'s close(); a snapshot has no events to tell which');
    if (closing !== null && dtlsClosedAt !== null && eventsSeen && (x.closedAt === undefined || (x.closedAt !== null && x.closedAt > dtlsClosedAt)) && (lostAfter.length === 0 || (lostAfter[0]!.time ?? Infinity) >= closing.after)) {
      if (lastConnected) evidence.push(`connected at ${at(lastConnected.time)}`);
      const first = closing.after === -Infinity;
      const when = first ? `by ${at(dtlsClosedAt)} (the transport's first stats sample: closed before it)` : `between ${at(closing.after)} and ${at(dtlsClosedAt)} (two stats samples)`;
      evidence.push(`DTLS state closed ${when}, before this side closed anything: the other side sent close_notify`);
      for (const s of lostAfter) evidence.push(`${s.what} state ${s.state} at ${at(s.time)}${(s.time ?? 0) >= dtlsClosedAt ? ', after the DTLS session had ended' : ', as the DTLS session ended'}: the other side no longer answers consent checks`);
      if (x.closedAt !== undefined) evidence.push(`closed by this side at ${at(x.closedAt)}`);
      const then = lostAfter.length > 0 ? `; ICE went ${[...new Set(lostAfter.map((s) => s.state))].join(', then ')} as the other side stopped answering` : CONNECTED.has(finalIce ?? '') ? '; ICE still connected when the dump ends' : '';
      return verdict('closed-by-peer', `The other side closed the connection: DTLS closed by ${at(dtlsClosedAt)} (close_notify)${then}.`, evidence);
    }
    // The connection state ending disconnected or failed, with no DTLS failure behind it, is ICE's
    // too, when the dump kept no ICE state after "connected" (ICE audit: jitsi's reconnect dump was "connected").
    const connSaysLost = !CONNECTED.has(finalIce ?? '') ? false : (finalConn === 'failed' || finalConn === 'disconnected') && conn.some((c) => c.state === 'disconnected');
    const endedLost = lostAfter.length > 0 && finalConn !== 'connected' && (!CONNECTED.has(finalIce ?? '') || connSaysLost);
    if (endedLost) {
      if (lastConnected) evidence.push(`connected at ${at(lastConnected.time)}`);
      if (connSaysLost) evidence.push(`the ICE state events stop at ${finalIce}, but the connection state went disconnected (an ICE transport's state: DTLS has none) and ended ${finalConn}: ICE was lost; the dump kept no later ICE event`);
      if (sel?.lastResponseAt != null) {
        evidence.push(
          sel.responsesGrew
            ? `STUN responses on the selected pair were last seen growing at ${at(sel.lastResponseAt)} (${sel.responsesReceived} in all)`
            : `STUN responses on the selected pair: ${sel.responsesReceived} in all, all of them by the pair's first stats sample (${at(sel.lastResponseAt)}), none after`,
        );
      }
      for (const s of lostAfter) evidence.push(`${s.what} state ${s.state} at ${at(s.time)}`);
      // Connected to ICE only: the call itself never came up (dumps audit: Chrome 99 to a Jitsi
      // bridge, one STUN response, DTLS still connecting, nothing received; said as a lost path only).
      if (conn.length > 0 && !conn.some((c) => c.state === 'connected')) {
        evidence.push(`the connection state never reached connected${dtlsStates.length > 0 ? ` (DTLS state ${dtlsStates.at(-1)} when the dump ends)` : ''}: the DTLS handshake never completed, so no media or data flowed${sel?.bytesCountsReported ? ` (${sel.bytesReceived} bytes received on the selected pair)` : ''}`);
      }
      // A TURN server in the configuration and no relay candidate: no fallback when the path went.
      const turn = configuredUrls(r.configuration).filter((u) => /^turns?:/i.test(u));
      if (turn.length > 0 && !r.localCandidates.some((c) => c.type === 'relay')) {
        evidence.push(`the configuration has TURN (${turn.map((u) => redactServerUrl(u)).join(', ')}), yet no relay candidate was gathered${r.candidateErrors.length === 0 ? ' and no candidate error was reported' : ''}: the TURN server was not reached, or refused the allocation, so there was no relayed path to fall back on`);
      }
      const restarted = iceStates.some((s) => s.state === 'checking' && (s.time ?? 0) > (lostAfter[0]!.time ?? 0));
      if (restarted) evidence.push(`checking again after the loss (an ICE restart${r.restarts > 0 ? `, ${r.restarts} in all` : ''}), and ${finalIce ?? 'not connected'} when the dump ends`);
      const states = [...new Set(lostAfter.map((s) => s.state))];
      const how = restarted ? `${states.join(', then ')}; a restart was still ${finalIce} when the dump ends` : states.includes('failed') ? (states.includes('disconnected') ? 'disconnected, then failed' : 'failed') : 'disconnected, and not failed (yet) when the dump ends';
      return verdict('connected-then-lost', `ICE connected${sel ? ` through ${describePair(sel)}` : ''}, then the path stopped answering: ${how}.`, evidence);
    }
    let through = '';
    if (sel) {
      const viaRelay = sel.local?.type === 'relay' || sel.remote?.type === 'relay';
      // Neither candidate's report in the stats: no "? ↔ ?" (the evidence says which are missing).
      through = sel.local === null && sel.remote === null ? ` through pair ${sel.id}, whose candidates the stats do not hold` : ` through ${describePair(sel)}`;
      if (viaRelay) {
        const failedDirect = direct.filter((p) => p.state === 'failed').length;
        const succeededDirect = direct.filter((p) => p.state === 'succeeded').length;
        const localRelay = sel.local?.type === 'relay';
        const proto = localRelay ? sel.local!.relayProtocol : sel.remote?.relayProtocol;
        // The other side's relay is no server of this side's configuration: its address, not this
        // side's STUN URL (real-dump audit: "a TURN relay via stun:…" for a srflx ↔ remote relay pair).
        through = localRelay
          ? ` through a TURN relay${proto ? ` over ${proto.toUpperCase()}` : ''}${sel.local?.url ? ` via ${sel.local.url}` : ''}`
          : ` through the other side's TURN relay${sel.remote?.address ? ` ${hostPort(sel.remote.address, sel.remote.port)}` : ''}${proto ? ` (${proto.toUpperCase()})` : ''}, this side's ${sel.local?.type ?? '?'} candidate to it`;
        // Pairs with no check sent were never tried: neither answered nor not (real-dump audit:
        // "12 never answered" 0.4 s into checking, 8 of them waiting with none sent).
        // A check sent again and unanswered is evidence; one alone, on a pair still in progress,
        // is not yet (the dump may be taken 0.4 s into checking).
        const tried = direct.filter((p) => p.state === 'failed' || p.state === 'succeeded' || (p.responseCountsReported && p.responsesReceived === 0 ? p.requestsSent >= 2 : p.requestsSent > 0 && p.state !== 'in-progress' && p.state !== 'waiting'));
        const pending = direct.length - tried.length;
        if (tried.length > 0 && succeededDirect === 0) {
          through += `: no direct pair succeeded (${direct.length} pair(s) without a relay: ${failedDirect} failed, ${tried.length - failedDirect} unanswered${pending > 0 ? `, ${pending} still being checked or not yet` : ''})`;
          // A server's public address answers every check a client sends it: filtering does not
          // stop that, a firewall on the client's way out does (dumps audit: Safari to a Jitsi bridge).
          const toServer = tried.every((p) => p.remote?.addressClass === 'public' && (p.remote.type === 'host' || p.remote.type === 'srflx'));
          evidence.push(toServer
            ? 'no pair without a relay succeeded, though the other side\'s candidates are public addresses (a server\'s, which answer any check sent to them): outbound UDP is blocked on this side\'s way out (a firewall or proxy), or the other side filters; the relay is what makes this call work'
            : 'no pair without a relay succeeded: the NATs filter (port-restricted or symmetric), or a firewall drops the direct path (outbound UDP blocked on this side\'s network, when the other side is a server); the relay is what makes this call work');
        }
      }
      // The hosts' own path tried and never answered, while the call went another way: said (dump
      // audit: a call between two machines of one LAN went out to the shared public address and back,
      // its host↔host checks unanswered, and the verdict had no evidence).
      if (!viaRelay && !(sel.local?.type === 'host' && sel.remote?.type === 'host')) {
        // Failed, or five checks and more unanswered (Chromium retransmits over about 2.5 s): one check of a pair still in progress is no evidence (change audit).
        const silent = r.pairs.filter((p) => p !== sel && p.local?.type === 'host' && p.remote?.type === 'host' && p.responseCountsReported && p.responsesReceived === 0 && (p.state === 'failed' ? p.requestsSent > 0 : p.requestsSent >= 5));
        if (silent.length > 0) {
          const sent = silent.reduce((n, p) => n + p.requestsSent, 0);
          // A public host address is one a server announces (go2rtc's configured public IP, behind a
          // port forward), not a machine's own interface (ICE audit: "the two machines' own addresses").
          const announced = [...new Set(silent.filter((p) => p.remote?.addressClass === 'public').map((p) => hostPort(p.remote!.address, p.remote!.port)))];
          const forward = announced.length > 0 ? `; ${announced.join(', ')} ${announced.length === 1 ? 'is a public address' : 'are public addresses'} the other side announces as a host candidate (a server's configured public IP, behind a port forward that did not carry the checks)` : '';
          // The remote reached from another of this side's interfaces answers, so the path of that
          // interface is what fails (real-dump audit: a Twilio call's wifi host pair unanswered while
          // ethernet's srflx pair to the same host candidate succeeded).
          const reached = new Set(r.pairs.filter((p) => p.state === 'succeeded' || p.responsesReceived > 0).map((p) => p.remote?.id ?? ''));
          const sameRemote = silent.filter((p) => p.remote?.id != null && reached.has(p.remote.id));
          const nets = [...new Set(sameRemote.map((p) => p.local?.networkType).filter((n): n is string => typeof n === 'string'))];
          const why = sameRemote.length === silent.length
            ? `the other side's same host candidate answered from another of this side's addresses, so ${nets.length > 0 ? `this side's ${nets.join(', ')} interface` : 'the path from this side\'s host address'} had no way to it (no route, or a firewall on it)`
            : 'a firewall on one of the hosts, or no route between them';
          evidence.push(`${silent.length} host↔host pair${silent.length === 1 ? '' : 's'} (the direct path between the addresses each side announced as its own) sent ${sent} check${sent === 1 ? '' : 's'} and got no answer: ${why}${forward}; the call took ${describePair(sel)} instead`);
        }
        const [la, ra] = [sel.local?.address, sel.remote?.address];
        if (sel.local?.type === 'srflx' && sel.remote?.type === 'srflx' && la && la === ra) evidence.push(`both sides' server-reflexive address is ${la}: the two are behind one public address, and this path turns around in their router (NAT hairpinning, RFC 4787 §6), which not every router does`);
      }
    }
    // Connectivity lost and found again: said, not left deep in the timeline (ICE audit: an 8 s outage under "connected").
    for (const o of outages(iceStates, r.timeline)) evidence.push(`ICE ${o.state} at ${at(o.from)} for ${((o.to - o.from) / 1000).toFixed(1)} s, then connected again${o.restarted ? ' after an ICE restart' : ''}`);
    if (x.closedAt !== undefined) evidence.push(`closed at ${at(x.closedAt)}`);
    // Not long enough to call it failed (or no time to measure it by): said, not judged.
    if (dtlsPending) evidence.push(`DTLS state ${dtlsStates.at(-1) ?? finalConn} when the dump ends: the secure channel is not up yet${sel?.bytesCountsReported ? ` (${sel.bytesSent} bytes sent, ${sel.bytesReceived} received on the selected pair)` : ''}`);
    // Sending on the selected pair and receiving nothing on it, STUN aside, when the stats were
    // taken (real-dump audit: a robot's 1080p stream, 9.4 s silent in its app's last getStats;
    // ICE went disconnected 0.9 s later): one way only; said, not "nothing to fix".
    let silent = '';
    if (sel && sel.lastPacketReceivedAt !== null && sel.lastPacketSentAt !== null && sel.sampledAt !== null) {
      const quiet = sel.sampledAt - sel.lastPacketReceivedAt;
      const sent = sel.sampledAt - sel.lastPacketSentAt;
      if (quiet >= SILENT_MS && sent >= 0 && sent <= 2000) {
        silent = `, but nothing came in on it for the last ${(quiet / 1000).toFixed(1)} s of the stats`;
        evidence.push(`nothing received on the selected pair (STUN aside) for ${(quiet / 1000).toFixed(1)} s when the stats were taken, while this side sent on it ${(sent / 1000).toFixed(1)} s before: one way only. With media or data expected from the other side (or its RTCP, whenever this side sends media), the path had stopped delivering toward this side: a NAT binding gone, a network change, the peer gone; ICE drops the pair 30 s after its last consent response (RFC 7675 §5.1). Take stats later, or a dump with events, to see it end`);
      }
    }
    // A renegotiation the browser refused after ICE came up: the call goes on with the earlier
    // descriptions, the change not in effect (renegotiation audit: in the timeline only).
    // Only those after ICE first connected: a refusal before it was the first negotiation's, already overcome.
    const firstUp = iceStates.find((st) => CONNECTED.has(st.state))?.time ?? null;
    const refusedSets = x.failures.filter((f, i) => /^set(?:Local|Remote)Description failed/.test(f) && firstUp !== null && (x.failureTimes[i] ?? -Infinity) > firstUp);
    for (const f of refusedSets.slice(0, 3)) evidence.push(`${f}: that description was not applied; the call goes on with the ones before it (what it added, a track or a data channel, is not negotiated)`);
    // What to do follows what was said: a one-way silence or a refused description is something to look at, not "nothing to fix" (ICE audit: --json said so beside the silence).
    const refusedAction = 'A later description was refused, so what it added is not in effect: compare it with the one before (sdp-diff --diff) and read the browser\'s error.';
    const action = silent !== ''
      ? `Nothing but STUN came in on the selected pair while this side sent: the other side sent no media or data then (muted, paused, or gone), or the path had stopped delivering toward this side (a NAT binding gone, a network change; consent responses that still come say the path works). Take stats later, or a dump with its events, to see whether ICE went disconnected or media resumed.${refusedSets.length > 0 ? ` ${refusedAction}` : ''}`
      : refusedSets.length > 0
        ? `ICE is fine. ${refusedAction}`
        : ICE_VERDICTS.connected.action;
    return verdict('connected', `ICE connected${through}${silent}${refusedSets.length > 0 ? ', though a later description was refused' : ''}.`, evidence, action);
  }

  const closedAt = x.closedAt;
  // Closed after seconds of checks none of which was answered (an application's own connect
  // timeout, as many have): the checks are the story, and the close is said (ICE audit: it was
  // "closed-early", the advice pointed at the application, UDP blocked was not said).
  const checksFrom = iceStates.find((s) => s.state === 'checking')?.time ?? null;
  const checkedBeforeClose = closedAt !== undefined && closedAt !== null && checksFrom !== null ? closedAt - checksFrom : null;
  const unansweredBeforeClose =
    checkedBeforeClose !== null && checkedBeforeClose >= CHECKS_WAIT_MS && r.pairs.length > 0 && r.pairs.every((p) => p.responsesReceived === 0) && r.pairs.some((p) => p.requestsSent > 0 || p.state === 'failed');
  if (unansweredBeforeClose) evidence.push(`closed at ${at(closedAt!)} by the application, ${(checkedBeforeClose / 1000).toFixed(1)} s after the checks began, none of them answered (its own connect timeout?)`);
  // Closed after ICE failed (as applications do on "failed"): the failure is the story, read on.
  else if (closedAt !== undefined && !iceStates.some((s) => s.state === 'failed') && !conn.some((s) => s.state === 'failed')) {
    const anything = r.localCandidates.length > 0 || r.remoteCandidates.length > 0 || r.pairs.length > 0 || r.states.signaling.some((s) => s.state !== 'closed');
    if (!anything) return verdict('no-ice-data', 'The peer connection was closed without being used: no description, no candidate, no check.', [`closed at ${at(closedAt)}`]);
    evidence.push(`closed at ${at(closedAt)}, before ICE connected`);
    evidence.push(`by then: ${x.localSet ? 'local description set' : 'no local description'}, ${x.remoteSet ? 'remote description set' : 'no remote description'}, ${r.localCandidates.length} local and ${r.remoteCandidates.length} remote candidate(s), ${r.pairs.length} pair(s)`);
    return verdict('closed-early', `The peer connection was closed at ${at(closedAt)}, before ICE connected.`, evidence);
  }

  // Pairs in the stats mean ICE ran, whatever the events say (a dump opened mid-call, SDPs stripped);
  // so does an ICE state past "new" (getStats saved as JSON holds no SDP: README walk, a transport
  // that went checking → failed was "no offer/answer completed").
  const iceRan = iceStates.some((st) => st.state !== 'new' && st.state !== 'closed');
  // getStats results with candidates but no pair go on to the candidates' verdicts (no description is known either way).
  const statsCandidates = x.statsOnly && (r.localCandidates.length > 0 || r.remoteCandidates.length > 0);
  if ((!x.localSet || !x.remoteSet) && r.pairs.length === 0 && !iceRan && !statsCandidates) {
    const anything = r.states.signaling.length > 0 || x.failures.length > 0 || ice.length > 0 || r.localCandidates.length > 0 || r.remoteCandidates.length > 0;
    if (!anything && !x.statsOnly) return verdict('no-ice-data', 'The dump holds no ICE activity for this peer connection.', ['no signaling, ICE or candidate event, and no ICE stats']);
    // getStats results alone hold no description and no event: "not set" would be a guess (ICE
    // audit: Twilio's "pre-ice" snapshots, with a transport and a certificate, were "not-negotiated");
    // with no ICE stats at all (Firefox's getStats has no transport stats) they are the same story,
    // not webrtc-internals advice (audit of the change: "was webrtc-internals opened…", exit 0).
    if (x.statsOnly) {
      evidence.push('getStats results hold no events and no descriptions: whether the offer and answer were set cannot be told from them');
      for (const t of x.transports) {
        const state = t.series('iceState').at(-1)?.value;
        if (state !== undefined) evidence.push(`transport ${t.id}: ICE state ${asText(state)}`);
      }
      if (x.transports.length > 0) evidence.push('a transport is in the stats: libwebrtc makes one when a description is applied, so one likely was');
      else evidence.push('no transport in the stats (Firefox\'s getStats has none: its ICE shows in candidates and candidate pairs only)');
      evidence.push('no candidate and no candidate pair in the stats');
      return verdict('not-started', 'ICE had not started when the stats were taken: no candidate, no candidate pair.', evidence);
    }
    if (!x.localSet) evidence.push('no local description was set');
    if (!x.remoteSet) evidence.push('no remote description was set');
    pushAll(evidence, x.failures);
    const sig = r.states.signaling.at(-1);
    if (sig) evidence.push(`signaling state at the end: ${sig.state}`);
    return verdict('not-negotiated', `No offer/answer completed${x.failures.length ? `: ${x.failures[0]!.replace(/\.$/, '')}` : ''}, so ICE never started.`, evidence);
  }

  const usableLocal = r.localCandidates.filter((c) => c.type !== null);
  const policy = r.configuration?.['iceTransportPolicy'];
  // Pairs whose candidates' reports are not in the stats (an app that logs the pairs alone): a pair
  // names a local and a remote candidate, so both sides had some (ICE audit: a waiting pair alone
  // was "no local candidate was gathered").
  const unheld = r.pairs.filter((p) => p.local === null || p.remote === null);
  const missingSides = [unheld.some((p) => p.local === null) ? 'local' : '', unheld.some((p) => p.remote === null) ? 'remote' : ''].filter(Boolean).join(' and ');
  if (unheld.length > 0) evidence.push(`${unheld.length === r.pairs.length ? (r.pairs.length === 1 ? 'the pair names' : `the ${r.pairs.length} pairs name`) : `${unheld.length} of the ${r.pairs.length} pairs name`} ${missingSides} candidates the stats do not hold (no candidate reports for them): their addresses are unknown`);
  const pairsHold = (side: 'local' | 'remote') => r.pairs.some((p) => p[side] === null) || x.filtered;
  // A result filtered by type: no candidate report is no evidence of no candidate (new-user audit:
  // a failed transport alone was "no local candidate was gathered").
  if (x.filtered && r.localCandidates.length === 0 && r.remoteCandidates.length === 0) {
    const kinds = [x.transports.length > 0 ? 'transport' : '', r.pairs.length > 0 ? 'pair' : ''].filter(Boolean).join(' and ');
    evidence.push(`the stats hold ${r.pairs.length + x.transports.length === 1 ? `a ${kinds} report` : `${kinds} reports`} only, no candidate (a getStats() result filtered by type?): which candidates each side had cannot be told`);
  }
  if (x.filtered && r.pairs.length === 0 && r.localCandidates.length + r.remoteCandidates.length > 0) {
    evidence.push('the stats hold candidates but no candidate pair, no transport and no peer-connection report (a getStats() result filtered by type?): which pairs formed and whether one connected cannot be told');
  }
  // A remote peer-reflexive candidate is a check that arrived from the other side (RFC 8445 §7.3.1.3).
  const prflx = r.remoteCandidates.filter((c) => c.type === 'prflx');
  if (prflx.length > 0 && x.statsOnly) evidence.push(`${prflx.length} remote peer-reflexive candidate${prflx.length === 1 ? '' : 's'}: the other side's connectivity checks arrived (RFC 8445 §7.3.1.3), from an address its signaled candidates had not named, or before they came`);
  if (usableLocal.length === 0 && !pairsHold('local')) {
    evidence.push('no local candidate was gathered');
    if (policy === 'relay') evidence.push('iceTransportPolicy is "relay": only TURN relay candidates may be used');
    for (const e of r.candidateErrors) evidence.push(e.explanation);
    if (r.states.gathering.at(-1)) evidence.push(`gathering state at the end: ${r.states.gathering.at(-1)!.state}`);
    return verdict('no-local-candidates', policy === 'relay' && r.candidateErrors.length > 0 ? 'No local candidate: the policy allows relays only, and every TURN server failed.' : 'Gathering produced no usable local candidate.', evidence);
  }
  const delivered = r.remoteCandidates.filter((c) => c.seenIn.includes('event') || c.seenIn.includes('sdp') || (c.seenIn.includes('stats') && c.type !== 'prflx'));
  if (delivered.length === 0 && x.refused.length > 0 && !pairsHold('remote')) {
    evidence.push(`${x.refused.length} remote candidate(s) refused by addIceCandidate (addIceCandidateFailed): ${x.refused.slice(0, 5).join('; ')}${x.refused.length > 5 ? '; …' : ''}`);
    return verdict('remote-candidates-refused', `The browser refused every remote candidate (${x.refused.length} addIceCandidateFailed), so nothing could pair.`, evidence);
  }
  // Checks that arrived are the other side's candidates at work: not "none arrived" (ICE audit).
  if (delivered.length === 0 && !pairsHold('remote') && !(x.statsOnly && prflx.length > 0)) {
    evidence.push(`${usableLocal.length} local candidate(s) (${[...new Set(usableLocal.map((c) => c.type))].join(', ')}), none from the other side: ${x.statsOnly ? 'no remote candidate in the stats (they hold no signaling: whether any was sent cannot be told from them)' : 'no addIceCandidate, no a=candidate in the remote description'}`);
    return verdict('no-remote-candidates', 'No remote candidate arrived: the signaling did not deliver the other side\'s candidates.', evidence);
  }
  // Candidates pair only with the same transport; TCP active with passive, so with so (RFC 6544 §6.2).
  // And only within one address family (RFC 8445 §6.1.2.2): an mDNS name or a hidden address may be either.
  const compatible = (l: IceCandidateInfo, rc: IceCandidateInfo) =>
    l.protocol === rc.protocol &&
    (l.protocol !== 'tcp' || (l.tcpType === 'active' && rc.tcpType === 'passive') || (l.tcpType === 'passive' && rc.tcpType === 'active') || (l.tcpType === 'so' && rc.tcpType === 'so') || l.tcpType === null || rc.tcpType === null) &&
    (familyOf(l) === null || familyOf(rc) === null || familyOf(l) === familyOf(rc));
  if (r.pairs.length === 0 && !x.filtered && !usableLocal.some((l) => delivered.some((rc) => compatible(l, rc)))) {
    const kinds = (l: IceCandidateInfo[]) => [...new Set(l.map((c) => `${c.protocol}${c.tcpType ? ` ${c.tcpType}` : ''}${familyOf(c) !== null ? ` IPv${familyOf(c)}` : ''}`))].join(', ');
    evidence.push(`local candidates: ${kinds(usableLocal)}; remote: ${kinds(delivered)}: no local candidate can pair with a remote one (same transport and address family; TCP active only with passive)`);
    const unspecified = usableLocal.filter((c) => c.addressClass === 'unspecified');
    const loopback = delivered.filter((c) => c.addressClass === 'loopback');
    if (unspecified.length === usableLocal.length) evidence.push(`the local candidates carry no address (${[...new Set(unspecified.map((c) => c.address))].join(', ')}): the browser found no usable network interface`);
    else if (!usableLocal.some((c) => c.protocol === 'udp')) evidence.push('no local UDP candidate at all: UDP sockets could not be opened (a policy, a sandbox or a firewall on this machine)');
    if (loopback.length > 0) evidence.push(`the remote side announced a loopback address (${loopback.map((c) => hostPort(c.address, c.port)).join(', ')}): nobody else can reach it; the server is configured with the wrong announced address`);
    const transportsMeet = usableLocal.some((l) => delivered.some((rc) => compatible({ ...l, address: null }, { ...rc, address: null })));
    if (!transportsMeet) return verdict('no-local-candidates', 'No local candidate can pair with the remote ones: the transports do not match.', evidence);
    // Which family each side has, as the candidates say (ICE audit: "IPv4 against IPv6" of an IPv6 side and an IPv4 one).
    const familySet = (l: IceCandidateInfo[]) => new Set(l.map(familyOf).filter((f) => f !== null));
    const families = (l: IceCandidateInfo[]) => [...familySet(l)].sort().map((f) => `IPv${f}`).join(' and ') || 'no known family';
    // Both have a family in common: it is the transports within it that do not meet (fix audit: "share no family" of two dual-stack sides).
    if ([...familySet(usableLocal)].some((f) => familySet(delivered).has(f))) {
      return verdict('no-local-candidates', `No local candidate can pair with the remote ones: no transport and address family in common (each side's are in the evidence).`, evidence, 'Candidates pair only on one transport within one address family, TCP active only with passive (RFC 8445 §6.1.2.2, RFC 6544): give both sides a combination in common, UDP on the same family, a TURN relay both reach, or a passive TCP candidate on one side.');
    }
    return verdict(
      'no-local-candidates',
      `No local candidate can pair with the remote ones: their address families do not match (this side ${families(usableLocal)}, the other side ${families(delivered)}).`,
      evidence,
      'The two sides share no address family, and candidates pair only within one (RFC 8445 §6.1.2.2). Give one side the other\'s family: a network interface with it, or a TURN server that allocates a relay of it (RFC 8656 §7.2 REQUESTED-ADDRESS-FAMILY; coturn listening on both); a dual-stack server in the middle (an SFU) bridges them.',
    );
  }
  // Succeeded by its state; an answer on a pair that then failed is not a success (ICE audit: it made "no-nomination").
  const succeeded = r.pairs.filter((p) => p.state === 'succeeded' || (p.state === null && p.responsesReceived > 0));
  // Names: mDNS (.local) or DNS (a server's host name, go2rtc's "bleialf.at"): libwebrtc pairs neither before it resolves (ICE audit: a DNS name got "configure TURN").
  const named = delivered.filter((c) => c.addressClass === 'mdns' || c.addressClass === 'hostname');
  // A pair with checks on it was formed, so the names resolved (libwebrtc pairs a .local candidate
  // only once it has its address: ICE audit, a pair failed after 30 s was called "never resolved").
  // With a remote candidate that came from signaling (an mDNS one, resolved), not a prflx one a check taught (audit of the change).
  const tried = r.pairs.some((p) => (p.requestsSent > 0 || p.state === 'in-progress' || p.state === 'failed') && p.remote !== null && p.remote.type !== 'prflx');
  if (delivered.length > 0 && named.length === delivered.length && succeeded.length === 0 && !tried) {
    const names = [...new Set(named.map((c) => c.address))];
    const dns = named.some((c) => c.addressClass === 'hostname');
    const what = !dns ? 'an mDNS name' : named.every((c) => c.addressClass === 'hostname') ? 'a DNS name' : 'a name (mDNS or DNS)';
    evidence.push(`every remote candidate is ${what} (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}) and no pair ${r.pairs.length === 0 ? 'was formed' : 'succeeded'}: the names did not resolve here`);
    return verdict('remote-candidates-unresolved', dns ? `The remote candidates are host names (${names.slice(0, 2).join(', ')}${names.length > 2 ? ', …' : ''}) that never resolved here, and the other side sent nothing else.` : 'The remote candidates are mDNS (.local) names that never resolved, and the other side sent nothing else.', evidence);
  }
  const sent = r.pairs.reduce((n, p) => n + p.requestsSent, 0);
  const answered = r.pairs.reduce((n, p) => n + p.responsesReceived, 0);
  // Checks get a few seconds before their silence means anything (libwebrtc gives up on a pair
  // after about 10 s, RFC 8445 §14.3: Rc retransmissions).
  const checkingSince = iceStates.find((s) => s.state === 'checking')?.time ?? null;
  const checkedFor = checkingSince !== null && x.endTime !== null ? x.endTime - checkingSince : null;
  // Stats alone that say checking from their first sample on: checking began before them, how long
  // before unknown (ICE audit: one Firefox snapshot was "0.0 s after checking began").
  const beganUnseen = x.statsOnly && checkingSince !== null && x.t0 !== null && checkingSince <= x.t0;
  const early = finalIce !== 'failed' && finalConn !== 'failed' && checkedFor !== null && checkedFor < CHECKS_WAIT_MS;
  // Firefox counts no requests: a failed pair with no response is its sign of checks unanswered.
  const countsKnown = r.pairs.some((p) => p.requestCountsReported);
  // The other side sent only addresses inside its own network, none in this side's, and nothing of
  // it came in: no check of this side's could reach it, through a relay neither (ICE audit: a
  // FreeSWITCH announcing its private cloud address, a peer with no STUN in a Docker bridge, had
  // read as NAT filtering or a relay that refused).
  // Host candidates only: a srflx or relay at a private address is a server inside that network (a
  // CGN's STUN, a TURN without its external address), another story (audit of the change).
  const unreachable = delivered.length > 0 && delivered.every((c) => c.type === 'host' && c.addressClass !== null && INSIDE_CLASSES.has(c.addressClass) && c.addressClass !== 'loopback');
  // Masked addresses ("192.168.1.x") by what they show: one that may be this side's neighbour is (audit of the change).
  const nearby = unreachable && delivered.some((c) => usableLocal.some((l) => l.address !== null && c.address !== null && maySameSubnet(l.address, c.address)));
  const heardFrom = prflx.length > 0 || r.pairs.some((p) => p.requestsReceived > 0);
  // This side has a way in from outside (a srflx, a relay or a host at a public address; a srflx
  // inside a CGN is none: audit of the change): the other side's is what is missing.
  const localOutside = usableLocal.some((c) => c.addressClass !== null && isRoutable(c.addressClass));
  const remoteInside = unreachable && !nearby && !heardFrom && succeeded.length === 0 && answered === 0;
  const neitherReachable = remoteInside && !localOutside ? `the other side's candidates are all inside its network too (${listSome([...new Set(delivered.map((c) => c.address))], (a) => a ?? '', 3)}; no srflx, no relay): neither side has an address the other can reach` : null;
  if (remoteInside && localOutside && !early && (finalIce === 'failed' || finalConn === 'failed' || sent > 0 || (r.pairs.length > 0 && r.pairs.every((p) => p.state === 'failed')))) {
    const addresses = [...new Set(delivered.map((c) => `${c.type ?? 'candidate'} ${c.address}`))];
    evidence.push(`${delivered.length === 1 ? 'the other side\'s only candidate is' : `every one of the other side's ${delivered.length} candidates is`} inside its network: ${listSome(addresses, (a) => a, 4)}; no srflx, no relay`);
    evidence.push(r.pairs.length > 0 ? `${r.pairs.length} pair(s)${countsKnown ? `, ${sent} checks sent, 0 answered, none received from the other side` : ', none succeeded'}` : 'no pair succeeded');
    // This side in the same private block (192.168.1 and 192.168.2): one routed network is possible (audit of the change).
    const block = delivered.map((c) => (c.address !== null ? privateBlock(c.address) : null)).find((b) => b !== null && usableLocal.some((l) => l.address !== null && privateBlock(l.address) === b));
    if (block !== undefined) evidence.push(`this side has an address in the same private block (${block}): if the two are on one routed network after all, the checks were dropped on it (a firewall), and it is not the addresses`);
    if (usableLocal.some((c) => c.type === 'relay')) evidence.push('this side\'s TURN relay reaches a private address only from inside that network (a TURN server there, whose denied-peer-ip rules then decide)');
    return verdict('remote-unreachable', `The other side offered only private addresses (${listSome(addresses.map((a) => a.slice(a.indexOf(' ') + 1)), (a) => a, 2)}), no srflx and no relay: nothing outside its network can reach them.`, evidence);
  }
  // A succeeded pair was answered, counted or not (a page table of a succeeded pair and a failed one had read checks-unanswered); a pair still checking may be (audit of the change: in-progress beside failed).
  if (r.pairs.length > 0 && answered === 0 && !early && (sent > 0 || (!countsKnown && succeeded.length === 0 && r.pairs.some((p) => p.state === 'failed') && !r.pairs.some((p) => p.state === 'in-progress' || p.state === 'waiting' || p.state === 'frozen')))) {
    evidence.push(
      countsKnown
        ? `${r.pairs.length} pair(s), ${sent} connectivity checks sent, 0 responses received, ${r.pairs.reduce((n, p) => n + p.requestsReceived, 0)} checks received from the other side`
        : r.pairs.some((p) => p.responseCountsReported)
          ? `${r.pairs.length} pair(s), ${r.pairs.filter((p) => p.state === 'failed').length} failed, 0 responses received (the browser does not count the checks it sent)`
          : `${r.pairs.length} pair(s), ${r.pairs.filter((p) => p.state === 'failed').length} failed, none succeeded (the stats count no checks or responses)`,
    );
    const types = (l: IceCandidateInfo[]) => [...new Set(l.map((c) => c.type))].join(', ');
    // Candidates the stats do not hold: no claim on their types, relays or STUN (new-user audit:
    // "no STUN server is configured" of a pair record alone).
    const localKnown = usableLocal.length > 0 || !pairsHold('local');
    const remoteKnown = delivered.length > 0 || !pairsHold('remote');
    const candidatesKnown = localKnown || remoteKnown;
    if (candidatesKnown) evidence.push(`local candidates: ${localKnown ? types(usableLocal) || 'none' : 'not in the stats'}; remote: ${remoteKnown ? types(delivered) || 'none' : 'not in the stats'}`);
    if (neitherReachable !== null) evidence.push(neitherReachable);
    const localRelays = usableLocal.filter((c) => c.type === 'relay');
    const relays = localRelays.length + delivered.filter((c) => c.type === 'relay').length;
    if (relays === 0 && localKnown && remoteKnown) evidence.push('neither side has a TURN relay candidate: nothing could cross a filtering NAT or a firewall' + (errorsLine ? ` (${errorsLine})` : ''));
    // A TURN server configured and no relay of this side's (ICE audit: pion#1544's page, turn: configured, no relay, said nothing of it).
    const turnUrls = configuredUrls(r.configuration).filter((u) => /^turns?:/i.test(u));
    if (localRelays.length === 0 && localKnown && turnUrls.length > 0 && policy !== 'relay') evidence.push(`the configuration has TURN (${turnUrls.slice(0, 3).map((u) => redactServerUrl(u)).join(', ')}), yet this side gathered no relay candidate${r.candidateErrors.length === 0 && !x.statsOnly ? ' and no candidate error was reported' : ''}: the TURN server was not reached, or refused the allocation (its credentials)`);
    const stunServers = configuredUrls(r.configuration).filter((u) => /^(stun|turn):/i.test(u));
    if (policy === 'relay') evidence.push('iceTransportPolicy is "relay": only relay candidates are used, so there is no srflx or host pair to try');
    else if (!localKnown) evidence.push('this side\'s candidates are not in the stats: whether a relay or a srflx was among them cannot be told');
    else if (x.pairsOnly) evidence.push('whether this side had a srflx candidate cannot be told: the candidates are known from the pairs, and a srflx is paired through its base');
    else if (!usableLocal.some((c) => c.type === 'srflx')) {
      const udpRelay = localRelays.find((c) => c.relayProtocol === 'udp');
      // A public host address (IPv4 or IPv6) is its own mapping: a srflx equal to it is dropped
      // (RFC 8445 §5.1.3), so none says nothing of UDP (ICE audit: "UDP is blocked" of a public host).
      // Only when every UDP host is public: a private one beside it would have had a srflx (fix audit: an IPv6 host beside a private IPv4 one).
      const udpHosts = usableLocal.filter((c) => c.type === 'host' && c.protocol === 'udp');
      const publicHost = udpHosts.length > 0 && udpHosts.every((c) => c.addressClass !== null && isRoutable(c.addressClass)) ? udpHosts[0] : undefined;
      evidence.push(
        r.configuration === null
          ? 'no local srflx: no STUN server answered, or none was configured (the input holds no configuration to tell which), so the peer only learns private addresses'
          : stunServers.length === 0
          ? 'no local srflx: no STUN server is configured, so the peer only learns private addresses'
          : publicHost !== undefined
            ? `no local srflx, as expected: this side has a public host address (${publicHost.address}), which is its own mapping, and a browser drops a srflx equal to a host candidate (RFC 8445 §5.1.3)`
          : udpRelay !== undefined
            ? `no local srflx although STUN servers are configured (${stunServers.join(', ')}); a TURN allocation over UDP was made, so UDP does get out: those servers did not answer, or there is no NAT (a browser drops a srflx equal to a host address)`
            : `no local srflx although STUN servers are configured (${stunServers.join(', ')}): none answered over UDP, so UDP is blocked on this side's way out (a firewall) or the servers are unreachable; with UDP blocked, a TURN relay helps only over TCP or TLS (turn:host?transport=tcp, or turns:host:443)`,
      );
    }
    if (relays > 0) {
      return verdict('relay-unanswered', `Connectivity checks went out on ${r.pairs.length} pair(s), ${localRelays.length > 0 ? 'through this side\'s TURN relay too' : 'to the other side\'s TURN relay too'}, and none was answered: a relay was there and did not carry the checks.`, evidence);
    }
    // The other side's checks came in on the pairs this side's went out on: the path carries
    // packets both ways (a NAT that let them in lets the answers out on the same 5-tuple), so this
    // side's checks are refused over there (ICE audit: "NAT filtering; only TURN" beside "25 checks
    // received from the other side").
    const bothWays = r.pairs.filter((p) => p.requestsSent > 0 && p.requestsReceived > 0);
    if (countsKnown && bothWays.length > 0) {
      const received = bothWays.reduce((n, p) => n + p.requestsReceived, 0);
      const answeredHere = bothWays.reduce((n, p) => n + p.responsesSent, 0);
      // Neither answered the other: each refuses the other's checks (fix audit: "the other side refuses" beside 0 answered here).
      const each = answeredHere === 0;
      return verdict(
        'checks-unanswered',
        `Connectivity checks went out on ${r.pairs.length} pair(s) and none was answered, though the other side's checks came in on ${bothWays.length} of them (${received} received, ${answeredHere} answered here): the path carries packets both ways, so this side's checks reach the other side and are refused or dropped there${each ? ', as this side refused the other\'s' : ''}.`,
        evidence,
        `The path works both ways, so TURN is not what is missing. ${each ? 'Each side refuses the other\'s checks' : 'The other side refuses this side\'s checks'}: the ICE credentials do not match (the ice-ufrag and ice-pwd each side holds for the other, after munging, or a renegotiation or ICE restart applied on one side only), or ${each ? 'they answer' : 'it answers'} with an error (401 for credentials, 487 for a role conflict). Look at ${each ? 'both sides\' dumps or logs' : 'the other side\'s dump or log'}, and compare the descriptions both sides set (sdp-diff).`,
      );
    }
    // Every pair checked is with the other side's mDNS names, which resolved: both on one link (ICE
    // audit: "no STUN server is configured" and TURN advice for two hosts with no NAT between them).
    // Before the 401: a relay would only go around it (fix audit).
    const checked = r.pairs.filter((p) => p.requestsSent > 0 || p.state === 'failed');
    if (checked.length > 0 && checked.every((p) => p.remote?.addressClass === 'mdns')) {
      return verdict(
        'checks-unanswered',
        `Connectivity checks went out on ${checked.length} pair(s) to the other side's mDNS (.local) names and none was answered: the names resolved, so both hosts are on one link (mDNS queries do not cross a router, RFC 6762), with no NAT between them: something on that link drops the checks.`,
        evidence,
        'On one link, no NAT: allow UDP between the two hosts (a host firewall, an antivirus, a VPN client taking the traffic), or turn off the access point\'s client isolation (guest Wi-Fi). STUN adds nothing here; a TURN relay would only go around it.',
      );
    }
    // The TURN server that could carry them refused this side's credentials.
    const refused = [...new Set(r.candidateErrors.filter((e) => e.errorCode === 401 && /^turns?:/i.test(e.url ?? '')).map((e) => e.url!))];
    if (refused.length > 0 && localRelays.length === 0) {
      return verdict(
        'checks-unanswered',
        `Connectivity checks went out on ${r.pairs.length} pair(s) and none was answered: the packets were filtered on the way (NAT filtering or a firewall), and the TURN server that would relay them refused this side's credentials (401 from ${refused.join(', ')}).`,
        evidence,
        'Fix the TURN credentials: the server answered 401 Unauthorized (RFC 8489 §9.2): a wrong username or password, or time-limited credentials that expired (or whose clocks differ). sdpscope probe turn:HOST --username U --credential P checks them. The direct path is filtered, so the call needs that relay.',
      );
    }
    return verdict('checks-unanswered', `Connectivity checks went out on ${r.pairs.length} pair(s) and none was answered: the packets were filtered on the way (NAT filtering or a firewall); only a TURN relay can connect these two.`, evidence);
  }
  // ICE failed with no pair succeeded: pairs left waiting or in progress (Chrome leaves them so) failed with it.
  const allFailed = r.pairs.every((p) => p.state === 'failed');
  if (r.pairs.length > 0 && (allFailed || ((finalIce === 'failed' || finalConn === 'failed') && succeeded.length === 0))) {
    const failedCount = r.pairs.filter((p) => p.state === 'failed').length;
    evidence.push(
      allFailed
        ? `every one of the ${r.pairs.length} candidate pair(s) failed${sent > 0 ? ` (${sent} checks sent, ${answered} answered)` : ''}`
        : `ICE failed with no pair succeeded: ${failedCount} of ${r.pairs.length} pair(s) failed, the others left ${[...new Set(r.pairs.filter((p) => p.state !== 'failed').map((p) => p.state ?? 'without a state'))].join(', ')}${sent > 0 ? ` (${sent} checks sent, ${answered} answered)` : ''}`,
    );
    if (neitherReachable !== null) evidence.push(neitherReachable);
    const relayThere = usableLocal.some((c) => c.type === 'relay') || delivered.some((c) => c.type === 'relay');
    if (!relayThere) evidence.push('neither side has a TURN relay candidate');
    // Answers that came and still no pair held (audit: "nothing got through" beside "1 answered").
    const why = answered > 0 ? `${answered === 1 ? '1 check was' : `${answered} checks were`} answered, yet no pair held (answers that stopped, or came too late)` : 'nothing got through';
    const head = allFailed ? `Every candidate pair failed (${r.pairs.length})` : `No candidate pair succeeded (${r.pairs.length})`;
    return relayThere
      ? verdict('relay-unanswered', `${head}, those through a TURN relay too: ${why}.`, evidence)
      : verdict('checks-unanswered', `${head}: ${why}; only a TURN relay can connect these two.`, evidence);
  }
  // Nomination gets its few seconds too: a snapshot taken just after the descriptions were set is not yet a failure to nominate.
  const sinceDescriptions = Number.isFinite(lastDescription) && x.endTime !== null ? x.endTime - lastDescription : null;
  // A snapshot's states carry the snapshot's time: the longer of the two measures counts.
  const sinceStart = checkedFor === null && sinceDescriptions === null ? null : Math.max(checkedFor ?? 0, sinceDescriptions ?? 0);
  const tooEarly = finalIce !== 'failed' && finalConn !== 'failed' && sinceStart !== null && sinceStart < 5000;
  // A lone stats snapshot (no transport, no ICE state) whose pairs report their counters and count
  // no check, response or byte at all, a succeeded one too, which cannot be (a success is a request
  // answered): a stack that does not count (pion's stats: every counter 0, zero times), whose other
  // fields prove as little; whether nomination was due is not told (ICE audit: pion#2578's pair,
  // one of a cut map, had been no-nomination). A table without counters (about:webrtc's) is not this.
  const nothingCounted = finalIce === null && finalConn === null && x.transports.length === 0 && r.pairs.every((p) => p.requestCountsReported && p.requestsSent + p.responsesReceived + p.requestsReceived + p.responsesSent + p.bytesSent + p.bytesReceived === 0);
  if (succeeded.length > 0 && !r.pairs.some((p) => p.nominated || p.selected) && !tooEarly && x.nominationKnown && !nothingCounted) {
    evidence.push(`${succeeded.length} pair(s) answered, none nominated or selected: ${succeeded.slice(0, 2).map(describePair).join('; ')}`);
    let firstSuccess = Infinity;
    for (const p of succeeded) firstSuccess = Math.min(firstSuccess, p.states.find((q) => q.state === 'succeeded')?.time ?? Infinity);
    if (Number.isFinite(firstSuccess) && x.endTime !== null && x.endTime > firstSuccess) evidence.push(`the first pair succeeded at ${at(firstSuccess)}; ${((x.endTime - firstSuccess) / 1000).toFixed(1)} s later, when the dump ends, still no nomination (ICE state ${finalIce ?? 'not recorded'})`);
    if (x.role === 'controlled') evidence.push('this side is controlled: nominating is the controlling side\'s job (RFC 8445 §8.1.1, USE-CANDIDATE); the other agent answers checks but never nominates (a controlling-role bug, or a server that believes itself ICE-lite)');
    else if (x.role === 'controlling') evidence.push('this side is controlling: it should have nominated a succeeded pair (RFC 8445 §8.1.1)');
    return verdict('no-nomination', 'Checks were answered but no pair was nominated or selected.', evidence);
  }
  // A browser that does not count checks (Firefox) or stats without pairs: not "0 checks sent" (audit).
  const checks = countsKnown ? `${sent} checks sent, ${answered} answered` : r.pairs.length > 0 ? 'checks not counted by the browser' : 'no pair stats in the dump';
  evidence.push(`ICE state at the end: ${finalIce ?? 'not recorded'}; ${r.pairs.length} pair(s), ${checks}${beganUnseen ? `, checking from the first stats sample on${checkedFor !== null && checkedFor > 0 ? ` (${(checkedFor / 1000).toFixed(1)} s of samples)` : ''}: when it began is before them, unknown` : checkedFor !== null ? `, ${(checkedFor / 1000).toFixed(1)} s after checking began` : ''}`);
  if (finalIce === 'failed') {
    // No pair in the stats (Chrome before 80's legacy getStats, a dump without stats): whether checks left or came back is not known (ICE audit).
    return r.pairs.length === 0
      ? verdict('checks-unanswered', 'ICE failed: no pair got through; no pair stats are read from this dump, so whether checks were sent or answered is not known.', evidence, 'ICE failed, and no candidate pairs are read from this dump to say why (Chrome before 80 writes them in its legacy getStats, which sdpscope does not read; see the note). Take one from a browser that reports them in the standard getStats (Chrome 80 and later, Firefox), or read the candidates: with no srflx or relay on either side only hosts on one network connect; a working TURN relay connects across filtering NATs and firewalls (sdpscope probe checks one).')
      : verdict('checks-unanswered', 'ICE failed: no pair got through.', evidence);
  }
  // Candidates alone, no pair and no state: nothing says whether ICE was checking, connected or failed (ICE audit: "still checking", exit 1).
  if (x.filtered && r.pairs.length === 0 && finalIce === null) return verdict('stats-filtered', 'The stats hold candidates and no candidate pair: how ICE went cannot be told from them.', evidence);
  // A pair answered, and the stats say nothing of nomination, selection, bytes or state (an about:webrtc
  // table without those columns): not "still checking" (its ICE state "not recorded"), not a failure.
  if (succeeded.length > 0 && (!x.nominationKnown || nothingCounted) && finalIce === null && finalConn === null) {
    evidence.push(`${succeeded.length} pair(s) succeeded: ${succeeded.slice(0, 2).map(describePair).join('; ')}; ${x.nominationKnown ? 'the stats count no check, response or byte on any pair (a stack that does not count them), and hold no transport or ICE state: whether nomination was due cannot be told' : 'the stats record no nomination, selection or bytes on any pair'}`);
    return verdict('success-unconfirmed', `A candidate pair succeeded (${describePair(succeeded[0]!)}), and the stats say nothing of whether it was then used.`, evidence);
  }
  return verdict('still-checking', 'The dump ends while ICE is still checking.', evidence);
}

/** The address family of an address or an "address:port" as Chrome writes them (a masked IPv6 one too: "[0:0:0:x:x:x:x:x]:49881"); null when there is none. */
function familyOfEndpoint(text: string | null): 'ipv4' | 'ipv6' | null {
  if (text === null || text === '') return null;
  if (text.startsWith('[')) return 'ipv6';
  const colons = text.split(':').length - 1;
  return colons >= 2 ? 'ipv6' : /^\d{1,3}\.\d{1,3}\.\d{1,3}\.(?:\d{1,3}|x)(?::\d+)?$/i.test(text) ? 'ipv4' : null;
}
