'use strict';

/**
 * The demo data, created through the running app's HTTP API (Strapi's admin registration,
 * users-permissions sign-up and the plugin's routes), so it is exactly what the product makes.
 */

const PASSWORD = 'Demo12345';

const ADMIN = {
  email: 'admin@example.com',
  password: 'DemoAdmin123',
  firstname: 'Demo',
  lastname: 'Admin',
};

const OWNER = { username: 'owner', email: 'owner@example.com' };
const GUEST = { username: 'guest', email: 'guest@example.com' };
// a sign-up's account is named after its user; the admin gives the demo's theirs
const ACCOUNT_NAMES = { owner: 'Acme Corp', guest: 'Globex' };
const CONTACTS = [
  { username: 'contact1', email: 'contact1@example.com', permissions: ['billing', 'support'] },
  {
    username: 'contact2',
    email: 'contact2@example.com',
    permissions: ['contacts', 'provisioning'],
  },
];
const GUEST_PERMISSIONS = ['support'];
const INVITEE = { email: 'invitee@example.com', permissions: ['billing', 'reports'] };

const INVOICES = {
  owner: [
    { title: 'INV-1001 Hosting, March', amount: 120, dueDate: '2026-04-01' },
    { title: 'INV-1002 Domains', amount: 36.5, dueDate: '2026-04-15' },
    { title: 'INV-1003 Hosting, April', amount: 120, dueDate: '2026-05-01' },
  ],
  guest: [{ title: 'INV-2001 Support plan', amount: 49, dueDate: '2026-04-10' }],
};

/** What each demo login is, for the terminal and the README. */
const LOGINS = [
  {
    email: OWNER.email,
    about: `owner of the account "${ACCOUNT_NAMES.owner}": two contacts, a guest, an open invitation and 3 invoices`,
  },
  ...CONTACTS.map((c) => ({
    email: c.email,
    about: `contact of "${ACCOUNT_NAMES.owner}" (${c.permissions.join(', ')})`,
  })),
  {
    email: GUEST.email,
    about: `owner of the account "${ACCOUNT_NAMES.guest}" (1 invoice), guest of "${ACCOUNT_NAMES.owner}" (${GUEST_PERMISSIONS.join(', ')})`,
  },
  {
    email: INVITEE.email,
    about: `not registered: invited to "${ACCOUNT_NAMES.owner}"; sign up with this email to see the invitation`,
  },
];

/** A small JSON client for the app; any answer but 2xx throws with Strapi's error message. */
const client =
  (baseUrl) =>
  async (method, path, { body, token } = {}) => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const reason = (data && data.error && data.error.message) || text;
      throw new Error(`${method} ${path} answered ${response.status}: ${reason}`);
    }
    return data;
  };

/** Seeds a new demo database; answers the accounts created, for the terminal. */
const seed = async (baseUrl) => {
  const call = client(baseUrl);

  // the first Strapi admin, as the admin panel's sign-up page creates it
  const { data: init } = await call('GET', '/admin/init');
  const { data: session } = init.hasAdmin
    ? await call('POST', '/admin/login', { body: { email: ADMIN.email, password: ADMIN.password } })
    : await call('POST', '/admin/register-admin', { body: ADMIN });

  // users-permissions: sign-ups need no email confirmation
  const { settings } = await call('GET', '/users-permissions/advanced', { token: session.token });
  await call('PUT', '/users-permissions/advanced', {
    token: session.token,
    body: { ...settings, email_confirmation: false },
  });

  const signUp = (user) =>
    call('POST', '/api/auth/local/register', { body: { ...user, password: PASSWORD } });

  // the owner and the guest sign up, each with an account of their own (named after the user),
  // which the admin renames; then the owner registers two contacts
  const owner = await signUp(OWNER);
  const guest = await signUp(GUEST);
  const named = [];
  for (const [user, name] of [
    [owner, ACCOUNT_NAMES.owner],
    [guest, ACCOUNT_NAMES.guest],
  ]) {
    const { documentId, number } = user.activeAccount;
    await call('PUT', `/multi-account/accounts/${documentId}`, {
      token: session.token,
      body: { name },
    });
    named.push({ documentId, number, name });
  }
  for (const contact of CONTACTS) {
    await call('POST', '/api/multi-account/contacts', {
      token: owner.jwt,
      body: { ...contact, password: PASSWORD },
    });
  }

  // the guest, who signed up above (their own account), is invited to the owner's and accepts
  await call('POST', '/api/multi-account/invitations', {
    token: owner.jwt,
    body: { email: GUEST.email, permissions: GUEST_PERMISSIONS },
  });
  const { data: invitations } = await call('GET', '/api/multi-account/me/invitations', {
    token: guest.jwt,
  });
  const invitation = invitations.find(
    (i) => i.account.documentId === owner.activeAccount.documentId
  );
  if (!invitation)
    throw new Error(`${GUEST.email} does not see the invitation to ${ACCOUNT_NAMES.owner}`);
  await call('POST', `/api/multi-account/me/invitations/${invitation.documentId}/accept`, {
    token: guest.jwt,
    body: {},
  });

  // an invitation left open, to an email nobody has signed up with yet
  await call('POST', '/api/multi-account/invitations', { token: owner.jwt, body: INVITEE });

  // invoices, an account-scoped type: filed by the admin in the Content Manager, each under its
  // account, and each account's members with \`billing\` see only their own at GET /api/invoices
  const { data: accounts } = await call('GET', '/multi-account/accounts?pageSize=100', {
    token: session.token,
  });
  for (const [account, invoices] of [
    [owner.activeAccount, INVOICES.owner],
    [guest.activeAccount, INVOICES.guest],
  ]) {
    const { id } = accounts.find((a) => a.documentId === account.documentId);
    for (const invoice of invoices) {
      await call('POST', '/content-manager/collection-types/api::invoice.invoice', {
        token: session.token,
        body: { ...invoice, multiAccountId: id },
      });
    }
  }

  return { accounts: named };
};

module.exports = { ADMIN, LOGINS, PASSWORD, client, seed };
