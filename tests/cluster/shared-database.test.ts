import { API, tokenFrom } from '../helpers/users';
import { as, signUp, startCluster, statuses, type Cluster } from './cluster';

// Two processes of the app on one PostgreSQL schema. Nothing one of them keeps in memory may
// decide what the other answers: membership and invitations live in the database only.

let cluster: Cluster;

beforeAll(async () => {
  // every request comes from 127.0.0.1, so the per-IP cap on accepting is lifted here
  cluster = await startCluster({
    rateLimits: {
      window: 3600,
      invitationsPerAccount: 500,
      invitationsPerInviter: 500,
      acceptsPerIp: 1000,
    },
  });
}, 400_000);
afterAll(async () => {
  await cluster?.close();
}, 60_000);

const accountIdOf = async (documentId: string) => {
  const [row] = await cluster.query<{ id: number }>(
    'select id from multi_account_accounts where document_id = $1',
    [documentId]
  );
  return row.id;
};

test("a guest removed through A is refused on B's very next request", async () => {
  const { a, b, smtp } = cluster;
  const owner = await signUp(a, 'olga');
  const guest = await signUp(b, 'gil');
  const since = smtp.messages.length;
  const invited = await as(a, owner)
    .post(`${API}/invitations`)
    .send({ email: guest.user.email, permissions: ['billing'] });
  expect(invited.status).toBe(201);
  const token = tokenFrom(await smtp.waitFor(guest.user.email, since));
  expect((await as(b, guest).post(`${API}/invitations/accept`).send({ token })).status).toBe(200);

  // on B the guest acts for the owner's account, by the token's claim and by X-Account
  const switched = await as(b, guest)
    .post(`${API}/switch`)
    .send({ account: owner.account.documentId });
  expect(switched.status).toBe(200);
  const claim = { jwt: switched.body.jwt as string };
  expect((await as(b, claim).get('/api/invoices')).status).toBe(200);
  expect((await as(b, guest, owner.account.documentId).get('/api/invoices')).status).toBe(200);

  const removed = await as(a, owner).delete(`${API}/contacts/${invited.body.data.documentId}`);
  expect(removed.status).toBe(204);

  // B's very next request with the same token is refused, and so is the header
  const next = await as(b, claim).get('/api/invoices');
  expect(next.status).toBe(403);
  expect((await as(b, guest, owner.account.documentId).get('/api/invoices')).status).toBe(403);
  const me = await as(b, claim).get(`${API}/me`);
  expect(me.status).toBe(200);
  expect(me.body.data.account).toBeNull();
  expect(
    (await as(b, guest).post(`${API}/switch`).send({ account: owner.account.documentId })).status
  ).toBe(403);

  // B itself is fine: the owner still reaches the same route through it
  expect((await as(b, owner).get('/api/invoices')).status).toBe(200);
});

test("a session's switch through A holds for that session on B, and only for it", async () => {
  const { a, b, smtp } = cluster;
  const owner = await signUp(a, 'orson');
  const guest = await signUp(b, 'gideon');
  const since = smtp.messages.length;
  await as(a, owner)
    .post(`${API}/invitations`)
    .send({ email: guest.user.email, permissions: ['billing'] });
  const token = tokenFrom(await smtp.waitFor(guest.user.email, since));
  expect((await as(a, guest).post(`${API}/invitations/accept`).send({ token })).status).toBe(200);
  const login = await b.http().post('/api/auth/local').send({
    identifier: guest.user.email,
    password: 'Password123',
  });
  expect(login.status).toBe(200);
  const otherSession = { jwt: login.body.jwt as string };
  const accountOn = async (node: typeof a, session: { jwt: string }) =>
    (await as(node, session).get(`${API}/me`)).body.data.account?.documentId ?? null;

  const switched = await as(a, guest)
    .post(`${API}/switch`)
    .send({ account: owner.account.documentId });
  expect(switched.status).toBe(200);
  expect(await accountOn(b, guest)).toBe(owner.account.documentId);
  expect(await accountOn(b, otherSession)).toBe(guest.account.documentId);
});

