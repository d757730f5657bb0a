/** Messages between the fuzz runner and its workers. */
import type { Finding } from './check.js';

export interface WorkerData {
  readonly seed: number;
  readonly maxBytes: number;
  /** Two Int32 per worker: the input it is checking plus one (0: idle), and the target (TARGET_NAMES). */
  readonly control: SharedArrayBuffer;
  readonly slot: number;
}

/** Check inputs start ≤ i < end. */
export interface ToWorker {
  readonly start: number;
  readonly end: number;
}

export type FromWorker =
  | { readonly kind: 'ready' }
  | { readonly kind: 'findings'; readonly index: number; readonly bytes: number; readonly findings: readonly Finding[] }
  | {
      readonly kind: 'done';
      readonly start: number;
      readonly end: number;
      /** The input that came nearest its time budget in the range. */
      readonly slowest: { readonly index: number; readonly bytes: number; readonly target: string; readonly ms: number; readonly share: number } | null;
    };
