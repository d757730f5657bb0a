/**
 * The relay's side of its logger thread: frames go to the worker in batches (once per turn of the
 * event loop), events in order with them, and what comes back (console lines, feed records,
 * acknowledgements) is handed on. The backlog is bounded: past it, frames are relayed but not
 * logged, and the log says how many. Logging never stops relaying.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { DIST } from '../paths.js';
import type { FromLogWorker, LoggedFrame, LogWorkerData, RelayEvent, ToLogWorker } from './log-messages.js';
import type { RelayLine } from './protocol.js';

/** The logger worker's compiled file (from the TypeScript sources under the tests: the built one, which `npm test` builds first). */
const WORKER_FILE = join(DIST, 'src/node/relay/log-worker.js');

export interface LogPipeOptions {
  readonly log: string | null;
  readonly keepSecrets: boolean;
  readonly maxBacklog: number;
  /** Console lines, in relay order. */
  readonly onLine?: ((line: RelayLine) => void) | undefined;
  /** Feed records (redacted JSON text), or undefined for no feed. */
  readonly onRecord?: ((record: string) => void) | undefined;
}

export class LogPipe {
  private readonly worker: Worker | null;
  private batch: LoggedFrame[] = [];
  private backlog = 0;
  private skipped = 0;
  private failed = false;

  constructor(private readonly o: LogPipeOptions) {
    const wanted = o.log !== null || o.onLine !== undefined || o.onRecord !== undefined;
    this.worker = wanted
      ? new Worker(WORKER_FILE, { workerData: { log: o.log, keepSecrets: o.keepSecrets, lines: o.onLine !== undefined, feed: o.onRecord !== undefined } satisfies LogWorkerData })
      : null;
    this.worker?.on('message', (m: FromLogWorker) => this.received(m));
    this.worker?.on('error', (e: Error) => {
      // Logging must never stop relaying: report it once and go on without a log.
      this.failed = true;
      o.onLine?.({ kind: 'event', time: new Date().toISOString(), room: null, client: null, event: 'log-error', detail: e.message });
    });
    this.worker?.unref();
  }

  private post(m: ToLogWorker): void {
    this.worker?.postMessage(m);
  }

  private flush = (): void => {
    if (this.batch.length === 0) return;
    this.post({ kind: 'frames', frames: this.batch });
    this.batch = [];
  };

  private received(m: FromLogWorker): void {
    switch (m.kind) {
      case 'line':
        this.o.onLine?.(m.line);
        break;
      case 'record':
        this.o.onRecord?.(m.record);
        break;
      case 'ack':
        this.backlog -= m.n;
        if (this.skipped > 0 && this.backlog < this.o.maxBacklog / 2) {
          const n = this.skipped;
          this.skipped = 0;
          this.event({ time: new Date().toISOString(), room: null, client: null, event: 'log-skipped', detail: `${n} frames relayed but not logged: the logger fell behind` });
        }
        break;
      case 'closed':
        break;
    }
  }

  /** A relayed frame, to be summarised and logged off this thread. */
  frame(f: LoggedFrame): void {
    if (!this.worker || this.failed) return;
    // Memory stays bounded when frames come faster than the logger writes them.
    if (this.backlog >= this.o.maxBacklog) {
      this.skipped++;
      return;
    }
    if (this.batch.length === 0) setImmediate(this.flush);
    this.batch.push(f);
    this.backlog++;
  }

  /** An event of the relay: logged and shown in order with the frames around it. */
  event(e: RelayEvent): void {
    if (!this.worker || this.failed) {
      this.o.onLine?.({ kind: 'event', ...e });
      return;
    }
    this.flush();
    this.post({ kind: 'event', record: e });
  }

  /** Writes everything it was sent, ends the log, stops the thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.flush();
    if (!this.failed) {
      worker.ref();
      await new Promise<void>((r) => {
        worker.on('message', (m: FromLogWorker) => m.kind === 'closed' && r());
        worker.once('error', () => r());
        worker.once('exit', () => r());
        this.post({ kind: 'close' });
      });
    }
    await worker.terminate();
  }
}
