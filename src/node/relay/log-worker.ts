/**
 * The relay's logger, in a worker thread: it summarises each frame with the core, redacts it
 * and writes the NDJSON log, so that the relay's own thread only checks JSON and forwards.
 * Messages: log-messages.ts. Runs for its effect (package.json "sideEffects").
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { frameRecords, summarizeFrame } from './log-record.js';
import type { FromLogWorker, LogWorkerData, ToLogWorker } from './log-messages.js';

const data = workerData as LogWorkerData;
const port = parentPort!;
const log: WriteStream | null = data.log ? createWriteStream(data.log, { flags: 'a' }) : null;

const post = (m: FromLogWorker) => port.postMessage(m);

port.on('message', (m: ToLogWorker) => {
  if (m.kind === 'close') {
    const done = () => post({ kind: 'closed' });
    if (log) log.end(done);
    else done();
    return;
  }
  if (m.kind === 'event') {
    log?.write(JSON.stringify(m.record) + '\n');
    if (data.lines) post({ kind: 'line', line: { kind: 'event', ...m.record } });
    return;
  }
  let out = '';
  for (const f of m.frames) {
    // The relay checked it is JSON before forwarding it.
    const frame = JSON.parse(f.text) as unknown;
    const r = frameRecords(f, frame, data.keepSecrets, summarizeFrame(frame));
    if (data.lines) post({ kind: 'line', line: r.line });
    // The feed never carries secrets, whatever the log keeps.
    if (data.feed) post({ kind: 'record', record: r.feed });
    if (log) out += r.log + '\n';
  }
  if (log && out) log.write(out);
  // Tell the relay how far the log got (it bounds what it queues here).
  post({ kind: 'ack', n: m.frames.length });
});
