import { useTestApp } from '../../helpers/strapi';
import { auditOf } from '../../helpers/admin';
import {
  accountRowOf,
  addGuest,
  API,
  as,
  signUp,
  tokenFrom,
  type Session,
} from '../../helpers/users';

const memberships = () => app.strapi.db.query('plugin::multi-account.membership');
const invitations = () => app.strapi.db.query('plugin::multi-account.invitation');

const statuses = (responses: { status: number }[]) =>
  responses.reduce<Record<number, number>>(
    (acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
    {}
  );

// one client sends every request here, so the per-IP cap on accepting is lifted
const app = useTestApp({
  rateLimits: {
    window: 3600,
    invitationsPerAccount: 500,
    invitationsPerInviter: 500,
    acceptsPerIp: 1000,
  },
});

/** `count` requests at once, each made by `send`. */
const parallel = <T>(count: number, send: (index: number) => Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, index) => send(index)));

/** An owner, and a guest holding the emailed token of the owner's invitation. */
const invitedGuest = async (ownerName: string, guestName: string) => {
  const owner = await signUp(app, ownerName);
  const guest = await signUp(app, guestName);
  const since = app.smtp.messages.length;
  await as(app, owner)
    .post(`${API}/invitations`)
    .send({ email: guest.user.email, permissions: ['support'] });
  const token = tokenFrom(await app.smtp.waitFor(guest.user.email, since));
  return { owner, guest, token };
};

test('50 parallel accepts of one invitation give one membership', async () => {
  const { guest, token } = await invitedGuest('rosa', 'raf');

  const responses = await parallel(50, () =>
    as(app, guest).post(`${API}/invitations/accept`).send({ token })
  );

  const counts = statuses(responses);
  expect(counts[200]).toBe(1);
  expect((counts[410] ?? 0) + (counts[409] ?? 0)).toBe(49);
  expect(Object.keys(counts).some((status) => Number(status) >= 500)).toBe(false);
  expect(await memberships().count({ where: { userId: guest.user.id, type: 'guest' } })).toBe(1);
  expect(await invitations().findOne({ where: { email: guest.user.email } })).toMatchObject({
    status: 'accepted',
  });
});

test('20 parallel invitations of one email leave one open invitation', async () => {
  const owner = await signUp(app, 'sol');
  const responses = await parallel(20, () =>
    as(app, owner).post(`${API}/invitations`).send({ email: 'raced@example.com', permissions: [] })
  );
  const counts = statuses(responses);
  expect(counts).toEqual({ 201: 1, 409: 19 });
  const account = await accountRowOf(app, owner.account);
  expect(
    await memberships().count({ where: { accountId: account.id, email: 'raced@example.com' } })
  ).toBe(1);
  expect(
    await invitations().count({
      where: { accountId: account.id, email: 'raced@example.com', status: 'open' },
    })
  ).toBe(1);
});

test('two owners leaving at once leave one owner', async () => {
  const rounds = await Promise.all(
    ['a', 'b', 'c'].map(async (round) => {
      const first = await signUp(app, `first-${round}`);
      const second = await signUp(app, `second-${round}`);
      await addGuest(app, first, second, []);
      const account = await accountRowOf(app, first.account);
      await memberships().update({
        where: { accountId: account.id, userId: second.user.id },
        data: { type: 'owner' },
      });
      return { first, second, accountId: account.id as number };
    })
  );

  for (const { first, second, accountId } of rounds) {
    const leave = (session: Session) =>
      as(app, session).delete(`${API}/me/accounts/${first.account.documentId}`);
    const responses = await Promise.all([leave(first), leave(second)]);
    expect(responses.map((r) => r.status).sort()).toEqual([204, 403]);
    expect(await memberships().count({ where: { accountId, type: 'owner' } })).toBe(1);
  }
});

test('parallel changes of one member each read the change before them', async () => {
  const owner = await signUp(app, 'paz');
  const guest = await signUp(app, 'pia');
  const member = await addGuest(app, owner, guest, ['billing']);
  const keySets = [['support'], ['billing', 'support'], ['security'], ['billing'], ['support']];

  const responses = await Promise.all(
    keySets.map((permissions) =>
      as(app, owner).patch(`${API}/contacts/${member.documentId}`).send({ permissions })
    )
  );
  expect(responses.map((r) => r.status)).toEqual(keySets.map(() => 200));

  // read inside the transaction, under the lock, each change starts where the one before ended
  // (SQLite's single connection orders them anyway: the rule is proven on PostgreSQL and MySQL)
  const changes = (await auditOf(app, owner.account.documentId))
    .filter((entry) => entry.action === 'membership.updated')
    .map((entry) => entry.details.permissions as { from: string[]; to: string[] });
  expect(changes).toHaveLength(keySets.length);
  expect(changes[0].from).toEqual(['billing']);
  for (let i = 1; i < changes.length; i++) expect(changes[i].from).toEqual(changes[i - 1].to);
  const stored = await memberships().findOne({ where: { documentId: member.documentId } });
  expect(stored.permissions).toEqual(changes[changes.length - 1].to);
});

test('20 parallel rejects of one invitation: one is answered, the others refused, one audit entry', async () => {
  const { owner, guest, token } = await invitedGuest('ruth', 'remo');

  const responses = await parallel(20, () =>
    as(app, guest).post(`${API}/invitations/reject`).send({ token })
  );
  const counts = statuses(responses);
  const answered = responses.filter((r) => r.status < 300).length;
  expect([answered, (counts[409] ?? 0) + (counts[410] ?? 0)]).toEqual([1, 19]);
  const rejections = (await auditOf(app, owner.account.documentId)).filter(
    (entry) => entry.action === 'invitation.rejected'
  );
  expect(rejections).toHaveLength(1);
});

test('10 parallel registrations of one contact email: one contact, one user, the others 409', async () => {
  const owner = await signUp(app, 'cora');
  const responses = await parallel(10, (i) =>
    as(app, owner)
      .post(`${API}/contacts`)
      .send({
        email: 'same-contact@example.com',
        username: `same-contact-${i}`,
        password: 'Password123',
        permissions: [],
      })
  );
  expect(statuses(responses)).toEqual({ 201: 1, 409: 9 });
  expect(
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .count({ where: { email: 'same-contact@example.com' } })
  ).toBe(1);
});
