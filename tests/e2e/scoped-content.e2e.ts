import type { Browser, Page } from 'playwright-core';
import {
  expectValue,
  expectVisible,
  goTo,
  skipGuidedTour,
  launch,
  logIn,
  expectNotification,
  screenshot,
  state,
} from './support/browser';
import { ACCOUNT_ATTRIBUTE } from '../../shared/contracts';
import { ADMIN, PROFILE_MOTTOS, type SeededAccount } from './support/seed';

const PROJECT = 'api::project.project';
const LIST = `/content-manager/collection-types/${PROJECT}`;
const PROFILE_VIEW = '/content-manager/single-types/api::profile.profile';

/** How the Content Manager shows a scoped document's account: number and name. */
const label = (account: SeededAccount) => `${account.number} · ${account.name}`;

// The seed's projects: Apollo, Borealis and Zephyr in Acme Corp, Cypress and Dynamo in Globex,
// each created through the content API by the account's owner. The other browser tests do not
// look at projects; this file moves Zephyr to Globex and tries to create one more.
describe('admin panel: account-scoped content in the Content Manager', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await logIn(browser, ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
  });

  // The Content Manager keeps a list's filters for the next visit, in the browser's storage:
  // each test starts from the whole list, whatever a failed one left behind.
  beforeEach(async () => {
    await page.evaluate(
      `Object.keys(localStorage)
        .filter((key) => key.startsWith('STRAPI_LIST_VIEW_SETTINGS:'))
        .forEach((key) => localStorage.removeItem(key))`
    );
  });

  /** The list view's row of the project named `name`. */
  const row = (name: string) =>
    page.getByRole('row').filter({ has: page.getByRole('gridcell', { name, exact: true }) });
  /** The list view's rows of documents (the header row has no row actions). */
  const documentRows = () =>
    page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Row actions' }) });
  const accountPicker = () => page.getByRole('combobox', { name: 'Account' });

  /** The account id that the URL's first filter compares the projects' account with. */
  const accountFilterOf = (on: Page) =>
    new URL(on.url()).searchParams.get(`filters[$and][0][${ACCOUNT_ATTRIBUTE}][$eq]`);

  /**
   * Adds the list's filter "Account is …", picking `account` among the accounts the server found
   * for `search` (which must leave `other` out).
   */
  const filterByAccount = async (search: string, account: SeededAccount, other: SeededAccount) => {
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await page.getByRole('combobox', { name: 'Select field' }).click();
    await page.getByRole('option', { name: 'Account', exact: true }).click();
    const picker = page.getByRole('combobox', { name: 'Account', exact: true });
    await picker.click();
    await expectVisible(page.getByRole('option', { name: label(other) }));
    await picker.fill(search);
    await page.getByRole('option', { name: label(other) }).waitFor({ state: 'detached' });
    await page.getByRole('option', { name: label(account) }).click();
    await expectValue(picker, label(account));
    await page.getByRole('button', { name: 'Add filter' }).click();
  };

  /** Globex's projects only, with the filter's chip naming Globex. */
  const expectGlobexOnly = async (on: Page) => {
    const { globex } = state().accounts;
    const rowOf = (name: string) =>
      on.getByRole('row').filter({ has: on.getByRole('gridcell', { name, exact: true }) });
    await expectVisible(on.getByRole('button', { name: `Account is ${label(globex)}` }));
    await expectVisible(on.getByText('2 entries found'));
    for (const name of ['Cypress', 'Dynamo'])
      await expectVisible(rowOf(name).getByText(label(globex), { exact: true }));
    for (const name of ['Apollo', 'Borealis', 'Zephyr']) expect(await rowOf(name).count()).toBe(0);
    expect(accountFilterOf(on)).toBe(String(globex.id));
  };

  it("shows each project's account, number and name, in the Project list", async () => {
    const { acme, globex } = state().accounts;
    await goTo(page, LIST);
    await skipGuidedTour(page);
    const header = page.getByRole('row', { name: /^Select all entries/ });
    await expectVisible(header.getByRole('gridcell', { name: 'Account', exact: true }));
    for (const name of ['Apollo', 'Borealis', 'Zephyr'])
      await expectVisible(row(name).getByText(label(acme), { exact: true }));
    for (const name of ['Cypress', 'Dynamo'])
      await expectVisible(row(name).getByText(label(globex), { exact: true }));
    await screenshot(page, 'scoped-list');
  });

  it("opens the list of only one account's projects from the account's Documents tab", async () => {
    const { globex } = state().accounts;
    await goTo(page, `/plugins/multi-account/accounts/${globex.documentId}`);
    await page.getByRole('tab', { name: 'Documents' }).click();
    const documents = page.getByRole('tabpanel', { name: 'Documents' });
    const projects = documents.getByRole('row').filter({ hasText: 'Project' });
    await expectVisible(projects.getByRole('gridcell', { name: '2', exact: true }));
    await projects.getByRole('link', { name: "Open this account's Project" }).click();

    await page.waitForURL((url) => url.pathname.endsWith(LIST));
    await skipGuidedTour(page);
    await expectVisible(page.getByText('2 entries found'));
    await expectVisible(row('Cypress').getByText(label(globex), { exact: true }));
    await expectVisible(row('Dynamo').getByText(label(globex), { exact: true }));
    expect(await documentRows().count()).toBe(2);
    for (const name of ['Apollo', 'Borealis', 'Zephyr']) expect(await row(name).count()).toBe(0);

    // the filter's chip names the account, which the page loaded after the link
    const chip = page.getByRole('button', { name: `Account is ${label(globex)}` });
    await expectVisible(chip);
    // the Content Manager keeps a list's filters for the next visit: back to every project
    await chip.click();
    await expectVisible(page.getByText('5 entries found'));
  });

  it("opens and saves each account's own Profile, a scoped single type, from its Documents tab", async () => {
    const { acme, globex } = state().accounts;
    const motto = page.getByRole('textbox', { name: 'motto' });
    let opened = 0;
    const openProfileOf = async (account: SeededAccount) => {
      await goTo(page, `/plugins/multi-account/accounts/${account.documentId}`);
      await page.getByRole('tab', { name: 'Documents' }).click();
      const documents = page.getByRole('tabpanel', { name: 'Documents' });
      const profile = documents.getByRole('row').filter({ hasText: 'Profile' });
      await profile.getByRole('link', { name: "Open this account's Profile" }).click();
      await page.waitForURL((url) => url.pathname.endsWith(PROFILE_VIEW));
      // the guided tour, if it shows, shows on the first visit
      if (++opened === 1) await skipGuidedTour(page);
      await expectValue(accountPicker(), label(account));
    };
    await openProfileOf(globex);
    await expectValue(motto, PROFILE_MOTTOS.globex);
    await motto.fill('Globex grows faster');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectNotification(page, 'Saved document');

    await openProfileOf(acme);
    await expectValue(motto, PROFILE_MOTTOS.acme);
    await openProfileOf(globex);
    await expectValue(motto, 'Globex grows faster');
  });

  it("shows another account's Profile, a scoped single type, picked in the view's Accounts panel, kept in the URL", async () => {
    const { acme, globex } = state().accounts;
    const accountInUrl = () =>
      new URL(page.url()).searchParams.get('plugins[multi-account][account]');
    await goTo(page, PROFILE_VIEW);
    await skipGuidedTour(page);
    await expectVisible(page.getByText('No account is chosen', { exact: false }));
    const panelPicker = page.getByRole('combobox', { name: 'Show the document of' });

    for (const account of [globex, acme]) {
      await panelPicker.click();
      await panelPicker.fill(account.name);
      await page.getByRole('option', { name: label(account) }).click();
      await page.waitForURL(() => accountInUrl() === String(account.id));
      // the form's own Account field: the document the view now edits is the account's
      await expectValue(accountPicker(), label(account));
      await expectValue(panelPicker, label(account));
      await expectVisible(page.getByText('this view shows the one of the account chosen here'));
    }
    await screenshot(page, 'single-type-accounts');

    await page.reload();
    await expectValue(accountPicker(), label(acme));
    await expectValue(panelPicker, label(acme));
  });

  it("files Media Library files under an account from its Files tab, finds one by name, and takes them out again, in the account's History", async () => {
    const { acme } = state().accounts;
    const { priceList, brochure } = state().files;
    await goTo(page, `/plugins/multi-account/accounts/${acme.documentId}`);
    await page.getByRole('tab', { name: 'Files' }).click();
    const files = page.getByRole('tabpanel', { name: 'Files' });
    const empty = files.getByText('No file is filed under this account');
    await expectVisible(empty);

    await files.getByRole('button', { name: 'Add files' }).click();
    const dialog = page.getByRole('dialog');
    for (const file of [priceList, brochure]) {
      const card = dialog.getByRole('button').filter({ hasText: file.name });
      await card.getByRole('checkbox').click();
    }
    await dialog.getByRole('button', { name: 'Finish' }).click();
    await expectNotification(page, 'Files filed under this account');
    const rowOf = (name: string) => files.getByRole('row').filter({ hasText: name });
    await expectVisible(rowOf(brochure.name));
    const row = rowOf(priceList.name);
    await expectVisible(row.getByText('text/plain'));
    // a few bytes, which Strapi keeps as hundredths of a kilobyte
    await expectVisible(row.getByText(/^\d+ B$/));
    await screenshot(page, 'account-files');

    await files.getByRole('button', { name: 'Search', exact: true }).click();
    const search = files.getByPlaceholder('Search files by name');
    await search.fill('price');
    await search.press('Enter');
    await page.waitForURL(/[?&]_q=price/);
    await rowOf(brochure.name).waitFor({ state: 'detached' });
    await expectVisible(row);
    await search.fill('no such file');
    await search.press('Enter');
    await expectVisible(files.getByText('No file filed here matches this search'));
    // another tab's list starts without this one's search
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('tab', { name: 'Files' }).click();
    await expectVisible(rowOf(brochure.name));
    expect(new URL(page.url()).searchParams.get('_q')).toBeNull();

    for (const file of [priceList, brochure]) {
      await rowOf(file.name).getByRole('button', { name: 'Take out' }).click();
      await expectNotification(page, `${file.name} is shared by every account again`);
    }
    await expectVisible(empty);

    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('tabpanel', { name: 'History' });
    for (const action of ['File filed here', 'File taken out']) {
      for (const file of [priceList, brochure]) {
        const entry = history.getByRole('row').filter({ hasText: action });
        await expectVisible(entry.getByText(`file: ${file.name} (#${file.id})`));
      }
    }
  });

  it('narrows the Project list to an account picked by its name in the Filters menu, kept in the URL through a reload, the back button and a link', async () => {
    const { acme, globex } = state().accounts;
    await goTo(page, LIST);
    await expectVisible(page.getByText('5 entries found'));
    await filterByAccount('Globex', globex, acme);
    await expectGlobexOnly(page);
    await screenshot(page, 'scoped-filter');

    await page.reload();
    await expectGlobexOnly(page);

    await row('Cypress').getByRole('gridcell', { name: 'Cypress', exact: true }).click();
    await expectVisible(page.getByRole('heading', { name: 'Cypress' }));
    await page.goBack();
    await expectGlobexOnly(page);

    // a link to the filtered list, opened where the Content Manager kept no filters
    const other = await logIn(browser, ADMIN);
    await other.goto(page.url());
    await skipGuidedTour(other);
    await expectGlobexOnly(other);
    await other.close();

    await page.getByRole('button', { name: `Account is ${label(globex)}` }).click();
    await expectVisible(page.getByText('5 entries found'));
    expect(accountFilterOf(page)).toBeNull();
  });

  it('narrows the Project list to an account picked by its number in the Filters menu, kept through a reload', async () => {
    const { acme, globex } = state().accounts;
    await goTo(page, LIST);
    await expectVisible(page.getByText('5 entries found'));
    await filterByAccount(acme.number, acme, globex);
    const expectAcmeOnly = async () => {
      await expectVisible(page.getByRole('button', { name: `Account is ${label(acme)}` }));
      await expectVisible(page.getByText('3 entries found'));
      for (const name of ['Apollo', 'Borealis', 'Zephyr'])
        await expectVisible(row(name).getByText(label(acme), { exact: true }));
      expect(await documentRows().count()).toBe(3);
      expect(accountFilterOf(page)).toBe(String(acme.id));
    };
    await expectAcmeOnly();
    await page.reload();
    await expectAcmeOnly();

    await page.getByRole('button', { name: `Account is ${label(acme)}` }).click();
    await expectVisible(page.getByText('5 entries found'));
  });

  it("shows a project's account in the edit view's Account picker", async () => {
    const { acme } = state().accounts;
    await goTo(page, `${LIST}/${state().projects.zephyr.documentId}`);
    await expectVisible(page.getByRole('heading', { name: 'Zephyr' }));
    await expectValue(accountPicker(), label(acme));
    await screenshot(page, 'scoped-edit');
  });

  it('finds another account in the Account picker by its number or its name', async () => {
    const { acme, globex } = state().accounts;
    await goTo(page, `${LIST}/${state().projects.zephyr.documentId}`);
    await expectValue(accountPicker(), label(acme));
    const search = async (text: string) => {
      const answered = page.waitForResponse(
        (res) =>
          new URL(res.url()).pathname === '/multi-account/accounts' &&
          new URL(res.url()).searchParams.get('q') === text
      );
      await accountPicker().click();
      await accountPicker().fill(text);
      // the server finds the account; the picker must offer it
      const { data } = (await (await answered).json()) as { data: { id: number }[] };
      expect(data.map((account) => account.id)).toContain(globex.id);
      await expectVisible(page.getByRole('option', { name: label(globex) }));
      await page.keyboard.press('Escape');
    };
    await search(globex.number.slice(0, 4));
    await search('Globex');
  });

  it('moves a project to the account chosen in the picker when it is saved', async () => {
    const { acme, globex } = state().accounts;
    await goTo(page, `${LIST}/${state().projects.zephyr.documentId}`);
    await expectValue(accountPicker(), label(acme));
    await accountPicker().click();
    await page.getByRole('option', { name: label(globex) }).click();
    await expectValue(accountPicker(), label(globex));
    await page.getByRole('button', { name: 'Save' }).click();
    await expectNotification(page, 'Saved document');

    await goTo(page, LIST);
    await expectVisible(row('Zephyr').getByText(label(globex), { exact: true }));
    await expectVisible(row('Apollo').getByText(label(acme), { exact: true }));
  });

  it("keeps the move in the first account's History, done by the admin", async () => {
    await goTo(page, `/plugins/multi-account/accounts/${state().accounts.acme.documentId}`);
    await page.getByRole('tab', { name: 'History' }).click();
    const history = page.getByRole('tabpanel', { name: 'History' });
    const moved = history.getByRole('row').filter({ hasText: 'Document moved' });
    await expectVisible(moved.getByText('Admin Ada Admin'));
  });

  it("refuses a project created with no account, with the server's message, and creates none", async () => {
    await goTo(page, `${LIST}/create`);
    await page.getByLabel('name').fill('Orphan');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectNotification(page, 'Choose the account this document belongs to');
    expect(new URL(page.url()).pathname).toBe(`/admin${LIST}/create`);

    await goTo(page, LIST);
    await expectVisible(page.getByText('5 entries found'));
    await expectVisible(row('Apollo'));
    expect(await row('Orphan').count()).toBe(0);
  });
});
