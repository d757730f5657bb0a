/** Amazon Kinesis Video Streams' signaling messages: their frames, base64 in messagePayload. Pure. */

/** KVS message types and the frame type each carries. */
const KVS_TYPES: Readonly<Record<string, string>> = { SDP_OFFER: 'offer', SDP_ANSWER: 'answer', ICE_CANDIDATE: 'candidate' };
/** A payload longer than this is not decoded (a description is under 100 KB; base64 adds a third). */
const MAX_KVS_PAYLOAD = 1 << 20;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The frame Amazon Kinesis Video Streams' WebRTC signaling carries base64-encoded: a received
 * message `{"messageType":"ICE_CANDIDATE","messagePayload":"eyJjYW5k…","senderClientId":…}`, or a
 * sent one `{"action":"SDP_OFFER","RecipientClientId":…,"MessagePayload":"…"}` (the KVS C and
 * JavaScript SDKs log both), decoded and parsed, with the frame type its message type names; null
 * for any other object, or a payload that is not base64 of JSON (candidates audit: a KVS debug
 * log's candidates were NO_SDP_FOUND; decoded, they showed the NAT's mapping).
 */
export function kvsPayload(o: Record<string, unknown>): { value: unknown; key: string; type: string | undefined } | null {
  const key = typeof o['messagePayload'] === 'string' ? 'messagePayload' : typeof o['MessagePayload'] === 'string' ? 'MessagePayload' : null;
  if (key === null) return null;
  const kind = o['messageType'] ?? o['action'];
  if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(KVS_TYPES, kind)) return null;
  const value = base64Json(o[key] as string);
  return value === NOT_BASE64_JSON ? null : { value, key, type: KVS_TYPES[kind] };
}

/** What base64Json gives for text that is not base64 of JSON. */
export const NOT_BASE64_JSON: unique symbol = Symbol('not base64 JSON');

/** The JSON value `payload` is base64 of (UTF-8), or NOT_BASE64_JSON; up to 1 MiB of base64. */
export function base64Json(payload: string): unknown {
  if (payload.length > MAX_KVS_PAYLOAD || payload.length % 4 !== 0 || !BASE64.test(payload)) return NOT_BASE64_JSON;
  try {
    const bytes = atob(payload);
    const array = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) array[i] = bytes.charCodeAt(i);
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(array)) as unknown;
  } catch {
    return NOT_BASE64_JSON;
  }
}

/**
 * A session description pion's examples print as base64 of its JSON (`signal.Encode(offer)`:
 * `eyJ0eXBlIjoib2ZmZXIiLCJzZHAiOi…`, pasted in threads as "the SDP"), found in a line, decoded:
 * the value, or null (real-log audit: NO_SDP_FOUND with no hint).
 */
export function pionSignal(line: string): unknown {
  const at = line.indexOf(PION_START);
  if (at < 0 || (at > 0 && /[A-Za-z0-9+/]/.test(line[at - 1]!))) return null;
  let end = at;
  while (end < line.length && end - at <= MAX_KVS_PAYLOAD && BASE64_CHAR.test(line[end]!)) end++;
  const value = base64Json(line.slice(at, end));
  return value !== NOT_BASE64_JSON && value !== null && typeof value === 'object' ? value : null;
}

/** Base64 of `{"type":"`, how pion's JSON of a session description starts. */
export const PION_START = 'eyJ0eXBlIjoi';
const BASE64_CHAR = /[A-Za-z0-9+/=]/;

/** Text as base64 of its UTF-8 bytes (a redacted payload written back in the form it came). */
export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

