import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from './database';
import { startSmtpServer } from './smtp';

export const APP_DIR = path.resolve(__dirname, '../app');

/** users-permissions' two JWT modes: `refresh` is what create-strapi-app writes. */
export type JwtMode = 'refresh' | 'legacy-support';
export const JWT_MODES: JwtMode[] = ['refresh', 'legacy-support'];

export type TestApp = {
  jwtMode: JwtMode;
  strapi: Core.Strapi;
  smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
  restart: () => Promise<TestApp>;
};

/**
 * Boots the test app with the plugin from source on a fresh database and a real SMTP server.
 * Most test files call `useTestApp` instead; this is for a test that boots and closes an app
 * itself (a boot expected to fail, several apps in one test, a copy of the app).
 * `restart()` stops it and boots it again on the same database, as a redeploy would.
 * users-permissions runs in refresh mode with the refresh token in an httpOnly cookie, as in a new
 * app, unless `jwtMode` or `refreshCookie: false` say otherwise;
 * `appDir` boots a variant of the app (see `copyOfTestApp`).
 */
export const bootTestApp = async (
  pluginConfig: Record<string, unknown> = {},
  {
    database: existingDatabase,
    jwtMode = 'refresh',
    appDir = APP_DIR,
    refreshCookie = true,
  }: { database?: TestDatabase; jwtMode?: JwtMode; appDir?: string; refreshCookie?: boolean } = {}
): Promise<TestApp> => {
  const smtp = await startSmtpServer();
  const database: TestDatabase = existingDatabase ?? (await createTestDatabase());
  Object.assign(process.env, database.env, {
    SMTP_PORT: String(smtp.port),
    MULTI_ACCOUNT_CONFIG: JSON.stringify(pluginConfig),
    UP_JWT_MANAGEMENT: jwtMode,
    UP_REFRESH_COOKIE: String(refreshCookie),
  });

  const { createStrapi } = await import('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir: appDir }) as Core.Strapi;
  try {
    await strapi.load();
  } catch (error) {
    // a boot the test expects to fail leaves nothing behind
    await strapi.destroy().catch(() => undefined);
    await smtp.close();
    if (!existingDatabase) await database.drop();
    throw error;
  }
  strapi.server.mount();
  const http = () => request(strapi.server.httpServer);

  return {
    jwtMode,
    strapi,
    smtp,
    http,
    async close() {
      await strapi.destroy();
      await smtp.close();
      await database.drop();
    },
    async restart(): Promise<TestApp> {
      await strapi.destroy();
      await smtp.close();
      return bootTestApp(pluginConfig, { database, jwtMode, appDir, refreshCookie });
    },
  };
};

/**
 * The test app for the current test file or `describe` block: booted in a `beforeAll`, closed in
 * an `afterAll`, with `bootTestApp`'s arguments. The answer stands for the booted app from the
 * `beforeAll` on (its properties read the app's), so a file needs no variable of its own:
 * `const app = useTestApp();`. Its `restart()` boots the app again on the same database and
 * answers the same handle, which then stands for the new app (and closes it after the block).
 * A `beforeAll` declared after it runs once the app is up; an `afterAll` declared after it runs
 * once the app is closed.
 */
export const useTestApp = (
  pluginConfig?: Parameters<typeof bootTestApp>[0],
  options?: Parameters<typeof bootTestApp>[1]
): TestApp => {
  let app: TestApp | undefined;
  let boot: Promise<unknown> = Promise.resolve();
  beforeAll(async () => {
    const booting = bootTestApp(pluginConfig, options).then((booted) => (app = booted));
    boot = booting.catch(() => undefined);
    await booting;
  });
  afterAll(async () => {
    // a boot that outlasts its hook's timeout goes on: wait for it, so that its database goes too
    await boot;
    await app?.close();
  });
  const booted = () => {
    if (!app) throw new Error('the test app is not booted: use it in a test or a hook');
    return app;
  };
  const handle: TestApp = new Proxy({} as TestApp, {
    get: (_, key: keyof TestApp | 'then') => {
      // not a promise: an `await` or an async function's return leaves it as it is
      if (key === 'then') return undefined;
      if (key === 'restart')
        return async () => {
          app = await booted().restart();
          return handle;
        };
      return booted()[key];
    },
  });
  return handle;
};

/**
 * A copy of the test app with extra files (path inside the app → content), for a test that
 * needs a content type the shared app must not have. It sits at the test app's depth below the
 * repository, so its plugin loader still finds the plugin's source. `remove` deletes it.
 */
export const copyOfTestApp = (files: Record<string, unknown>) => {
  const dir = path.resolve(APP_DIR, `../../.tmp/app-${process.pid}-${Date.now()}`);
  cpSync(APP_DIR, dir, {
    recursive: true,
    // what Strapi writes into the app while other test files run it: its caches, builds and the
    // update check's file, written through a temporary file that may vanish mid-copy
    filter: (source) =>
      !/[/\\](\.strapi|\.tmp|build|migrations|\.strapi-updater\.json[^/\\]*)$/.test(source),
  });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), JSON.stringify(content, null, 2));
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

/** The plugin's tables and the users: every row a refused request must leave as it was. */
const PLUGIN_AND_USER_TABLES = [
  'multi_account_accounts',
  'multi_account_memberships',
  'multi_account_invitations',
  'multi_account_audit_logs',
  'multi_account_ownership_transfers',
  'up_users',
];

/** Every row of the plugin's tables and the users, to compare before and after a request. */
export const snapshotOfRows = async (app: TestApp) =>
  JSON.stringify(
    await Promise.all(
      PLUGIN_AND_USER_TABLES.map((table) =>
        app.strapi.db.connection(table).select('*').orderBy('id')
      )
    )
  );
