/**
 * The README stays true: every example command it shows that needs no running relay is run
 * here, from the project root, and must succeed. (Relay and client examples are covered by
 * the relay tests and the browser tests.)
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const ROOT = resolve(__dirname, '..');
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');

const commands = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((m) => m[1]!.split('\n'))
  .map((l) => l.replace(/\s+#.*$/, '').trim())
  .filter((l) => /^(cat \S+ \| )?npx (sdp-diff|sdpscope (parse|candidates))\b/.test(l))
  // Commands on files a relay run writes (call.ndjson) belong to the relay's examples.
  .filter((l) => l.split(/\s+/).filter((t) => /\.(json|ndjson|sdp|log)$/.test(t)).every((t) => existsSync(resolve(ROOT, t))))
  // npx resolves the project's own bins (node_modules/.bin, linked by prepare); run them directly.
  .map((l) => l.replace(/npx (sdp-diff|sdpscope)/g, (_m, bin: string) => `node dist/bin/${bin}.js`));

describe('README examples', () => {
  it('finds the examples', () => {
    expect(commands.length).toBeGreaterThanOrEqual(10);
  });

  it.each(commands.map((c) => [c]))('%s', (command) => {
    expect(() => execSync(command, { cwd: ROOT, stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } })).not.toThrow();
  });
});
