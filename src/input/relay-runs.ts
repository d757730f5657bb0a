/**
 * What a relay log's own records say of its clients, beyond their frames:
 * - each run's `listening` record (`{"time", "room": null, "event": "listening", "client": null,
 *   "detail": "ws://…"}`) starts its client ids again at c1 (relay audit: a false ICE restart
 *   between two runs);
 * - a `left` record (`{"time", "room": "r1", "event": "left", "client": "c2", "detail": "close …"}`)
 *   says which client left its room: the one that talks next there is its successor, not another
 *   of several at once (a page reloaded, whose new client offers to the one that stayed).
 * Readers tell a sink that can hear them (the candidate analyzer). Pure.
 */
import type { InputSink } from './types.js';

/** The sink's methods for a relay's records, by symbol: not part of InputSink's contract. */
export const RELAY_STARTED: unique symbol = Symbol('sdpscope.relayStarted');
export const RELAY_CLIENT_LEFT: unique symbol = Symbol('sdpscope.relayClientLeft');

export interface RelayRunSink {
  [RELAY_STARTED](file: string | undefined): void;
  [RELAY_CLIENT_LEFT](file: string | undefined, room: string, client: string): void;
}

/** Tells `sink` what a parsed JSON value says if it is a relay's `listening` or `left` record. */
export function relayRecord(sink: InputSink, file: string | undefined, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const o = value as Record<string, unknown>;
  if (typeof o['time'] !== 'string' || typeof o['detail'] !== 'string' || 'frame' in o) return;
  const s = sink as Partial<RelayRunSink>;
  if (o['event'] === 'listening' && o['room'] === null) s[RELAY_STARTED]?.call(sink, file);
  else if (o['event'] === 'left' && typeof o['room'] === 'string' && typeof o['client'] === 'string') s[RELAY_CLIENT_LEFT]?.call(sink, file, o['room'], o['client']);
}
