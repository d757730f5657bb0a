/**
 * JSON documents written as they are found: the top-level arrays of a report (`parse --json`,
 * `candidates --json`), each element indented as JSON.stringify(report, null, 2) would, so that
 * the streamed document is the one a whole report would give. Pure.
 */

/** Indents every line of a JSON text. */
export const indent = (json: string, by: string): string => by + json.replace(/\n/g, `\n${by}`);

/** An element of a top-level array as JSON.stringify(report, null, 2) writes it: indented by four spaces. */
export const jsonItem = (json: string): string => indent(json, '    ');

/** The elements of a top-level array, written in order (held in memory or spooled to disk). */
export interface JsonItems {
  readonly count: number;
  /** Writes the elements (jsonItem), separated by ",\n", waiting on `drained` between chunks. */
  write(out: (s: string) => void, drained: () => Promise<void> | undefined): Promise<void>;
}

/** Elements held in memory (JSON texts). */
export const listedItems = (texts: readonly string[]): JsonItems => ({ count: texts.length, write: async (out) => out(texts.map(jsonItem).join(',\n')) });

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
