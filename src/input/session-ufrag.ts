/**
 * A description's ICE ufrag as its candidates and its session carry it. A ufrag is 4 to 256
 * ice-chars (RFC 8839 §5.4); a longer one, which both browsers refuse (the description's
 * invalid-ice-credentials says so), is carried shortened and marked: its first 32 characters, its
 * length and a hash of it, so that two differ where the texts differ. Written whole on each of
 * thousands of candidates and findings, a 178 KB one made 796 MB of `parse --json` from 363 KB of
 * input (fuzz: the output-bound class of issue 13). The description itself keeps it whole.
 */

import { fnv1a32 } from '../text-hash.js';

/** RFC 8839 §5.4's longest ufrag. */
export const MAX_UFRAG = 256;

let last: string | null = null;
let lastKey: string | null = null;

/** `ufrag` as candidates and sessions carry it: itself, or, past 256 characters, its marked short form. */
export function sessionUfrag(ufrag: string | null): string | null {
  if (ufrag === null || ufrag.length <= MAX_UFRAG) return ufrag;
  // One description's m-sections share their session's: made once for it.
  return markedShortForm(ufrag);
}

/** A long value's marked short form: its first 32 characters, its length and a hash (FNV-1a) of it. */
export function markedShortForm(value: string): string {
  if (value === last) return lastKey!;
  const key = `${value.slice(0, 32)}…(${value.length} characters, #${fnv1a32(value).toString(16).padStart(8, '0')})`;
  last = value;
  lastKey = key;
  return key;
}
