#!/usr/bin/env node
/**
 * npm run build: dist/ from the sources (the core and the pages type-checked against the DOM
 * library alone, then everything compiled, the pages and the commands bundled), skipped when
 * dist/ was built from exactly these inputs.
 *
 * The inputs are hashed (every file under src/, cli/, page/, bench/ and scripts/, with
 * package.json, package-lock.json and the tsconfigs); the hash is written to dist/.build-stamp
 * when a build ends, and a build whose stamp matches, with its outputs in place, does nothing.
 * Why: npm 11's npx, run in this package's own folder (`npx sdp-diff …`, the README's first
 * command), installs the package into its cache, which runs `prepare` again: a second full
 * build of the same sources (15 to 36 s), whose first step removes dist/ — interrupted, it left
 * a clone without its commands (lab audit, 2026-12-05). `npm test`, `npm run test:e2e`, the
 * bench and the fuzzer build first too. `--force` builds whatever the stamp says.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Its lines into a closed pipe (`npm run build | head -1`) are dropped; the build goes on to its end.
process.stdout.on('error', () => undefined);
const dist = path.join(root, 'dist');
const stampFile = path.join(dist, '.build-stamp');
const force = process.argv.includes('--force');

/** Files under `dir` (relative to the root), sorted; none when it does not exist. */
function filesUnder(dir) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath ?? e.path, e.name)))
    .sort();
}

function inputsHash() {
  const files = [...['src', 'cli', 'page', 'bench', 'scripts'].flatMap(filesUnder), 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.core.json'].filter((f) => fs.existsSync(path.join(root, f)));
  const h = createHash('sha256');
  for (const f of files) {
    h.update(f.split(path.sep).join('/') + '\0');
    h.update(fs.readFileSync(path.join(root, f)));
    h.update('\0');
  }
  return h.digest('hex');
}

/** What a build leaves: each must be there for a stamp to count. */
const OUTPUTS = ['dist/src/index.js', 'dist/bin/sdpscope.js', 'dist/bin/sdp-diff.js', 'dist/bin/candidates-thread.js', 'dist/page/call.js', 'dist/page/inspect.js', 'dist/src/node/relay/log-worker.js'];

const hash = inputsHash();
const stamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : null;
if (!force && stamp === hash && OUTPUTS.every((f) => fs.existsSync(path.join(root, f)))) {
  console.log('build: dist/ is up to date with the sources (dist/.build-stamp; npm run build -- --force builds anyway)');
  process.exit(0);
}

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
fs.rmSync(dist, { recursive: true, force: true });
run(process.execPath, [tsc, '-p', 'tsconfig.core.json']);
run(process.execPath, [tsc, '-p', 'tsconfig.json']);
run(process.execPath, [path.join(root, 'scripts', 'build-page.js')]);
run(process.execPath, [path.join(root, 'scripts', 'build-bins.js')]);
fs.writeFileSync(stampFile, hash + '\n');
