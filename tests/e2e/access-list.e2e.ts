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
import type { AccountRef, MemberUser } from '../../shared/contracts';
import { acceptInvitation, ADMIN, client, PASSWORD } from './support/seed';

const USER_MODEL = 'plugin::users-permissions.user';

/**
 * A user (pat) who is a guest of six accounts (Northwind 1 to 6, opened in that order for an
 * owner of their own), made through the admin API and the invitations pat accepts.
 */
const guestOfSixAccounts = async () => {
  const call = client(state().url);
  const {
    data: { token },
  } = await call<{ data: { token: string } }>('POST', '/admin/login', {
    body: { email: ADMIN.email, password: ADMIN.password },
  });
  const register = async (username: string) =>
    (
      await call<{ user: MemberUser }>('POST', '/api/auth/local/register', {
        body: { username, email: `${username}@example.com`, password: PASSWORD },
      })
    ).user;
  const owner = await register('northwind-owner');
  const pat = await register('pat');
  for (let n = 1; n <= 6; n++) {
    const { data: account } = await call<{ data: AccountRef }>('POST', '/multi-account/accounts', {
      token,
      body: { name: `Northwind ${n}`, owner: owner.documentId },
    });
    await call('POST', `/multi-account/accounts/${account.documentId}/invitations`, {
      token,
      body: { email: pat.email, permissions: ['support'] },
    });
    await acceptInvitation(call, pat.email, account);
  }
  return pat;
};

describe("admin panel: a user's access list", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await logIn(browser, ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the accounts a guest reaches beside the user in the Content Manager', async () => {
    const { bob } = state().users;
    await goTo(page, `/content-manager/collection-types/${USER_MODEL}/${bob.documentId}`);
    const list = page.getByTestId('access-list');
    await expectVisible(page.getByText('Access list', { exact: true }));
    await expectVisible(list.getByText('Acme Corp', { exact: true }));
    await expectVisible(list.getByText('Globex', { exact: true }));
    const globex = list.locator(`[data-access="${state().accounts.globex.number}"]`);
    await expectVisible(globex.getByText('Guest', { exact: true }));
    await expectVisible(globex.getByText('Reports'));
    await expectVisible(globex.getByText('Active'));
    await screenshot(page, 'access-list');
  });

  it('shows nothing of the plugin beside a user with no guest or contact access', async () => {
    const { alice } = state().users;
    await goTo(page, `/content-manager/collection-types/${USER_MODEL}/${alice.documentId}`);
    await expectVisible(page.getByText('This user reaches no account as a guest or contact'));
  });

  it("pages through a user's accounts in the Content Manager, five at a time, leaving the page's URL alone", async () => {
    const pat = await guestOfSixAccounts();
    await goTo(page, `/content-manager/collection-types/${USER_MODEL}/${pat.documentId}`);
    const url = page.url();
    const list = page.getByTestId('access-list');
    const shown = async (names: string[]) => {
      for (const name of names) await expectVisible(list.getByText(name, { exact: true }));
      expect(await list.locator('[data-access]').count()).toBe(names.length);
    };
    // newest first: the sixth account opened is on top of the first page
    await shown(['Northwind 6', 'Northwind 5', 'Northwind 4', 'Northwind 3', 'Northwind 2']);
    await list.getByRole('button', { name: 'Go to page 2' }).click();
    await shown(['Northwind 1']);
    expect(page.url()).toBe(url);
    await screenshot(page, 'access-list-pages');
    await list.getByRole('button', { name: 'Go to previous page' }).click();
    await shown(['Northwind 6', 'Northwind 5', 'Northwind 4', 'Northwind 3', 'Northwind 2']);
    expect(page.url()).toBe(url);
  });

  it('finds a user on the Users tab and removes one access after confirmation', async () => {
    await goTo(page, '/plugins/multi-account/users');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const search = page.getByPlaceholder('Search users by username or email');
    await search.fill('bob@');
    await search.press('Enter');
    await page.getByRole('button', { name: /^bob/ }).click();
    await expectVisible(page.getByRole('heading', { name: 'Access list of bob' }));
    const list = page.getByTestId('access-list');
    await list.getByRole('button', { name: 'Remove access to Globex' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await expectNotification(page, 'Access to Globex removed');
    await list.getByText('Globex', { exact: true }).waitFor({ state: 'detached' });
    await expectVisible(list.getByText('Acme Corp', { exact: true }));
  });
});
