import { useTestApp } from '../../helpers/strapi';
import {
  accountRowOf,
  addGuest,
  API,
  as,
  newSession,
  signUp,
  tokenFrom,
  type Session,
} from '../../helpers/users';

// Rules of the membership model that each test below proves by what a user sees. Each test makes
// the users and accounts it needs, so that it passes alone and in any order.
let seq = 0;

// every request comes from one address: only the per-inviter cap is low, and tested below
const app = useTestApp({
  rateLimits: {
    window: 3600,
    invitationsPerAccount: 1000,
    invitationsPerInviter: 3,
    invitationsPerIp: 1000,
    invitationsTotal: 1000,
    contactsPerAccount: 1000,
    contactsPerIp: 1000,
    acceptsPerIp: 1000,
  },
});

const memberships = () => app.strapi.db.query('plugin::multi-account.membership');
const invitations = () => app.strapi.db.query('plugin::multi-account.invitation');
const auditLog = () => app.strapi.db.query('plugin::multi-account.audit-log');
const users = () => app.strapi.db.query('plugin::users-permissions.user');

/** A new user with an account of their own; `name` gets a number to stay unique in the file. */
const newUser = (name: string) => signUp(app, `${name}${++seq}`);

const accountIdOf = async (session: Session): Promise<number> =>
  (await accountRowOf(app, session.account)).id;

/** Registers a contact of the owner's account holding `permissions`; answers its `Member`. */
const addContact = async (owner: Session, name: string, permissions: string[]) => {
  const username = `${name}${++seq}`;
  const res = await as(app, owner)
    .post(`${API}/contacts`)
    .send({ email: `${username}@example.com`, username, password: 'Password123', permissions });
  if (res.status !== 201)
    throw new Error(`contact ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { documentId: string; email: string };
};

/** A contact of the owner's account holding `permissions`, logged in: it acts for that account. */
const memberOf = async (owner: Session, permissions: string[]) =>
  newSession(app, (await addContact(owner, 'mia', permissions)).email);

/** `inviter` invites `email` to their active account; answers the answer and the emailed token. */
const invite = async (inviter: Session, email: string, permissions: string[]) => {
  const since = app.smtp.messages.length;
  const res = await as(app, inviter).post(`${API}/invitations`).send({ email, permissions });
  expect(res.status).toBe(201);
  return { res, token: tokenFrom(await app.smtp.waitFor(email, since)) };
};

/** The mails sent to `email` after the first `since` messages. */
const mailsTo = (email: string, since: number) =>
  app.smtp.messages.slice(since).filter((m) => m.to.includes(email));

describe('a member holding contacts acts only on what their own keys cover', () => {
  test('cannot remove a member holding a key they lack, and can remove one whose keys they hold', async () => {
    const owner = await newUser('owen');
    const manager = await memberOf(owner, ['contacts', 'support']);
    const billing = await addContact(owner, 'bill', ['billing']);
    const subset = await addContact(owner, 'sue', ['support']);

    const refused = await as(app, manager).delete(`${API}/contacts/${billing.documentId}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'This member holds permissions you do not hold: billing'
    );
    expect(
      await memberships().findOne({ where: { documentId: billing.documentId } })
    ).toMatchObject({ status: 'active', permissions: ['billing'] });

    const removed = await as(app, manager).delete(`${API}/contacts/${subset.documentId}`);
    expect(removed.status).toBe(204);
    expect(await memberships().findOne({ where: { documentId: subset.documentId } })).toBeNull();
  });

  test('cannot resend an invitation carrying a key they lack, and can resend one within their keys', async () => {
    const owner = await newUser('owen');
    const manager = await memberOf(owner, ['contacts']);
    const billingEmail = `billed${++seq}@example.com`;
    const contactsEmail = `helper${seq}@example.com`;
    const billing = (await invite(owner, billingEmail, ['billing'])).res.body.data;
    const within = (await invite(owner, contactsEmail, ['contacts'])).res.body.data;
    const invitationOf = async (documentId: string) => {
      const membership = await memberships().findOne({ where: { documentId } });
      return invitations().findOne({ where: { membershipId: membership.id, status: 'open' } });
    };
    const before = await invitationOf(billing.documentId);
    const since = app.smtp.messages.length;

    const refused = await as(app, manager)
      .post(`${API}/contacts/${billing.documentId}/resend`)
      .send({});
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'This member holds permissions you do not hold: billing'
    );
    const after = await invitationOf(billing.documentId);
    expect(after.tokenHash).toBe(before.tokenHash);
    expect(after.expiresAt).toEqual(before.expiresAt);
    expect(mailsTo(billingEmail, since)).toHaveLength(0);

    const openBefore = await invitationOf(within.documentId);
    const resent = await as(app, manager)
      .post(`${API}/contacts/${within.documentId}/resend`)
      .send({});
    expect(resent.status).toBe(200);
    expect((await invitationOf(within.documentId)).tokenHash).not.toBe(openBefore.tokenHash);
    await app.smtp.waitFor(contactsEmail, since);
  });

  test('cannot invite with a key they lack: nothing is created and no email is sent', async () => {
    const owner = await newUser('owen');
    const manager = await memberOf(owner, ['contacts']);
    const email = `escalate${++seq}@example.com`;
    const since = app.smtp.messages.length;

    const res = await as(app, manager)
      .post(`${API}/invitations`)
      .send({ email, permissions: ['billing'] });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You cannot grant or withdraw permissions you do not hold: billing'
    );
    expect(await memberships().count({ where: { email } })).toBe(0);
    expect(await invitations().count({ where: { email } })).toBe(0);
    expect(mailsTo(email, since)).toHaveLength(0);
  });
});

