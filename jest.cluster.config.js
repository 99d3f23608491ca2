/**
 * `npm run test:cluster`: two processes of the test app on one PostgreSQL database, driven over
 * HTTP (tests/cluster). Kept out of `npm test`: each file boots two Strapi processes.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/cluster'],
  testMatch: ['**/tests/cluster/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/'],
  testTimeout: 180_000,
  // one file at a time: each runs two Strapi processes of its own
  maxWorkers: 1,
};
