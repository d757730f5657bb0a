import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderReferenceTables, updateReadme } from '../cli/render/docs.js';
import { ERROR_CODES } from '../src/errors.js';
import { DIAGNOSTICS } from '../src/diagnostics.js';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');

describe('README reference tables', () => {
  it('are the ones the code generates (run `npm run docs` after changing a table)', () => {
    expect(updateReadme(readme)).toBe(readme);
  });
  it('list every error code and diagnostic kind', () => {
    const tables = renderReferenceTables();
    for (const code of Object.keys(ERROR_CODES)) expect(tables).toContain(`\`${code}\``);
    for (const kind of Object.keys(DIAGNOSTICS)) expect(tables).toContain(`| \`${kind}\` |`);
  });
});
