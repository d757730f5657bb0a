/** The messages between the relay and its logger thread, typed both ways. */
import type { RelayLine } from './protocol.js';

/** What the worker is started with. */
export interface LogWorkerData {
  readonly log: string | null;
  readonly keepSecrets: boolean;
  /** Post a console line back for every frame. */
  readonly lines: boolean;
  /** Post every frame's record back, always redacted, for the read-only feed (/feed). */
  readonly feed: boolean;
  /** A frame waiting longer than this (ms since the relay got it) is logged without a summary, so that the log keeps up. */
  readonly budgetMs: number;
  /**
   * BigInt64 [0]: 0, or once the relay shuts down the time (ms since the epoch) after which frames
   * are logged without summaries, so that the log is written in time. [1]: the frames the worker
   * has finished (written to the log when there is one), counted right after their write: what a
   * relay stopped at its deadline reads to say how many were not logged. [2] and [3]: the count
   * the write under way makes, and the log's size once it is written (see log-worker.ts write()).
   * [4]: the relay's events the worker has finished, in the order sent (its own, log-behind and
   * log-caught-up, are not counted): those after it, when the thread is stopped, were not written.
   * Five BigInt64 slots.
   */
  readonly hurry: SharedArrayBuffer;
}

/** A relayed frame; `time` in ms since the epoch. */
export interface LoggedFrame {
  readonly time: number;
  readonly room: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly size: number;
  readonly text: string;
  /** Sent as a binary WebSocket frame (forwarded as text). */
  readonly binary?: true;
}

/** Something the relay did (a client joined, a frame was refused...): one log line, one console line. */
export interface RelayEvent {
  readonly time: string;
  readonly room: string | null;
  readonly event: string;
  readonly client: string | null;
  readonly detail: string;
}

/** Relay → worker. Frames and events go in the order they happened, and come back in it. */
export type ToLogWorker =
  | { readonly kind: 'frames'; readonly frames: readonly LoggedFrame[] }
  | { readonly kind: 'event'; readonly record: RelayEvent }
  | { readonly kind: 'close' };

/** Worker → relay. */
export type FromLogWorker =
  /**
   * What a batch of frames (or an event) made, in one message rather than one per frame (a
   * message each cost both threads more than summarising a candidate frame): console lines for
   * frames and events, in relay order; the frames' records as JSON text, redacted, for the feed;
   * and, at a batch's end, `ack`: `n` frames (`bytes` of text) are logged, the backlog shrinks.
   */
  | { readonly kind: 'out'; readonly lines: readonly RelayLine[]; readonly records: readonly string[]; readonly ack?: { readonly n: number; readonly bytes: number } }
  /** Writing the log failed (a full disk, /dev/full, an I/O error): the log is given up, relaying and the feed go on. */
  | { readonly kind: 'log-failed'; readonly message: string }
  /** The log is flushed and closed. */
  | { readonly kind: 'closed' };
