import type { Browser, Page } from 'playwright-core';
import {
  expectNotification,
  expectVisible,
  goTo,
  launch,
  logIn,
  screenshot,
} from './support/browser';
import { ADMIN } from './support/seed';

// The other browser tests run on the same app: this file changes only what they do not look at
// (the template, the lifetime, the label of `security`).
describe('admin panel: Settings → Multi-account', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await logIn(browser, ADMIN);
    await goTo(page, '/settings/multi-account');
  });

  afterAll(async () => {
    await browser?.close();
  });

  const preview = () => page.getByTestId('email-preview');

  it('shows the template, its placeholders and a preview with sample values', async () => {
    await expectVisible(page.getByRole('heading', { name: 'Invitation email' }));
    await expectVisible(page.getByText('{{ accept_url }}', { exact: true }));
    await expectVisible(preview().getByText('You are invited to act for Acme Corp'));
    await screenshot(page, 'settings');
  });

  it('previews edits live, before they are saved', async () => {
    await page.getByLabel('Subject').fill('{{ inviter_name }} needs you at {{ account_name }}');
    await expectVisible(
      preview().getByTestId('preview-subject').getByText('Jane Owner needs you at Acme Corp')
    );
    await page
      .getByLabel('HTML body')
      .fill('<h1>Welcome, {{ invitee_email }}</h1><script>document.title="x"</script>');
    const frame = page.frameLocator('iframe[title="HTML preview"]');
    await expectVisible(frame.getByRole('heading', { name: 'Welcome, guest@example.com' }));

    await page.getByLabel('Subject').fill('Hello {{ password }}');
    await expectVisible(preview().getByRole('alert'));
  });

  it('saves the template and sends a test email', async () => {
    await page.getByLabel('Subject').fill('Join {{ account_name }} now');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await expectNotification(page, 'Email template saved');

    await page.getByLabel('Send a test to').fill('inbox@example.com');
    await page.getByRole('button', { name: 'Send test email' }).click();
    await expectNotification(page, 'Test email sent to inbox@example.com');

    await page.reload();
    await expectVisible(preview().getByText('Join Acme Corp now'));
  });

  it('changes the invitation lifetime and a permission label', async () => {
    await page.getByLabel('Invitation lifetime (hours)').fill('72');
    await page.getByLabel('Label of security').fill('Security team');
    await page.getByRole('button', { name: 'Save' }).last().click();
    await expectNotification(page, 'Settings saved');
    await page.reload();
    await expectVisible(page.getByLabel('Label of security'));
    expect(await page.getByLabel('Label of security').inputValue()).toBe('Security team');
    expect(await page.getByLabel('Invitation lifetime (hours)').inputValue()).toBe('72');
  });
});
