/**
 * Unit tests mirror src/ under test/. Jest runs them as ES modules (npm test passes
 * --experimental-vm-modules); ts-jest only transpiles (the types are checked by
 * `tsc -p tsconfig.test.json`, which `npm test` runs first).
 */
export const esm = {
  extensionsToTreatAsEsm: ['.ts'],
  // Sources import './x.js' (NodeNext); under the tests that is the .ts file beside it.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json', diagnostics: false }] },
};

export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  ...esm,
  reporters: ['default', '<rootDir>/test/support/plain-summary.cjs'],
  // Jest's default is a worker less than the cores: one on CI's two. A third of the suite's time
  // is spent waiting on other processes (the built commands, relays, probe deadlines), so a worker
  // per core overlaps the waits: 150 s with one worker, 89 s with two (2026-12-06, this 2-core
  // machine). Three took 77 s once, and once 102 s with 20 tests past their timeouts (a load of
  // 16: the suites' own child processes on two cores), so not three.
  maxWorkers: '100%',
};
