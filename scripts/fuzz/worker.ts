/**
 * A fuzz worker: checks the inputs of the ranges it is given, and says which input it is on in
 * shared memory (the runner's watchdog reads it, and stops a worker stuck on one input).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkInput } from './check.js';
import { generate } from './mutate.js';
import { loadSeeds } from './seeds.js';
import type { FromWorker, ToWorker, WorkerData } from './protocol.js';

const data = workerData as WorkerData;
const port = parentPort!;
const seeds = loadSeeds();
const control = new Int32Array(data.control);

port.on('message', (m: ToWorker) => {
  void (async () => {
    let slowest: Extract<FromWorker, { kind: 'done' }>['slowest'] = null;
    for (let i = m.start; i < m.end; i++) {
      // index + 1: 0 means idle.
      Atomics.store(control, 3 * data.slot, i + 1);
      const text = generate(seeds, data.seed, i, data.maxBytes);
      const r = await checkInput(text, {
        onRun: (t) => {
          Atomics.store(control, 3 * data.slot + 1, t);
          Atomics.add(control, 3 * data.slot + 2, 1);
        },
      });
      if (r.findings.length > 0) port.postMessage({ kind: 'findings', index: i, bytes: Buffer.byteLength(text), findings: r.findings } satisfies FromWorker);
      if (slowest === null || r.slowest.share > slowest.share) slowest = { index: i, bytes: Buffer.byteLength(text), ...r.slowest };
    }
    Atomics.store(control, 3 * data.slot, 0);
    port.postMessage({ kind: 'done', start: m.start, end: m.end, slowest } satisfies FromWorker);
  })();
});
port.postMessage({ kind: 'ready' } satisfies FromWorker);
