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

/** Every file under dist/ (relative to it), the stamp aside. */
const outputs = () => filesUnder('dist').map((f) => path.relative('dist', f)).filter((f) => f !== '.build-stamp');

const hash = inputsHash();
/** The stamp: the inputs' hash, then every file the build left (a build whose files are not all there is no build: audit of the change, a chunk deleted by hand was "up to date"). */
let stamp = null;
try {
  stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
} catch {
  stamp = null;
}
if (!force && stamp !== null && stamp.hash === hash && Array.isArray(stamp.files) && stamp.files.length > 0 && stamp.files.every((f) => fs.existsSync(path.join(dist, f)))) {
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
fs.writeFileSync(stampFile, JSON.stringify({ hash, files: outputs() }) + '\n');
