import type { Browser, Page } from 'playwright-core';
import {
  expectVisible,
  goTo,
  launch,
  logIn,
  expectNotification,
  screenshot,
  state,
} from './support/browser';
import { ADMIN, PASSWORD, acceptInvitation, client } from './support/seed';

describe('admin panel: accounts and an account’s contacts', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await logIn(browser, ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** The accounts a login of grace (who owns Umbrella) may act for, by name. */
  const accountsOfGrace = async () => {
    const login = await fetch(`${state().url}/api/auth/local`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ identifier: 'grace@example.com', password: PASSWORD }),
    });
    const body = (await login.json()) as { accounts: { name: string }[] };
    return body.accounts.map((account) => account.name);
  };

  const row = (email: string) =>
    page.locator('tr', { has: page.getByText(email, { exact: true }) });

  it('lists and searches accounts from the menu entry', async () => {
    await page.getByRole('link', { name: 'Multi-account' }).click();
    await page.waitForURL('**/admin/plugins/multi-account');
    await expectVisible(page.getByRole('gridcell', { name: 'Initech' }));
    const acme = page
      .getByRole('row')
      .filter({ has: page.getByRole('gridcell', { name: 'Acme Corp' }) });
    await expectVisible(acme.getByRole('gridcell', { name: 'alice@example.com' }));
    await expectVisible(acme.getByRole('gridcell', { name: '3', exact: true }));
    // the same page by its address, without the menu's focus tooltip over it
    await goTo(page, '/plugins/multi-account');
    await expectVisible(page.getByRole('gridcell', { name: 'Initech' }));
    await screenshot(page, 'accounts');

    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const search = page.getByPlaceholder('Search by name, account number or owner email');
    await search.fill('carol@');
    await search.press('Enter');
    await page.waitForURL(/[?&]_q=carol/);
    await expectVisible(page.getByRole('gridcell', { name: 'Globex' }));
    await page.getByRole('gridcell', { name: 'Initech' }).waitFor({ state: 'detached' });

    await search.fill(state().accounts.acme.number);
    await search.press('Enter');
    // a row opens with the keyboard as with the mouse
    await page.getByRole('gridcell', { name: 'Acme Corp' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/accounts/${state().accounts.acme.documentId}`);
    await expectVisible(page.getByRole('heading', { name: 'Acme Corp' }));

    // the search lives in the URL: back from the account, the list is as it was left
    await page.goBack();
    await expectVisible(page.getByRole('gridcell', { name: 'Acme Corp' }));
    await page.getByRole('gridcell', { name: 'Initech' }).waitFor({ state: 'detached' });
    await page.getByRole('gridcell', { name: 'Acme Corp' }).click();
    await page.waitForURL(`**/accounts/${state().accounts.acme.documentId}`);
    await expectVisible(page.getByRole('heading', { name: 'Acme Corp' }));
  });

  it('shows owner, contact, guest and open invitation, and why the last owner stays', async () => {
    await expectVisible(row('alice@example.com').getByText('Owner', { exact: true }));
    await expectVisible(row('support@acme.example').getByText('Contact', { exact: true }));
    await expectVisible(row('bob@example.com').getByText('Guest', { exact: true }));
    await expectVisible(row('frank@example.com').getByText('Invite sent'));
    await expectVisible(row('alice@example.com').getByText('Last owner'));
    await screenshot(page, 'contacts');
  });

  it('filters by status', async () => {
    await page.getByRole('combobox', { name: 'Filter by status' }).click();
    await page.getByRole('option', { name: 'Invite sent' }).click();
    await page.waitForURL(/[?&]status=invited/);
    await expectVisible(row('frank@example.com'));
    await row('bob@example.com').waitFor({ state: 'detached' });
    await page.getByRole('combobox', { name: 'Filter by status' }).click();
    await page.getByRole('option', { name: 'All statuses' }).click();
    await expectVisible(row('bob@example.com'));
  });

  it('invites a guest, who shows as "Invite sent"', async () => {
    await page.getByRole('button', { name: 'Invite a guest' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Email').fill('grace@example.com');
    await dialog.getByRole('checkbox', { name: 'Billing' }).click();
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await expectNotification(page, 'Invite sent');
    await expectVisible(row('grace@example.com').getByText('Invite sent'));
  });

  it("edits the guest's permissions once they accepted", async () => {
    await acceptInvitation(client(state().url), 'grace@example.com', state().accounts.acme);
    await page.reload();
    await expectVisible(row('grace@example.com').getByText('Active'));

    await row('grace@example.com')
      .getByRole('button', { name: 'Edit the permissions of grace' })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: 'Support' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expectNotification(page, 'Permissions saved');
    await expectVisible(row('grace@example.com').getByText('Support'));
    await expectVisible(row('grace@example.com').getByText('Billing'));
  });

  it('suspends the guest', async () => {
    await row('grace@example.com').getByRole('button', { name: 'Suspend grace' }).click();
    await expectNotification(page, 'grace is suspended');
    await expectVisible(row('grace@example.com').getByText('Suspended'));
  });

  it("removes the guest's access after confirmation", async () => {
    await row('grace@example.com')
      .getByRole('button', { name: 'Remove the access of grace' })
      .click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await expectNotification(page, 'Access of grace removed');
    await row('grace@example.com').waitFor({ state: 'detached' });
  });

  it('adds a contact with a login of their own', async () => {
    await page.getByRole('button', { name: 'Add a contact' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Username').fill('acme-ops');
    await dialog.getByLabel('Email').fill('ops@acme.example');
    await dialog.getByLabel('Password').fill('secret123');
    await dialog.getByRole('checkbox', { name: 'Provisioning' }).click();
    await dialog.getByRole('button', { name: 'Add contact' }).click();
    await expectNotification(page, 'Contact added');
    await expectVisible(row('ops@acme.example').getByText('Contact', { exact: true }));
    await expectVisible(row('ops@acme.example').getByText('Provisioning'));
    const login = await fetch(`${state().url}/api/auth/local`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ identifier: 'ops@acme.example', password: 'secret123' }),
    });
    expect(login.status).toBe(200);
  });

  it('makes the contact an owner after confirmation, so the first owner is no longer the last', async () => {
    await row('ops@acme.example').getByRole('button', { name: 'Make acme-ops an owner' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await expectNotification(page, 'acme-ops now owns Acme Corp');
    await expectVisible(row('ops@acme.example').getByText('Owner', { exact: true }));
    await row('alice@example.com').getByText('Last owner').waitFor({ state: 'detached' });
  });

  it('impersonates a member after confirmation: the token acts as them until the admin ends it', async () => {
    await row('ops@acme.example').getByRole('button', { name: 'Impersonate acme-ops' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Impersonate a member' });
    await expectVisible(dialog.getByText(/Acting as acme-ops for Acme Corp until/));
    const jwt = await dialog.getByLabel('Token').inputValue();
    const me = async () =>
      fetch(`${state().url}/api/multi-account/me`, { headers: { Authorization: `Bearer ${jwt}` } });
    const acting = await me();
    expect(acting.status).toBe(200);
    const { data } = (await acting.json()) as {
      data: {
        user: { username: string };
        account: { name: string };
        impersonatedBy: { name: string };
      };
    };
    expect(data).toMatchObject({
      user: { username: 'acme-ops' },
      account: { name: 'Acme Corp' },
      impersonatedBy: { name: 'Ada Admin' },
    });
    await screenshot(page, 'impersonation');

    await dialog.getByRole('button', { name: 'End now' }).click();
    await expectNotification(page, 'Impersonation of acme-ops ended');
    expect((await me()).status).toBe(401);
  });

  it('keeps the changes in the account history, done by the admin', async () => {
    await page.getByRole('tab', { name: 'History' }).click();
    await page.waitForURL(/[?&]tab=history/);
    const history = page.getByRole('tabpanel', { name: 'History' });
    await expectVisible(history.getByText('Access removed').first());
    await expectVisible(history.getByText('Admin Ada Admin').first());
  });

  it('opens an account for an existing user, who becomes its owner', async () => {
    await goTo(page, '/plugins/multi-account');
    await page.getByRole('button', { name: 'Create account' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Account name').fill('Umbrella');
    await dialog.getByRole('combobox').click();
    await dialog.getByRole('combobox').pressSequentially('grac');
    await page.getByRole('option', { name: 'grace <grace@example.com>' }).click();
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await expectNotification(page, 'Account Umbrella created');
    await expectVisible(page.getByRole('heading', { name: 'Umbrella' }));
    await expectVisible(row('grace@example.com').getByText('Owner', { exact: true }));
  });

  it('suspends the account after confirmation, then reactivates it', async () => {
    await page.getByRole('button', { name: 'Suspend account' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await expectNotification(page, 'Umbrella is suspended');
    await expectVisible(page.getByRole('main').getByText('Suspended', { exact: true }));
    expect(await accountsOfGrace()).not.toContain('Umbrella');

    await page.getByRole('button', { name: 'Reactivate account' }).click();
    await expectNotification(page, 'Umbrella is active again');
    await expectVisible(page.getByRole('button', { name: 'Suspend account' }));
    expect(await accountsOfGrace()).toContain('Umbrella');
  });

  it('closes the account after confirmation, and the list no longer has it', async () => {
    await page.getByRole('button', { name: 'Close account' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await expectNotification(page, 'Umbrella is closed');
    await page.waitForURL('**/admin/plugins/multi-account');
    await expectVisible(page.getByRole('gridcell', { name: 'Initech' }));
    await page.getByRole('gridcell', { name: 'Umbrella' }).waitFor({ state: 'detached' });
  });
});
