#!/usr/bin/env node
/**
 * Builds the call page: page/call.ts (with the sdpscope core it imports) bundled by esbuild
 * into dist/page/call.js, and page/index.html copied beside it. Prints the bundle size.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'dist', 'page');
fs.mkdirSync(out, { recursive: true });
esbuild.buildSync({
  entryPoints: [path.join(root, 'page', 'call.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2022'],
  outfile: path.join(out, 'call.js'),
  logLevel: 'warning',
});
fs.copyFileSync(path.join(root, 'page', 'index.html'), path.join(out, 'index.html'));
if (process.env.SDPSCOPE_QUIET !== '1') {
  const size = fs.statSync(path.join(out, 'call.js')).size;
  console.log(`page bundle: dist/page/call.js ${(size / 1024).toFixed(1)} KiB`);
}
