/**
 * Browser tests of the admin panel (`npm run test:e2e`): the test app with the built plugin,
 * driven in Debian's Chromium through playwright-core. `npm test` does not run them.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/tests/e2e/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/e2e/support/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
};
