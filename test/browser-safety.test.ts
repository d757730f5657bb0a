/**
 * The pure core (src/ except src/node/) runs in browsers. The compiler enforces it
 * (tsconfig.core.json: DOM and ES libs, no Node types; `npm run build`, run before the tests,
 * fails on a node: import there). This test keeps that guard in place.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const ROOT = resolve(__dirname, '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('browser safety of the core', () => {
  it('compiles the core without Node types and with the DOM library', () => {
    const cfg = JSON.parse(readFileSync(join(ROOT, 'tsconfig.core.json'), 'utf8'));
    expect(cfg.compilerOptions.types).toEqual([]);
    expect(cfg.compilerOptions.lib).toEqual(expect.arrayContaining(['DOM']));
    expect(cfg.exclude).toEqual(['src/node/**', 'src/lab/**']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    // npm run build (scripts/build.js) type-checks the core on its own before anything else.
    expect(pkg.scripts.build).toBe('node scripts/build.js');
    expect(readFileSync(join(ROOT, 'scripts/build.js'), 'utf8')).toContain("run(process.execPath, [tsc, '-p', 'tsconfig.core.json']);");
    expect(pkg.scripts.pretest).toContain('npm run build');
  });

  it('has no Node imports or globals outside src/node', () => {
    const offenders = tsFiles(join(ROOT, 'src'))
      .filter((f) => !f.includes(join('src', 'node')) && !f.includes(join('src', 'lab')))
      .filter((f) => /from ['"](node:|fs|path|net|http|os|ws)['"]|require\(|\bprocess\.|\bBuffer\b/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
