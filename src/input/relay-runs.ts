/**
 * A relay log appended across restarts: each run's `listening` record (`{"time", "room": null,
 * "event": "listening", "client": null, "detail": "ws://…"}`) starts its client ids again at c1.
 * Readers tell a sink that can hear it (the candidate analyzer), so that the second run's c1 is
 * not the first's (relay audit: a false ICE restart between two runs). Pure.
 */
import type { InputSink } from './types.js';

/** The sink's method for a relay's start, by symbol: not part of InputSink's contract. */
export const RELAY_STARTED: unique symbol = Symbol('sdpscope.relayStarted');

export interface RelayRunSink {
  [RELAY_STARTED](file: string | undefined): void;
}

/** Whether a parsed JSON value is a relay's `listening` record. */
export function isRelayListening(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const o = value as Record<string, unknown>;
  return o['event'] === 'listening' && o['room'] === null && typeof o['time'] === 'string' && typeof o['detail'] === 'string' && !('frame' in o);
}

/** Tells `sink` a relay run began, if it listens for that. */
export function relayStarted(sink: InputSink, file: string | undefined): void {
  const f = (sink as Partial<RelayRunSink>)[RELAY_STARTED];
  if (typeof f === 'function') f.call(sink, file);
}
