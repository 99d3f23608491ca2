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
 * users-permissions runs in refresh mode, as in a new app, unless `jwtMode` says otherwise.
 */
export const bootTestApp = async (
  pluginConfig: Record<string, unknown> = {},
  {
    database: existingDatabase,
    jwtMode = 'refresh',
  }: { database?: TestDatabase; jwtMode?: JwtMode } = {}
): Promise<TestApp> => {
  const smtp = await startSmtpServer();
  const database: TestDatabase = existingDatabase ?? (await createTestDatabase());
  Object.assign(process.env, database.env, {
    SMTP_PORT: String(smtp.port),
    MULTI_ACCOUNT_CONFIG: JSON.stringify(pluginConfig),
    UP_JWT_MANAGEMENT: jwtMode,
  });

  const { createStrapi } = await import('@strapi/strapi');
  const strapi = (await createStrapi({ appDir: APP_DIR, distDir: APP_DIR }).load()) as Core.Strapi;
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
      return bootTestApp(pluginConfig, { database, jwtMode });
    },
  };
};
