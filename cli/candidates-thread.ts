/**
 * The worker thread of `sdpscope candidates` on a large input (see cli/thread.ts): the analysis
 * itself, on the bytes the main thread reads and sends, its output sent back in 64 KiB pieces.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SdpscopeError } from '../src/errors.js';
import { analyzeInputs, type CandidateInput } from './commands/candidates.js';
import { onSpoolDir } from './spool.js';
import { OUTPUT_WINDOW, Window, type FromThread, type ThreadData, type ToThread } from './thread.js';

const port = parentPort!;
const { opts, count } = workerData as ThreadData;
const send = (m: FromThread) => port.postMessage(m);

/** Messages from the main thread not yet taken, and the reader waiting for the next. */
const inbox: ToThread[] = [];
let waiting: (() => void) | null = null;
/** Output pieces sent and not yet written by the main thread. */
const output = new Window(OUTPUT_WINDOW);

port.on('message', (m: ToThread) => {
  if (m.t === 'written') {
    output.acknowledged();
    return;
  }
  inbox.push(m);
  waiting?.();
});

async function next(): Promise<ToThread> {
  while (inbox.length === 0) await new Promise<void>((resolve) => (waiting = resolve));
  waiting = null;
  const m = inbox.shift()!;
  if (m.t === 'abort') throw ABORTED;
  return m;
}

/** Raised inside the analysis when the main thread could not read on. */
const ABORTED = new Error('aborted');

async function* chunks(): AsyncIterable<Uint8Array | string> {
  for (let m = await next(); m.t === 'chunk'; m = await next()) {
    send({ t: 'took' });
    yield m.bytes;
  }
}

async function* inputs(): AsyncIterable<CandidateInput> {
  for (let m = await next(); m.t === 'open'; m = await next()) yield { name: m.name, size: m.size, stream: chunks() };
}


onSpoolDir((dir) => send({ t: 'spool', dir }));
analyzeInputs(
  inputs(),
  count,
  opts,
  (text) => {
    output.sent();
    send({ t: 'out', text });
  },
  (text) => send({ t: 'err', text }),
  () => output.room(),
).then(
  (code) => send({ t: 'done', code }),
  (e: unknown) =>
    send({
      t: 'failed',
      error: e instanceof SdpscopeError
        ? { code: e.code, reason: e.reason, line: e.line, column: e.column, aborted: false }
        : { code: null, reason: e instanceof Error ? e.message : String(e), line: null, column: null, aborted: e === ABORTED },
    }),
);
