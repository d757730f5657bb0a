/**
 * Fuzzing in the unit suite: a seeded property test over mutated real input (the corpus, the
 * samples and the saved reproducers, mutated as `npm run fuzz` mutates them, smaller), checked
 * through every parser, command and the relay's logger: nothing uncaught, nothing that parses and
 * does not write back byte for byte, no NaN or Infinity in any model. Then every reproducer a fuzz
 * run ever saved (test/fixtures/fuzz/, `npm run fuzz -- --save`), each a regression test.
 * Speed is the growth test's and `npm run fuzz`'s (a ratio, a budget), not this file's.
 */
import { checkInput } from '../scripts/fuzz/check.js';
import { generate } from '../scripts/fuzz/mutate.js';
import { loadFixtures, loadSeeds } from '../scripts/fuzz/seeds.js';

const seeds = loadSeeds();
/** Inputs per run of the suite and their largest size: seconds, not minutes. */
const INPUTS = 150;
const MAX_UNITS = 24 * 1024;
/** A fixed seed: the same inputs every run (a failure names the input, `npm run fuzz -- --seed 7 --first N --inputs 1` replays it). */
const SEED = 7;

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
  it.each(fixtures.map((f) => [f.name, f.text] as const))('%s', async (_name, text) => {
    const r = await checkInput(text, { timing: false });
    expect(r.findings.map((f) => `${f.target}: ${f.class}: ${f.message}`)).toEqual([]);
  }, 60_000);
});
