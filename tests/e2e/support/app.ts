import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

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
  ...extra,
});

const run = (args: string[], env: NodeJS.ProcessEnv, logFile: string) =>
  new Promise<void>((resolve, reject) => {
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, args, {
      cwd: APP_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${args.join(' ')} exited with ${code}; see ${logFile}`))
    );
  });

/** `strapi build` of the test app's admin panel, which bundles the plugin's built admin. */
export const buildAdmin = (logFile: string) =>
  run(['-r', NO_PARENT_TSCONFIG, STRAPI_BIN, 'build'], appEnv(), logFile);

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port'))
      );
    });
  });

export type RunningApp = { url: string; process: ChildProcess; stop: () => Promise<void> };

const waitForHealth = async (
  child: ChildProcess,
  url: string,
  logFile: string,
  timeoutMs = 120_000
) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) return false;
    try {
      if ((await fetch(`${url}/_health`)).ok) return true;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`Strapi did not answer within ${timeoutMs / 1000} s; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};

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
  let child: ChildProcess | null = null;
  let url = '';
  const removeDatabase = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbFile + suffix, { force: true });
  };
  for (let attempt = 1; !child; attempt++) {
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
    const log = createWriteStream(logFile);
    const command = develop ? 'develop' : 'start';
    const args = develop
      ? ['-r', NO_PARENT_TSCONFIG, STRAPI_BIN, 'develop', '--no-watch-admin']
      : [STRAPI_BIN, 'start'];
    const started = spawn(process.execPath, args, {
      cwd: appDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // develop runs the server in a child of its own: stopped with its process group
      detached: develop,
    });
    started.stdout?.pipe(log);
    started.stderr?.pipe(log);
    url = `http://127.0.0.1:${port}`;
    // develop builds the admin panel before it listens
    if (await waitForHealth(started, url, logFile, develop ? 300_000 : 120_000)) child = started;
    else if (attempt >= 3)
      throw new Error(`strapi ${command} exited with ${started.exitCode}; see ${logFile}`);
  }
  const running = child;
  const signal = (name: NodeJS.Signals) => {
    if (develop && running.pid) process.kill(-running.pid, name);
    else running.kill(name);
  };

  return {
    url,
    process: running,
    async stop() {
      if (running.exitCode === null) {
        const exited = new Promise((resolve) => running.once('exit', resolve));
        signal('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise((resolve) => (timer = setTimeout(resolve, 10_000)));
        await Promise.race([exited, timeout]);
        clearTimeout(timer);
        if (running.exitCode === null) signal('SIGKILL');
      }
      for (const suffix of ['', '-wal', '-shm', '-journal'])
        rmSync(dbFile + suffix, { force: true });
    },
  };
};
