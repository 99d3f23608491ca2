import type { Core } from '@strapi/strapi';
import { createTestDatabase, type TestDatabase } from '../../helpers/database';
import { APP_DIR } from '../../helpers/strapi';

// The plugin adds the accounts to users-permissions' login and sign-up answers. A Strapi whose
// users-permissions no longer has those routes must not start as if the answers had them.
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

test('Strapi refuses to start when users-permissions has no login route to add the accounts to', async () => {
  const { createStrapi } = await import('@strapi/strapi');
  strapi = createStrapi({ appDir: APP_DIR, distDir: APP_DIR }) as Core.Strapi;
  await strapi.register();
  // what an upgrade that moved the login route would leave behind
  const routers = strapi.plugin('users-permissions').routes as Record<
    string,
    { routes: { method: string; path: string }[] }
  >;
  const routes = routers['content-api'].routes;
  routes.splice(
    routes.findIndex((r) => r.method === 'POST' && r.path === '/auth/local'),
    1
  );
  await expect(strapi.bootstrap()).rejects.toThrow(
    /multi-account: users-permissions has no route POST \/auth\/local.*not supported/
  );
});
