import type { AdminAccount } from '../../shared/contracts';
import { useTestApp } from '../helpers/strapi';
import { asAdmin, auditOf, createSuperAdmin } from '../helpers/admin';
import { addGuest, signUp, type Session } from '../helpers/users';

describe('admin: accounts', () => {
  let admin: ReturnType<typeof asAdmin>;
  let adminId: number;
  let alice: Session;
  let bob: Session;

  const app = useTestApp();

  beforeAll(async () => {
    const session = await createSuperAdmin(app);
    admin = asAdmin(app, session);
    adminId = session.id;
    alice = await signUp(app, 'alice');
    bob = await signUp(app, 'bob');
    await signUp(app, 'carol_50%');
    await addGuest(app, alice, bob, ['billing']);
  });

  const names = (body: { data: AdminAccount[] }) => body.data.map((a) => a.name).sort();

  it('lists accounts newest first with their owner and how many users reach them', async () => {
    const res = await admin.get('/accounts');
    expect(res.status).toBe(200);
    expect(res.body.data.map((a: AdminAccount) => a.name)).toEqual(['carol_50%', 'bob', 'alice']);
    const aliceAccount = res.body.data.find((a: AdminAccount) => a.name === 'alice');
    expect(aliceAccount).toEqual({
      id: expect.any(Number),
      documentId: alice.account.documentId,
      number: alice.account.number,
      name: 'alice',
      status: 'active',
      owner: {
        id: alice.user.id,
        documentId: alice.user.documentId,
        username: 'alice',
        email: 'alice@example.com',
      },
      members: 2,
      createdAt: expect.any(String),
    });
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 3 });
  });

  it('searches by name, account number and owner email, case-insensitively', async () => {
    expect(names((await admin.get('/accounts?q=ALI')).body)).toEqual(['alice']);
    expect(names((await admin.get(`/accounts?q=${bob.account.number}`)).body)).toEqual(['bob']);
    expect(names((await admin.get('/accounts?q=carol_50%25@EXAMPLE')).body)).toEqual(['carol_50%']);
    // a guest's email does not find the accounts they were invited to
    expect(names((await admin.get('/accounts?q=bob@example.com')).body)).toEqual(['bob']);
  });

  it('takes LIKE wildcards in the search literally', async () => {
    expect(names((await admin.get('/accounts?q=%25')).body)).toEqual(['carol_50%']);
    expect(names((await admin.get('/accounts?q=_')).body)).toEqual(['carol_50%']);
    expect((await admin.get('/accounts?q=nobody-here')).body.data).toEqual([]);
  });

  it('pages in the database and refuses a page size above 100 or unknown query keys', async () => {
    const page2 = await admin.get('/accounts?page=2&pageSize=2');
    expect(page2.status).toBe(200);
    expect(page2.body.data.map((a: AdminAccount) => a.name)).toEqual(['alice']);
    expect(page2.body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, total: 3 });

    const tooBig = await admin.get('/accounts?pageSize=101');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.details.errors[0].path).toEqual(['pageSize']);
    expect((await admin.get('/accounts?sort=name')).status).toBe(400);
  });

  it('reads one account with its number of active owners; 404 for an unknown one', async () => {
    const res = await admin.get(`/accounts/${alice.account.documentId}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: 'alice', owners: 1, members: 2 });
    expect((await admin.get('/accounts/doesnotexist123')).status).toBe(404);
  });

  it('opens an account for an existing user, who owns it, and audits it as the admin', async () => {
    const res = await admin
      .post('/accounts')
      .send({ name: 'Bob Consulting', owner: bob.user.documentId });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      name: 'Bob Consulting',
      status: 'active',
      owner: { id: bob.user.id, email: 'bob@example.com' },
      members: 1,
      owners: 1,
    });
    expect(res.body.data.number).toMatch(/^\d{8}$/);

    const mine = await app
      .http()
      .get('/api/multi-account/me/accounts')
      .set('Authorization', `Bearer ${bob.jwt}`);
    const reached = mine.body.data.map(
      (a: { name: string; type: string }) => `${a.name}:${a.type}`
    );
    expect(reached.sort()).toEqual(['Bob Consulting:owner', 'alice:guest', 'bob:owner']);
    const audit = await auditOf(app, res.body.data.documentId);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'account.created', actorType: 'admin', actorId: adminId }),
    ]);
  });

  it('refuses to open an account for an unknown user (404) or with bad input (400)', async () => {
    expect((await admin.post('/accounts').send({ name: 'X', owner: 'nosuchuser000' })).status).toBe(
      404
    );
    const blank = await admin.post('/accounts').send({ name: '  ', owner: bob.user.documentId });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details.errors[0].path).toEqual(['name']);
    expect(
      (
        await admin
          .post('/accounts')
          .send({ name: 'X', owner: bob.user.documentId, status: 'active' })
      ).status
    ).toBe(400);
  });

  it("shows an account's audit trail newest first, naming who acted", async () => {
    const res = await admin.get(`/accounts/${alice.account.documentId}/audit`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((e: { action: string }) => e.action)).toEqual([
      'invitation.accepted',
      'invitation.created',
      'account.created',
    ]);
    expect(res.body.data[0].actor).toEqual({ type: 'user', id: bob.user.id, name: 'bob' });
    expect(res.body.data[1].actor).toEqual({ type: 'user', id: alice.user.id, name: 'alice' });
    expect(res.body.data[2].actor).toEqual({ type: 'system', id: null, name: null });
    expect(res.body.data[0].account).toEqual({
      documentId: alice.account.documentId,
      number: alice.account.number,
      name: 'alice',
    });
  });
});
