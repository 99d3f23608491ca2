/**
 * Applies what a project of jest.config.js sets in `globals.project`: the database server its
 * suite runs on (`DB`, read by ./database.ts when a test boots the app) and a test timeout longer
 * than the run's. A `DB` already in the environment that names another server is refused rather
 * than overridden: select the project of that server instead.
 */
const { DB, testTimeout } =
  (globalThis as { project?: { DB?: string; testTimeout?: number } }).project ?? {};

if (DB) {
  if (process.env.DB && process.env.DB !== DB)
    throw new Error(
      `DB=${process.env.DB} is set, but this is the ${DB} project: select the ` +
        `${process.env.DB} project (npx jest --selectProjects ${process.env.DB} -- <paths>), or unset DB`
    );
  process.env.DB = DB;
}
if (testTimeout) jest.setTimeout(testTimeout);
