/**
 * Walks a JSON value (a document, an NDJSON line, a frame) for SDPs and candidates:
 * RTCSessionDescriptionInit `{type, sdp}`, the seed's `{type:"offer", offer:{…}}` frames,
 * candidate frames (the candidate a string, an RTCIceCandidateInit, or null for the end),
 * relay log lines (their time, sender and room carried down), strings holding SDP, candidates
 * or JSON, and webrtc-internals dumps.
 */
import { SdpscopeError, withoutStack } from '../errors.js';
import { emitCandidate, emitDescription, pathKey, sdpType, sourceOf, str } from './found.js';
import { JsonParser, NOT_JSON } from './json-check.js';
import { scanText, startsLikeCandidateFields } from './text-scan.js';
import type { InputSink, WalkContext } from './types.js';
import { kvsPayload } from './kvs.js';
import { peerConnectionsOf, readLegacyValue, walkDump } from './webrtc-internals.js';

const ufragIn = (sdp: unknown): string | null => (typeof sdp === 'string' ? (/^a=ice-ufrag:([^\s]+)/m.exec(sdp)?.[1] ?? null) : null);

/** The local and remote SDPs' ufrags of a Janus handle info (`sdps`) or a Firefox report (`sdpHistory`, its last of each side), or null. */
function sideUfragsOf(o: Record<string, unknown>): { local: string | null; remote: string | null } | null {
  const sdps = o['sdps'];
  if (sdps !== null && typeof sdps === 'object' && !Array.isArray(sdps)) {
    const s = sdps as Record<string, unknown>;
    if (typeof s['local'] === 'string' || typeof s['remote'] === 'string') return { local: ufragIn(s['local']), remote: ufragIn(s['remote']) };
  }
  const history = o['sdpHistory'];
  if (Array.isArray(history) && ('rawLocalCandidates' in o || 'rawRemoteCandidates' in o)) {
    let local: string | null = null;
    let remote: string | null = null;
    for (const h of history) {
      if (h === null || typeof h !== 'object') continue;
      const u = ufragIn((h as Record<string, unknown>)['sdp']);
      if (u === null) continue;
      if ((h as Record<string, unknown>)['isLocal'] === true) local = u;
      else remote = u;
    }
    return { local, remote };
  }
  return null;
}

/**
 * AppRTC's candidate frame, `{"type":"candidate","label":<sdpMLineIndex>,"id":<sdpMid>,"candidate":…}`
 * (apprtc.appspot.com's protocol, kept by its iOS and Android ports and their offspring), as the
 * RTCIceCandidateInit it stands for; null for any other (candidates audit: its mid was lost).
 */
function appRtcInit(o: Record<string, unknown>): { sdpMid: string; sdpMLineIndex: number } | null {
  if (o['type'] !== 'candidate' || 'sdpMid' in o || 'sdpMLineIndex' in o) return null;
  const id = o['id'];
  const label = o['label'];
  return typeof id === 'string' && typeof label === 'number' && Number.isInteger(label) ? { sdpMid: id, sdpMLineIndex: label } : null;
}

/** An end of candidates' generation, when its frame names it (candidates audit: the end went to the session opened last). */
const endUfrag = (o: Record<string, unknown>): { usernameFragment?: string } => (typeof o['usernameFragment'] === 'string' && o['usernameFragment'] !== '' ? { usernameFragment: o['usernameFragment'] } : {});

/**
 * The signaling events of an rtcstats dump's line, `[method, peer connection, value, time(, seq)]`
 * (rtcstats-server's stored form; the file format's numeric methods are no name here): read with
 * the peer connection and the event, as a webrtc-internals dump's are, so that each peer
 * connection's sides are told apart and pair (dumps audit: its remote candidates were a "no
 * ufrag" session and no call). Its end of candidates: a null onicecandidate, or gathering complete.
 */
const RTCSTATS_EVENT = /^(?:(?:on)?icecandidate|(?:on)?icegatheringstatechange|(?:addIceCandidate|setLocalDescription|setRemoteDescription|createOffer|createAnswer)(?:OnSuccess)?)$/;

