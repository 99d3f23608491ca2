import path from 'node:path';
import request from 'supertest';
import { freePort, startProcess, waitForHealth } from '../helpers/processes';
import { startSmtpServer } from '../helpers/smtp';
import { commandEnv } from './run';

const BOOT_TIMEOUT_MS = 120_000;
export const ADMIN = {
  email: 'admin@example.com',
  password: 'FreshAdmin123',
  firstname: 'Fresh',
  lastname: 'Admin',
};

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
  const strapi = startProcess(
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
    }
  );
  const output = strapi.output;
  const stop = async () => {
    await strapi.stop();
    await smtp.close();
  };

  const up = await waitForHealth(url, {
    running: strapi.running,
    timeoutMs: BOOT_TIMEOUT_MS,
  }).catch((error: Error) => error);
  if (up !== true) {
    await stop();
    const reason = up instanceof Error ? `${up.message}; ` : '';
    throw new Error(`strapi start did not answer on ${url}: ${reason}its output:\n${output()}`);
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
