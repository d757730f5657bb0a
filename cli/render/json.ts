/**
 * JSON documents written as they are found: the top-level arrays of a report (`parse --json`,
 * `candidates --json`), each element indented as JSON.stringify(report, null, 2) would, so that
 * the streamed document is the one a whole report would give. Pure.
 */
import { SdpscopeError } from '../../src/errors.js';

/**
 * An element of a top-level array as JSON.stringify(report, null, 2) writes it (indented by four
 * spaces): JSON.stringify nests it there itself, so no second pass over its text and no second
 * copy of it (re-indenting a 15 MB description took a tenth of `parse --json`'s time, and its
 * copies most of the collector's).
 */
export const jsonItem = (value: unknown): string => pretty([[value]]).slice(6, -6);

/** The value of a top-level key as JSON.stringify(report, null, 2) writes it, after `  "key": `. */
export const jsonMember = (value: unknown): string => pretty([value]).slice(4, -2);

/**
 * JSON.stringify(value, null, 2), or OUTPUT_TOO_LARGE where V8 cannot make the string: an input of
 * 850 KB whose session-level ufrag every m-line repeats made a report over 512 MiB, and the
 * command failed with "internal error: Invalid string length" (fuzz seed 20261205).
 */
export function pretty(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2);
  } catch (e) {
    if (e instanceof RangeError && /Invalid string length/.test(e.message)) {
      throw new SdpscopeError('OUTPUT_TOO_LARGE', 'the JSON report would be over 512 MiB (a huge value the input repeats for every m-line?): the text report cuts such values');
    }
    throw e;
  }
}

/** The elements of a top-level array, written in order (held in memory or spooled to disk). */
export interface JsonItems {
  readonly count: number;
  /** Writes the elements (jsonItem), separated by ",\n", waiting on `drained` between chunks. */
  write(out: (s: string) => void, drained: () => Promise<void> | undefined): Promise<void>;
}

/** Elements held in memory. */
export const listedItems = (values: readonly unknown[]): JsonItems => ({ count: values.length, write: async (out) => out(values.map(jsonItem).join(',\n')) });

/** Writes `  "name": [ … ]` (or `[]`) with the elements of `items`, one group after the other. */
export async function writeJsonArray(name: string, items: readonly JsonItems[], out: (s: string) => void, drained: () => Promise<void> | undefined): Promise<void> {
  const count = items.reduce((n, i) => n + i.count, 0);
  if (count === 0) return out(`  "${name}": []`);
  out(`  "${name}": [\n`);
  let first = true;
  for (const i of items) {
    if (i.count === 0) continue;
    if (!first) out(',\n');
    first = false;
    await i.write(out, drained);
  }
  out('\n  ]');
}
