/**
 * Whether a text is one JSON value (RFC 8259 §2-§7, what JSON.parse accepts), decided in one pass
 * with no allocation past a small nesting stack and no exception. The readers ask it before
 * JSON.parse: a thrown SyntaxError costs microseconds (3-4 µs even without a stack), so a log of
 * short lines that open like JSON but are not ("{x}", "[x]", a dump's stray "a=x") cost tens of
 * times the bytes it held. test/input/json-check.test.ts holds it equal to JSON.parse.
 */

import { withoutStack } from '../errors.js';

const OBJECT = 1;
const ARRAY = 2;

/** True when `text` (between `from` and `to`) is exactly one JSON value, with optional white space around it. */
export function isJson(text: string, from = 0, to = text.length): boolean {
  const s = text;
  // What encloses the value being read: OBJECT or ARRAY per level. Grows as the nesting does.
  let stack = new Uint8Array(16);
  let depth = 0;
  let i = skipSpace(s, from, to);
  for (;;) {
    // A value at i.
    if (i >= to) return false;
    const c = s.charCodeAt(i);
    if (c === 123 /* { */ || c === 91 /* [ */) {
      i = skipSpace(s, i + 1, to);
      if (i < to && s.charCodeAt(i) === (c === 123 ? 125 : 93)) {
        i++; // {} or []
      } else {
        if (depth === stack.length) {
          const grown = new Uint8Array(stack.length * 2);
          grown.set(stack);
          stack = grown;
        }
        stack[depth++] = c === 123 ? OBJECT : ARRAY;
        if (c === 123) {
          i = member(s, i, to);
          if (i < 0) return false;
        }
        continue;
      }
    } else if (c === 34 /* " */) {
      i = stringEnd(s, i, to);
      if (i < 0) return false;
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      i = numberEnd(s, i, to);
      if (i < 0) return false;
    } else if (c === 116 /* t */ && s.startsWith('true', i) && i + 4 <= to) {
      i += 4;
    } else if (c === 102 /* f */ && s.startsWith('false', i) && i + 5 <= to) {
      i += 5;
    } else if (c === 110 /* n */ && s.startsWith('null', i) && i + 4 <= to) {
      i += 4;
    } else {
      return false;
    }
    // After a value: a comma, the close of what encloses it, or the end.
    for (;;) {
      i = skipSpace(s, i, to);
      if (depth === 0) return i === to;
      if (i >= to) return false;
      const d = s.charCodeAt(i);
      const inObject = stack[depth - 1] === OBJECT;
      if (d === 44 /* , */) {
        i = skipSpace(s, i + 1, to);
        if (inObject) {
          i = member(s, i, to);
          if (i < 0) return false;
        }
        break;
      }
      if (d !== (inObject ? 125 : 93)) return false;
      depth--;
      i++;
    }
  }
}

/** An object member's `"name" :` at i (white space skipped before it): where its value starts, or -1. */
function member(s: string, i: number, to: number): number {
  if (i >= to || s.charCodeAt(i) !== 34) return -1;
  i = stringEnd(s, i, to);
  if (i < 0) return -1;
  i = skipSpace(s, i, to);
  if (i >= to || s.charCodeAt(i) !== 58 /* : */) return -1;
  return skipSpace(s, i + 1, to);
}

function skipSpace(s: string, i: number, to: number): number {
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
  }
  return i;
}

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** The end of the string opening at i (after its closing quote), or -1 (RFC 8259 §7: no control characters, known escapes). */
function stringEnd(s: string, i: number, to: number): number {
  for (i++; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c < 32) return -1;
    if (c === 92 /* \ */) {
      if (++i >= to) return -1;
      const e = s.charCodeAt(i);
      if (e === 117 /* u */) {
        if (i + 4 >= to) return -1;
        if (!isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2)) || !isHex(s.charCodeAt(i + 3)) || !isHex(s.charCodeAt(i + 4))) return -1;
        i += 4;
      } else if (e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) {
        return -1;
      }
    }
  }
  return -1;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The end of the number starting at i, or -1 (RFC 8259 §6: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?). */
