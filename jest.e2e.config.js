/** Browser tests (npm run test:e2e): real Chromium in network namespaces the tests create. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 180_000,
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/support/plain-summary.js'],
};
