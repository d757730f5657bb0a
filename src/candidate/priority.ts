/**
 * Candidate priority (RFC 8445 §5.1.2.1):
 *   priority = 2^24 * type-preference + 2^8 * local-preference + (256 - component-id)
 */
import { requireObject, SdpscopeError, describe } from '../errors.js';

export interface PriorityParts {
  /** 0..126 (RFC 8445 §5.1.2.2 recommends host 126, prflx 110, srflx 100, relay 0). */
  readonly typePreference: number;
  /** 0..65535; what it encodes is up to the implementation (see explainCandidate). */
  readonly localPreference: number;
  /** 1..256, from the low byte: 256 - (priority & 0xff). */
  readonly componentId: number;
}

const MAX_PRIORITY = 0xffffffff;

/** Priorities decoded lately (a log repeats a few hundred): shared, frozen; cleared when full. */
const RECENT = /* @__PURE__ */ new Map<number, PriorityParts>();

/** Splits a 32-bit candidate priority into its three parts (a shared, frozen object). Throws PRIORITY_RANGE otherwise. */
export function decodePriority(priority: number): PriorityParts {
  if (!Number.isInteger(priority) || priority < 0 || priority > MAX_PRIORITY) {
    // A string is said to be one (README walk: decodePriority("5") read "priority 5 is not an integer").
    const shown = typeof priority === 'string' ? `${JSON.stringify(String(priority).slice(0, 20))} (a string)` : typeof priority === 'number' || typeof priority === 'bigint' || typeof priority === 'boolean' || priority === null || priority === undefined ? String(priority) : describe(priority);
    throw new SdpscopeError('PRIORITY_RANGE', `priority ${shown} is not an integer in 0..4294967295${typeof priority === 'bigint' ? ' (a bigint: give a number, Number(p), which holds every 32-bit priority exactly)' : ''}`);
  }
  let parts = RECENT.get(priority);
  if (parts === undefined) {
    if (RECENT.size >= 4096) RECENT.clear();
    parts = Object.freeze({
      typePreference: Math.floor(priority / 2 ** 24),
      localPreference: Math.floor(priority / 256) % 65536,
      componentId: 256 - (priority % 256),
    });
    RECENT.set(priority, parts);
  }
  return parts;
}

/** The inverse of {@link decodePriority}. Throws PREFERENCE_RANGE for a part out of range. */
export function encodePriority(parts: PriorityParts): number {
  return encodeParts(parts, 'encodePriority');
}

/** encodePriority, its errors naming `fn` (the function the caller called). */
function encodeParts(parts: PriorityParts, fn: string): number {
  const { typePreference: t, localPreference: l, componentId: c } = requireObject<PriorityParts>(parts, `${fn}: the parts (decodePriority's {typePreference, localPreference, componentId})`, 'typePreference', 'localPreference', 'componentId');
  if (!Number.isInteger(t) || t < 0 || t > 255) throw new SdpscopeError('PREFERENCE_RANGE', `${fn}: type preference ${t} is not in 0..255`);
  if (!Number.isInteger(l) || l < 0 || l > 65535) throw new SdpscopeError('PREFERENCE_RANGE', `${fn}: local preference ${l} is not in 0..65535`);
  if (!Number.isInteger(c) || c < 1 || c > 256) throw new SdpscopeError('PREFERENCE_RANGE', `${fn}: component id ${c} is not in 1..256`);
  return t * 2 ** 24 + l * 256 + ((256 - c) % 256);
}

/** `typePref | localPref | component`, as the Trickle ICE page shows a priority. */
export function formatPriorityParts(p: PriorityParts): string {
  encodeParts(p, 'formatPriorityParts');
  return `${p.typePreference} | ${p.localPreference} | ${p.componentId}`;
}
