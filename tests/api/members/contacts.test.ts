import { asAdmin, createSuperAdmin } from '../../helpers/admin';
import { useTestApp } from '../../helpers/strapi';
import {
  accountRowOf,
  addGuest,
  API,
  as,
  logIn,
  signUp,
  switchTo,
  type Session,
} from '../../helpers/users';

// Each test makes the users and accounts it needs, so that it passes alone and in any order.
let seq = 0;

const memberships = () => app.strapi.db.query('plugin::multi-account.membership');
const users = () => app.strapi.db.query('plugin::users-permissions.user');

/** A new user with an account of their own; `name` gets a number to stay unique in the file. */
const newUser = (name: string) => signUp(app, `${name}${++seq}`);

/** An owner, and a manager: a guest of the owner's account holding `contacts` and `support`. */
const accountWithManager = async () => {
  const owner = await newUser('owen');
  const mia = await newUser('mia');
  await addGuest(app, owner, mia, ['contacts', 'support']);
  return { owner, manager: await switchTo(app, mia, owner.account.documentId) };
};

/** Registers a contact of the owner's account through the API; answers its `Member`. */
const addContact = async (owner: Session, name: string, permissions: string[]) => {
  const username = `${name}${++seq}`;
  const res = await as(app, owner)
    .post(`${API}/contacts`)
    .send({ email: `${username}@example.com`, username, password: 'Password123', permissions });
  if (res.status !== 201)
    throw new Error(`contact ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { documentId: string; email: string; user: { username: string } };
};

const rowOf = async (session: Session, email: string) => {
  const res = await as(app, session).get(`${API}/contacts?pageSize=100`);
  return res.body.data.find((m: { email: string }) => m.email === email);
};

// every request comes from one address: the per-IP caps would count the whole file
const app = useTestApp({
  rateLimits: {
    window: 3600,
    invitationsPerAccount: 1000,
    invitationsPerInviter: 1000,
    invitationsPerIp: 1000,
    contactsPerIp: 1000,
    acceptsPerIp: 1000,
  },
});

describe('listing', () => {
  test("lists the active account's owner, contacts and guests with their details", async () => {
    const { owner, manager } = await accountWithManager();
    const res = await as(app, owner).get(`${API}/contacts`);
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 2 });
    const [ownerRow, guestRow] = res.body.data;
    expect(ownerRow).toMatchObject({
      type: 'owner',
      status: 'active',
      email: owner.user.email,
      user: {
        id: owner.user.id,
        documentId: owner.user.documentId,
        username: owner.user.username,
        email: owner.user.email,
      },
      account: {
        documentId: owner.account.documentId,
        number: owner.account.number,
        name: owner.user.username,
      },
    });
    expect(guestRow).toMatchObject({
      type: 'guest',
      status: 'active',
      email: manager.user.email,
      permissions: ['support', 'contacts'],
    });
    expect(Date.parse(guestRow.createdAt)).not.toBeNaN();
  });

  test('filters by status and type', async () => {
    const { owner } = await accountWithManager();
    const owners = await as(app, owner).get(`${API}/contacts?type=owner`);
    expect(owners.body.data.map((m: { email: string }) => m.email)).toEqual([owner.user.email]);
    const inactive = await as(app, owner).get(`${API}/contacts?status=inactive`);
    expect(inactive.body.data).toEqual([]);
    const bad = await as(app, owner).get(`${API}/contacts?status=deleted`);
    expect(bad.status).toBe(400);
  });

  test('needs the contacts permission', async () => {
    const owner = await newUser('owen');
    const sue = await newUser('sue');
    await addGuest(app, owner, sue, ['support']);
    const res = await as(app, sue, owner.account.documentId).get(`${API}/contacts`);
    expect(res.status).toBe(403);
  });
});

test('reads one member of the active account', async () => {
  const { owner, manager } = await accountWithManager();
  const row = await rowOf(owner, manager.user.email);
  const res = await as(app, owner).get(`${API}/contacts/${row.documentId}`);
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual(row);
});

describe('registering a contact', () => {
  test('creates an active contact user who can log in and act for the account', async () => {
    const owner = await newUser('owen');
    const username = `carl${++seq}`;
    const res = await as(app, owner)
      .post(`${API}/contacts`)
      .send({
        email: `${username.toUpperCase()}@Example.com`,
        username,
        password: 'Password123',
        permissions: ['billing'],
      });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      type: 'contact',
      status: 'active',
      permissions: ['billing'],
      email: `${username}@example.com`,
      user: { username, email: `${username}@example.com` },
    });
    const login = await logIn(app, `${username}@example.com`);
    expect(login.status).toBe(200);
    expect(login.body.activeAccount).toEqual({
      ...owner.account,
      type: 'contact',
      permissions: ['billing'],
    });
    expect(login.body.accounts).toHaveLength(1); // contacts get no personal account
  });

  test('answers 409 when the email or username is taken', async () => {
    const owner = await newUser('owen');
    const other = await newUser('otto');
    const email = await as(app, owner)
      .post(`${API}/contacts`)
      .send({
        email: other.user.email,
        username: `${other.user.username}x`,
        password: 'Password123',
        permissions: [],
      });
    expect(email.status).toBe(409);
    // one message for both, as users-permissions answers, so neither can be probed alone
    expect(email.body.error).toMatchObject({
      status: 409,
      message: 'Email or Username are already taken',
    });
    const username = await as(app, owner)
      .post(`${API}/contacts`)
      .send({
        email: `new${++seq}@example.com`,
        username: other.user.username,
        password: 'Password123',
        permissions: [],
      });
    expect(username.status).toBe(409);
    expect(username.body.error.message).toBe('Email or Username are already taken');
  });

  test('answers 409 for an email that already has an open invitation to the account', async () => {
    const owner = await newUser('owen');
    const email = `iris${++seq}@example.com`;
    const invited = await as(app, owner)
      .post(`${API}/invitations`)
      .send({ email, permissions: [] });
    expect(invited.status).toBe(201);
    const res = await as(app, owner)
      .post(`${API}/contacts`)
      .send({
        email,
        username: `iris${seq}`,
        password: 'Password123',
        permissions: [],
      });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('This email already has an open invitation to the account');
  });

  test('validates the body and writes nothing on bad input', async () => {
    const owner = await newUser('owen');
    const before = await memberships().count();
    const cases = [
      { email: 'not-an-email', username: 'valid', password: 'Password123' },
      { email: 'x@example.com', username: 'ab', password: 'Password123' },
      { email: 'x@example.com', username: 'valid', password: '123' },
      { email: 'x@example.com', username: 'valid', password: 'Password123', permissions: ['root'] },
      { email: 'x@example.com', username: 'valid', password: 'Password123', type: 'owner' },
      { email: ['x@example.com'], username: 'valid', password: 'Password123' },
    ];
    for (const body of cases) {
      const res = await as(app, owner).post(`${API}/contacts`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
    }
    expect(await memberships().count()).toBe(before);
    expect(await users().count({ where: { username: 'valid' } })).toBe(0);
  });

  test('a member cannot grant keys they do not hold', async () => {
    const { manager } = await accountWithManager();
    const username = `eve${++seq}`;
    const res = await as(app, manager)
      .post(`${API}/contacts`)
      .send({
        email: `${username}@example.com`,
        username,
        password: 'Password123',
        permissions: ['billing'],
      });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/billing/);
    expect(await users().count({ where: { username } })).toBe(0);
  });
});

describe('changing a member', () => {
  test('changes permissions and suspends or reactivates', async () => {
    const owner = await newUser('owen');
    const carl = await addContact(owner, 'carl', ['billing']);
    const res = await as(app, owner)
      .patch(`${API}/contacts/${carl.documentId}`)
      .send({ permissions: ['billing', 'support'] });
    expect(res.status).toBe(200);
    expect(res.body.data.permissions).toEqual(['billing', 'support']);
    const suspended = await as(app, owner)
      .patch(`${API}/contacts/${carl.documentId}`)
      .send({ status: 'inactive' });
    expect(suspended.body.data).toMatchObject({
      status: 'inactive',
      permissions: ['billing', 'support'],
    });
    const back = await as(app, owner)
      .patch(`${API}/contacts/${carl.documentId}`)
      .send({ status: 'active' });
    expect(back.body.data.status).toBe('active');
  });

  test("refuses the owner's row, one's own row and keys the actor lacks", async () => {
    const { owner, manager } = await accountWithManager();
    const carl = await addContact(owner, 'carl', ['billing', 'support']);
    const ownerRow = await rowOf(owner, owner.user.email);
    const own = await rowOf(owner, manager.user.email);
    const cases = [
      [ownerRow.documentId, { permissions: [] }, "An owner's access cannot be changed here"],
      [ownerRow.documentId, { status: 'inactive' }, "An owner's access cannot be changed here"],
      [
        own.documentId,
        { permissions: ['contacts', 'support', 'billing'] },
        'You cannot change your own access',
      ],
      // carl holds billing, which the manager does not: the manager cannot act on carl at all
      [
        carl.documentId,
        { permissions: ['support'] },
        'This member holds permissions you do not hold: billing',
      ],
      [
        carl.documentId,
        { status: 'inactive' },
        'This member holds permissions you do not hold: billing',
      ],
    ] as const;
    for (const [documentId, body, message] of cases) {
      const res = await as(app, manager).patch(`${API}/contacts/${documentId}`).send(body);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(message);
    }
    const unchanged = await memberships().findOne({ where: { documentId: carl.documentId } });
    expect(unchanged).toMatchObject({ status: 'active', permissions: ['billing', 'support'] });
  });

  test('a member changes the keys they hold of a member whose keys are all theirs', async () => {
    const { owner, manager } = await accountWithManager();
    const sue = (await addContact(owner, 'suzanne', ['support'])).documentId;
    const granted = await as(app, manager)
      .patch(`${API}/contacts/${sue}`)
      .send({ permissions: ['support', 'contacts'] });
    expect(granted.status).toBe(200);
    expect(granted.body.data.permissions).toEqual(['support', 'contacts']);
    const beyond = await as(app, manager)
      .patch(`${API}/contacts/${sue}`)
      .send({ permissions: ['support', 'security'] });
    expect(beyond.status).toBe(403);
    expect(beyond.body.error.message).toBe(
      'You cannot grant or withdraw permissions you do not hold: security'
    );
  });

  test('a key no longer in the catalogue neither counts against a manager nor shows', async () => {
    const { owner, manager } = await accountWithManager();
    const carl = (await addContact(owner, 'carl', ['support', 'reports'])).documentId;
    const ivy = await newUser('ivy');
    const invited = await as(app, owner)
      .post(`${API}/invitations`)
      .send({ email: ivy.user.email, permissions: ['billing', 'reports'] });
    expect(invited.status).toBe(201);
    const catalogue = app.strapi.config.get('plugin::multi-account.permissions');
    // the host app dropped its own key from the config, as a new boot would read it
    app.strapi.config.set('plugin::multi-account.permissions', []);
    try {
      const shown = await as(app, owner).get(`${API}/contacts/${carl}`);
      expect(shown.body.data.permissions).toEqual(['support']);
      const mine = await as(app, ivy).get(`${API}/me/invitations`);
      expect(mine.body.data.map((i: { permissions: string[] }) => i.permissions)).toEqual([
        ['billing'],
      ]);
      // carl's keys are all the manager's now: the manager may change them
      const changed = await as(app, manager)
        .patch(`${API}/contacts/${carl}`)
        .send({ permissions: ['support', 'contacts'] });
      expect([changed.status, changed.body.data?.permissions]).toEqual([
        200,
        ['support', 'contacts'],
      ]);
    } finally {
      app.strapi.config.set('plugin::multi-account.permissions', catalogue);
    }
  });

  test('a change that changes nothing writes and audits nothing', async () => {
    const owner = await newUser('owen');
    const carl = await addContact(owner, 'carl', ['billing', 'support']);
    const audited = () =>
      app.strapi.db
        .query('plugin::multi-account.audit-log')
        .count({ where: { action: 'membership.updated' } });
    const before = await audited();
    for (const body of [
      { status: 'active' },
      { permissions: ['support', 'billing'] },
      { status: 'active', permissions: ['billing', 'support'] },
    ]) {
      const res = await as(app, owner).patch(`${API}/contacts/${carl.documentId}`).send(body);
      expect([res.status, res.body.data.permissions]).toEqual([200, ['billing', 'support']]);
    }
    expect(await audited()).toBe(before);
  });

  test('rejects unknown keys, empty changes and mass assignment with a 400', async () => {
    const owner = await newUser('owen');
    const carl = await addContact(owner, 'carl', ['billing', 'support']);
    for (const body of [
      { permissions: ['billing', 'root'] },
      {},
      // `type` makes or unmakes owners (tests/api/members/owners.test.ts), alone and to these two
      { type: 'guest' },
      { type: 'owner', permissions: ['billing'] },
      { accountId: 1 },
      { status: 'pending' },
      { permissions: 'billing' },
    ]) {
      const res = await as(app, owner).patch(`${API}/contacts/${carl.documentId}`).send(body);
      expect(res.status).toBe(400);
    }
    const row = await memberships().findOne({ where: { documentId: carl.documentId } });
    expect(row).toMatchObject({
      type: 'contact',
      status: 'active',
      permissions: ['billing', 'support'],
    });
  });
});

describe('isolation', () => {
  test("another account's member is 404 for change, removal and resend, and never listed", async () => {
    const owner = await newUser('owen');
    const other = await newUser('otto');
    const theirs = await rowOf(other, other.user.email);
    expect(theirs).toBeDefined();
    for (const [method, path, body] of [
      ['get', `${API}/contacts/${theirs.documentId}`, undefined],
      ['patch', `${API}/contacts/${theirs.documentId}`, { permissions: [] }],
      ['delete', `${API}/contacts/${theirs.documentId}`, undefined],
      ['post', `${API}/contacts/${theirs.documentId}/resend`, undefined],
    ] as const) {
      const res = await as(app, owner)[method](path).send(body);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe('Member not found');
    }
    const listed = await as(app, owner).get(`${API}/contacts?pageSize=100`);
    expect(listed.body.data.map((m: { email: string }) => m.email)).not.toContain(other.user.email);
    expect(await memberships().findOne({ where: { documentId: theirs.documentId } })).toMatchObject(
      { status: 'active' }
    );
  });

  test('X-Account of an account the user is not in does not reach it', async () => {
    const owner = await newUser('owen');
    const other = await newUser('otto');
    const res = await as(app, owner, other.account.documentId).get(`${API}/contacts`);
    expect(res.status).toBe(403);
  });
});

describe('removing access', () => {
  test('removes a member, who is refused on the next request', async () => {
    const owner = await newUser('owen');
    const carl = await addContact(owner, 'carl', ['billing']);
    const carlLogin = (await logIn(app, carl.user.username)).body;
    const res = await as(app, owner).delete(`${API}/contacts/${carl.documentId}`);
    expect(res.status).toBe(204);
    expect(await memberships().findOne({ where: { documentId: carl.documentId } })).toBeNull();
    const me = await as(app, { jwt: carlLogin.jwt }).get(`${API}/me`);
    expect(me.body.data.account).toBeNull();
    const invoices = await as(app, { jwt: carlLogin.jwt }).get('/api/invoices');
    expect(invoices.status).toBe(403);
  });

  test('a member who is not an owner cannot remove an owner', async () => {
    const { owner, manager } = await accountWithManager();
    const ownerRow = await rowOf(owner, owner.user.email);
    const res = await as(app, manager).delete(`${API}/contacts/${ownerRow.documentId}`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Only an owner can remove another owner');
  });

  test('the last owner cannot be removed, even by an admin who may remove owners', async () => {
    // two owners; an admin is held by neither the own-row nor the owner-only rule, so only the
    // last-owner rule can refuse the second removal
    const owner = await newUser('owen');
    const second = await newUser('olga');
    await addGuest(app, owner, second, []);
    const account = await accountRowOf(app, owner.account);
    await memberships().update({
      where: { accountId: account.id, userId: second.user.id },
      data: { type: 'owner' },
    });
    const admin = asAdmin(app, await createSuperAdmin(app, `admin${++seq}@example.com`));
    const members = `/accounts/${owner.account.documentId}/members`;
    const ownerRow = await rowOf(owner, owner.user.email);
    const secondRow = await rowOf(owner, second.user.email);

    expect((await admin.delete(`${members}/${secondRow.documentId}`)).status).toBe(204);
    const res = await admin.delete(`${members}/${ownerRow.documentId}`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('An account must keep at least one owner');
    expect(
      await memberships().findOne({ where: { documentId: ownerRow.documentId } })
    ).toMatchObject({ type: 'owner', status: 'active' });
  });
});

test('every change is in the audit trail, with who did it and for which account', async () => {
  const { owner } = await accountWithManager();
  const carl = await addContact(owner, 'carl', ['billing']);
  await as(app, owner)
    .patch(`${API}/contacts/${carl.documentId}`)
    .send({ permissions: ['support'] });
  await as(app, owner).delete(`${API}/contacts/${carl.documentId}`);

  const account = await accountRowOf(app, owner.account);
  const entries = await app.strapi.db
    .query('plugin::multi-account.audit-log')
    .findMany({ where: { accountId: account.id }, orderBy: { id: 'asc' } });
  expect(entries.map((e: { action: string }) => e.action)).toEqual([
    'account.created',
    'invitation.created',
    'invitation.accepted',
    'membership.created',
    'membership.updated',
    'membership.removed',
  ]);
  const removal = entries.find((e: { action: string }) => e.action === 'membership.removed');
  expect(removal).toMatchObject({ actorType: 'user', actorId: owner.user.id });
});
