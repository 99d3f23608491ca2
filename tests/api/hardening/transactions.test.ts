import { useTestApp } from '../../helpers/strapi';
import { signUp, type Session } from '../../helpers/users';

// The memberships module reads inside the caller's transaction: on its connection, seeing its
// writes. On another connection SQLite would wait for the transaction's lock, and PostgreSQL and
// MySQL would read around it.
const app = useTestApp();

const memberships = () => app.strapi.plugin('multi-account').service('memberships');

/** An account with `user` as a member, written straight through the query engine. */
const accountWith = async (
  name: string,
  number: string,
  user: Session['user'],
  member: { type: string; permissions: string[] }
) => {
  const account = await app.strapi.db
    .query('plugin::multi-account.account')
    .create({ data: { name, number, status: 'active' } });
  await app.strapi.db.query('plugin::multi-account.membership').create({
    data: {
      accountId: account.id,
      userId: user.id,
      email: user.email,
      status: 'active',
      ...member,
    },
  });
  return account as { id: number; documentId: string };
};

test('findActive and listMine see what the caller wrote in its transaction, without waiting', async () => {
  const user = await signUp(app, 'tracy');
  const seen = await app.strapi.db.transaction(async () => {
    const account = await accountWith('Inside', '55555555', user.user, {
      type: 'guest',
      permissions: ['billing'],
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
      const account = await accountWith('Rolled back', '66666666', user.user, {
        type: 'owner',
        permissions: [],
      });
      documentId = account.documentId;
      throw new Error('rollback');
    })
  ).rejects.toThrow('rollback');
  expect(await memberships().findActive(user.user.id, documentId)).toBeNull();
}, 20_000);

test("the admin account search, owners and member counts see the caller's writes, without waiting", async () => {
  const user = await signUp(app, 'tamsin');
  const found = await app.strapi.db.transaction(async () => {
    await accountWith('Uncommitted Ltd', '77777777', user.user, { type: 'owner', permissions: [] });
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
