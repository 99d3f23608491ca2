import type { Browser, Page } from 'playwright-core';
import {
  expectVisible,
  goTo,
  launch,
  logIn,
  notification,
  screenshot,
  state,
} from './support/browser';
import { ADMIN } from './support/seed';

const USER_MODEL = 'plugin::users-permissions.user';

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
    await expectVisible(notification(page, 'Access to Globex removed'));
    await list.getByText('Globex', { exact: true }).waitFor({ state: 'detached' });
    await expectVisible(list.getByText('Acme Corp', { exact: true }));
  });
});
