/**
 * The README stays true: every example command it shows that needs no running relay and no root
 * is run here as typed, through bash, pipes, standard input and environment variables included
 * (npx replaced by the built program it resolves to), and must succeed. (Relay, client and lab
 * examples are covered by the relay, shell and browser tests.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');

const raw = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));
/** A command whose comment says "(exit 1" must exit 1 (a finding, as the README says); the others 0. */
const exitOf = new Map(raw.map((l) => [l.replace(/\s+#.*$/, '').trim(), /#.*\(exit 1\b/.test(l) ? 1 : 0]));
const lines = raw.map((l) => l.replace(/\s+#.*$/, '').trim());
const commands = lines
  .filter((l) => /^(?:[A-Z_]+=\S+ )*(?:cat \S+ \| )?npx (sdp-diff|sdpscope (parse|candidates|ice|--version|--help))\b/.test(l))
  // Commands on files a relay run writes (call.ndjson) belong to the relay's examples.
  .filter((l) => l.split(/\s+/).filter((t) => /\.(json|ndjson|sdp|log)$/.test(t)).every((t) => existsSync(resolve(ROOT, t))));

describe('README examples', () => {
  it('finds the examples, pipes, standard input and environment variables among them', () => {
    expect(commands.length).toBeGreaterThanOrEqual(15);
    expect(commands.some((c) => /\| head/.test(c))).toBe(true);
    expect(commands.some((c) => /^cat .*\| npx/.test(c))).toBe(true);
    expect(commands.some((c) => /^(NO_COLOR|FORCE_COLOR)=/.test(c))).toBe(true);
  });

  it.each(commands.map((c) => [c]))('%s', (command) => {
    // npx resolves the project's own bins (node_modules/.bin, linked by prepare): the built ones.
    const line = command.replace(/npx (sdp-diff|sdpscope)/g, (_m, bin: string) => `node dist/bin/${bin}.js`);
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (!/^(NO_COLOR|FORCE_COLOR)=/.test(command)) env['NO_COLOR'] = '1';
    const r = spawnSync('bash', ['-c', `set -o pipefail; ${line}`], { cwd: ROOT, encoding: 'utf8', env, timeout: 30_000 });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: exitOf.get(command) ?? 0, stderr: '' });
    expect(r.stdout.length).toBeGreaterThan(0);
  });
});

describe('README Library section', () => {
  it('names every export of each entry (library audit: 48 were in no word of it)', async () => {
    const entries: [string, Record<string, unknown>][] = [
      ['sdpscope', await import('../src/index.js')],
      ['sdpscope/node', await import('../src/node/index.js')],
      ['sdpscope/lab', await import('../src/lab/index.js')],
    ];
    const library = readme.slice(readme.indexOf('## Library'), readme.indexOf('\n## ', readme.indexOf('## Library') + 5));
    const missing = entries.flatMap(([entry, m]) => Object.keys(m).filter((name) => !new RegExp(`\\b${name}\\b`).test(library)).map((name) => `${entry}: ${name}`));
    expect(missing).toEqual([]);
  });
});

describe('README figures of the built pages', () => {
  it('the call page\'s and the inspector\'s bundle sizes are within 5% of the built ones (relay audit: 155 and 356 KiB said, 177 and 411 built)', () => {
    for (const [page, re] of [['call.js', /an esbuild bundle of about (\d+) KiB/], ['inspect.js', /the page code \(about (\d+) KiB/]] as const) {
      const said = Number(re.exec(readme)![1]);
      const built = readFileSync(resolve(ROOT, 'dist/page', page)).length / 1024;
      expect({ page, ratio: Math.abs(said / built - 1) < 0.05 }).toEqual({ page, ratio: true });
    }
  });
});
