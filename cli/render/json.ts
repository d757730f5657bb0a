/**
 * The JSON documents of the reports that grow with the input (`parse --json`, `candidates
 * --json`), written as they are found: an object of top-level members, each array element on a
 * line of its own, compact (JSON.stringify(value)), indented by four spaces:
 *
 *     {
 *       "descriptions": [
 *         {"type":"offer","source":{…},"description":{…}},
 *         {…}
 *       ],
 *       "totals": {"candidates":12,…}
 *     }
 *
 * One element a line, so `grep`, `head` and `wc -l` work on the candidates; `jq .` pretty-prints.
 * Fully indented (JSON.stringify(report, null, 2)) the document was 2.5 to 5 times as large (the
 * model nests six deep), and writing it took most of `parse --json`'s time: 20 MB for a 420 KB
 * stats dump, 9.4 MB for a 121 KB answer (fuzz seed 777). Pure.
 */
import { SdpscopeError } from '../../src/errors.js';

/** An element of a top-level array, on its line: four spaces, then the element, compact. */
export const jsonItem = (value: unknown): string => '    ' + compact(value);

/** The value of a top-level key, after `  "key": `: compact. */
export const jsonMember = (value: unknown): string => compact(value);

/**
 * JSON.stringify(value), or OUTPUT_TOO_LARGE where V8 cannot make the string: an input of 850 KB
 * whose session-level ufrag every m-line repeats made a report over 512 MiB, and the command
 * failed with "internal error: Invalid string length" (fuzz seed 20261205).
 */
function compact(value: unknown): string {
  return orTooLarge(() => JSON.stringify(value));
}

/** JSON.stringify(value, null, 2) (the small reports: ice, probe), or OUTPUT_TOO_LARGE as above. */
export function pretty(value: unknown): string {
  return orTooLarge(() => JSON.stringify(value, null, 2));
}

function orTooLarge(make: () => string): string {
  try {
    return make();
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
