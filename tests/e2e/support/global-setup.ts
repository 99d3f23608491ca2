import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startSmtpServer } from '../../helpers/smtp';
import { buildAdmin, startApp, type RunningApp } from './app';
import { seed } from './seed';

export const OUTPUT_DIR = path.resolve(__dirname, '../screenshots');

type Running = { app: RunningApp; smtp: Awaited<ReturnType<typeof startSmtpServer>> };

/**
 * Builds the test app's admin panel with the built plugin (`npm run build` ran before), starts
 * the app on a free port with a fresh SQLite file and a real SMTP server, and seeds it. The test
 * files read where it runs and what was seeded from `E2E_STATE`.
 */
export default async () => {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  if (process.env.E2E_SKIP_ADMIN_BUILD !== '1') {
    console.log('\n[e2e] building the test app admin panel (strapi build)...');
    await buildAdmin(path.join(OUTPUT_DIR, 'strapi-build.log'));
  }
  const smtp = await startSmtpServer();
  const app = await startApp({ smtpPort: smtp.port, logFile: path.join(OUTPUT_DIR, 'strapi.log') });
  (globalThis as { __E2E__?: Running }).__E2E__ = { app, smtp };
  console.log(`[e2e] app on ${app.url}, seeding...`);
  process.env.E2E_STATE = JSON.stringify(await seed(app.url));
};