function rtcstatsEvent(entry: readonly unknown[], ctx: WalkContext, sink: InputSink, depth: number): boolean {
  const [method, pc, value, time] = entry;
  // A time (or a delta) fourth: a signaling server's ["icecandidate", room, {…}] is none (audit of the change: its two peers read as one side).
  if (entry.length < 4 || entry.length > 5 || typeof method !== 'string' || typeof pc !== 'string' || typeof time !== 'number' || !RTCSTATS_EVENT.test(method)) return false;
  // An epoch time (the stored form); the file format's is a delta to the line before (audit of the change: shown as times).
  const here: WalkContext = { ...ctx, peerConnection: pc, event: method, ...(Number.isFinite(time) && time > 1e11 ? { timestamp: time } : {}), path: `${ctx.path ?? '$'}[2]` };
  const gathering = /gatheringstatechange$/.test(method);
  if ((value === null && !gathering && /icecandidate$/.test(method)) || (gathering && value === 'complete')) {
    sink.endOfCandidates({ sdpMid: null, source: sourceOf(here) });
    return true;
  }
  if (worthWalking(value)) walkJson(value, here, sink, depth + 1);
  return true;
}

const MAX_DEPTH = 64;
export const CANDIDATE_START = /^(?:a=)?candidate:/;
/**
 * The value of a "candidate" member: its prefix in any case ("Candidate:", which Chromium refuses,
 * read and said so by the candidate's rules; audit of the change: not found at all, NO_SDP_FOUND).
 */
export const CANDIDATE_VALUE = /^(?:a=)?candidate:/i;

