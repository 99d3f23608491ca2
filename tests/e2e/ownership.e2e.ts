import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createClient, type Member, type MultiAccountClient } from '../../client';
import { serve, type ServedClientArea } from '../../scripts/client-area';
import { client } from '../../scripts/demo-seed';
import { startSmtpServer } from '../helpers/smtp';
import { startApp, type RunningApp } from './support/app';
import { expectVisible, launch } from './support/browser';
import { ADMIN, PASSWORD } from './support/seed';

/**
 * Co-owners and ownership transfers in the example client area, in Chromium, against an app of
 * its own: an owner makes a member a co-owner and a contact again, offers the ownership (which
 * one member declines and another accepts), and members who lost the account (removed, or the
 * account suspended) are offered their other accounts. The steps run in order: each starts where
 * the one before left the account.
 */
const OUTPUT_DIR = path.resolve(__dirname, 'screenshots');
const OWNER = { username: 'northwind', email: 'ops@northwind.example' };
const ERIN = { username: 'erin', email: 'erin@example.com', permissions: ['billing'] };
const FRANK = { username: 'frank', email: 'frank@example.com', permissions: ['support'] };
const DANA = { username: 'dana', email: 'dana@example.com', permissions: ['billing'] };
const GUS = { username: 'gus', email: 'gus@example.com', permissions: ['billing'] };
const HANA = { username: 'hana', email: 'hana@example.com', permissions: ['billing'] };
const MEMBERS = [ERIN, FRANK, DANA, GUS, HANA];
type User = { username: string; email: string };

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let app: RunningApp;
let area: ServedClientArea;
let browser: Browser;
let adminToken: string;
let northwind: { documentId: string; number: string; name: string };
/** The owner's tab, signed in for the whole file. */
let ownerPage: Page;

const open = (page: Page, pathname: string) => page.goto(area.url + pathname);

/** A new browser (its own storage) signed in as `user`, acting for `account` when it has several. */
const signedIn = async (user: User, account = northwind.name) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await open(page, '/sign-in');
  await page.getByLabel('Email or username').fill(user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const chooser = page.getByRole('heading', { name: 'Choose an account' });
  const overview = page.getByText('You act for ');
  await expectVisible(chooser.or(overview));
  if (await chooser.isVisible())
    await page.locator('ul.chooser button').filter({ hasText: account }).click();
  await expectVisible(page.getByRole('heading', { name: account }));
  return page;
};

/** The typed client, logged in as `user`, for what the API says. */
const apiAs = async (user: User): Promise<MultiAccountClient> => {
  const api = createClient({ baseUrl: app.url });
  await api.logIn({ identifier: user.email, password: PASSWORD });
  return api;
};

/** The account's members as the admin API reads them from the database, by username. */
const typesInNorthwind = async () => {
  const { data } = await client(app.url)<{ data: Member[] }>(
    'GET',
    `/multi-account/accounts/${northwind.documentId}/members?pageSize=100`,
    { token: adminToken }
  );
  return Object.fromEntries(data.map((m) => [m.user?.username, `${m.type} ${m.status}`]));
};

const row = (page: Page, email: string) => page.getByRole('row', { name: email, exact: true });
const offerRow = (page: Page, email: string) =>
  page.getByRole('row', { name: `Ownership offer to ${email}`, exact: true });
const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu' });
const notice = (page: Page, text: string) => page.getByRole('status').getByText(text);
/** The overview's "You act for … as Owner." */
const actingAs = (page: Page, type: string) =>
  page.getByText(new RegExp(`^You act for .* as ${type}\\.$`));

/** Clicks `action` on the member's row, then the confirmation's `confirm`. */
const confirmOnRow = async (page: Page, email: string, action: string, confirm: string) => {
  await row(page, email).getByRole('button', { name: action }).click();
  await row(page, email).getByRole('button', { name: confirm }).click();
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startApp({
    smtpPort: smtp.port,
    logFile: path.join(OUTPUT_DIR, 'strapi-ownership.log'),
    name: 'ownership',
  });
  area = await serve({ port: 0, strapiUrl: app.url });

  const admin = await client(app.url)<{ data: { token: string } }>(
    'POST',
    '/admin/register-admin',
    { body: ADMIN }
  );
  adminToken = admin.data.token;
  // the owner's account, and members who each own an account of their own too
  const owner = createClient({ baseUrl: app.url });
  const signedUp = await owner.signUp({ ...OWNER, password: PASSWORD });
  northwind = signedUp.activeAccount!;
  for (const member of MEMBERS) {
    const api = createClient({ baseUrl: app.url });
    await api.signUp({ username: member.username, email: member.email, password: PASSWORD });
    await owner.invite({ email: member.email, permissions: member.permissions });
    const { data } = await api.invitations.mine();
    await api.invitations.accept(data[0].documentId);
  }

  browser = await launch();
  ownerPage = await signedIn(OWNER);
  await expectVisible(actingAs(ownerPage, 'Owner'));
  await menu(ownerPage).getByRole('link', { name: 'Manage contacts' }).click();
  await expectVisible(row(ownerPage, DANA.email).getByText('Active', { exact: true }));
});

