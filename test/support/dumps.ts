/** The stats dumps of test/fixtures/dumps (see its README), as text (gzip inflated). */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const DUMPS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../fixtures/dumps');

export function dumpText(name: string): string {
  const b = readFileSync(join(DUMPS, name));
  return (name.endsWith('.gz') ? gunzipSync(b) : b).toString('utf8');
}
