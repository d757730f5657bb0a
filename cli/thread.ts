/**
 * `sdpscope candidates` on a large input runs its analysis in a worker thread whose heap is capped
 * (cli/candidates-thread.ts), while this thread reads the input (gzip, UTF-16) and writes the
 * output. Why: what the analysis keeps alive is 15–40 MB, but with Node's defaults V8 lets the
 * old generation grow to about four times that and the young one to 3 × 16 MB before it collects
 * (peak RSS 150–190 MB on the bench's logs). A heap capped at {@link THREAD_HEAP} makes V8 use
 * its small-heap growth rule and 4 MB semi-spaces (V8 makes a young generation of Y MB three
 * semi-spaces of Y/3 MB, rounded up to a power of two: 16 gives 8 MB, as 24 does). CPU time
 * (user + system) and peak RSS of the whole process, 12 MB of young generation against 24 (8 MB
 * semi-spaces), 2026-12-04: the fleet log's tables 18.8 s / 143 MB against 17.2 s / 154 MB (over
 * the 150 MB target); the 1M-line log's tables 16.0 s / 133 MB against 15.5 s / 144 MB, its
 * --summary 6.2 s / 119 MB against 6.0 s / 140 MB; 3M lines --summary 17.2 s / 134 MB against
 * 17.3 s / 144 MB (README, Benchmarks). 6 MB saves another 10–15 MB and costs 10–18% more. The cap is ten times what the analysis keeps alive under the
 * default limits; past it the run stops with MEMORY_LIMIT (an explicit --max-sessions runs the
 * analysis here, uncapped).
 *
 * Both directions are flow-controlled: at most {@link INPUT_WINDOW} chunks of input are on their
 * way to the thread, and it waits once {@link OUTPUT_WINDOW} pieces of output are not yet taken
 * by standard output (a slow pipe). Output keeps its order and its 64 KiB pieces.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { SdpscopeError, type ErrorCode } from '../src/errors.js';
import { DIST } from '../src/node/paths.js';
import { trackSpoolDir } from './spool.js';
import type { CandidateInput, CandidatesOptions } from './commands/candidates.js';

/** The thread's heap cap in MB: the old generation, and the young one (3 semi-spaces of 4 MB). */
export const THREAD_HEAP = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 12 } as const;
/** Chunks of input (64 KiB each) sent and not yet taken by the analysis. */
export const INPUT_WINDOW = 8;
/** Pieces of output (64 KiB each) sent and not yet written. */
export const OUTPUT_WINDOW = 4;

/**
 * Flow control, on either side: pieces sent and not yet acknowledged, and a wait for room below
 * the window (none once closed: the other side has ended).
 */
export class Window {
  private pending = 0;
  private closed = false;
  private wake: (() => void) | null = null;

  constructor(private readonly size: number) {}

  sent(): void {
    this.pending++;
  }

