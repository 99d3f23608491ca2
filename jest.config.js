/**
 * One configuration, one project per way of running the tests:
 *
 * - `sqlite`, `postgres`, `mysql` (`npm test`, `npm run test:postgres`, `npm run test:mysql`): the
 *   suite in tests/api, tests/admin and tests/client, each file booting the test app in-process
 *   on a database of its own on that server (tests/helpers/database.ts).
 * - `cluster` (`npm run test:cluster`): two processes of the test app on one PostgreSQL schema.
 * - `browser` (`npm run test:e2e`): the admin panel and the example client area in Chromium.
 * - `fresh-app` (`npm run test:fresh-app`): the README's install on a new create-strapi-app.
 *
 * Each script selects its project: `jest --selectProjects <name>` and then an option, since
 * `--selectProjects` would take a test path right after the name for one more project's name
 * (`npx jest --selectProjects sqlite -- tests/api/accounts` runs one folder).
 * `testTimeout` and `maxWorkers` apply to the whole run in Jest 29: a project that needs a longer
 * timeout names it in `globals.project`, which tests/helpers/jest-setup.ts applies, and the
 * scripts of the projects that start Strapi processes of their own run one file at a time
 * (`--runInBand`).
 * @type {import('jest').Config}
 */

const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/'],
  setupFilesAfterEnv: ['<rootDir>/tests/helpers/jest-setup.ts'],
};

/** The suite on one database server, which tests/helpers/jest-setup.ts hands on as `DB`. */
const suite = (DB) => ({
  ...base,
  displayName: DB,
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/e2e/', '/tests/cluster/', '/tests/fresh-app/'],
  globals: { project: { DB } },
});

module.exports = {
  testTimeout: 60_000,
  maxWorkers: 2,
  // a worker grows by each Strapi it boots and passes 1 GB after about ten files: Jest then forks
  // a new one. When that happens after a worker's last file on a busy machine, the new worker
  // takes more than Jest's 500 ms to start and end, and Jest prints "A worker process has failed
  // to exit gracefully": that restart, not a handle a test left open (none is, a second after
  // each file's teardown)
  workerIdleMemoryLimit: '1GB',
  projects: [
    suite('sqlite'),
    suite('postgres'),
    suite('mysql'),
    {
      ...base,
      displayName: 'cluster',
      roots: ['<rootDir>/tests/cluster'],
      testMatch: ['**/tests/cluster/*.test.ts'],
      globals: { project: { testTimeout: 180_000 } },
    },
    {
      ...base,
      displayName: 'browser',
      roots: ['<rootDir>/tests/e2e'],
      testMatch: ['**/*.e2e.ts'],
      globalSetup: '<rootDir>/tests/e2e/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/e2e/support/global-teardown.ts',
      globals: { project: { testTimeout: 120_000 } },
    },
    {
      ...base,
      displayName: 'fresh-app',
      roots: ['<rootDir>/tests/fresh-app'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/tests/fresh-app/global-setup.ts',
      globalTeardown: '<rootDir>/tests/fresh-app/global-teardown.ts',
      globals: { project: { testTimeout: 120_000 } },
    },
  ],
};
