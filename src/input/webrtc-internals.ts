/**
 * chrome://webrtc-internals dumps ("Create Dump"): `PeerConnections["<rid>-<lid>"].updateLog[]`
 * of `{type, value, time}` (older) or `{type, value, timestamp}` entries, whose values are JSON
 * (Chrome >= M118) or the older text forms "type: offer, sdp: v=0…" and
 * "sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:…".
 */
import { emitCandidate, emitDescription, pathKey, sdpType, sourceOf } from './found.js';
import type { InputSink, WalkContext } from './types.js';

type Walk = (value: unknown, ctx: WalkContext, sink: InputSink, depth: number) => void;

/** The PeerConnections map of a dump, or null when `o` is not one. */
export function peerConnectionsOf(o: Record<string, unknown>): Record<string, unknown> | null {
  const pcs = o['PeerConnections'];
  return pcs !== null && typeof pcs === 'object' && !Array.isArray(pcs) ? (pcs as Record<string, unknown>) : null;
}

/** Walks every updateLog value of every peer connection, each with its event, time and path. */
export function walkDump(pcs: Record<string, unknown>, ctx: WalkContext, sink: InputSink, depth: number, walk: Walk): void {
  const path = ctx.path ?? '$';
  for (const [id, pc] of Object.entries(pcs)) {
    const log = (pc as { updateLog?: unknown } | null)?.updateLog;
    if (!Array.isArray(log)) continue;
    // Made once per peer connection: made per entry, a long id cost its length each time (parser audit: 156 KB in 2.3 s).
    const base = `${path}.PeerConnections${pathKey(id)}.updateLog[`;
    log.forEach((entry: unknown, i) => {
      if (entry === null || typeof entry !== 'object') return;
      const e = entry as Record<string, unknown>;
      const time = e['time'] ?? e['timestamp'];
      // Chrome logs no null onicecandidate: in a dump, gathering's end is the gathering state
      // "complete" (candidates audit: every dump had a false end-of-candidates-missing).
      if (typeof e['type'] === 'string' && /^(on)?icegatheringstatechange$/i.test(e['type']) && typeof e['value'] === 'string' && e['value'].replace(/"/g, '') === 'complete') {
        sink.endOfCandidates({ sdpMid: null, source: { line: ctx.line, ...(ctx.file !== undefined ? { file: ctx.file } : {}), format: 'webrtc-internals', path: `${base}${i}].value`, peerConnection: id, event: e['type'], ...((typeof time === 'number' && Number.isFinite(time)) || typeof time === 'string' ? { timestamp: time } : {}) } });
        return;
      }
      // A description given to set…Description whose call failed: the error, from the …OnFailure
      // event that follows it (renegotiation audit: sdp-diff compared a refused answer in silence).
      const refusedWith = typeof e['type'] === 'string' && SET_DESCRIPTION.test(e['type']) ? failureAfter(log, i, e['type']) : null;
      walk(e['value'], {
        line: ctx.line,
        ...(refusedWith !== null ? { refusedWith } : {}),
        ...(ctx.file !== undefined ? { file: ctx.file } : {}),
        format: 'webrtc-internals',
        path: `${base}${i}].value`,
        peerConnection: id,
        ...(typeof e['type'] === 'string' ? { event: e['type'] } : {}),
        ...((typeof time === 'number' && Number.isFinite(time)) || typeof time === 'string' ? { timestamp: time } : {}),
      }, sink, depth + 1);
    });
  }
}

const SET_DESCRIPTION = /^(?:on)?set(?:Local|Remote)Description$/i;

/** The error of the …OnFailure event answering the set…Description call at `at`, looked for in the next 16 entries; null when it succeeded or none is logged. */
function failureAfter(log: readonly unknown[], at: number, type: string): string | null {
  const call = type.toLowerCase();
  for (let j = at + 1; j < log.length && j <= at + 16; j++) {
    const e = log[j] as Record<string, unknown> | null;
    const t = typeof e?.['type'] === 'string' ? (e['type'] as string).toLowerCase() : '';
    if (t === `${call}onsuccess` || t === call) return null;
    if (t === `${call}onfailure`) {
      const v = e!['value'];
      const text = typeof v === 'string' ? v.replace(/^"|"$/g, '') : v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);
      return text.length > 300 ? `${text.slice(0, 300)}…` : text;
    }
  }
  return null;
}

// Anchored, one pass each: "[^,]*" and "\d+" cannot backtrack into each other.
const LEGACY_SDP = /^type: (\w+), sdp: (v=[\s\S]*)$/;
/**
 * Chrome's PeerConnectionTracker before its values became JSON: "sdpMid: 0, sdpMLineIndex: 0,
 * candidate: candidate:…", then ", url: stun:…" (the server that gave a srflx or relay candidate)
 * and ", relayProtocol: udp" when Chrome knew them; sdpMLineIndex is "null" when there is none.
 */
const LEGACY_CANDIDATE = /^sdpMid: ([^,]*), sdpMLineIndex: (\d{1,9}|null), candidate: ((?:a=)?candidate:.*)$/;

/** An updateLog value in the text form of Chrome before M118: a description, a candidate, or null. */
export function parseLegacyValue(s: string): { readonly type: string; readonly sdp: string } | { readonly sdpMid: string; readonly sdpMLineIndex: number | null; readonly candidate: string; readonly url: string | null; readonly relayProtocol: string | null } | null {
  let m = LEGACY_SDP.exec(s);
  if (m) return { type: m[1]!, sdp: m[2]! };
  m = LEGACY_CANDIDATE.exec(s);
  if (!m) return null;
  // The candidate ends at the first ", " (no candidate field holds one); Chrome's own fields follow.
  const rest = m[3]!;
  const cut = rest.indexOf(', ');
  const candidate = cut < 0 ? rest : rest.slice(0, cut);
  let url: string | null = null;
  let relayProtocol: string | null = null;
  if (cut >= 0) {
    for (const field of rest.slice(cut + 2).split(', ')) {
      if (field.startsWith('url: ')) url = field.slice(5);
      else if (field.startsWith('relayProtocol: ')) relayProtocol = field.slice(15);
    }
  }
  return { sdpMid: m[1]!, sdpMLineIndex: m[2] === 'null' ? null : Number(m[2]), candidate, url, relayProtocol };
}

/** Reads an updateLog value in the text form of Chrome before M118; false when it is not one. */
export function readLegacyValue(s: string, ctx: WalkContext, sink: InputSink): boolean {
  const v = parseLegacyValue(s);
  if (v === null) return false;
  if ('sdp' in v) emitDescription(v.sdp, sdpType(v.type), sourceOf(ctx), sink);
  else emitCandidate(v.candidate, { sdpMid: v.sdpMid, sdpMLineIndex: v.sdpMLineIndex }, sourceOf(ctx), sink);
  return true;
}