test('a guest suspended through A is refused on B at once, and reactivated through B acts on A', async () => {
  const { a, b, smtp } = cluster;
  const owner = await signUp(a, 'odile');
  const guest = await signUp(b, 'gaspard');
  const since = smtp.messages.length;
  const invited = await as(a, owner)
    .post(`${API}/invitations`)
    .send({ email: guest.user.email, permissions: ['billing'] });
  const token = tokenFrom(await smtp.waitFor(guest.user.email, since));
  expect((await as(a, guest).post(`${API}/invitations/accept`).send({ token })).status).toBe(200);
  const member = `${API}/contacts/${invited.body.data.documentId}`;
  const onB = () => as(b, guest, owner.account.documentId).get('/api/invoices');
  const onA = () => as(a, guest, owner.account.documentId).get('/api/invoices');
  expect((await onB()).status).toBe(200);

  expect((await as(a, owner).patch(member).send({ status: 'inactive' })).status).toBe(200);
  expect((await onB()).status).toBe(403);
  expect((await onA()).status).toBe(403);

  expect((await as(b, owner).patch(member).send({ status: 'active' })).status).toBe(200);
  expect((await onA()).status).toBe(200);
  expect((await onB()).status).toBe(200);
});

test('an invitation sent on A is accepted on B through the emailed link', async () => {
  const { a, b, smtp } = cluster;
  const owner = await signUp(a, 'octave');
  const since = smtp.messages.length;
  const invited = await as(a, owner)
    .post(`${API}/invitations`)
    .send({ email: 'nadia@example.com', permissions: ['support'] });
  expect(invited.status).toBe(201);
  expect(invited.body.data).toMatchObject({ type: 'guest', status: 'invited', user: null });
  const mail = await smtp.waitFor('nadia@example.com', since);
  const token = tokenFrom(mail);

  // the invitee was not registered: she signs up on B and finds the invitation there
  const invitee = await signUp(b, 'nadia');
  const mine = await as(b, invitee).get(`${API}/me/invitations`);
  expect(mine.status).toBe(200);
  expect(mine.body.data).toHaveLength(1);
  expect(mine.body.data[0]).toMatchObject({
    account: { documentId: owner.account.documentId },
    permissions: ['support'],
    invitedBy: { username: 'octave' },
  });

  const accepted = await as(b, invitee).post(`${API}/invitations/accept`).send({ token });
  expect(accepted.status).toBe(200);
  expect(accepted.body.data).toEqual({
    documentId: owner.account.documentId,
    number: owner.account.number,
    name: owner.account.name,
    type: 'guest',
    permissions: ['support'],
  });

  // A sees the new member at once, and the used link is spent on A too
  const contacts = await as(a, owner).get(`${API}/contacts?type=guest`);
  expect(contacts.body.data).toEqual([
    expect.objectContaining({
      documentId: invited.body.data.documentId,
      status: 'active',
      user: expect.objectContaining({ id: invitee.user.id, email: 'nadia@example.com' }),
    }),
  ]);
  expect((await as(a, invitee).post(`${API}/invitations/accept`).send({ token })).status).toBe(410);
  expect(
    (await as(a, invitee, owner.account.documentId).get(`${API}/me`)).body.data.account
  ).toMatchObject({ documentId: owner.account.documentId, type: 'guest' });
});

test('50 parallel accepts of one invitation split across A and B give one membership', async () => {
  const { a, b, smtp } = cluster;
  const owner = await signUp(a, 'oscar');
  const guest = await signUp(b, 'gaia');
  const since = smtp.messages.length;
  expect(
    (
      await as(b, owner)
        .post(`${API}/invitations`)
        .send({ email: guest.user.email, permissions: ['support'] })
    ).status
  ).toBe(201);
  const token = tokenFrom(await smtp.waitFor(guest.user.email, since));

  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      as(i % 2 === 0 ? a : b, guest)
        .post(`${API}/invitations/accept`)
        .send({ token })
    )
  );

  const counts = statuses(responses);
  expect(counts[200]).toBe(1);
  expect((counts[410] ?? 0) + (counts[409] ?? 0)).toBe(49);
  expect(Object.keys(counts).some((status) => Number(status) >= 500)).toBe(false);

  const accountId = await accountIdOf(owner.account.documentId);
  const memberships = await cluster.query<{ type: string; status: string }>(
    'select type, status from multi_account_memberships where account_id = $1 and user_id = $2',
    [accountId, guest.user.id]
  );
  expect(memberships).toEqual([{ type: 'guest', status: 'active' }]);
  const invitations = await cluster.query<{ status: string }>(
    'select status from multi_account_invitations where account_id = $1 and email = $2',
    [accountId, guest.user.email]
  );
  expect(invitations).toEqual([{ status: 'accepted' }]);
  const accepted = await cluster.query<{ count: string }>(
    "select count(*) from multi_account_audit_logs where account_id = $1 and action = 'invitation.accepted'",
    [accountId]
  );
  expect(Number(accepted[0].count)).toBe(1);
});
