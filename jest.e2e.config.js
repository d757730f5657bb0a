/** Browser tests (npm run test:e2e): real Chromium and Firefox ESR in network namespaces the tests create. */
import { esm } from './jest.config.js';

export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  ...esm,
  testTimeout: 180_000,
  maxWorkers: 1,
  reporters: ['default', '<rootDir>/test/support/plain-summary.cjs'],
};
