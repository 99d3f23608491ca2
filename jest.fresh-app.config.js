/**
 * `npm run test:fresh-app`: the README's install proved on a brand-new app. The global setup
 * scaffolds an app with create-strapi-app from the npm registry, installs the plugin packed from
 * this repository, configures and builds it as a user would; the tests start it and drive it
 * over HTTP (tests/fresh-app). Slow (several minutes), so not part of `npm test`.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/fresh-app'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/tests/fresh-app/global-setup.ts',
  globalTeardown: '<rootDir>/tests/fresh-app/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
};
