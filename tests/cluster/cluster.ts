import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { startProcess, waitForHealth } from '../helpers/processes';
import { startSmtpServer } from '../helpers/smtp';
import type { Session } from '../helpers/users';

const INSTANCE_SCRIPT = path.join(__dirname, 'instance.js');
const BOOT_TIMEOUT_MS = 180_000;
const PASSWORD = 'Password123';

const pgSettings = () => ({
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  database: process.env.PGDATABASE ?? 'postgres',
});

/** One running Strapi process of the cluster, reached over HTTP only. */
export type Instance = {
  name: string;
  url: string;
  pid: number;
  http: () => ReturnType<typeof request>;
  /** The last lines the process printed, for failure messages. */
  output: () => string;
};

type Running = Instance & { stop: () => Promise<void> };

const startInstance = async (name: string, env: NodeJS.ProcessEnv): Promise<Running> => {
  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  const instance = startProcess(process.execPath, [INSTANCE_SCRIPT], { env, ipc: true });
  const { child, output } = instance;
  const stop = () => instance.stop();

  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('no port within the boot timeout')),
        BOOT_TIMEOUT_MS
      );
      child.on('message', (message: { type?: string; port?: number }) => {
        if (message.type === 'listening' && message.port) {
          clearTimeout(timer);
          resolve(message.port);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`exited before listening (${signal ?? code})`));
      });
    });
    const url = `http://127.0.0.1:${port}`;
    const up = await waitForHealth(url, {
      running: instance.running,
      timeoutMs: deadline - Date.now(),
      intervalMs: 200,
    });
    if (!up) throw new Error(`exited (${child.signalCode ?? child.exitCode})`);
    return { name, url, pid: child.pid as number, http: () => request(url), output, stop };
  } catch (error) {
    await stop();
    throw new Error(`instance ${name} did not start: ${(error as Error).message}\n${output()}`);
  }
};

export type Cluster = Awaited<ReturnType<typeof startCluster>>;

/**
 * Two processes of the test app (tests/app, the plugin from source) on one fresh PostgreSQL
 * schema, each on its own port of 127.0.0.1, sharing one SMTP server: a cluster as it runs
 * behind a load balancer. `close()` stops both and drops the schema; call it in afterAll.
 */
export const startCluster = async (pluginConfig: Record<string, unknown> = {}) => {
  const settings = pgSettings();
  const schema = `ma_cluster_${process.pid}_${randomBytes(4).toString('hex')}`;
  const db = new Client(settings);
  await db.connect();
  await db.query(`CREATE SCHEMA "${schema}"`);
  await db.query(`SET search_path TO "${schema}"`);
  const smtp = await startSmtpServer();
  const instances: Running[] = [];

  const close = async () => {
    try {
      await Promise.all(instances.map((instance) => instance.stop()));
    } finally {
      try {
        await smtp.close();
      } finally {
        // the processes are gone, so nothing holds a lock on the schema any more
        await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await db.end();
      }
    }
  };

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_CLIENT: 'postgres',
    DATABASE_HOST: settings.host,
    DATABASE_PORT: String(settings.port),
    DATABASE_NAME: settings.database,
    DATABASE_USERNAME: settings.user,
    DATABASE_SCHEMA: schema,
    SMTP_PORT: String(smtp.port),
    MULTI_ACCOUNT_CONFIG: JSON.stringify(pluginConfig),
  };
  // under jest the plugin's shim leaves TypeScript to jest's transform; these processes need
  // esbuild-register instead
  delete env.JEST_WORKER_ID;

  try {
    // one after the other, as in a rolling deploy: the first creates the tables, the second
    // boots on them
    for (const name of ['A', 'B']) instances.push(await startInstance(name, env));
  } catch (error) {
    await close();
    throw error;
  }

  return {
    a: instances[0] as Instance,
    b: instances[1] as Instance,
    smtp,
    schema,
    /** Rows of a query on the cluster's schema (unqualified table names resolve to it). */
    async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []) {
      return (await db.query(sql, params)).rows as T[];
    },
    close,
  };
};

/** Signs a user up through users-permissions on one instance; they own a new account. */
export const signUp = async (node: Instance, name: string): Promise<Session> => {
  const res = await node
    .http()
    .post('/api/auth/local/register')
    .send({ username: name, email: `${name}@example.com`, password: PASSWORD });
  if (res.status !== 200)
    throw new Error(`sign-up of ${name} on ${node.name} failed: ${res.status} ${res.text}`);
  return { jwt: res.body.jwt, user: res.body.user, account: res.body.activeAccount };
};

/** Requests to one instance with a user's token (and optionally an `X-Account` header). */
export const as = (node: Instance, session: Pick<Session, 'jwt'>, account?: string) => {
  const withAuth = <T extends { set: (name: string, value: string) => T }>(req: T) => {
    const authed = req.set('Authorization', `Bearer ${session.jwt}`);
    return account ? authed.set('X-Account', account) : authed;
  };
  return {
    get: (url: string) => withAuth(node.http().get(url)),
    post: (url: string) => withAuth(node.http().post(url)),
    patch: (url: string) => withAuth(node.http().patch(url)),
    delete: (url: string) => withAuth(node.http().delete(url)),
  };
};

/** How many responses answered each status, e.g. `{ 200: 1, 410: 49 }`. */
export const statuses = (responses: { status: number }[]) =>
  responses.reduce<Record<number, number>>(
    (acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
    {}
  );
