/** What the relay says: its notices to clients, its close codes, and its console lines. */
import type { FrameSummary } from '../../analysis/frame.js';

/** The notices the relay sends; their own type never collides with call frames. */
export type RelayNotice =
  | { readonly type: 'relay-notice'; readonly event: 'joined'; readonly room: string; readonly id: string; readonly peers: readonly string[] }
  | { readonly type: 'relay-notice'; readonly event: 'peer-joined'; readonly room: string; readonly id: string }
  /** `reason` "slow-consumer": the relay cut it for falling behind (--max-buffered), not a close of its own. */
  | { readonly type: 'relay-notice'; readonly event: 'peer-left'; readonly room: string; readonly id: string; readonly reason?: 'slow-consumer' }
  | { readonly type: 'relay-notice'; readonly event: 'room-full'; readonly room: string; readonly size: number }
  /** The sender's frame reached nobody (it is alone in its room); at most one a second. */
  | { readonly type: 'relay-notice'; readonly event: 'no-recipients'; readonly room: string; readonly message: string }
  | { readonly type: 'relay-notice'; readonly event: 'error'; readonly code: 'invalid-json' | 'binary-frame' | 'rate-limited' | 'reserved-type'; readonly message: string };

/** Close codes the relay uses (a slow consumer or a dead client is cut, with no close frame); ws sends 1002, 1007 and 1009 itself. */
export const CLOSE = { normal: 1000, goingAway: 1001, protocolError: 1002, invalidData: 1007, tooBig: 1009, internalError: 1011, roomFull: 4001 } as const;

/** Why the relay closed a client, by the code it sent (RFC 6455 §7.4.1): its log and the client say the same. */
export const CLOSE_REASONS: Readonly<Record<number, string>> = {
  [CLOSE.protocolError]: 'a WebSocket protocol error',
  [CLOSE.invalidData]: 'a text frame that is not UTF-8',
  [CLOSE.tooBig]: 'a frame over --max-frame',
  [CLOSE.internalError]: 'the relay stopped: its log could not be written',
};

/** What the console shows: a frame relayed, or an event of the relay. */
export type RelayLine =
  | { readonly kind: 'frame'; readonly time: string; readonly room: string; readonly from: string; readonly to: readonly string[]; readonly size: number; readonly summary: FrameSummary; readonly text: string }
  | { readonly kind: 'event'; readonly time: string; readonly room: string | null; readonly client: string | null; readonly event: string; readonly detail: string };