test('a suspended owner does not count as an owner: the only active owner cannot leave', async () => {
  const owner = await newUser('olga');
  const second = await newUser('omar');
  await addGuest(app, owner, second, []);
  const accountId = await accountIdOf(owner);
  // co-owners have no API yet: the second owner, suspended, is written straight to the database
  await memberships().update({
    where: { accountId, userId: second.user.id },
    data: { type: 'owner', status: 'inactive' },
  });

  const refused = await as(app, owner).delete(`${API}/me/accounts/${owner.account.documentId}`);
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toBe('An account must keep at least one owner');
  expect(
    await memberships().findOne({ where: { accountId, userId: owner.user.id } })
  ).toMatchObject({ type: 'owner', status: 'active' });

  // once the second owner is active again, the first may leave
  await memberships().update({
    where: { accountId, userId: second.user.id },
    data: { status: 'active' },
  });
  const left = await as(app, owner).delete(`${API}/me/accounts/${owner.account.documentId}`);
  expect(left.status).toBe(204);
});

test('an emailed link is refused once rejected, even after a re-invitation, whose new link works', async () => {
  const owner = await newUser('rita');
  const invitee = await newUser('rex');
  const first = await invite(owner, invitee.user.email, ['support']);
  const rejected = await as(app, invitee)
    .post(`${API}/invitations/reject`)
    .send({ token: first.token });
  expect(rejected.status).toBe(200);
  const again = await invite(owner, invitee.user.email, ['support']);
  const documentId = again.res.body.data.documentId;

  const old = await as(app, invitee).post(`${API}/invitations/accept`).send({ token: first.token });
  expect(old.status).toBe(410);
  expect(old.body.error.message).toBe('This invitation has expired or is no longer open');
  expect(await memberships().findOne({ where: { documentId } })).toMatchObject({
    status: 'invited',
    userId: null,
  });

  const fresh = await as(app, invitee)
    .post(`${API}/invitations/accept`)
    .send({ token: again.token });
  expect(fresh.status).toBe(200);
  expect(await memberships().findOne({ where: { documentId } })).toMatchObject({
    status: 'active',
    userId: invitee.user.id,
  });
});

test('one inviter is capped across every account they invite for, with Retry-After on the 429', async () => {
  const inviter = await newUser('ivan');
  const other = await newUser('iris');
  // the inviter manages the other account too (the other owner's invitation counts for her)
  await addGuest(app, other, inviter, ['contacts']);
  const own = as(app, inviter);
  const managed = as(app, inviter, other.account.documentId);
  const n = ++seq;
  const statuses: number[] = [];
  for (const [i, actingFor] of [own, managed, own].entries()) {
    const res = await actingFor
      .post(`${API}/invitations`)
      .send({ email: `capped${n}-${i}@example.com`, permissions: [] });
    statuses.push(res.status);
  }
  expect(statuses).toEqual([201, 201, 201]);

  const capped = await managed
    .post(`${API}/invitations`)
    .send({ email: `capped${n}-3@example.com`, permissions: [] });
  expect(capped.status).toBe(429);
  expect(capped.body.error).toMatchObject({ status: 429, name: 'RateLimitError' });
  expect(Number(capped.headers['retry-after'])).toBeGreaterThan(0);
  expect(await memberships().count({ where: { email: `capped${n}-3@example.com` } })).toBe(0);
});

