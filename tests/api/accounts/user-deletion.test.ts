import { auditOf, createSuperAdmin } from '../../helpers/admin';
import { useTestApp } from '../../helpers/strapi';
import { addGuest, API, as, signUp } from '../../helpers/users';

// Deleting a user: every check first, then every change in one transaction, all in the audit trail.
let names = 0;

const app = useTestApp();

const accounts = () => app.strapi.db.query('plugin::multi-account.account');
const memberships = () => app.strapi.db.query('plugin::multi-account.membership');
const deleteUser = (id: number) =>
  app.strapi.plugin('users-permissions').service('user').remove({ id }) as Promise<unknown>;

test('a refused deletion changes nothing, not even the accounts only that user used', async () => {
  const n = ++names;
  const user = await signUp(app, `uma${n}`); // owns their personal account alone
  const other = await signUp(app, `ugo${n}`);
  await addGuest(app, other, user, []);
  // the user becomes the last owner of the other's account, which the other still uses
  const shared = await accounts().findOne({ where: { documentId: other.account.documentId } });
  await memberships().updateMany({
    where: { accountId: shared.id, userId: user.user.id },
    data: { type: 'owner' },
  });
  await memberships().updateMany({
    where: { accountId: shared.id, userId: other.user.id },
    data: { type: 'contact' },
  });

  const refused = deleteUser(user.user.id);
  await expect(refused).rejects.toThrow(
    `This user is the last owner of account ${shared.number}, which has other members: an account cannot be left without an owner`
  );
  expect(
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .count({ where: { id: user.user.id } })
  ).toBe(1);
  expect(await accounts().count({ where: { documentId: user.account.documentId } })).toBe(1);
  expect(await memberships().count({ where: { userId: user.user.id } })).toBe(2);
  expect((await auditOf(app, user.account.documentId)).map((e) => e.action)).toEqual([
    'account.created',
  ]);
});

test('an admin deleting a user leaves one audit entry per membership, invitation and account, naming the admin', async () => {
  const n = ++names;
  const owner = await signUp(app, `vera${n}`);
  const user = await signUp(app, `vic${n}`);
  await addGuest(app, owner, user, ['support']);
  // an open invitation from the account that closes with the user
  expect(
    (
      await as(app, user)
        .post(`${API}/invitations`)
        .send({ email: `pending${n}@example.com`, permissions: [] })
    ).status
  ).toBe(201);
  const closingId = (await accounts().findOne({ where: { documentId: user.account.documentId } }))
    .id;
  const admin = await createSuperAdmin(app, `deleter${n}@example.com`);
  const res = await app
    .http()
    .delete(
      `/content-manager/collection-types/plugin::users-permissions.user/${user.user.documentId}`
    )
    .set('Authorization', `Bearer ${admin.token}`);
  expect(res.status).toBe(200);

  const ownerTrail = await auditOf(app, owner.account.documentId);
  const removed = ownerTrail.filter((e) => e.action === 'membership.removed');
  expect(removed).toHaveLength(1);
  expect(removed[0]).toMatchObject({
    actorType: 'admin',
    actorId: admin.id,
    details: { userId: user.user.id, type: 'guest', userDeleted: true },
  });

  expect(await accounts().count({ where: { id: closingId } })).toBe(0);
  const ofClosed = await app.strapi.db
    .query('plugin::multi-account.audit-log')
    .findMany({ where: { accountId: closingId, action: { $ne: 'account.created' } } });
  // the user's own membership, the open invitation's membership and invitation, the account
  expect(ofClosed.map((e: { action: string }) => e.action).sort()).toEqual([
    'account.deleted',
    'invitation.created',
    'invitation.revoked',
    'membership.removed',
    'membership.removed',
  ]);
  for (const entry of ofClosed.filter(
    (e: { action: string }) => e.action !== 'invitation.created'
  )) {
    expect(entry).toMatchObject({ actorType: 'admin', actorId: admin.id });
  }
});
