import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { postgresSettings, type TestDatabase } from '../tests/helpers/database';
import type { Reply, Request } from './app';
import { BOOT_TIMEOUT_MS, CALL_TIMEOUT_MS, type Variant, type WithoutId } from './settings';

/** The benchmarked apps: each a child process of bench/app.ts, driven over IPC. */

const ROOT = path.resolve(__dirname, '..');

/**
 * The plugin built as it is published (`npm run build`: the bundle under dist/ that the package's
 * strapi-server.js loads), which the apps then run: the tests load the TypeScript source through
 * a per-module compiler, whose module wrappers a host never runs. Built on every run, whatever
 * dist/ holds: a build older than the sources would be measured in their place.
 */
export const buildPlugin = () => {
  try {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`npm run build failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
};

export const children = new Set<ChildProcess>();
/** SQLite files and PostgreSQL schemas made by this run, dropped however it ends. */
export const openDatabases = new Set<TestDatabase>();

export class App {
  /** The core the process runs on, once `pinApps` put it there. */
  core?: number;
  private nextId = 1;
  private pending = new Map<
    number,
    { resolve: (r: unknown) => void; reject: (e: Error) => void }
  >();

  private constructor(
    readonly variant: Variant,
    readonly env: Record<string, string>,
    readonly child: ChildProcess,
    readonly port: number,
    readonly bootMs: number
  ) {
    child.on('message', (reply: Reply) => {
      if (reply.type === 'ready') return;
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.type === 'error') waiter?.reject(new Error(`${variant} app: ${reply.message}`));
      else waiter?.resolve(reply.result);
    });
    child.on('exit', (code) => {
      children.delete(child);
      for (const waiter of this.pending.values())
        waiter.reject(new Error(`${variant} app exited (${code})`));
      this.pending.clear();
    });
  }

  /** Forks bench/app.ts with the same Node options for both variants; only the env differs. */
  static start(variant: Variant, env: Record<string, string>): Promise<App> {
    const child = fork(path.join(__dirname, 'app.ts'), [], {
      execArgv: ['--expose-gc', '-r', path.join(__dirname, 'load-typescript.js')],
      env: {
        ...process.env,
        ...env,
        NODE_ENV: 'production',
        MULTI_ACCOUNT_ENABLED: variant === 'plugin' ? 'true' : 'false',
        MULTI_ACCOUNT_PLUGIN_PATH: ROOT,
        MULTI_ACCOUNT_CONFIG: '{}',
        // invitations are seeded, never sent; the address only has to be valid
        SMTP_PORT: '2525',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.add(child);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`${variant} app did not boot within ${BOOT_TIMEOUT_MS / 1000} s`));
      }, BOOT_TIMEOUT_MS);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${variant} app exited during boot (${code})`));
      });
      child.once('message', (reply: Reply) => {
        clearTimeout(timer);
        if (reply.type !== 'ready') return reject(new Error(`${variant} app: unexpected reply`));
        resolve(new App(variant, env, child, reply.port, Math.round(reply.bootMs)));
      });
    });
  }

  call<T>(request: WithoutId<Request>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.variant} app: ${request.type} timed out`)),
        CALL_TIMEOUT_MS
      );
      this.pending.set(id, {
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send({ ...request, id });
    });
  }

  /** The same app booted again on its database: a process that has done nothing else yet. */
  async restart(): Promise<App> {
    await this.stop();
    return App.start(this.variant, this.env);
  }

  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call({ type: 'stop' }).catch(() => this.child.kill());
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

/** Sets the cores a process and all its threads may run on (threads it starts later inherit them). */
const setCores = (pid: number, cores: string) =>
  execFileSync('taskset', ['--all-tasks', '--pid', '--cpu-list', cores, String(pid)], {
    stdio: 'ignore',
  });

/** The cores a process may run on, as `taskset` lists them. */
const coresOf = (pid: number) =>
  execFileSync('taskset', ['--pid', '--cpu-list', String(pid)], { encoding: 'utf8' })
    .split(':')[1]
    .trim();

/** The core the apps share: the machine's last; null on one core or with BENCH_PIN=0. */
export const appsCore = () => {
  const last = os.cpus().length - 1;
  return process.env.BENCH_PIN === '0' || last < 1 ? null : last;
};

/**
 * The apps on `core`, this process (autocannon) on the others: two apps sharing one core can be
 * driven at once (`drivePairAtOnce`). False without `taskset`; an app is marked with its core
 * only once it is there.
 */
export const pinApps = (apps: App[], core: number) => {
  try {
    for (const app of apps) {
      setCores(app.child.pid!, String(core));
      app.core = core;
    }
    setCores(process.pid, `0-${core - 1}`);
    return true;
  } catch {
    return false;
  }
};

/**
 * The apps booted again on their databases, in their places in `apps` (so that whoever holds the
 * array stops the live processes), and moved to `core` when there is one: true once they are.
 */
export const bootAgainInPlace = async (apps: App[], core: number | null) => {
  const restarted = await Promise.all(apps.map((app) => app.restart()));
  apps.splice(0, apps.length, ...restarted);
  return core !== null && pinApps(apps, core);
};

/** What the run changed outside its own processes, undone however it ends. */
export const restorers = new Set<() => void>();

/** True when a process's /proc stat line names a PostgreSQL process. */
const isPostgres = (stat: string) =>
  /^(postgres|postmaster)/.test(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));

/**
 * PostgreSQL's server process moved to `core`: the backend it starts for each connection opened
 * from then on runs there too, so that the apps' queries share their core, and a round's whole
 * work (the apps' and their queries') meets the same CPU time, rather than the backends running
 * beside the load generator. The server gets its cores back when the run ends. False when the
 * server's process cannot be moved.
 */
export const pinDatabaseServer = async (core: number) => {
  const { Client } = await import('pg');
  const client = new Client(postgresSettings());
  try {
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // a backend's parent is the server's main process (/proc/<pid>/stat: pid (name) state ppid);
    // a server on another machine has pids of its own, so only local PostgreSQL processes count
    const backend = readFileSync(`/proc/${rows[0].pid}/stat`, 'utf8');
    const server = Number(backend.slice(backend.lastIndexOf(')') + 2).split(' ')[1]);
    if (!isPostgres(backend) || !isPostgres(readFileSync(`/proc/${server}/stat`, 'utf8'))) {
      return false;
    }
    const before = coresOf(server);
    setCores(server, String(core));
    const restore = () => {
      restorers.delete(restore);
      try {
        setCores(server, before);
      } catch {
        // the server stopped meanwhile: its next start has every core again
      }
    };
    restorers.add(restore);
    return true;
  } catch {
    return false;
  } finally {
    await client.end();
  }
};