export function walkJson(value: unknown, ctx: WalkContext, sink: InputSink, depth = 0): void {
  if (depth > MAX_DEPTH || value === null || value === undefined) return;
  if (typeof value === 'string') {
    walkString(value, ctx, sink, depth);
    return;
  }
  if (Array.isArray(value)) {
    if (rtcstatsEvent(value, ctx, sink, depth)) return;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (worthWalking(v)) walkJson(v, { ...ctx, path: `${ctx.path ?? '$'}[${i}]` }, sink, depth + 1);
    }
    return;
  }
  if (typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  const path = ctx.path ?? '$';

  const pcs = peerConnectionsOf(o);
  if (pcs) {
    walkDump(pcs, ctx, sink, depth, walkJson);
    return;
  }

  // Janus's handle info and Firefox's report: their SDPs say whose candidates their lists are.
  const sides = sideUfragsOf(o);
  if (sides !== null) ctx = { ...ctx, sideUfrags: sides };
  // A relay log line or any frame wrapper: carry its time, sender, room and type down.
  const time = o['time'] ?? o['timestamp'] ?? o['ts'];
  // Inside a relay record's frame, the record says who sent it and where.
  const sender = ctx.pinned ? undefined : str(o['from'] ?? o['sender']);
  const room = ctx.pinned ? undefined : str(o['room']);
  const record = !ctx.pinned && sender !== undefined && room !== undefined && o['frame'] !== null && typeof o['frame'] === 'object';
  const frameType = typeof o['type'] === 'string' ? o['type'] : ctx.frameType;
  // A dump's event (webrtc-internals, an rtcstats line's method) says the side; a description's own type does not replace it (audit: rtcstats SDPs had no side).
  const event = ctx.format === 'webrtc-internals' || ctx.peerConnection !== undefined ? ctx.event : frameType;
  const timed = (typeof time === 'number' && Number.isFinite(time)) || typeof time === 'string';
  // A new context only where this object says something (most values inside a frame do not).
  let here: WalkContext = ctx;
  if (timed || sender !== undefined || room !== undefined || frameType !== ctx.frameType || event !== ctx.event) {
    const h: { -readonly [K in keyof WalkContext]: WalkContext[K] } = { ...ctx };
    if (record) h.pinned = true;
    if (timed) h.timestamp = time;
    if (sender !== undefined) h.sender = sender;
    if (room !== undefined) h.room = room;
    if (frameType !== undefined) h.frameType = frameType;
    if (event !== undefined) h.event = event;
    here = h;
  }

  // A webrtc-internals gathering event pasted without its dump ({"type": "icegatheringstatechange",
  // "value": "complete"}): the end of this side's candidates, as in a dump (candidate-log audit).
  if (ctx.peerConnection === undefined && typeof o['type'] === 'string' && /^(on)?icegatheringstatechange$/i.test(o['type']) && typeof o['value'] === 'string' && o['value'].replace(/"/g, '') === 'complete') {
    sink.endOfCandidates({ sdpMid: null, source: sourceOf({ ...here, path }) });
    return;
  }
  // Amazon Kinesis Video Streams' signaling: the frame is base64 in messagePayload.
  const kvs = kvsPayload(o);
  if (kvs !== null) {
    walkJson(kvs.value, { ...here, ...(kvs.type !== undefined ? { frameType: kvs.type } : {}), path: `${path}.${kvs.key}` }, sink, depth + 1);
    return;
  }
  // The native SDKs' IceCandidate (Android's org.webrtc.IceCandidate, iOS's RTCIceCandidate, as
  // their apps serialize it): {sdp: "candidate:…", sdpMid, sdpMLineIndex} (candidate audit: Mixin's
  // and WebRTC-iOS's logs had been "no candidate found").
  if (typeof o['sdp'] === 'string' && CANDIDATE_START.test(o['sdp'])) {
    emitCandidate(o['sdp'], o, { ...sourceOf(here), path: `${path}.sdp` }, sink);
    return;
  }
  // RTCSessionDescriptionInit: {type, sdp}.
  if (typeof o['sdp'] === 'string') {
    emitDescription(o['sdp'], sdpType(o['type']) ?? sdpType(ctx.frameType), { ...sourceOf(here), path: `${path}.sdp` }, sink);
    return;
  }
  // A candidate frame or RTCIceCandidateInit: candidate is a string, an object, or null/"" (end of candidates).
  if ('candidate' in o) {
    const c = o['candidate'];
    if (typeof c === 'string') {
      if (c === '') sink.endOfCandidates({ sdpMid: str(o['sdpMid']) ?? null, ...endUfrag(o), source: { ...sourceOf(here), path } });
      else if (CANDIDATE_VALUE.test(c)) emitCandidate(c, appRtcInit(o) ?? o, { ...sourceOf(here), path: `${path}.candidate` }, sink);
      // The RTCIceCandidateInit as a JSON string, which the app parses itself (a socket.io frame's
      // "candidate":"{\"candidate\":{…}}", react-native-webrtc#1604's payload): walked as the object it
      // holds, its sdpMid kept (candidate-log audit: dropped without a word, NO_SDP_FOUND alone).
      else {
        // Its own sdpMid first; the frame's where it has none (hostile-input audit: the frame's mid was lost).
        const inner = c.charCodeAt(0) === 123 ? STRINGS.parse(c) : NOT_JSON;
        const outer = Object.fromEntries(['sdpMid', 'sdpMLineIndex', 'usernameFragment'].filter((k) => k in o).map((k) => [k, o[k]]));
        if (inner !== NOT_JSON && inner !== null && typeof inner === 'object' && !Array.isArray(inner) && typeof (inner as Record<string, unknown>)['candidate'] === 'string') walkJson({ ...outer, ...(inner as Record<string, unknown>) }, { ...here, path: `${path}.candidate` }, sink, depth + 1);
        else walkString(c, { ...here, path: `${path}.candidate` }, sink, depth + 1);
      }
      return;
    }
    if (c === null) {
      if (frameType === 'candidate' || 'sdpMid' in o) sink.endOfCandidates({ sdpMid: str(o['sdpMid']) ?? null, ...endUfrag(o), source: { ...sourceOf(here), path } });
      return;
    }
    if (typeof c === 'object') {
      walkJson(c, { ...here, path: `${path}.candidate` }, sink, depth + 1);
      return;
    }
  }
  for (const k of Object.keys(o)) {
    const v = o[k];
    // mediasoup's transport parameters, as its apps signal them (protoo's createWebRtcTransport
    // response): "iceCandidates": [{foundation, ip (address since 3.x), port, priority, protocol,
    // type, tcpType}], beside "iceParameters": {usernameFragment, …} (ICE audit: NO_SDP_FOUND).
    if (k === 'iceCandidates' && Array.isArray(v)) {
      const ice = o['iceParameters'];
      const given = ice !== null && typeof ice === 'object' ? str((ice as Record<string, unknown>)['usernameFragment']) : undefined;
      // A ufrag is ice-chars (RFC 8839 §5.4): one with a blank is no session name (audit of the change).
      const ufrag = given !== undefined && /^[A-Za-z0-9+/]{1,256}$/.test(given) ? given : undefined;
      // mediasoup's transports are ICE-lite ("iceLite": true): said of its candidates' session.
      // Only with a ufrag of its own: without one the list shares the "no ufrag" session with the
      // log's other candidates (a browser's), which the server's lite must not mark (audit of the change).
      const lite = ufrag !== undefined && ice !== null && typeof ice === 'object' && (ice as Record<string, unknown>)['iceLite'] === true;
      v.forEach((c: unknown, i) => {
        const at = { ...here, path: `${path}${pathKey(k)}[${i}]` };
        // An app's own list of what it gathered, as browsers give them (RTCIceCandidateInit objects,
        // or their candidate strings: `iceCandidates.push(e.candidate.toJSON())`) is walked as such
        // (audit of the change: each had been a refused mediasoup entry with no "foundation").
        if (!mediasoupShaped(c)) {
          if (worthWalking(c)) walkJson(c, at, sink, depth + 2);
          return;
        }
        const read = mediasoupCandidate(c, `${k}[${i}]`);
        if (read !== null) emitCandidate(read.text, ufrag !== undefined ? { usernameFragment: ufrag } : {}, sourceOf(at), sink, null, read.refused, undefined, lite);
      });
      continue;
    }
    // Janus's admin API lists a handle's candidates without their prefix ("local-candidates":
    // ["2 1 udp 2013266431 54.152.130.162 10001 typ host\r\n", …]; real-log audit: not read).
    if ((k === 'local-candidates' || k === 'remote-candidates') && Array.isArray(v)) {
      v.forEach((c: unknown, i) => {
        const at = { ...here, path: `${path}${pathKey(k)}[${i}]` };
        const ufrag = here.sideUfrags?.[k === 'local-candidates' ? 'local' : 'remote'] ?? null;
        if (typeof c === 'string' && startsLikeCandidateFields(c)) emitCandidate(`candidate:${c}`, ufrag !== null ? { usernameFragment: ufrag } : {}, sourceOf(at), sink);
        else if (worthWalking(c)) walkJson(c, at, sink, depth + 2);
      });
      continue;
    }
    // Firefox's report: its raw candidate lines, in the session of their side's SDP (the remote
    // one had been counted twice: in its SDP's session and in a "no ufrag" one).
    if ((k === 'rawLocalCandidates' || k === 'rawRemoteCandidates') && Array.isArray(v) && here.sideUfrags !== undefined) {
      const ufrag = here.sideUfrags[k === 'rawLocalCandidates' ? 'local' : 'remote'];
      v.forEach((c: unknown, i) => {
        const at = { ...here, path: `${path}${pathKey(k)}[${i}]` };
        if (typeof c === 'string' && CANDIDATE_START.test(c)) emitCandidate(c, ufrag !== null ? { usernameFragment: ufrag } : {}, sourceOf(at), sink);
      });
      continue;
    }
    // A key naming the type of the SDP it holds (Amazon Chime's `"sdpOffer":"v=0…"`; real-log audit: "type unknown").
    const keyType = typeof v === 'string' && k.length <= 10 ? SDP_KEY.exec(k)?.[1]?.toLowerCase() : undefined;
    if (worthWalking(v)) walkJson(v, { ...here, ...(keyType !== undefined ? { frameType: keyType } : {}), path: `${path}${pathKey(k)}` }, sink, depth + 1);
  }
}

/** An object of mediasoup's or ORTC's candidate fields (an address, a port, a priority… of its own), not an RTCIceCandidateInit. */
function mediasoupShaped(c: unknown): boolean {
  if (c === null || typeof c !== 'object' || Array.isArray(c)) return false;
  const o = c as Record<string, unknown>;
  if (typeof o['candidate'] === 'string') return false;
  return ['ip', 'address', 'port', 'foundation', 'priority', 'protocol', 'tcpType', 'relatedAddress'].some((k) => k in o);
}

/** The fields of a mediasoup IceCandidate, in the order of a candidate line, with the error code of each. */
const MEDIASOUP_FIELDS = [
  ['foundation', 'CANDIDATE_FOUNDATION'],
  ['protocol', 'CANDIDATE_TRANSPORT'],
  ['priority', 'CANDIDATE_PRIORITY'],
  ['address', 'CANDIDATE_ADDRESS'],
  ['port', 'CANDIDATE_PORT'],
  ['type', 'CANDIDATE_TYPE'],
] as const;

/**
 * A mediasoup IceCandidate object, or an ORTC RTCIceCandidateDictionary, as the candidate line it
 * stands for; one with a field missing or holding a blank (an announced address left empty) is
 * refused, its JSON the text, the field named (it had been dropped unsaid); null for a value that
 * is no object.
 */
function mediasoupCandidate(c: unknown, at: string): { text: string; refused: SdpscopeError | null } | null {
  if (c === null || typeof c !== 'object' || Array.isArray(c)) return null;
  const o = c as Record<string, unknown>;
  const field = (v: unknown) => (typeof v === 'string' && v !== '' && !/\s/.test(v) ? v : typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : null);
  const fields: string[] = [];
  for (const [name, code] of MEDIASOUP_FIELDS) {
    // "ip" until mediasoup 3.x named it "address".
    const key = name === 'address' && (o['address'] === undefined || o['address'] === null) && 'ip' in o ? 'ip' : name;
    const v = field(o[key]);
    if (v === null) {
      const given = o[key];
      const what = given === undefined ? 'has no' : `has an unusable (${typeof given === 'string' ? JSON.stringify(given.slice(0, 40)) : String(JSON.stringify(given) ?? given).slice(0, 40)})`;
      const why = name === 'address' ? 'an announcedAddress left empty, or a field dropped by the app' : 'a field dropped or mangled by the app';
      return { text: JSON.stringify(o), refused: withoutStack(() => new SdpscopeError(code, `${at} ${what} "${key}": no candidate line can be made of it (${why})`)) };
    }
    fields.push(v);
  }
  const [foundation, protocol, priority, address, port, type] = fields as [string, string, string, string, string, string];
  // ORTC's RTCIceCandidateDictionary (rawrtc, Edge's ORTC) names its component ("rtp", "rtcp"; a
  // number from some) and its base (relatedAddress, relatedPort): a srflx's base had been lost,
  // read "hidden" (candidates audit). mediasoup writes neither (component 1: it muxes RTCP).
  const given = o['component'];
  const named = typeof given === 'string' ? given.toLowerCase() : given;
  const component = given === undefined || given === null || named === 'rtp' ? '1' : named === 'rtcp' ? '2' : field(given);
  if (component === null || !/^[0-9]{1,3}$/.test(component)) return { text: JSON.stringify(o), refused: withoutStack(() => new SdpscopeError('CANDIDATE_COMPONENT', `${at} has an unusable "component" (${String(JSON.stringify(given)).slice(0, 40)}): "rtp", "rtcp" or a number`)) };
  const raddr = field(o['relatedAddress']);
  const rport = field(o['relatedPort']);
  const related = raddr !== null && rport !== null ? ` raddr ${raddr} rport ${rport}` : '';
  const tcp = field(o['tcpType']);
  return { text: `candidate:${foundation} ${component} ${protocol} ${priority} ${address} ${port} typ ${type}${related}${tcp !== null ? ` tcptype ${tcp}` : ''}`, refused: null };
}

/** `sdpOffer`, `sdp_answer`: a key that names its SDP's type. */
const SDP_KEY = /^sdp[_-]?(offer|answer)$/i;

/**
 * Whether walking a value can find anything: an object or array, or a string walkString reads
 * (an SDP, a candidate, JSON, a dump's "type: …" or "sdpMid: …" value). The others (times,
 * names, rooms) are skipped without making them a context.
 */
export function worthWalking(v: unknown): boolean {
  if (v === null) return false;
  if (typeof v === 'object') return true;
  if (typeof v !== 'string' || v.length < 2) return false;
  const c0 = v.charCodeAt(0);
  // v= … / { / [ / candidate: / a=candidate: / type: / sdpMid: / a message with a candidate in it
  return c0 === 118 || c0 === 123 || c0 === 91 || c0 === 99 || c0 === 97 || c0 === 116 || c0 === 115 || v.includes('candidate:');
}

/**
 * Strings that open like JSON are parsed here. One for the module: its only state is how many
 * were not JSON (past a few, each is checked before it is parsed), which changes the cost, never
 * the answer.
 */
const STRINGS = new JsonParser();

function walkString(s: string, ctx: WalkContext, sink: InputSink, depth: number): void {
  if (s.startsWith('v=')) {
    emitDescription(s, sdpType(ctx.frameType), sourceOf(ctx), sink);
    return;
  }
  if (CANDIDATE_START.test(s)) {
    // One token, no blank: an identifier, not a candidate line (pion's and webrtc-rs's stats ids,
    // "id": "candidate:jH14fh5o…", "localCandidateId": "candidate:…": ICE audit, three false
    // unparseable-candidate errors). A frame's candidate field is read by walkJson, whatever it holds.
    if (ONE_TOKEN.test(s)) return;
    // Not a frame's candidate field (walkJson reads those whole): a log message or an array's item,
    // read as a log line is ({"msg":"candidate:… typ host (wifi)"}); a candidate alone reads the same.
    if (ctx.format !== 'webrtc-internals') scanText(s, ctx.line, sink, undefined, undefined, sourceOf(ctx));
    else emitCandidate(s, {}, sourceOf(ctx), sink);
    return;
  }
  const c0 = s.charCodeAt(0);
  const jsonLike = (c0 === 123 || c0 === 91) /* { [ */ && s.length > 1;
  if (jsonLike) {
    const inner = STRINGS.parse(s);
    // A frame logged as a JSON string: walked as the frame it is (its sdpMid, type and call kept).
    if (inner !== NOT_JSON) {
      walkJson(inner, ctx, sink, depth + 1);
      return;
    }
  }
  // A structured log's message with a candidate inside it ({"msg":"onicecandidate candidate:…"}):
  // read as a text log line is, where the walk says it is. Only where a candidate's start follows
  // ("candidate:<foundation> <component>"): "Failed to add candidate: timeout" is a sentence.
  if (ctx.format !== 'webrtc-internals' && s.includes('candidate:') && CANDIDATE_IN_TEXT.test(s)) {
    scanText(s, ctx.line, sink, undefined, undefined, sourceOf(ctx));
    return;
  }
  if (!jsonLike) readLegacyValue(s, ctx, sink);
}

/** "candidate:" and one token after it, nothing else: a stats id. */
const ONE_TOKEN = /^(?:a=)?candidate:\S*$/;

/** A candidate's start inside text: the prefix, a foundation (1*32 ice-char, RFC 8839 §5.1), a space and a component digit. */
const CANDIDATE_IN_TEXT = /candidate:[A-Za-z0-9+/]{1,32} [0-9]/;