test('an accept that meets an existing access to the account is a 409 and leaves the invitation open', async () => {
  const owner = await newUser('ada');
  const invitee = await newUser('abe');
  const { res, token } = await invite(owner, invitee.user.email, ['support']);
  const documentId = res.body.data.documentId;
  const accountId = await accountIdOf(owner);
  // the invitee reaches the account another way meanwhile: a row for the same (account, user)
  const existing = await memberships().create({
    data: {
      accountId,
      userId: invitee.user.id,
      email: `other-${invitee.user.email}`,
      type: 'contact',
      status: 'active',
      permissions: [],
    },
  });

  const conflict = await as(app, invitee).post(`${API}/invitations/accept`).send({ token });
  expect(conflict.status).toBe(409);
  expect(conflict.body.error.message).toBe('You already have access to this account');
  const membership = await memberships().findOne({ where: { documentId } });
  expect(membership).toMatchObject({ status: 'invited', userId: null });
  expect(await invitations().findOne({ where: { membershipId: membership.id } })).toMatchObject({
    status: 'open',
  });

  // once the other access is gone, the same link works
  await memberships().delete({ where: { id: existing.id } });
  const accepted = await as(app, invitee).post(`${API}/invitations/accept`).send({ token });
  expect(accepted.status).toBe(200);
  expect(await memberships().findOne({ where: { documentId } })).toMatchObject({
    status: 'active',
    userId: invitee.user.id,
  });
});

test('a member leaving an account is in the audit trail, with who left and which account', async () => {
  const owner = await newUser('lea');
  const guest = await newUser('leo');
  const { documentId } = await addGuest(app, owner, guest, ['support']);
  const membership = await memberships().findOne({ where: { documentId } });

  const res = await as(app, guest).delete(`${API}/me/accounts/${owner.account.documentId}`);
  expect(res.status).toBe(204);
  const entries = await auditLog().findMany({
    where: { action: 'membership.removed', membershipId: membership.id },
  });
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({
    actorType: 'user',
    actorId: guest.user.id,
    accountId: await accountIdOf(owner),
    details: { type: 'guest', left: true },
  });
});

test("inviting a member's new email, after they changed it, is a 409 and creates nothing", async () => {
  const owner = await newUser('nora');
  const guest = await newUser('ned');
  await addGuest(app, owner, guest, ['support']);
  const email = `renamed${++seq}@example.com`;
  await users().update({ where: { id: guest.user.id }, data: { email } });
  const accountId = await accountIdOf(owner);
  const before = {
    memberships: await memberships().count({ where: { accountId } }),
    invitations: await invitations().count({ where: { accountId } }),
  };
  const since = app.smtp.messages.length;

  const res = await as(app, owner)
    .post(`${API}/invitations`)
    .send({ email, permissions: ['billing'] });
  expect(res.status).toBe(409);
  expect(res.body.error.message).toBe('This email already has access to the account');
  expect({
    memberships: await memberships().count({ where: { accountId } }),
    invitations: await invitations().count({ where: { accountId } }),
  }).toEqual(before);
  expect(mailsTo(email, since)).toHaveLength(0);
});

test("leaving an account one is not a member of is a 404, and the account's members stay", async () => {
  const owner = await newUser('lily');
  const stranger = await newUser('lars');
  const accountId = await accountIdOf(owner);
  const before = await memberships().count({ where: { accountId } });

  const res = await as(app, stranger).delete(`${API}/me/accounts/${owner.account.documentId}`);
  expect([res.status, res.body.error?.name]).toEqual([404, 'NotFoundError']);
  expect(await memberships().count({ where: { accountId } })).toBe(before);
});

test("inviting a member's former email, after they changed it, is a 409 that says they have access", async () => {
  const owner = await newUser('olga');
  const guest = await newUser('otto');
  await addGuest(app, owner, guest, ['support']);
  const former = guest.user.email;
  await users().update({
    where: { id: guest.user.id },
    data: { email: `moved${++seq}@example.com` },
  });
  const accountId = await accountIdOf(owner);
  const before = await invitations().count({ where: { accountId } });

  const res = await as(app, owner)
    .post(`${API}/invitations`)
    .send({ email: former, permissions: ['support'] });
  expect([res.status, res.body.error?.message]).toEqual([
    409,
    'This email already has access to the account',
  ]);
  expect(await invitations().count({ where: { accountId } })).toBe(before);
});
