import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  freePort,
  runCommand,
  startProcess,
  waitForHealth,
  type Started,
} from '../../helpers/processes';

export const ROOT = path.resolve(__dirname, '../../..');
export const APP_DIR = path.join(ROOT, 'tests', 'app');
const STRAPI_BIN = path.join(
  path.dirname(require.resolve('@strapi/strapi/package.json')),
  'bin',
  'strapi.js'
);
const NO_PARENT_TSCONFIG = path.join(ROOT, 'scripts', 'no-parent-tsconfig.js');

/** The app's environment: the built plugin (server and admin), a given database and SMTP port. */
const appEnv = (extra: Record<string, string> = {}) => ({
  ...process.env,
  NODE_ENV: 'production',
  MULTI_ACCOUNT_PLUGIN_PATH: ROOT,
  // each browser test file logs the seeded admin in once or twice
  ADMIN_LOGIN_RATE_LIMIT: '100',
  ...extra,
});

/** `strapi build` of the test app's admin panel, which bundles the plugin's built admin. */
export const buildAdmin = (logFile: string) =>
  runCommand(process.execPath, ['-r', NO_PARENT_TSCONFIG, STRAPI_BIN, 'build'], {
    cwd: APP_DIR,
    env: appEnv(),
    logFile,
  });

export type RunningApp = { url: string; process: Started['child']; stop: () => Promise<void> };

/**
 * `strapi start` of the test app on a free port, with a fresh SQLite file; resolves once it
 * answers. Tries another port when the one found free was taken in the meantime. `develop`
 * runs `strapi develop` instead (the Content-Type Builder is there only), in `appDir`.
 */
export const startApp = async ({
  smtpPort,
  logFile,
  name = 'app',
  env: extraEnv = {},
  appDir = APP_DIR,
  develop = false,
}: {
  smtpPort: number;
  logFile: string;
  /** Names the SQLite file, for a test file that runs an app of its own. */
  name?: string;
  env?: Record<string, string>;
  appDir?: string;
  develop?: boolean;
}): Promise<RunningApp> => {
  const dbFile = path.join(
    process.platform === 'linux' ? '/dev/shm' : tmpdir(),
    `ma_e2e_${name}_${process.pid}.db`
  );
  let started: Started | null = null;
  let url = '';
  const removeDatabase = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbFile + suffix, { force: true });
  };
  const command = develop ? 'develop' : 'start';
  for (let attempt = 1; !started; attempt++) {
    removeDatabase();
    const port = await freePort();
    const env = appEnv({
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: dbFile,
      SMTP_PORT: String(smtpPort),
      ...(develop ? { NODE_ENV: 'development' } : {}),
      ...extraEnv,
    });
    const args = develop
      ? ['-r', NO_PARENT_TSCONFIG, STRAPI_BIN, 'develop', '--no-watch-admin']
      : [STRAPI_BIN, 'start'];
    // develop runs the server in a child of its own: stopped with its process group
    const candidate = startProcess(process.execPath, args, {
      cwd: appDir,
      env,
      logFile,
      detached: develop,
    });
    url = `http://127.0.0.1:${port}`;
    // develop builds the admin panel before it listens
    const timeoutMs = develop ? 300_000 : 120_000;
    const up = await waitForHealth(url, {
      running: candidate.running,
      timeoutMs,
      intervalMs: 500,
    }).catch(async (error: Error) => {
      await candidate.stop(10_000);
      throw new Error(`strapi ${command}: ${error.message}; see ${logFile}`);
    });
    if (up) started = candidate;
    else if (attempt >= 3)
      throw new Error(`strapi ${command} exited with ${candidate.child.exitCode}; see ${logFile}`);
  }
  const running = started;

  return {
    url,
    process: running.child,
    async stop() {
      await running.stop(10_000);
      removeDatabase();
    },
  };
};
