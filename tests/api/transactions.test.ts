import { bootTestApp, type TestApp } from '../helpers/strapi';
import { signUp } from '../helpers/users';

// The memberships module reads inside the caller's transaction: on its connection, seeing its
// writes. On another connection SQLite would wait for the transaction's lock, and PostgreSQL and
// MySQL would read around it.
let app: TestApp;

beforeAll(async () => {
  app = await bootTestApp();
});
afterAll(async () => {
  await app?.close();
});

const memberships = () => app.strapi.plugin('multi-account').service('memberships');

test('findActive and listMine see what the caller wrote in its transaction, without waiting', async () => {
  const user = await signUp(app, 'tracy');
  const seen = await app.strapi.db.transaction(async () => {
    const account = await app.strapi.db
      .query('plugin::multi-account.account')
      .create({ data: { name: 'Inside', number: '55555555', status: 'active' } });
    await app.strapi.db.query('plugin::multi-account.membership').create({
      data: {
        accountId: account.id,
        userId: user.user.id,
        email: user.user.email,
        type: 'guest',
        status: 'active',
        permissions: ['billing'],
      },
    });
    const active = await memberships().findActive(user.user.id, account.documentId);
    const mine = await memberships().listMine(user.user.id, { page: 1, pageSize: 10 });
    return { active, total: mine.meta.pagination.total };
  });
  expect(seen.active?.account.name).toBe('Inside');
  expect(seen.active?.permissions).toEqual(['billing']);
  expect(seen.total).toBe(2);
}, 20_000);

test('what a rolled-back transaction wrote is never active', async () => {
  const user = await signUp(app, 'trent');
  let documentId = '';
  await expect(
    app.strapi.db.transaction(async () => {
      const account = await app.strapi.db
        .query('plugin::multi-account.account')
        .create({ data: { name: 'Rolled back', number: '66666666', status: 'active' } });
      documentId = account.documentId;
      await app.strapi.db.query('plugin::multi-account.membership').create({
        data: {
          accountId: account.id,
          userId: user.user.id,
          email: user.user.email,
          type: 'owner',
          status: 'active',
          permissions: [],
        },
      });
      throw new Error('rollback');
    })
  ).rejects.toThrow('rollback');
  expect(await memberships().findActive(user.user.id, documentId)).toBeNull();
}, 20_000);

test("the admin account search, owners and member counts see the caller's writes, without waiting", async () => {
  const user = await signUp(app, 'tamsin');
  const found = await app.strapi.db.transaction(async () => {
    const account = await app.strapi.db
      .query('plugin::multi-account.account')
      .create({ data: { name: 'Uncommitted Ltd', number: '77777777', status: 'active' } });
    await app.strapi.db.query('plugin::multi-account.membership').create({
      data: {
        accountId: account.id,
        userId: user.user.id,
        email: user.user.email,
        type: 'owner',
        status: 'active',
        permissions: [],
      },
    });
    return app.strapi
      .plugin('multi-account')
      .service('admin-accounts')
      .search({ q: 'uncommitted' }, { page: 1, pageSize: 10 });
  });
  expect(found.meta.pagination.total).toBe(1);
  expect(found.data).toEqual([
    expect.objectContaining({
      name: 'Uncommitted Ltd',
      members: 1,
      owner: expect.objectContaining({ email: user.user.email }),
    }),
  ]);
}, 20_000);
