#!/usr/bin/env node
/**
 * Builds the command-line programs: cli/sdp-diff.ts and cli/sdpscope.ts bundled by esbuild with
 * what they import (the core, yargs, chalk) into dist/bin/: sdp-diff as one file, sdpscope with
 * each command in a chunk of its own that loads only when that command runs. One file to read
 * instead of dozens of modules is what keeps `sdp-diff` starting within twice Node's own start
 * (npm run bench). The library (dist/src) is not bundled: it is what `import 'sdpscope'` loads.
 * dist/bin/candidates-thread.js is the worker thread of `sdpscope candidates` on large inputs
 * (cli/thread.ts), in the same build so that it shares the command's chunks.
 *
 * One build-time change to what is bundled: string-width (three copies, under yargs, cliui and
 * wrap-ansi) builds an Intl.Segmenter and Unicode property regexes when it loads, about 25 ms,
 * and yargs needs it only to lay out --help and error text. Each copy is loaded on its first
 * call instead: the same module, the same results, later.
 *
 * And one left out: h264-profile-level-id logs through the `debug` package, which prints to
 * stderr whenever DEBUG matches (a user debugging their own program with DEBUG=* got a line per
 * H.264 codec on every sdp-diff run, between our output). Its logger is a silent one in the bins
 * (what it logs, sdpscope says itself as diagnostics); the library leaves it to the user's DEBUG
 * (scripts/silent-debug.js; the pages use it too).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { silentDebug } from './silent-debug.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// Its lines into a closed pipe (`npm run build | head -1`) are dropped; the build goes on to its end.
process.stdout.on('error', () => undefined);
const out = path.join(root, 'dist', 'bin');

/** string-width, loaded on its first call (see above). */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'real' });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `let real;\nexport default function stringWidth(text, options) {\n  real ??= require(${JSON.stringify(args.path)}).default;\n  return real(text, options);\n}\n`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies (h264-profile-level-id, debug) and the lazy string-width require().
  banner: { js: "import { createRequire as __sdpscopeRequire } from 'node:module'; const require = __sdpscopeRequire(import.meta.url);" },
  // The lab loads playwright-core only when it drives Chromium, from the user's install.
  external: ['playwright-core'],
  plugins: [lazyStringWidth, silentDebug],
  // Fewer bytes for V8 to compile at every start; errors reach users as messages, not stacks.
  minify: true,
  logLevel: 'warning',
};

fs.rmSync(out, { recursive: true, force: true });
await esbuild.build({ ...common, entryPoints: { 'sdp-diff': path.join(root, 'cli/sdp-diff.ts') }, outdir: out });
await esbuild.build({ ...common, entryPoints: { sdpscope: path.join(root, 'cli/sdpscope.ts'), 'candidates-thread': path.join(root, 'cli/candidates-thread.ts') }, outdir: out, splitting: true, chunkNames: 'chunks/[name]-[hash]' });
for (const bin of ['sdpscope', 'sdp-diff']) fs.chmodSync(path.join(out, `${bin}.js`), 0o755);
if (process.env.SDPSCOPE_QUIET !== '1') {
  const size = (f) => (fs.statSync(path.join(out, f)).size / 1024).toFixed(0);
  console.log(`bins: dist/bin/sdp-diff.js ${size('sdp-diff.js')} KiB, dist/bin/sdpscope.js ${size('sdpscope.js')} KiB + ${fs.readdirSync(path.join(out, 'chunks')).length} chunks`);
}