afterAll(async () => {
  await browser?.close();
  await area?.close();
  await app?.stop();
  await smtp?.close();
});

describe('owners in the example client area', () => {
  test('an owner makes a member a co-owner, who then holds every permission, and a contact again', async () => {
    await confirmOnRow(ownerPage, ERIN.email, 'Make co-owner', 'Yes, make co-owner');
    await expectVisible(notice(ownerPage, 'erin is now a co-owner'));
    await expectVisible(
      row(ownerPage, ERIN.email).getByRole('cell', { name: 'Owner', exact: true })
    );
    await expectVisible(row(ownerPage, ERIN.email).getByRole('cell', { name: 'All', exact: true }));

    const erin = await signedIn(ERIN);
    await expectVisible(actingAs(erin, 'Owner'));
    await expectVisible(erin.getByRole('listitem').getByText('Security', { exact: true }));
    await expectVisible(menu(erin).getByRole('link', { name: 'Manage contacts' }));
    expect((await typesInNorthwind()).erin).toBe('owner active');

    await confirmOnRow(ownerPage, ERIN.email, 'Make contact', 'Yes, make contact');
    await expectVisible(notice(ownerPage, 'erin is now a contact'));
    await expectVisible(
      row(ownerPage, ERIN.email).getByRole('cell', { name: 'Contact', exact: true })
    );
    await erin.reload();
    await expectVisible(actingAs(erin, 'Contact'));
    expect((await typesInNorthwind()).erin).toBe('contact active');
    await erin.context().close();
  });

  test('the owner offers the ownership, sees it waiting, and withdraws it', async () => {
    await confirmOnRow(ownerPage, FRANK.email, 'Offer ownership', 'Yes, offer ownership');
    await expectVisible(notice(ownerPage, 'Ownership offered to frank'));
    await expectVisible(offerRow(ownerPage, FRANK.email).getByText('Waiting for an answer'));
    await expectVisible(row(ownerPage, FRANK.email).getByText('Ownership offered'));
    // one open offer at a time: no other member can be offered the account meanwhile
    await expectVisible(row(ownerPage, DANA.email).getByRole('button', { name: 'Make co-owner' }));
    expect(
      await row(ownerPage, DANA.email).getByRole('button', { name: 'Offer ownership' }).count()
    ).toBe(0);

    await offerRow(ownerPage, FRANK.email).getByRole('button', { name: 'Withdraw offer' }).click();
    await expectVisible(notice(ownerPage, 'Ownership offer to frank withdrawn'));
    await expectVisible(offerRow(ownerPage, FRANK.email).getByText('Withdrawn'));
    await expectVisible(
      row(ownerPage, DANA.email).getByRole('button', { name: 'Offer ownership' })
    );
    expect((await (await apiAs(FRANK)).ownershipTransfers.mine()).data).toEqual([]);
  });

  test('a member declines the offer on their overview; the owner sees it rejected', async () => {
    await confirmOnRow(ownerPage, FRANK.email, 'Offer ownership', 'Yes, offer ownership');
    await expectVisible(offerRow(ownerPage, FRANK.email).getByText('Waiting for an answer'));

    const frank = await signedIn(FRANK);
    const offer = frank.getByRole('listitem', { name: `Ownership of ${northwind.name}` });
    await expectVisible(offer.getByText(`northwind offers you the ownership of ${northwind.name}`));
    await offer.getByRole('button', { name: 'Decline' }).click();
    await expectVisible(notice(frank, `You declined the ownership of ${northwind.name}`));
    await offer.waitFor({ state: 'detached' });
    await expectVisible(actingAs(frank, 'Guest'));
    await frank.context().close();

    await ownerPage.reload();
    await expectVisible(offerRow(ownerPage, FRANK.email).getByText('Rejected'));
    await expectVisible(
      row(ownerPage, FRANK.email).getByRole('cell', { name: 'Guest', exact: true })
    );
    expect((await typesInNorthwind()).frank).toBe('guest active');
  });

  test('a member accepts the offer and owns the account; the former owner is a contact', async () => {
    await confirmOnRow(ownerPage, DANA.email, 'Offer ownership', 'Yes, offer ownership');
    await expectVisible(offerRow(ownerPage, DANA.email).getByText('Waiting for an answer'));

    // dana's tab acts for her own account: accepting takes it to the one she now owns
    const dana = await signedIn(DANA, DANA.username);
    await expectVisible(dana.getByRole('heading', { name: DANA.username }));
    const offer = dana.getByRole('listitem', { name: `Ownership of ${northwind.name}` });
    await offer.getByRole('button', { name: 'Accept ownership' }).click();
    await expectVisible(notice(dana, `You now own ${northwind.name} · No. ${northwind.number}`));
    await expectVisible(dana.getByRole('heading', { name: northwind.name }));
    await expectVisible(actingAs(dana, 'Owner'));
    await menu(dana).getByRole('link', { name: 'Manage contacts' }).click();
    await expectVisible(row(dana, OWNER.email).getByRole('cell', { name: 'Contact', exact: true }));
    await expectVisible(row(dana, DANA.email).getByText('You'));
    await expectVisible(offerRow(dana, DANA.email).getByText('Accepted'));

    // the former owner's tab, reloaded: a contact holding every key, with no owner's actions
    await ownerPage.reload();
    await expectVisible(
      row(ownerPage, OWNER.email).getByRole('cell', { name: 'Contact', exact: true })
    );
    await expectVisible(
      row(ownerPage, DANA.email).getByRole('cell', { name: 'Owner', exact: true })
    );
    await expectVisible(row(ownerPage, GUS.email).getByRole('button', { name: 'Suspend' }));
    expect(await ownerPage.getByRole('button', { name: 'Offer ownership' }).count()).toBe(0);
    expect(await ownerPage.getByRole('button', { name: 'Make co-owner' }).count()).toBe(0);
    await menu(ownerPage).getByRole('link', { name: 'Overview' }).click();
    await expectVisible(actingAs(ownerPage, 'Contact'));

    // what the API and the database say
    const danaApi = await apiAs(DANA);
    expect((await danaApi.forAccount(northwind.documentId).me()).account?.type).toBe('owner');
    expect((await (await apiAs(OWNER)).forAccount(northwind.documentId).me()).account).toEqual(
      expect.objectContaining({ type: 'contact' })
    );
    const types = await typesInNorthwind();
    expect([types.dana, types.northwind]).toEqual(['owner active', 'contact active']);
    const offers = await danaApi.forAccount(northwind.documentId).ownershipTransfers.list();
    expect(offers.data[0]).toMatchObject({ to: { username: 'dana' }, status: 'accepted' });
    await dana.context().close();
  });

  test('a member removed from the account is offered their other accounts', async () => {
    const gus = await signedIn(GUS);
    await menu(gus).getByRole('link', { name: 'Invoices' }).click();
    await expectVisible(gus.getByText('No invoices.'));

    const dana = await signedIn(DANA);
    await menu(dana).getByRole('link', { name: 'Manage contacts' }).click();
    await confirmOnRow(dana, GUS.email, 'Remove', 'Yes, remove');
    await expectVisible(notice(dana, 'gus no longer has access'));
    await dana.context().close();

    // the next request for the account is refused: gus is shown where he can go instead
    await menu(gus).getByRole('link', { name: 'Overview' }).click();
    await menu(gus).getByRole('link', { name: 'Invoices' }).click();
    await expectVisible(
      gus.getByRole('heading', { name: `No access to ${northwind.name} · No. ${northwind.number}` })
    );
    await expectVisible(
      gus.getByRole('alert').getByText('You are not an active member of this account')
    );
    const choices = gus.locator('ul.chooser button');
    await expectVisible(choices.filter({ hasText: GUS.username }));
    expect(await choices.count()).toBe(1);
    await choices.filter({ hasText: GUS.username }).click();
    await expectVisible(gus.getByRole('heading', { name: GUS.username }));
    await expectVisible(actingAs(gus, 'Owner'));
    await gus.context().close();
  });

  test('a member of an account an admin suspended is offered their other accounts', async () => {
    const hana = await signedIn(HANA);
    await expectVisible(menu(hana).getByRole('link', { name: 'Invoices' }));
    const reloaded = await signedIn(HANA);
    await menu(reloaded).getByRole('link', { name: 'Invoices' }).click();
    await expectVisible(reloaded.getByText('No invoices.'));
    await client(app.url)('PUT', `/multi-account/accounts/${northwind.documentId}`, {
      token: adminToken,
      body: { status: 'suspended' },
    });

    // a tab reloaded on the account's page acts for no account: the overview offers the others
    await reloaded.reload();
    await expectVisible(reloaded.getByText('You do not act for any account at the moment.'));
    expect(new URL(reloaded.url()).pathname).toBe('/');
    await expectVisible(reloaded.locator('ul.chooser button').filter({ hasText: HANA.username }));
    await reloaded.context().close();

    await menu(hana).getByRole('link', { name: 'Invoices' }).click();
    await expectVisible(
      hana.getByRole('heading', {
        name: `No access to ${northwind.name} · No. ${northwind.number}`,
      })
    );
    const choices = hana.locator('ul.chooser button');
    await expectVisible(choices.filter({ hasText: HANA.username }));
    // the suspended account is listed as suspended, and cannot be chosen
    const suspended = choices.filter({ hasText: northwind.name });
    await expectVisible(suspended.getByText('Suspended'));
    expect(await suspended.isDisabled()).toBe(true);
    expect(await choices.count()).toBe(2);
    await choices.filter({ hasText: HANA.username }).click();
    await expectVisible(actingAs(hana, 'Owner'));
    await hana.context().close();
  });
});
