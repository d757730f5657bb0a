/**
 * The fast path for the commonest log line, a JSON frame carrying one candidate string (the
 * seed's two shapes, relay log lines): read with a few patterns instead of JSON.parse. It must
 * find exactly what the JSON walk finds (a property test holds it to that on fuzzed frames), so
 * it takes only lines it can read without doubt and returns false, having done nothing, for any
 * other: a backslash (escapes), an "sdp" key, more than one "candidate:", a line that does not
 * end with "}".
 */
import { emitCandidate } from './found.js';
import type { InputSink, WalkContext } from './types.js';

const FAST_CANDIDATE = /"candidate":"((?:a=)?candidate:[^"]*)"/;
/** The keys a frame's candidate context lives in, with a string or number value, in one pass. */
const FAST_KEYS = /"(sdpMid|sdpMLineIndex|usernameFragment|time|timestamp|ts|from|sender|room)":(?:"([^"]*)"|([0-9]+(?:\.[0-9]+)?))/g;

export function fastFrame(line: string, ctx: WalkContext, sink: InputSink): boolean {
  if (line.includes('\\') || line.includes('"sdp"')) return false;
  const first = line.indexOf('candidate:');
  if (first < 0 || line.indexOf('candidate:', first + 10) >= 0 || line.charCodeAt(line.length - 1) !== 125) return false;
  const m = FAST_CANDIDATE.exec(line);
  if (!m) return false;
  // One pass over the line for the keys; the first occurrence of each counts (outer wrapper first).
  let mid: string | undefined;
  let index: number | undefined;
  let ufrag: string | undefined;
  let time: string | number | undefined;
  let sender: string | undefined;
  let room: string | undefined;
  FAST_KEYS.lastIndex = 0;
  for (let k = FAST_KEYS.exec(line); k; k = FAST_KEYS.exec(line)) {
    const text = k[2];
    const num = k[3];
    switch (k[1]) {
      case 'sdpMid':
        if (mid === undefined && text !== undefined) mid = text;
        break;
      case 'sdpMLineIndex':
        if (index === undefined && num !== undefined && /^[0-9]{1,9}$/.test(num)) index = Number(num);
        break;
      case 'usernameFragment':
        if (ufrag === undefined && text !== undefined) ufrag = text;
        break;
      case 'from':
      case 'sender':
        if (sender === undefined && text !== undefined) sender = text;
        break;
      case 'room':
        if (room === undefined && text !== undefined) room = text;
        break;
      default:
        if (time === undefined) time = text !== undefined ? text : Number(num);
    }
  }
  const source: WalkContext = {
    ...ctx,
    ...(time !== undefined ? { timestamp: time } : {}),
    ...(sender !== undefined ? { sender } : {}),
    ...(room !== undefined ? { room } : {}),
    ...(line.includes('"type":"candidate"') ? { event: 'candidate' } : {}),
  };
  emitCandidate(m[1]!, { sdpMid: mid, sdpMLineIndex: index, usernameFragment: ufrag }, source, sink);
  return true;
}