  acknowledged(): void {
    this.pending--;
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  /** Undefined when there is room now; otherwise resolves once there is (or the window is closed). */
  room(): Promise<void> | undefined {
    if (this.pending < this.size || this.closed) return undefined;
    return new Promise<void>((resolve) => {
      this.wake = () => {
        if (this.pending >= this.size && !this.closed) return;
        this.wake = null;
        resolve();
      };
    });
  }
}

/** The built worker (bundled by scripts/build-bins.js; the tests build first). */
const THREAD_FILE = join(DIST, 'bin/candidates-thread.js');

/** What the thread is started with. */
export interface ThreadData {
  readonly opts: Omit<CandidatesOptions, 'files'>;
  readonly count: number;
}

/** This thread to the worker. */
export type ToThread =
  | { readonly t: 'open'; readonly name: string; readonly size: number | null }
  | { readonly t: 'chunk'; readonly bytes: Uint8Array | string }
  | { readonly t: 'close' }
  | { readonly t: 'end' }
  /** Reading failed here: the thread ends its output as the command does on such an error. */
  | { readonly t: 'abort' }
  /** A piece of output was written (and standard output drained). */
  | { readonly t: 'written' };

/** The worker to this thread. */
export type FromThread =
  | { readonly t: 'took' }
  | { readonly t: 'out'; readonly text: string }
  | { readonly t: 'err'; readonly text: string }
  | { readonly t: 'spool'; readonly dir: string }
  | { readonly t: 'done'; readonly code: number }
  | { readonly t: 'failed'; readonly error: ThreadError };

/** An error of the analysis, as it crosses to this thread. */
export interface ThreadError {
  /** The SdpscopeError's code, or null for anything else (an internal error). */
  readonly code: ErrorCode | null;
  readonly reason: string;
  readonly line: number | null;
  readonly column: number | null;
  /** The thread stopped because this side could not read on (its error is the one reported). */
  readonly aborted: boolean;
}

function rebuilt(e: ThreadError): Error {
  if (e.code === null) return new Error(e.reason);
  return new SdpscopeError(e.code, e.reason, { ...(e.line !== null ? { line: e.line } : {}), ...(e.column !== null ? { column: e.column } : {}) });
}

/**
 * Runs the analysis of `inputs` in a capped worker thread: reads them here, sends their bytes,
 * writes what comes back. Resolves with the command's exit code; rejects as the command would.
 */
export async function analyzeInThread(inputs: AsyncIterable<CandidateInput>, count: number, opts: Omit<CandidatesOptions, 'files'>, out: (s: string) => void, err: (s: string) => void, drained: () => Promise<void> | undefined, heap: { readonly maxOldGenerationSizeMb: number; readonly maxYoungGenerationSizeMb: number } = THREAD_HEAP): Promise<number> {
  const worker = new Worker(THREAD_FILE, { workerData: { opts, count } satisfies ThreadData, resourceLimits: heap, stdout: false, stderr: false });
  const input = new Window(INPUT_WINDOW);
  let finished = false;
  const end = () => {
    finished = true;
    input.close();
  };
  const post = (m: ToThread) => worker.postMessage(m);

  const result = new Promise<number>((resolve, reject) => {
    worker.on('message', (m: FromThread) => {
      switch (m.t) {
        case 'took':
          input.acknowledged();
          break;
        case 'out': {
          out(m.text);
          const d = drained();
          if (d) void d.then(() => post({ t: 'written' }));
          else post({ t: 'written' });
          break;
        }
        case 'err':
          err(m.text);
          break;
        case 'spool':
          trackSpoolDir(m.dir);
          break;
        case 'done':
          end();
          resolve(m.code);
          break;
        case 'failed':
          end();
          reject(m.error.aborted ? ABORTED : rebuilt(m.error));
          break;
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      end();
      reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new SdpscopeError('MEMORY_LIMIT', `the analysis went past its ${heap.maxOldGenerationSizeMb} MB heap; give --max-sessions (for instance the default, 2000) to run it without that cap`) : e);
    });
    worker.on('exit', (code) => {
      end();
      reject(new Error(`the analysis thread stopped (exit code ${code})`));
    });
  });
  // The read loop stops waiting once the thread has ended (a failure, a closed stdout).
  void result.catch(() => undefined);

  // Every read races the thread's end: once it has ended (a --strict stop, a failure), a read
  // that may never finish (`tail -f log |`) is not waited for.
  const over: Promise<typeof OVER> = result.then(
    () => OVER,
    () => OVER,
  );
  const unlessOver = <T>(read: Promise<T>): Promise<T | typeof OVER> => {
    read.catch(() => undefined);
    return Promise.race<T | typeof OVER>([read, over]);
  };
  let readError: unknown = null;
  try {
    const all = inputs[Symbol.asyncIterator]();
    for (let n = await unlessOver(all.next()); n !== OVER && n.done !== true; n = await unlessOver(all.next())) {
      const { name, stream, size } = n.value;
      post({ t: 'open', name, size });
      const chunks = stream[Symbol.asyncIterator]();
      for (let c = await unlessOver(chunks.next()); c !== OVER && c.done !== true; c = await unlessOver(chunks.next())) {
        await input.room();
        if (finished) break;
        input.sent();
        const bytes = c.value;
        // A chunk that owns its whole buffer (a file's or inflated read) is moved, not copied.
        if (typeof bytes !== 'string' && bytes.byteOffset === 0 && bytes.buffer instanceof ArrayBuffer && bytes.byteLength === bytes.buffer.byteLength) worker.postMessage({ t: 'chunk', bytes } satisfies ToThread, [bytes.buffer]);
        else post({ t: 'chunk', bytes });
      }
      if (finished) {
        void chunks.return?.()?.catch(() => undefined);
        break;
      }
      post({ t: 'close' });
    }
    if (!finished) post({ t: 'end' });
  } catch (e) {
    readError = e;
    post({ t: 'abort' });
  }
  try {
    const code = await result;
    if (readError !== null) throw readError;
    return code;
  } catch (e) {
    throw e === ABORTED && readError !== null ? readError : e;
  } finally {
    await worker.terminate();
  }
}

/** The thread's failure when this side aborted it (the read error is what is reported). */
const ABORTED = new Error('aborted');
/** What a read gives once the thread has ended. */
const OVER: unique symbol = Symbol('over');
