import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { serve, type ServedClientArea } from '../../scripts/client-area';
import { client } from '../../scripts/demo-seed';
import { startSmtpServer } from '../helpers/smtp';
import { freePort } from '../helpers/processes';
import { startApp, type RunningApp } from './support/app';
import { expectVisible, launch, screenshot } from './support/browser';
import { ADMIN, PASSWORD } from './support/seed';

/**
 * Support's impersonation in the example client area: the link the admin panel shows
 * (`impersonationUrl` with the token in the fragment) opens one tab as the user, for the one
 * account, until the admin ends it.
 */
const OUTPUT_DIR = path.resolve(__dirname, 'screenshots');
const OWNER = { username: 'umbrella-owner', email: 'owner@umbrella.example' };

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let app: RunningApp;
let area: ServedClientArea;
let browser: Browser;
let support: BrowserContext;
let adminToken: string;
let account: { documentId: string; number: string; name: string };
let owner: { documentId: string };

beforeAll(async () => {
  smtp = await startSmtpServer();
  const port = await freePort();
  app = await startApp({
    smtpPort: smtp.port,
    logFile: path.join(OUTPUT_DIR, 'strapi-impersonation.log'),
    name: 'impersonation',
    env: {
      MULTI_ACCOUNT_CONFIG: JSON.stringify({
        impersonationUrl: `http://localhost:${port}/impersonate`,
      }),
    },
  });
  area = await serve({ port, strapiUrl: app.url });
  const call = client(app.url);
  const { data: admin } = await call<{ data: { token: string } }>('POST', '/admin/register-admin', {
    body: ADMIN,
  });
  adminToken = admin.token;
  const signedUp = await call<{
    user: { documentId: string };
    activeAccount: typeof account;
  }>('POST', '/api/auth/local/register', { body: { ...OWNER, password: PASSWORD } });
  account = signedUp.activeAccount;
  owner = signedUp.user;
  browser = await launch();
  support = await browser.newContext({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  await area?.close();
  await app?.stop();
  await smtp?.close();
});

const newTab = async () => {
  const page = await support.newPage();
  page.setDefaultTimeout(20_000);
  return page;
};

describe('impersonation in the example client area', () => {
  let tab: Page;
  let impersonation: { documentId: string; openUrl: string };

  test("the admin's link opens the tab as the user, for the one account, with a banner naming the admin", async () => {
    const { data } = await client(app.url)<{ data: typeof impersonation }>(
      'POST',
      '/multi-account/impersonations',
      { token: adminToken, body: { user: owner.documentId, account: account.documentId } }
    );
    impersonation = data;
    expect(impersonation.openUrl).toMatch(/^http:\/\/localhost:\d+\/impersonate#token=mai_/);

    tab = await newTab();
    await tab.goto(impersonation.openUrl);
    await expectVisible(
      tab.getByRole('status').getByText(/Support: Ada Admin is acting as umbrella-owner until/)
    );
    await expectVisible(tab.getByRole('heading', { name: account.name }));
    // the token leaves the address bar; switching accounts is not offered
    expect(tab.url()).not.toContain('token');
    expect(await tab.getByRole('combobox', { name: 'Account' }).count()).toBe(0);
    await expectVisible(tab.getByRole('button', { name: 'Stop impersonating' }));
    await screenshot(tab, 'client-area-impersonation');
  });

  test('another tab of the same browser is not impersonated', async () => {
    const other = await newTab();
    await other.goto(`${area.url}/`);
    await other.waitForURL('**/sign-in**');
    await expectVisible(other.getByRole('button', { name: 'Sign in' }));
    await other.close();
  });

  test('once the admin ends it, the tab is signed out at its next request', async () => {
    await client(app.url)('DELETE', `/multi-account/impersonations/${impersonation.documentId}`, {
      token: adminToken,
    });
    await tab.reload();
    await tab.waitForURL('**/sign-in**');
    await expectVisible(tab.getByRole('button', { name: 'Sign in' }));
  });
});
