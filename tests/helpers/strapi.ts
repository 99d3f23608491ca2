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
 * One app per test file: `const app = await bootTestApp()` in beforeAll, `app.close()` in afterAll.
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
