import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { startSmtpServer } from '../helpers/smtp';
import { commandEnv } from './run';

const BOOT_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;
export const ADMIN = {
  email: 'admin@example.com',
  password: 'FreshAdmin123',
  firstname: 'Fresh',
  lastname: 'Admin',
};

// a run that ends early must not leave Strapi behind
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')));

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject()
      );
    });
  });

/**
 * `strapi start` of the built app (the app's own Strapi, as `npm run start` runs it) on a free
 * port of 127.0.0.1, with a real SMTP server whose port the app's email config reads from
 * SMTP_PORT. With `smtp.credentials` the server asks for them, and `smtp.given` (the same by
 * default) is what the app's environment passes. Resolves once `/_health` answers.
 */
export const startFreshApp = async (
  appDir: string,
  {
    credentials,
    given = credentials,
  }: { credentials?: { user: string; pass: string }; given?: { user: string; pass: string } } = {}
) => {
  const smtp = await startSmtpServer({ credentials });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [path.join(appDir, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'],
    {
      cwd: appDir,
      env: commandEnv({
        HOST: '127.0.0.1',
        PORT: String(port),
        SMTP_PORT: String(smtp.port),
        ...(given ? { SMTP_USERNAME: given.user, SMTP_PASSWORD: given.pass } : {}),
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  );
  live.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 200));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const output = () => lines.join('\n');

  const stop = async () => {
    if (running()) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    live.delete(child);
    await smtp.close();
  };

  const deadline = Date.now() + BOOT_TIMEOUT_MS;
  for (;;) {
    const health = await fetch(`${url}/_health`).catch(() => null);
    if (health?.status === 204) break;
    if (!running() || Date.now() > deadline) {
      await stop();
      throw new Error(`strapi start did not answer on ${url}:\n${output()}`);
    }
    await sleep(250);
  }
  return { url, smtp, output, stop, http: () => request(url) };
};

export type FreshApp = Awaited<ReturnType<typeof startFreshApp>>;

/**
 * What a user does in the admin panel: creates the first admin, then ticks `action` (e.g.
 * `api::report.report.summary`) for the Authenticated role under Settings → Users & Permissions
 * plugin → Roles, which sends the role's whole permission tree back with the box ticked.
 */
export const tickForAuthenticated = async (app: FreshApp, action: string) => {
  const registered = await app.http().post('/admin/register-admin').send(ADMIN);
  if (registered.status !== 200)
    throw new Error(`register-admin: ${registered.status} ${JSON.stringify(registered.body)}`);
  const auth = `Bearer ${registered.body.data.token}`;

  const roles = await app.http().get('/users-permissions/roles').set('Authorization', auth);
  const { id } = roles.body.roles.find((role: { type: string }) => role.type === 'authenticated');
  const { role } = (
    await app.http().get(`/users-permissions/roles/${id}`).set('Authorization', auth)
  ).body;

  const [type, controller, name] = action.split('.');
  const box = role.permissions[type]?.controllers[controller]?.[name];
  if (!box) throw new Error(`no ${action} among the role's actions`);
  box.enabled = true;
  const updated = await app
    .http()
    .put(`/users-permissions/roles/${id}`)
    .set('Authorization', auth)
    .send({ name: role.name, description: role.description, permissions: role.permissions });
  if (updated.status !== 200)
    throw new Error(`role update: ${updated.status} ${JSON.stringify(updated.body)}`);
};
