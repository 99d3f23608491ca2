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
 * The example client area (examples/client-area, built by `npm run build:client-area`) in
 * Chromium, against an app of its own whose invitation emails go to a real SMTP server and link
 * to the client area's invitation page. One journey, step by step: each step starts where the
 * previous one left the pages.
 */
const OUTPUT_DIR = path.resolve(__dirname, 'screenshots');
const OWNER = { username: 'acme-hosting', email: 'ops@acme.example' };
const BOB = { username: 'bob', email: 'bob@example.com' };
const CAROL = { username: 'carol', email: 'carol@example.com' };

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let app: RunningApp;
let area: ServedClientArea;
let browser: Browser;
let ownerPage: Page;
let carol: BrowserContext;
let carolTab: Page;
let acme: { documentId: string; number: string; name: string };

const newPage = async (context: BrowserContext) => {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
};

const open = (page: Page, pathname: string) => page.goto(area.url + pathname);

const signIn = async (page: Page, user: { email: string }) => {
  await open(page, '/sign-in');
  await page.getByLabel('Email or username').fill(user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

/** The link of the newest invitation email to `email`: the client area's invitation page. */
const emailedLink = async (email: string, since: number) => {
  const mail = await smtp.waitFor(email, since, 15_000);
  const link = mail.text.match(/https?:\/\/\S+\?token=[\w-]+/)?.[0];
  if (!link) throw new Error(`no invitation link in the email to ${email}: ${mail.text}`);
  return link;
};

const row = (page: Page, name: string) => page.getByRole('row', { name, exact: true });
const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu' });
const switcher = (page: Page) => page.getByRole('combobox', { name: 'Account' });
const acmeLabel = () => `${acme.name} · No. ${acme.number}`;

beforeAll(async () => {
  smtp = await startSmtpServer();
  const port = await freePort();
  app = await startApp({
    smtpPort: smtp.port,
    logFile: path.join(OUTPUT_DIR, 'strapi-client-area.log'),
    name: 'client_area',
    env: {
      MULTI_ACCOUNT_CONFIG: JSON.stringify({
        invitationUrl: `http://localhost:${port}/invitations/accept`,
      }),
    },
  });
  area = await serve({ port, strapiUrl: app.url });

  // the owner's account, its two invoices (filed by an admin), and Bob, registered elsewhere
  const call = client(app.url);
  const { data: admin } = await call<{ data: { token: string } }>('POST', '/admin/register-admin', {
    body: ADMIN,
  });
  const owner = await call<{ activeAccount: typeof acme }>('POST', '/api/auth/local/register', {
    body: { ...OWNER, password: PASSWORD },
  });
  acme = owner.activeAccount;
  await call('POST', '/api/auth/local/register', { body: { ...BOB, password: PASSWORD } });
  const { data: accounts } = await call<{ data: { id: number; documentId: string }[] }>(
    'GET',
    '/multi-account/accounts?pageSize=100',
    { token: admin.token }
  );
  const acmeId = accounts.find((a) => a.documentId === acme.documentId)?.id;
  for (const invoice of [
    { title: 'INV-7001 Hosting, May', amount: 120, dueDate: '2026-06-01' },
    { title: 'INV-7002 Domains', amount: 36.5, dueDate: '2026-06-15' },
  ]) {
    await call('POST', '/content-manager/collection-types/api::invoice.invoice', {
      token: admin.token,
      body: { ...invoice, multiAccountId: acmeId },
    });
  }

  browser = await launch();
  ownerPage = await newPage(await browser.newContext({ viewport: { width: 1280, height: 800 } }));
  carol = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  carolTab = await newPage(carol);
});

afterAll(async () => {
  await browser?.close();
  await area?.close();
  await app?.stop();
  await smtp?.close();
});

describe('the example client area', () => {
  test('its server answers 400 to a malformed address and goes on serving', async () => {
    const malformed = await fetch(`${area.url}/%E0%A4%A`);
    expect(malformed.status).toBe(400);
    const home = await fetch(`${area.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<div id="root">');
  });

  test('the owner invites a registered user and an unknown email from Manage contacts', async () => {
    await signIn(ownerPage, OWNER);
    await expectVisible(ownerPage.getByRole('heading', { name: acme.name }));
    await menu(ownerPage).getByRole('link', { name: 'Manage contacts' }).click();
    await expectVisible(row(ownerPage, OWNER.email).getByText('Owner'));

    for (const email of [BOB.email, CAROL.email]) {
      await ownerPage.getByRole('button', { name: 'Invite a guest' }).click();
      await ownerPage.getByLabel('Email').fill(email);
      await ownerPage.getByRole('checkbox', { name: 'Billing' }).check();
      await ownerPage.getByRole('button', { name: 'Send invitation', exact: true }).click();
      await expectVisible(ownerPage.getByRole('status').getByText(`Invitation sent to ${email}`));
      await expectVisible(row(ownerPage, email).getByText('Invite sent'));
    }

    // the server's refusal reaches the owner as its message
    await ownerPage.getByRole('button', { name: 'Invite a guest' }).click();
    await ownerPage.getByLabel('Email').fill(BOB.email);
    await ownerPage.getByRole('button', { name: 'Send invitation', exact: true }).click();
    await expectVisible(
      ownerPage
        .getByRole('alert')
        .getByText('This email already has an open invitation to the account')
    );
    await ownerPage.getByRole('button', { name: 'Cancel', exact: true }).click();
    await screenshot(ownerPage, 'client-area-contacts');
  });

  test('the unknown invitee follows the emailed link, signs up and accepts', async () => {
    await carolTab.goto(await emailedLink(CAROL.email, 0));
    await expectVisible(carolTab.getByRole('heading', { name: 'You are invited' }));
    await carolTab.getByRole('link', { name: 'Create an account' }).click();
    await carolTab.getByLabel('Username').fill(CAROL.username);
    await carolTab.getByLabel('Email').fill(CAROL.email);
    await carolTab.getByLabel('Password').fill(PASSWORD);
    await carolTab.getByRole('button', { name: 'Sign up' }).click();
    await expectVisible(carolTab.getByText(`Signed in as ${CAROL.email}`));
    await expectVisible(carolTab.getByText(acmeLabel(), { exact: true }));
    await screenshot(carolTab, 'client-area-invitation');
    await carolTab.getByRole('button', { name: 'Accept invitation' }).click();
    await expectVisible(carolTab.getByRole('status').getByText(`You now act for ${acmeLabel()}`));
  });

  test('the registered invitee rejects through the link, and the owner sees Rejected', async () => {
    const bob = await newPage(await browser.newContext());
    await bob.goto(await emailedLink(BOB.email, 0));
    await bob.getByRole('link', { name: 'Sign in' }).click();
    await bob.getByLabel('Email or username').fill(BOB.email);
    await bob.getByLabel('Password').fill(PASSWORD);
    await bob.getByRole('button', { name: 'Sign in' }).click();
    await bob.getByRole('button', { name: 'Reject' }).click();
    await expectVisible(bob.getByRole('status').getByText('Invitation rejected'));
    await bob.context().close();

    await ownerPage.reload();
    await expectVisible(row(ownerPage, BOB.email).getByText('Rejected', { exact: true }));
    await expectVisible(row(ownerPage, CAROL.email).getByText('Active', { exact: true }));
    await ownerPage.getByRole('combobox', { name: 'Filter by status' }).selectOption('rejected');
    await row(ownerPage, CAROL.email).waitFor({ state: 'detached' });
    await expectVisible(row(ownerPage, BOB.email));
    await ownerPage.getByRole('combobox', { name: 'Filter by status' }).selectOption('');
  });

  test('at the next sign-in the chooser shows both accounts; the switcher changes account', async () => {
    await carolTab.goto(area.url);
    await carolTab.getByRole('button', { name: 'Sign out' }).click();
    await signIn(carolTab, CAROL);
    await expectVisible(carolTab.getByRole('heading', { name: 'Choose an account' }));
    const choices = carolTab.locator('ul.chooser button');
    await expectVisible(choices.filter({ hasText: `Account No. ${acme.number}` }));
    await expectVisible(choices.filter({ hasText: CAROL.username }));
    expect(await choices.count()).toBe(2);
    await screenshot(carolTab, 'client-area-chooser');
    await choices.filter({ hasText: CAROL.username }).click();
    await expectVisible(carolTab.getByRole('heading', { name: CAROL.username }));

    await switcher(carolTab).selectOption({ label: acmeLabel() });
    await expectVisible(carolTab.getByRole('heading', { name: acme.name }));
    await expectVisible(carolTab.getByText('as Guest'));
  });

  test('a guest without contacts does not see Manage contacts, and sees the invoices of billing', async () => {
    await expectVisible(menu(carolTab).getByRole('link', { name: 'Invoices' }));
    expect(await menu(carolTab).getByRole('link', { name: 'Manage contacts' }).count()).toBe(0);
    await menu(carolTab).getByRole('link', { name: 'Invoices' }).click();
    await expectVisible(carolTab.getByRole('cell', { name: 'INV-7001 Hosting, May' }));
    await expectVisible(carolTab.getByRole('cell', { name: 'INV-7002 Domains' }));
    await screenshot(carolTab, 'client-area-invoices');
  });

  test('two tabs act for two accounts at once', async () => {
    const ownTab = await newPage(carol);
    await ownTab.goto(area.url + '/invoices');
    // a new tab starts where the login session is (the account switched to last)
    await expectVisible(ownTab.getByRole('cell', { name: 'INV-7001 Hosting, May' }));
    const own = switcher(ownTab).locator('option', { hasText: `${CAROL.username} · ` });
    await switcher(ownTab).selectOption((await own.getAttribute('value')) ?? '');
    await expectVisible(ownTab.getByRole('heading', { name: 'Invoices' }));
    await expectVisible(ownTab.getByText('No invoices.'));

    // the first tab still acts for the owner's account, on reload as well
    await carolTab.reload();
    await expectVisible(carolTab.getByRole('cell', { name: 'INV-7001 Hosting, May' }));
    expect(await switcher(carolTab).inputValue()).toBe(acme.documentId);
    await ownTab.reload();
    await expectVisible(ownTab.getByText('No invoices.'));
    await ownTab.close();
  });

  test('the owner suspends the guest, whose open tab is refused on its next action', async () => {
    await menu(carolTab).getByRole('link', { name: 'Overview' }).click();
    await row(ownerPage, CAROL.email).getByRole('button', { name: 'Suspend' }).click();
    await expectVisible(row(ownerPage, CAROL.email).getByText('Inactive', { exact: true }));

    await menu(carolTab).getByRole('link', { name: 'Invoices' }).click();
    await expectVisible(
      carolTab.getByRole('alert').getByText('You are not an active member of this account')
    );
    expect(await carolTab.getByRole('cell', { name: 'INV-7001 Hosting, May' }).count()).toBe(0);
  });
});
