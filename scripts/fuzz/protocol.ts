/** Messages between the fuzz runner and its workers. */
import type { Finding } from './check.js';

export interface WorkerData {
  readonly seed: number;
  readonly maxBytes: number;
  /** Three Int32 per worker: the input it is checking plus one (0: idle), the target (TARGET_NAMES), and a count of target runs (progress). */
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
      readonly slowest: { readonly index: number; readonly bytes: number; readonly target: string; readonly ms: number; readonly share: number; readonly budget: number } | null;
    };
