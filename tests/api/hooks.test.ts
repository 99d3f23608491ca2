import type { Core } from '@strapi/strapi';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { APP_DIR } from '../helpers/strapi';

// The plugin wraps one Strapi internal, the auth service's `authenticate`, to resolve the active
// account of every content-API request. A Strapi that lost that wrap must not serve requests.
let database: TestDatabase;
let strapi: Core.Strapi | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  Object.assign(process.env, database.env, { MULTI_ACCOUNT_CONFIG: '{}' });
});
afterAll(async () => {
  await strapi?.destroy().catch(() => undefined);
  await database.drop();
});

test('Strapi refuses to start when the account check no longer runs after authentication', async () => {
  const { createStrapi } = await import('@strapi/strapi');
  strapi = createStrapi({ appDir: APP_DIR, distDir: APP_DIR }) as Core.Strapi;
  await strapi.register();
  // what an upgrade that replaced the auth service's method would leave behind
  const auth = strapi.get('auth') as { authenticate: (...args: unknown[]) => unknown };
  const wrapped = auth.authenticate;
  auth.authenticate = (...args: unknown[]) => wrapped(...args);
  await expect(strapi.bootstrap()).rejects.toThrow(
    /multi-account: Strapi's auth service no longer runs the account check.*not supported/
  );
});
