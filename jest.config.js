/** Unit tests mirror src/ under test/; ts-jest compiles them (type-checking is the build's job). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  reporters: ['default', '<rootDir>/test/support/plain-summary.js'],
};
