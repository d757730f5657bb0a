/**
 * What the logger makes of one relayed frame: its summary, its console line, its log record and
 * its feed record (always redacted). Pure: the worker calls it, and the fuzzer calls it on every
 * input, as the relay would on a frame.
 */
import { describeFrame, summarizeFrame, type FrameSummary } from '../../analysis/frame.js';
import { redactFrame } from '../../analysis/redact.js';
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
  const redacted = redactFrame(frame);
  const record = { time, room: f.room, from: f.from, to: f.to, size: f.size, ...(f.binary ? { binary: true } : {}), frame: redacted, summary };
  const feed = JSON.stringify(record);
  return {
    line: { kind: 'frame', time, room: f.room, from: f.from, to: f.to, size: f.size, summary, text: describeFrame(summary) },
    log: keepSecrets ? JSON.stringify({ ...record, frame }) : feed,
    feed,
  };
}

export { summarizeFrame };
