/**
 * The relay's logger, in a worker thread: it summarises each frame with the core, redacts it
 * and writes the NDJSON log, so that the relay's own thread only checks JSON and forwards.
 * Messages in: frame / event / close. Messages out: line (for the console) / closed.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { describeFrame, summarizeFrame } from '../analysis/frame.js';
import { redactFrame } from '../analysis/redact.js';

export interface LogWorkerData {
  readonly log: string | null;
  readonly keepSecrets: boolean;
  /** Post a console line back for every frame. */
  readonly lines: boolean;
  /** Post every frame's record back, always redacted, for the read-only feed (/feed). */
  readonly feed: boolean;
}

/** A relayed frame; `time` in ms since the epoch. */
export interface LoggedFrame {
  readonly time: number;
  readonly room: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly size: number;
  readonly text: string;
}

export type LogWorkerMessage =
  | { readonly kind: 'frames'; readonly frames: readonly LoggedFrame[] }
  | { readonly kind: 'event'; readonly record: Record<string, unknown> }
  | { readonly kind: 'close' };

const data = workerData as LogWorkerData;
const port = parentPort!;
const log: WriteStream | null = data.log ? createWriteStream(data.log, { flags: 'a' }) : null;

port.on('message', (m: LogWorkerMessage) => {
  if (m.kind === 'close') {
    const done = () => port.postMessage({ kind: 'closed' });
    if (log) log.end(done);
    else done();
    return;
  }
  if (m.kind === 'event') {
    log?.write(JSON.stringify(m.record) + '\n');
    return;
  }
  let out = '';
  for (const f of m.frames) {
    // The relay checked it is JSON before forwarding it.
    const frame = JSON.parse(f.text) as unknown;
    const summary = summarizeFrame(frame);
    const time = new Date(f.time).toISOString();
    if (data.lines) port.postMessage({ kind: 'line', line: { kind: 'frame', time, room: f.room, from: f.from, to: f.to, size: f.size, summary, text: describeFrame(summary) } });
    const redacted = redactFrame(frame);
    const record = { time, room: f.room, from: f.from, to: f.to, size: f.size, frame: redacted, summary };
    // The feed never carries secrets, whatever the log keeps.
    if (data.feed) port.postMessage({ kind: 'record', record: JSON.stringify(record) });
    if (log) out += JSON.stringify(data.keepSecrets ? { ...record, frame } : record) + '\n';
  }
  if (log && out) log.write(out);
  // Tell the relay how far the log got (it bounds what it queues here).
  port.postMessage({ kind: 'ack', n: m.frames.length });
});
