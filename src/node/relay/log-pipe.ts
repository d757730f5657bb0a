/**
 * The relay's side of its logger thread: frames go to the worker in batches (once per turn of the
 * event loop), events in order with them, and what comes back (console lines, feed records,
 * acknowledgements) is handed on. The backlog is bounded in frames and in bytes: past either,
 * frames are relayed but not logged, and the log says how many. Logging never stops relaying,
 * and never holds up shutdown for long: see close().
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import type { FromLogWorker, LoggedFrame, LogWorkerData, RelayEvent, ToLogWorker } from './log-messages.js';
import type { RelayLine } from './protocol.js';

/** The logger worker's compiled file (from the TypeScript sources under the tests: the built one, which `npm test` builds first). */
/** The log worker's file, in the package (a bundled relay cannot start one: PACKAGE_FILES_MISSING). */
const workerFile = () => join(packageRoot('the relay\'s log worker'), 'dist/src/node/relay/log-worker.js');

export interface LogPipeOptions {
  readonly log: string | null;
  readonly keepSecrets: boolean;
  readonly maxBacklog: number;
  readonly maxBacklogBytes: number;
  readonly budgetMs: number;
  /** Console lines, in relay order. */
  readonly onLine?: ((line: RelayLine) => void) | undefined;
  /** Feed records (redacted JSON text), or undefined for no feed. */
  readonly onRecord?: ((record: string) => void) | undefined;
  /** The log could not be written (once): relaying goes on without it. */
  readonly onLogError?: ((message: string) => void) | undefined;
  /**
   * The logger thread itself stopped (it crashed, or ran out of memory): no console line per
   * frame, no feed record, no log from here on. Called once, after onLogError.
   */
  readonly onLoggerStopped?: ((message: string) => void) | undefined;
  /** How long close() waits for the logger (default CLOSE_DEADLINE_MS; tests shorten it). */
  readonly closeDeadlineMs?: number;
}

/** How long close() waits for the logger to write what it was sent before stopping it. */
export const CLOSE_DEADLINE_MS = 600;
/** At shutdown, frames are still summarised for this long (the relay's hurryUp comes first). */
const SUMMARY_GRACE_MS = 400;

export class LogPipe {
  private readonly worker: Worker | null;
  private readonly hurry = new BigInt64Array(new SharedArrayBuffer(40));
  /** Frames sent to the worker (it counts those it finished in hurry[1]). */
  private posted = 0;
  private batch: LoggedFrame[] = [];
  private backlog = 0;
  private backlogBytes = 0;
  private skipped = 0;
  private failed = false;
  /** close() was called: the thread's exit is expected. */
  private closing = false;
  /** Why the log is not written any more (null while it is). */
  logError: string | null = null;

  constructor(private readonly o: LogPipeOptions) {
    const wanted = o.log !== null || o.onLine !== undefined || o.onRecord !== undefined;
    this.worker = wanted
      ? new Worker(workerFile(), {
          workerData: { log: o.log, keepSecrets: o.keepSecrets, lines: o.onLine !== undefined, feed: o.onRecord !== undefined, budgetMs: o.budgetMs, hurry: this.hurry.buffer as SharedArrayBuffer } satisfies LogWorkerData,
        })
      : null;
    this.worker?.on('message', (m: FromLogWorker) => this.received(m));
    const stopped = (why: string) => {
      if (this.failed || this.closing) return;
      // Logging must never stop relaying: report it once and go on without a log.
      this.failed = true;
      this.logFailed(`the logger stopped: ${why}`);
      this.o.onLoggerStopped?.(why);
    };
    this.worker?.on('error', (e: Error) => stopped(e.message));
    // An exit not asked for (terminated from outside, out of memory) is a stop too.
    this.worker?.on('exit', (code: number) => stopped(`its thread exited (code ${code})`));
    this.worker?.unref();
  }

  private logFailed(message: string): void {
    if (this.logError !== null) return;
    this.logError = message;
    this.o.onLogError?.(message);
    this.o.onLine?.({ kind: 'event', time: new Date().toISOString(), room: null, client: null, event: 'log-error', detail: `the log cannot be written: ${message}` });
  }

  private post(m: ToLogWorker): void {
    this.worker?.postMessage(m);
  }

  private flush = (): void => {
    if (this.batch.length === 0) return;
    this.post({ kind: 'frames', frames: this.batch });
    this.posted += this.batch.length;
    this.batch = [];
  };

  private received(m: FromLogWorker): void {
    switch (m.kind) {
      case 'out': {
        if (this.o.onLine) for (const line of m.lines) this.o.onLine(line);
        if (this.o.onRecord) for (const record of m.records) this.o.onRecord(record);
        if (m.ack === undefined) break;
        this.backlog -= m.ack.n;
        this.backlogBytes -= m.ack.bytes;
        // Once stopping, the relay says it, before its "stopped" (relay audit: it came after it).
        if (!this.stopping && this.backlog < this.o.maxBacklog / 2 && this.backlogBytes < this.o.maxBacklogBytes / 2) this.saySkipped();
        break;
      }
      case 'log-failed':
        this.logFailed(m.message);
        break;
      case 'closed':
        break;
    }
  }

