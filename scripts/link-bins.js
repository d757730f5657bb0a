#!/usr/bin/env node
/**
 * Links this package's own bins (package.json "bin") into node_modules/.bin, so that in a clone
 * `npx sdpscope …` and `npx sdp-diff …` run the freshly built commands instead of npx looking
 * for packages of those names elsewhere. Run by `prepare`, after the build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const binDir = path.join(root, 'node_modules', '.bin');
fs.mkdirSync(binDir, { recursive: true });
for (const [name, target] of Object.entries(pkg.bin || {})) {
  const file = path.join(root, target);
  if (!fs.existsSync(file)) throw new Error(`bin ${name}: ${target} was not built`);
  fs.chmodSync(file, 0o755);
  const link = path.join(binDir, name);
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.relative(binDir, file), link);
}
