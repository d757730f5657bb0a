#!/usr/bin/env node
/**
 * Builds the pages: page/call.ts and page/inspect.ts (with the sdpscope core they import)
 * bundled by esbuild into dist/page/, their HTML copied beside them. Prints the bundle sizes.
 * `debug` is bundled silent (scripts/silent-debug.js).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { silentDebug } from './silent-debug.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// Its lines into a closed pipe (`npm run build | head -1`) are dropped; the build goes on to its end.
process.stdout.on('error', () => undefined);
const out = path.join(root, 'dist', 'page');
fs.mkdirSync(out, { recursive: true });
for (const [entry, html] of [['call', 'index'], ['inspect', 'inspect']]) {
  await esbuild.build({
    entryPoints: [path.join(root, 'page', `${entry}.ts`)],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    outfile: path.join(out, `${entry}.js`),
    logLevel: 'warning',
    plugins: [silentDebug],
  });
  fs.copyFileSync(path.join(root, 'page', `${html}.html`), path.join(out, `${html}.html`));
  if (process.env.SDPSCOPE_QUIET !== '1') {
    const size = fs.statSync(path.join(out, `${entry}.js`)).size;
    console.log(`page bundle: dist/page/${entry}.js ${(size / 1024).toFixed(1)} KiB`);
  }
}