  /** Frames skipped over the backlog and not said yet: said now (the relay, stopping, asks before its last records). */
  saySkipped(): void {
    if (this.skipped === 0) return;
    const n = this.skipped;
    this.skipped = 0;
    this.event({ time: new Date().toISOString(), room: null, client: null, event: 'log-skipped', detail: `${n} frames relayed but not logged: the logger fell behind` });
  }

  /** A relayed frame, to be summarised and logged off this thread. */
  frame(f: LoggedFrame): void {
    if (!this.worker || this.failed) return;
    // Memory stays bounded when frames come faster than the logger writes them.
    if (this.backlog >= this.o.maxBacklog || this.backlogBytes + f.text.length > this.o.maxBacklogBytes) {
      this.skipped++;
      return;
    }
    if (this.batch.length === 0) setImmediate(this.flush);
    this.batch.push(f);
    this.backlog++;
    this.backlogBytes += f.text.length;
  }

  /** An event of the relay: logged and shown in order with the frames around it. */
  event(e: RelayEvent): void {
    if (!this.worker || this.failed) {
      this.o.onLine?.({ kind: 'event', ...e });
      return;
    }
    this.flush();
    this.post({ kind: 'event', record: e });
    this.sent.push(e);
    this.forgetWritten();
  }

  /**
   * Events sent to the logger and not yet finished by it (counted in hurry[4]), oldest first from
   * `sentHead`: what a stop that cuts the logger gives back, so that none is lost from the log or
   * the console (relay audit: clients' "left", "late-frames" and "stopped" lost under load; audit of
   * the fix: a client that left just before the stop too). As long as the logger's backlog.
   */
  private sent: RelayEvent[] = [];
  private sentHead = 0;
  private sentCount = 0;
  private forgetWritten(): void {
    this.sentCount++;
    const written = Number(Atomics.load(this.hurry, 4));
    const waiting = this.sentCount - written;
    this.sentHead = Math.max(this.sentHead, this.sent.length - waiting);
    if (this.sentHead > 1024 && this.sentHead * 2 > this.sent.length) {
      this.sent = this.sent.slice(this.sentHead);
      this.sentHead = 0;
    }
  }

  /** The events the logger did not finish, in order (after close(): those the cut left unwritten). */
  get eventsNotWritten(): readonly RelayEvent[] {
    const waiting = this.sentCount - Number(Atomics.load(this.hurry, 4));
    return waiting <= 0 ? [] : this.sent.slice(Math.max(this.sentHead, this.sent.length - waiting));
  }

  /** Whether shutdown began (hurryUp). */
  private stopping = false;

  /** Shutting down: `ms` from now on the logger writes frames without summaries (the log comes first). */
  hurryUp(ms = SUMMARY_GRACE_MS): void {
    if (Atomics.load(this.hurry, 0) === 0n) Atomics.store(this.hurry, 0, BigInt(Date.now() + ms));
    this.stopping = true;
  }

  /**
   * Writes everything it was sent (without summaries from here on), ends the log, stops the
   * thread; after CLOSE_DEADLINE_MS the thread is stopped anyway. Resolves with the number of
   * frames that were sent to the logger and not written (0 unless the deadline passed).
   */
  async close(deadlineMs?: number): Promise<number> {
    const worker = this.worker;
    if (!worker) return 0;
    this.closing = true;
    this.hurryUp();
    this.flush();
    let closed = false;
    if (!this.failed) {
      worker.ref();
      await new Promise<void>((r) => {
        const deadline = setTimeout(r, Math.min(deadlineMs ?? Infinity, this.o.closeDeadlineMs ?? CLOSE_DEADLINE_MS));
        const done = () => {
          clearTimeout(deadline);
          r();
        };
        worker.on('message', (m: FromLogWorker) => {
          if (m.kind === 'closed') {
            closed = true;
            done();
          }
        });
        worker.once('error', done);
        worker.once('exit', done);
        this.post({ kind: 'close' });
      });
    }
    await worker.terminate();
    // Read from the worker's own count, made right after each write: an acknowledgement message
    // still on its way when the thread was stopped would have counted written frames again.
    if (closed || this.failed) return 0;
    let done = Atomics.load(this.hurry, 1);
    // A write the thread was stopped right after, before counting it: the file's size tells.
    const pending = Atomics.load(this.hurry, 2);
    if (pending > done && this.o.log !== null) {
      try {
        if (statSync(this.o.log).size >= Number(Atomics.load(this.hurry, 3))) done = pending;
      } catch {
        /* no file: not written */
      }
    }
    return this.posted - Number(done);
  }
}
