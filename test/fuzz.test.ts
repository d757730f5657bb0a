/**
 * Fuzzing in the unit suite: a seeded property test over mutated real input (the corpus, the
 * samples and the saved reproducers, mutated as `npm run fuzz` mutates them, smaller), checked
 * through every parser, command and the relay's logger: nothing uncaught, nothing that parses and
 * does not write back byte for byte, no NaN or Infinity in any model. Then every reproducer a fuzz
 * run ever saved (test/fixtures/fuzz/, `npm run fuzz -- --save`), each a regression test.
 * Speed is the growth test's and `npm run fuzz`'s (a ratio, a budget), not this file's.
 */
import { budgetMs, checkInput, lineCount, TARGET_NAMES } from '../scripts/fuzz/check.js';
import { generate } from '../scripts/fuzz/mutate.js';
import { loadFixtures, loadSeeds } from '../scripts/fuzz/seeds.js';

const seeds = loadSeeds();
/** Inputs per run of the suite and their largest size: seconds, not minutes. */
const INPUTS = 150;
const MAX_UNITS = 24 * 1024;
/** A fixed seed: the same inputs every run (a failure names the input, `npm run fuzz -- --seed 7 --first N --inputs 1` replays it). */
const SEED = 7;
/** Past this (UTF-16 units), a reproducer runs through the target its name says failed, not all (seconds, not minutes). */
const BIG = 256 * 1024;

describe('mutated real input through every target (seeded)', () => {
  it(`${INPUTS} inputs: nothing uncaught, lossless, no NaN or Infinity`, async () => {
    const found: string[] = [];
    for (let i = 0; i < INPUTS; i++) {
      const text = generate(seeds, SEED, i, MAX_UNITS);
      const r = await checkInput(text, { timing: false });
      for (const f of r.findings) found.push(`input ${i} (${text.length} units), ${f.target}: ${f.class}: ${f.message}`);
    }
    expect(found).toEqual([]);
  }, 60_000);
});

describe('every reproducer a fuzz run saved (test/fixtures/fuzz)', () => {
  const fixtures = loadFixtures();
  it('the folder holds reproducers', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });
  /** The target a reproducer's name says failed (the longest that fits), checked alone when the reproducer is big. */
  const targetOf = (name: string) => TARGET_NAMES.filter((t) => name.split('-').slice(1).join('-').startsWith(`${t.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-`)).sort((a, b) => b.length - a.length)[0];
  it('names its target in every big reproducer', () => {
    expect(fixtures.filter((f) => f.text.length > BIG && targetOf(f.name) === undefined).map((f) => f.name)).toEqual([]);
  });
  it.each(fixtures.map((f) => [f.name, f.text] as const))('%s', async (name, text) => {
    const only = text.length > BIG ? targetOf(name) : undefined;
    const r = await checkInput(text, { timing: false, ...(only !== undefined ? { only } : {}) });
    expect(r.findings.map((f) => `${f.target}: ${f.class}: ${f.message}`)).toEqual([]);
  }, 60_000);
});

describe('the time budget', () => {
  it('counts lines as the model does: line feeds, and those escaped in a JSON string (an SDP in a frame)', () => {
    expect(lineCount('a\nb\nc')).toBe(3);
    expect(lineCount(JSON.stringify({ sdp: 'v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\n' }))).toBe(4);
    expect(budgetMs(121_337, lineCount(JSON.stringify({ sdp: 'a=x\n'.repeat(60_000) })))).toBeGreaterThan(60);
    expect(budgetMs(1000, 1)).toBe(10);
  });
});

describe('npm run fuzz stopped by a signal', () => {
  it('Ctrl-C (SIGINT) stops the workers and writes the report of the inputs checked, saying so (a long run stopped early had been lost)', async () => {
    const { spawn } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const run = fileURLToPath(new URL('../dist/scripts/fuzz/run.js', import.meta.url));
    const child = spawn(process.execPath, [run, '--inputs', '400', '--workers', '1', '--seed', '3', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    // Stopped once its first 50 inputs are checked (its progress line says so).
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (/fuzz: 50\/400 inputs/.test(err) && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    expect(err).toMatch(/fuzz: SIGINT: stopping; the report of the \d+ inputs checked follows/);
    const report = JSON.parse(out) as { inputs: number; inputsAsked: number; stoppedBy: string; counts: Record<string, number> };
    expect(report).toMatchObject({ stoppedBy: 'SIGINT', inputsAsked: 400 });
    expect(report.inputs).toBeGreaterThanOrEqual(50);
    expect(report.inputs).toBeLessThan(400);
    // Cut short: 130 (128 + SIGINT), not a clean pass.
    expect(code).toBe(130);
  }, 60_000);
});
