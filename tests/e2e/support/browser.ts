import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { pollUntil } from '../../helpers/processes';
import type { E2EState } from './seed';

const SCREENSHOTS = path.resolve(__dirname, '../screenshots');
const DOCS_SCREENSHOTS = path.resolve(__dirname, '../../../docs/screenshots');

/** Debian's Chromium, never a browser downloaded by a tool. */
export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

export const state = (): E2EState => JSON.parse(process.env.E2E_STATE ?? 'null') as E2EState;

/** A 1280×800 page logged in to the admin panel as the given admin (of the app at `url`). */
export const logIn = async (
  browser: Browser,
  admin: { email: string; password: string },
  url = state().url
): Promise<Page> => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page.setDefaultTimeout(20_000);
  await page.goto(`${url}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(admin.email);
  await page.locator('input[name="password"]').fill(admin.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'));
  // Strapi's announcement banner would sit over every screenshot
  const banner = page.getByRole('button', { name: /Close the banner/ });
  const shown = await banner
    .waitFor({ state: 'visible', timeout: 3000 })
    .then(() => true)
    .catch(() => false);
  if (shown) await banner.click();
  return page;
};

export const goTo = (page: Page, adminPath: string) =>
  page.goto(`${state().url}/admin${adminPath}`);

/**
 * Keeps a screenshot in tests/e2e/screenshots; with UPDATE_DOCS_SCREENSHOTS=1, also in
 * docs/screenshots for the README.
 */
export const screenshot = async (page: Page, name: string) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // no hover or focus tooltip in the picture
  await page.mouse.move(1279, 799);
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.waitForTimeout(300);
  await page.screenshot({ path: file });
  if (process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    copyFileSync(file, path.join(DOCS_SCREENSHOTS, `${name}.png`));
  }
};

/** The notification Strapi shows at the top of the page. */
export const notification = (page: Page, text: string | RegExp) =>
  page
    .getByRole('status')
    .filter({ hasText: text })
    .or(page.getByRole('alert').filter({ hasText: text }))
    .first();

/**
 * Waits for Strapi's notification with `text`, then closes it as a user would: the notification
 * sits at the top of the page over the header's buttons, and one the pointer rests on never times
 * out, so left open it would take the next click meant for the page.
 */
export const expectNotification = async (page: Page, text: string | RegExp) => {
  await expectVisible(notification(page, text));
  const toast = page.locator('[data-sonner-toast]').filter({ hasText: text });
  await toast.getByRole('button', { name: 'Close' }).click();
  await toast.waitFor({ state: 'detached' });
};

/** Waits for the element to show; fails the test when it does not within the page's timeout. */
export const expectVisible = async (locator: Locator) => {
  await locator.waitFor({ state: 'visible' });
};

/** Waits for an input to hold `value` (set after a load); fails the test with what it held. */
export const expectValue = async (locator: Locator, value: string, timeout = 20_000) => {
  const held = await pollUntil(
    () => locator.inputValue(),
    (answer) => answer === value,
    { timeoutMs: timeout, intervalMs: 200 }
  );
  if (held !== value) throw new Error(`expected the input to hold "${value}", not "${held}"`);
};

/** Strapi's guided tours open over a page on its first visit: skips one if it opens. */
export const skipGuidedTour = async (page: Page) => {
  const skip = page.getByRole('button', { name: 'Skip', exact: true });
  const opened = await skip
    .waitFor({ state: 'visible', timeout: 5000 })
    .then(() => true)
    .catch(() => false);
  if (opened) await skip.click();
};
