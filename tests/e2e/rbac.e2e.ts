import type { Browser, Page } from 'playwright-core';
import { expectVisible, goTo, launch, logIn, skipGuidedTour, state } from './support/browser';
import { EDITOR } from './support/seed';

describe("admin panel: an admin without the plugin's actions", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await logIn(browser, EDITOR);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('sees no menu entry and is refused the page', async () => {
    await expectVisible(page.getByRole('link', { name: 'Content Manager' }));
    expect(await page.getByRole('link', { name: 'Multi-account' }).count()).toBe(0);
    await goTo(page, '/plugins/multi-account');
    await expectVisible(page.getByText("You don't have the permissions to access that content"));
  });

  it('gets a 403 from the admin API', async () => {
    const login = await fetch(`${state().url}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: EDITOR.email, password: EDITOR.password }),
    });
    const { data } = (await login.json()) as { data: { token: string } };
    const res = await fetch(`${state().url}/multi-account/accounts`, {
      headers: { Authorization: `Bearer ${data.token}` },
    });
    expect(res.status).toBe(403);
  });

  /** How many projects the Content Manager's API lists for an account, as the editor. */
  const projectsOf = async (accountId: number) => {
    const login = await fetch(`${state().url}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: EDITOR.email, password: EDITOR.password }),
    });
    const { data } = (await login.json()) as { data: { token: string } };
    const res = await fetch(
      `${state().url}/content-manager/collection-types/api::project.project?filters[multiAccountId][$eq]=${accountId}`,
      { headers: { Authorization: `Bearer ${data.token}` } }
    );
    const body = (await res.json()) as { pagination: { total: number } };
    return body.pagination.total;
  };

  it("filters a scoped type's list by the account's id, which it types", async () => {
    const { globex } = state().accounts;
    await goTo(page, '/content-manager/collection-types/api::project.project');
    await skipGuidedTour(page);
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await page.getByRole('combobox', { name: 'Select field' }).click();
    await page.getByRole('option', { name: 'Account', exact: true }).click();
    await page.getByLabel('Account', { exact: true }).fill(String(globex.id));
    await page.getByRole('button', { name: 'Add filter' }).click();
    await expectVisible(page.getByRole('button', { name: `Account is ${globex.id}` }));
    // as many as the Content Manager's API counts for that account now (other files add some)
    const total = await projectsOf(globex.id);
    expect(total).toBeGreaterThanOrEqual(2); // the seed files two; other files may add some
    await expectVisible(page.getByText(`${total} entries found`));
  });
});
