/**
 * Models handed back to the library: a description parseSdp made is read as it is; one that
 * was revived from JSON or edited by hand may hold a field of the wrong type, and the readers
 * (negotiate, diffDescriptions, writeSdp) would fail inside with a TypeError. Such a failure is
 * INVALID_ARGUMENT naming the function and the argument; on a description parseSdp made and
 * nobody changed, it is a bug and goes up as it is (the fuzz run counts it). Internal. Pure.
 */
import { SdpscopeError } from './errors.js';

/** Descriptions parseSdp made (in this realm), each with the text it read (its byte order mark aside). */
const MADE: WeakMap<object, string> = /* @__PURE__ */ new WeakMap();

/** Notes that parseSdp made `model` from `text`. */
export function madeByParser<T extends object>(model: T, text: string): T {
  MADE.set(model, text);
  return model;
}

/** The text parseSdp read `model` from, or undefined for a description it did not make (revived from JSON, built by hand). */
export const parsedTextOf = (model: object): string | undefined => MADE.get(model);

/**
 * Runs `read` over `models` (named by `names`, as the caller's message says them): a TypeError or
 * RangeError from a model parseSdp did not make is INVALID_ARGUMENT.
 */
export function readingModels<T>(fn: string, models: readonly unknown[], names: readonly string[], read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof TypeError || e instanceof RangeError)) throw e;
    const foreign = models.flatMap((m, i) => (m !== null && typeof m === 'object' && MADE.has(m) ? [] : [names[i]!]));
    if (foreign.length === 0) throw e;
    throw new SdpscopeError('INVALID_ARGUMENT', `${fn}: ${foreign.join(' or ')} is not a description as parseSdp makes it (revived from JSON or edited: a field of the wrong type?): reading it failed with ${e.name}: ${e.message}`);
  }
}
