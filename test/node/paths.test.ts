/**
 * src/node/paths.ts: sdpscope/node bundled into someone's server (an SSR build) loads, and what
 * needs the package's own files says so (library audit: the bundle threw at load, before any of
 * the app's code ran).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const NODE_ENTRY = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../src/node/index.js');

describe('sdpscope/node in a bundle', () => {
  it('loads; scanStream works; startRelay rejects with PACKAGE_FILES_MISSING, saying to keep sdpscope out of the bundle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdpscope-bundle-'));
    try {
      const entry = join(dir, 'app.mjs');
      writeFileSync(entry, `import { scanStream, startRelay } from ${JSON.stringify(NODE_ENTRY)};
import { Readable } from 'node:stream';
const found = [];
await scanStream(Readable.from([Buffer.from('candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\\n')]), { description() {}, candidate(c) { found.push(c.candidate.port); }, endOfCandidates() {}, problem() {} });
try { await startRelay({ port: 0, host: '127.0.0.1' }); console.log('started'); } catch (e) { console.log(JSON.stringify([found, e.code, e.message])); }
`);
      const out = join(dir, 'app.out.mjs');
      buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'silent', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
      const r = spawnSync(process.execPath, [out], { encoding: 'utf8', timeout: 20_000 });
      expect(r.stderr).toBe('');
      const [found, code, message] = JSON.parse(r.stdout) as [number[], string, string];
      expect([found, code]).toEqual([[5000], 'PACKAGE_FILES_MISSING']);
      expect(message).toContain('esbuild --external:sdpscope');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('as CommonJS too (esbuild --format=cjs, import.meta empty): loads and reads (library audit: it threw at load, fileURLToPath of undefined)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdpscope-bundle-'));
    try {
      const entry = join(dir, 'app.cjs');
      writeFileSync(entry, `const { scanStream, startRelay } = require(${JSON.stringify(NODE_ENTRY)});
const { Readable } = require('node:stream');
const found = [];
scanStream(Readable.from([Buffer.from('candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\\n')]), { description() {}, candidate(c) { found.push(c.candidate.port); }, endOfCandidates() {}, problem() {} })
  .then(() => startRelay({ port: 0, host: '127.0.0.1' }))
  .then(() => console.log('started'), (e) => console.log(JSON.stringify([found, e.code])));
`);
      const out = join(dir, 'app.out.cjs');
      buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent' });
      const r = spawnSync(process.execPath, [out], { encoding: 'utf8', timeout: 20_000 });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual([[5000], 'PACKAGE_FILES_MISSING']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
