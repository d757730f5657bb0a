/** npm run docs: regenerates the README's reference tables from the code. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { updateReadme } from '../cli/render/docs.js';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const path = resolve(__dirname, '../../README.md');
writeFileSync(path, updateReadme(readFileSync(path, 'utf8')));
console.log(`updated ${path}`);
