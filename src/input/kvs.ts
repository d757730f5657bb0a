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
  const payload = o[key] as string;
  if (payload.length > MAX_KVS_PAYLOAD || payload.length % 4 !== 0 || !BASE64.test(payload)) return null;
  let text: string;
  try {
    const bytes = atob(payload);
    const array = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) array[i] = bytes.charCodeAt(i);
    text = new TextDecoder('utf-8', { fatal: true }).decode(array);
  } catch {
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return { value, key, type: KVS_TYPES[kind] };
}

/** Text as base64 of its UTF-8 bytes (a redacted payload written back in the form it came). */
export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

