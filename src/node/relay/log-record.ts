/**
 * What the logger makes of one relayed frame: its summary, its console line, its log record and
 * its feed record (always redacted). Pure: the worker calls it, and the fuzzer calls it on every
 * input, as the relay would on a frame.
 */
import { describeFrame, summarizeFrame, type FrameSummary } from '../../analysis/frame.js';
import { keyCount, redactFrameChanged, writtenKeyCount } from '../../analysis/redact.js';
import type { LoggedFrame } from './log-messages.js';
import type { RelayLine } from './protocol.js';

export interface FrameRecords {
  readonly line: RelayLine;
  /** The log line (no newline): redacted unless secrets are kept. */
  readonly log: string;
  /** The feed's record: always redacted. */
  readonly feed: string;
}

/** `frame` is the parsed text of `f` (the relay checked it is JSON). */
export function frameRecords(f: LoggedFrame, frame: unknown, keepSecrets: boolean, summary: FrameSummary): FrameRecords {
  const time = new Date(f.time).toISOString();
  const redacted = redactFrameChanged(frame);
  // The record's fields, then the frame, then its summary: one JSON object, in this order.
  const head = JSON.stringify({ time, room: f.room, from: f.from, to: f.to, size: f.size, ...(f.binary ? { binary: true } : {}) }).slice(0, -1);
  const tail = `,"summary":${JSON.stringify(summary)}}`;
  // Nothing secret in it: the frame's own text, its numbers as written (a redacted copy written
  // again made 1e400 null and rounded integers past 2^53: relay audit), and no second JSON pass.
  // Only when every key written is a key read: a repeated key's first value, which JSON.parse
  // drops, may be a secret ({"token":"x","token":null} had been logged whole; change audit), and
  // is left out of the copy. A count, not a second redaction of the text (4 µs a candidate frame).
  const own = !redacted.changed && writtenKeyCount(f.text) === keyCount(frame);
  const feed = `${head},"frame":${own ? oneLine(f.text) : JSON.stringify(redacted.value)}${tail}`;
  return {
    line: { kind: 'frame', time, room: f.room, from: f.from, to: f.to, size: f.size, summary, text: describeFrame(summary) + (f.binary ? ' (sent as a binary frame, read as text)' : '') },
    // Kept secrets: the frame as received, its line breaks (blanks between tokens: JSON strings
    // hold none raw) made spaces, not parsed and written again (500,000 nested arrays overflowed
    // JSON.stringify's stack and stopped the log; a "__proto__" key was lost).
    log: keepSecrets ? `${head},"frame":${oneLine(f.text)}${tail}` : feed,
    feed,
  };
}

/** JSON text on one line: its CR and LF (only ever blanks between tokens in valid JSON) as spaces. */
function oneLine(json: string): string {
  return json.includes('\n') || json.includes('\r') ? json.replace(/[\r\n]/g, ' ') : json;
}

export { summarizeFrame };