function numberEnd(s: string, i: number, to: number): number {
  if (s.charCodeAt(i) === 45) i++;
  if (i >= to) return -1;
  if (s.charCodeAt(i) === 48) i++;
  else if (isDigit(s.charCodeAt(i))) while (i < to && isDigit(s.charCodeAt(i))) i++;
  else return -1;
  if (i < to && s.charCodeAt(i) === 46 /* . */) {
    i++;
    if (i >= to || !isDigit(s.charCodeAt(i))) return -1;
    while (i < to && isDigit(s.charCodeAt(i))) i++;
  }
  const e = i < to ? s.charCodeAt(i) : 0;
  if (e === 101 || e === 69) {
    i++;
    const sign = i < to ? s.charCodeAt(i) : 0;
    if (sign === 43 || sign === 45) i++;
    if (i >= to || !isDigit(s.charCodeAt(i))) return -1;
    while (i < to && isDigit(s.charCodeAt(i))) i++;
  }
  return i;
}

/**
 * Whether JSON text nests arrays and objects deeper than `max` anywhere (strings skipped, their
 * escaped quotes too). One pass, strings crossed by indexOf. For a reader that parses a whole
 * document: V8's JSON.parse takes 70 to 85 bytes a character for deep nesting (10 MB of "[" made
 * `sdpscope ice` use 835 MB before saying it is no dump), where no real document nests past ten.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return true;
    } else if ((c === 93 /* ] */ || c === 125 /* } */) && depth > 0) {
      // Not below 0: a stray closing bracket of a text that is not JSON hides no nesting after it.
      depth--;
    } else if (c === 34 /* " */) {
      // The closing quote: the next one not escaped (after an even run of backslashes).
      for (;;) {
        const q = text.indexOf('"', i + 1);
        if (q < 0) return false;
        let b = q - 1;
        while (text.charCodeAt(b) === 92) b--;
        i = q;
        if ((q - 1 - b) % 2 === 0) break;
      }
    }
  }
  return false;
}

/** Deeper than any input sdpscope reads nests (a stats dump under ten, a frame a few levels). */
export const MAX_JSON_DEPTH = 256;

/**
 * Whether a text is not to be given to JSON.parse: over 1 MiB and nested deeper than
 * {@link MAX_JSON_DEPTH} (below 1 MiB its memory is bounded anyway: 1 MiB of "[" takes about 85
 * MB). Such a text is read as not JSON (its lines then scanned as text): 40 MB of "[" had taken
 * 2 GB in every reader, and past about 80 MB would have run V8's heap out (hostile-input audit).
 */
export const tooDeepToParse = (text: string): boolean => text.length > 1 << 20 && nestsDeeperThan(text, MAX_JSON_DEPTH);

/** What {@link JsonParser.parse} gives for a text that is not JSON. */
export const NOT_JSON: unique symbol = Symbol('sdpscope.notJson');

/** After this many texts that were not JSON, a JsonParser checks each text before parsing it. */
const FAILURES_BEFORE_CHECK = 32;

/**
 * JSON.parse for a reader of many texts that may not be JSON (a log's lines, a dump's values):
 * JSON.parse alone while they are (no cost on well-formed input), and once
 * FAILURES_BEFORE_CHECK of them were not, each is checked with {@link isJson} first, so that an
 * input of bad lines costs a pass over each, not an exception each. Same answers either way.
 */
export class JsonParser {
  private failures = 0;

  /** The value of `text`, or NOT_JSON. */
  parse(text: string): unknown {
    if (this.failures >= FAILURES_BEFORE_CHECK && !isJson(text)) return NOT_JSON;
    if (tooDeepToParse(text)) return NOT_JSON;
    try {
      return withoutStack(() => JSON.parse(text) as unknown);
    } catch {
      this.failures++;
      return NOT_JSON;
    }
  }
}
