import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { client } from '../../scripts/demo-seed';
import { pollUntil } from '../helpers/processes';
import { startSmtpServer } from '../helpers/smtp';
import { copyOfTestApp } from '../helpers/strapi';
import { startApp, type RunningApp } from './support/app';
import { expectVisible, launch, logIn, screenshot, skipGuidedTour } from './support/browser';
import { ADMIN } from './support/seed';

/**
 * The Content-Type Builder's "Account-scoped" setting, in `strapi develop` (the only mode the
 * builder edits in) of a copy of the test app with one more type, `ticket`, not scoped.
 */
const OUTPUT_DIR = path.resolve(__dirname, 'screenshots');
const TICKET_SCHEMA = 'src/api/ticket/content-types/ticket/schema.json';
const TICKETS = '/content-manager/collection-types/api::ticket.ticket';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let copy: ReturnType<typeof copyOfTestApp>;
let app: RunningApp;
let browser: Browser;
let page: Page;
let adminToken: string;

/**
 * A ticket created in the Content Manager without an account: its status and error message. A
 * request sent while the app restarts can be left unanswered: it is given up after 10 s, and the
 * caller asks again.
 */
const createWithoutAccount = async () => {
  const response = await fetch(app.url + TICKETS, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ subject: 'Printer on fire' }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { error?: { message: string } };
  return { status: response.status, message: body.error?.message };
};

/** The builder's edit dialog of a type, on its Advanced settings tab. */
const advancedSettingsOf = async (uid: string) => {
  await page.goto(`${app.url}/admin/plugins/content-type-builder/content-types/${uid}`);
  await skipGuidedTour(page);
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await page.getByRole('tab', { name: /Advanced settings/i }).click();
  return page.getByRole('checkbox', { name: 'Account-scoped' });
};

beforeAll(async () => {
  copy = copyOfTestApp({
    [TICKET_SCHEMA]: {
      kind: 'collectionType',
      collectionName: 'tickets',
      info: { singularName: 'ticket', pluralName: 'tickets', displayName: 'Ticket' },
      options: { draftAndPublish: false },
      attributes: { subject: { type: 'string' } },
    },
  });
  smtp = await startSmtpServer();
  app = await startApp({
    smtpPort: smtp.port,
    logFile: path.join(OUTPUT_DIR, 'strapi-develop.log'),
    name: 'ctb',
    appDir: copy.dir,
    develop: true,
  });
  const call = client(app.url);
  ({
    data: { token: adminToken },
  } = await call<{ data: { token: string } }>('POST', '/admin/register-admin', { body: ADMIN }));
  browser = await launch();
  page = await logIn(browser, ADMIN, app.url);
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.close();
  copy?.remove();
});

test('a scoped type shows "Account-scoped" ticked in its advanced settings, another type not', async () => {
  const project = await advancedSettingsOf('api::project.project');
  await expectVisible(project);
  expect(await project.isChecked()).toBe(true);
  await screenshot(page, 'content-type-builder');
  await page.getByRole('button', { name: 'Cancel' }).click();

  const ticket = await advancedSettingsOf('api::ticket.ticket');
  await expectVisible(ticket);
  expect(await ticket.isChecked()).toBe(false);
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('ticking it and saving writes the option into schema.json, and the restarted app scopes the type', async () => {
  expect((await createWithoutAccount()).status).toBe(201);

  const ticket = await advancedSettingsOf('api::ticket.ticket');
  await ticket.check();
  await page.getByRole('button', { name: 'Finish' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  const schemaFile = path.join(copy.dir, TICKET_SCHEMA);
  // while the app restarts, a request fails or is given up: it counts as not refused yet
  const tryCreating = () => createWithoutAccount().catch(() => ({ status: 0, message: undefined }));
  const refused = await pollUntil(tryCreating, ({ status }) => status === 400, {
    timeoutMs: 120_000,
    intervalMs: 1000,
  });
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  expect(schema.pluginOptions['multi-account']).toEqual({ scoped: true });
  expect(refused).toEqual({ status: 400, message: 'Choose the account this document belongs to' });
}, 180_000);
