import { useTestApp } from '../../helpers/strapi';
import { API, as, signUp, tokenFrom, type Session } from '../../helpers/users';

let names = 0;

// every request comes from 127.0.0.1: the per-IP caps are lifted here and tested below
const app = useTestApp({
  rateLimits: {
    window: 3600,
    invitationsPerAccount: 500,
    invitationsPerInviter: 500,
    invitationsPerIp: 5000,
    acceptsPerIp: 1000,
  },
});

const invitations = () => app.strapi.db.query('plugin::multi-account.invitation');
const memberships = () => app.strapi.db.query('plugin::multi-account.membership');

const invite = (owner: Session, email: string) =>
  as(app, owner)
    .post(`${API}/invitations`)
    .send({ email, permissions: ['support'] });

/** An owner whose invitation to a registered user was rejected. */
const rejectedInvitation = async () => {
  const n = ++names;
  const owner = await signUp(app, `ines${n}`);
  const invitee = await signUp(app, `ivo${n}`);
  expect((await invite(owner, invitee.user.email)).status).toBe(201);
  const mine = await as(app, invitee).get(`${API}/me/invitations`);
  const rejected = await as(app, invitee)
    .post(`${API}/me/invitations/${mine.body.data[0].documentId}/reject`)
    .send({});
  expect(rejected.status).toBe(200);
  return { owner, invitee };
};

test('parallel re-invitations of a rejected email leave one open invitation, the rest 409', async () => {
  const { owner, invitee } = await rejectedInvitation();
  const since = app.smtp.messages.length;
  const answers = await Promise.all(
    Array.from({ length: 10 }, () => invite(owner, invitee.user.email))
  );
  const statuses = answers.map((res) => res.status).sort();
  expect(statuses).toEqual([201, ...Array(9).fill(409)]);
  expect(await invitations().count({ where: { email: invitee.user.email, status: 'open' } })).toBe(
    1
  );
  await app.smtp.waitFor(invitee.user.email, since);
  expect(
    app.smtp.messages.slice(since).filter((m) => m.to.includes(invitee.user.email))
  ).toHaveLength(1);
});

test('accepting into a suspended account is refused, and nothing is written', async () => {
  const n = ++names;
  const owner = await signUp(app, `sus${n}`);
  const invitee = await signUp(app, `sui${n}`);
  const since = app.smtp.messages.length;
  const invited = await invite(owner, invitee.user.email);
  const token = tokenFrom(await app.smtp.waitFor(invitee.user.email, since));
  await app.strapi.db
    .query('plugin::multi-account.account')
    .update({ where: { documentId: owner.account.documentId }, data: { status: 'suspended' } });

  const res = await as(app, invitee).post(`${API}/invitations/accept`).send({ token });
  expect(res.status).toBe(403);
  expect(res.body.error.message).toBe('This account is suspended');
  const membership = await memberships().findOne({
    where: { documentId: invited.body.data.documentId },
  });
  expect(membership).toMatchObject({ status: 'invited', userId: null });
  const invitation = await invitations().findOne({ where: { membershipId: membership.id } });
  expect(invitation.status).toBe('open');

  // reactivated, the same link works
  await app.strapi.db
    .query('plugin::multi-account.account')
    .update({ where: { documentId: owner.account.documentId }, data: { status: 'active' } });
  expect((await as(app, invitee).post(`${API}/invitations/accept`).send({ token })).status).toBe(
    200
  );
});

test('an account name is held to its 200 characters, in the account and in the email', async () => {
  const long = `n${++names}${'x'.repeat(236)}`;
  const owner = await signUp(app, long);
  expect(owner.account.name).toBe(long.slice(0, 200));
  const since = app.smtp.messages.length;
  expect((await invite(owner, `named${names}@example.com`)).status).toBe(201);
  const mail = await app.smtp.waitFor(`named${names}@example.com`, since);
  expect(mail.subject).toContain(long.slice(0, 200));
  expect(mail.subject).not.toContain(long.slice(0, 201));
});
