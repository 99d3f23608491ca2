import type { AdminSettings, PermissionDefinition } from '../../shared/contracts';
import { useTestApp } from '../helpers/strapi';
import { asAdmin, createSuperAdmin } from '../helpers/admin';
import { signUp, type Session } from '../helpers/users';

const HOUR = 3600 * 1000;

describe('admin: settings', () => {
  let admin: ReturnType<typeof asAdmin>;
  let owner: Session;

  const app = useTestApp({ invitationTtl: 2 * 3600 });

  beforeAll(async () => {
    admin = asAdmin(app, await createSuperAdmin(app));
    owner = await signUp(app, 'settingsowner');
  });

  const expiresInHours = async (email: string) => {
    const invitation = await app.strapi.db
      .query('plugin::multi-account.invitation')
      .findOne({ where: { email } });
    return (new Date(invitation.expiresAt).getTime() - Date.now()) / HOUR;
  };

  it('starts from the config: its lifetime and the catalogue with default and host-app keys', async () => {
    const res = await admin.get('/settings');
    expect(res.status).toBe(200);
    const settings = res.body.data as AdminSettings;
    expect(settings.invitationTtlHours).toBe(2);
    expect(settings.defaultInvitationTtlHours).toBe(2);
    expect(settings.permissionLabels).toEqual({});
    expect(settings.catalogue.map((p) => p.key)).toEqual([
      'billing',
      'support',
      'provisioning',
      'configuration',
      'security',
      'contacts',
      'reports',
    ]);
    expect(settings.catalogue.at(-1)).toEqual({
      key: 'reports',
      label: 'Reports',
      defaultLabel: 'Reports',
    });

    await admin
      .post(`/accounts/${owner.account.documentId}/invitations`)
      .send({ email: 'before@example.com', permissions: [] });
    expect(await expiresInHours('before@example.com')).toBeCloseTo(2, 1);
  });

  it('stores a new invitation lifetime that the next invitations use', async () => {
    const current = (await admin.get('/settings')).body.data as AdminSettings;
    await admin
      .post(`/accounts/${owner.account.documentId}/invitations`)
      .send({ email: 'earlier@example.com', permissions: [] });

    const res = await admin.put('/settings').send({ invitationTtlHours: 72, permissionLabels: {} });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ invitationTtlHours: 72, defaultInvitationTtlHours: 2 });

    await admin
      .post(`/accounts/${owner.account.documentId}/invitations`)
      .send({ email: 'after@example.com', permissions: [] });
    expect(await expiresInHours('after@example.com')).toBeCloseTo(72, 1);
    // the invitations already sent keep theirs
    expect(await expiresInHours('earlier@example.com')).toBeCloseTo(current.invitationTtlHours, 1);
  });

  it('relabels permission keys in the catalogue the admin panel reads', async () => {
    const res = await admin.put('/settings').send({
      invitationTtlHours: 72,
      permissionLabels: { billing: 'Invoices', reports: 'Reports' },
    });
    expect(res.status).toBe(200);
    // a label equal to the config's is not stored
    expect(res.body.data.permissionLabels).toEqual({ billing: 'Invoices' });

    const catalogue = (await admin.get('/permissions')).body.data as PermissionDefinition[];
    expect(catalogue[0]).toEqual({ key: 'billing', label: 'Invoices' });
    expect(catalogue.find((p) => p.key === 'reports')).toEqual({
      key: 'reports',
      label: 'Reports',
    });
    // the keys stay those of the config
    expect(catalogue).toHaveLength(7);
  });

  it('refuses unknown keys, a lifetime out of range and unknown fields', async () => {
    const before = (await admin.get('/settings')).body.data as AdminSettings;
    const unknown = await admin
      .put('/settings')
      .send({ invitationTtlHours: 24, permissionLabels: { root: 'Root' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('root');
    expect(
      (await admin.put('/settings').send({ invitationTtlHours: 0, permissionLabels: {} })).status
    ).toBe(400);
    expect(
      (await admin.put('/settings').send({ invitationTtlHours: 1.5, permissionLabels: {} })).status
    ).toBe(400);
    expect(
      (
        await admin
          .put('/settings')
          .send({ invitationTtlHours: 24, permissionLabels: {}, extra: 1 })
      ).status
    ).toBe(400);
    expect((await admin.get('/settings')).body.data).toEqual(before);
  });

  it('previews a template with the sample values, HTML-escaped, without saving it', async () => {
    const res = await admin.post('/settings/email-template/preview').send({
      subject: 'Join {{ account_name }}',
      html: '<p>{{ inviter_name }} &mdash; <a href="{{ accept_url }}">go</a></p>',
      text: 'Hi {{invitee_email}}',
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      subject: 'Join Acme Corp',
      html: '<p>Jane Owner &mdash; <a href="https://example.com/invitations/accept?token=sample">go</a></p>',
      text: 'Hi guest@example.com',
    });
    const saved = await admin.get('/settings/email-template');
    expect(saved.body.data.template.subject).toBe('You are invited to act for {{ account_name }}');

    const bad = await admin
      .post('/settings/email-template/preview')
      .send({ subject: '{{ password }}', html: '', text: '' });
    expect(bad.status).toBe(400);
  });

  it('saves a template that the next invitation and the test email use', async () => {
    const template = {
      subject: 'Welcome to {{ account_name }}',
      html: '<p>No. {{ account_number }}</p>',
      text: 'No. {{ account_number }}',
    };
    expect((await admin.put('/settings/email-template').send(template)).status).toBe(200);

    const sent = app.smtp.messages.length;
    await admin
      .post(`/accounts/${owner.account.documentId}/invitations`)
      .send({ email: 'templated@example.com', permissions: [] });
    const mail = await app.smtp.waitFor('templated@example.com', sent);
    expect(mail.subject).toBe('Welcome to settingsowner');
    expect(mail.text.trim()).toBe(`No. ${owner.account.number}`);

    const test = await admin
      .post('/settings/email-template/test')
      .send({ to: 'Admin.Inbox@example.com' });
    expect(test.status).toBe(200);
    const testMail = await app.smtp.waitFor('admin.inbox@example.com', sent);
    expect(testMail.subject).toBe('Welcome to Acme Corp');
  });

  it('a mail server refusing the message answers 502 with what it said, not a 500', async () => {
    app.smtp.failDeliveries(true);
    try {
      const res = await admin
        .post('/settings/email-template/test')
        .send({ to: 'inbox@example.com' });
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({
        data: null,
        error: { status: 502, details: { provider: 'nodemailer' } },
      });
      expect(res.body.error.message).toMatch(
        /^The email could not be sent: the email provider \(nodemailer\) failed: .*Mailbox unavailable/
      );
    } finally {
      app.smtp.failDeliveries(false);
    }
  });
});

describe('admin: the test email with the mail server down', () => {
  let admin: ReturnType<typeof asAdmin>;

  const app = useTestApp();

  beforeAll(async () => {
    admin = asAdmin(app, await createSuperAdmin(app));
  });

  it('a mail server that is not listening answers 502 with the reason, not a 500', async () => {
    // the email provider's port is closed from now on
    await app.smtp.close();
    const res = await admin.post('/settings/email-template/test').send({ to: 'inbox@example.com' });
    expect(res.status).toBe(502);
    expect(res.body.error.name).toBe('BadGatewayError');
    expect(res.body.error.message).toMatch(/\(nodemailer\) failed: .*ECONNREFUSED/);
    expect(res.body.error.details.reason).toMatch(/ECONNREFUSED/);
  });
});
