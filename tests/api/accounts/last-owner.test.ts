import { useTestApp } from '../../helpers/strapi';
import { addGuest, API, as, signUp, switchTo, type Session } from '../../helpers/users';

const memberships = () => app.strapi.db.query('plugin::multi-account.membership');
const accounts = () => app.strapi.db.query('plugin::multi-account.account');

const app = useTestApp();

/** Makes `other` a second owner of `owner`'s account, as only the database can today. */
const promoteToOwner = async (owner: Session, other: Session) => {
  const account = await accounts().findOne({ where: { documentId: owner.account.documentId } });
  await memberships().update({
    where: { accountId: account.id, userId: other.user.id },
    data: { type: 'owner' },
  });
};

describe('leaving an account', () => {
  test('a guest leaves and can no longer act for it', async () => {
    const owner = await signUp(app, 'amy');
    const guest = await signUp(app, 'ben');
    await addGuest(app, owner, guest, ['support']);
    const res = await as(app, guest).delete(`${API}/me/accounts/${owner.account.documentId}`);
    expect(res.status).toBe(204);
    expect(
      (await as(app, guest).post(`${API}/switch`).send({ account: owner.account.documentId }))
        .status
    ).toBe(403);
  });

  test('the last owner cannot leave', async () => {
    const owner = await signUp(app, 'cat');
    const res = await as(app, owner).delete(`${API}/me/accounts/${owner.account.documentId}`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('An account must keep at least one owner');
    expect(await memberships().count({ where: { userId: owner.user.id } })).toBe(1);
  });

  test('an owner can leave while another owner stays', async () => {
    const owner = await signUp(app, 'dan');
    const second = await signUp(app, 'deb');
    await addGuest(app, owner, second, []);
    await promoteToOwner(owner, second);
    expect(
      (await as(app, owner).delete(`${API}/me/accounts/${owner.account.documentId}`)).status
    ).toBe(204);
    expect(
      (await as(app, second).delete(`${API}/me/accounts/${owner.account.documentId}`)).status
    ).toBe(403);
  });

  test('an account the user is not in is a 404', async () => {
    const a = await signUp(app, 'eli');
    const b = await signUp(app, 'eva');
    expect((await as(app, a).delete(`${API}/me/accounts/${b.account.documentId}`)).status).toBe(
      404
    );
    expect((await as(app, a).delete(`${API}/me/accounts/nonexistent`)).status).toBe(404);
  });
});

describe('deleting a user', () => {
  const deleteUser = (id: number) =>
    app.strapi.plugin('users-permissions').service('user').remove({ id }) as Promise<unknown>;

  test('is refused while they are the last owner of an account others use', async () => {
    const owner = await signUp(app, 'fay');
    const guest = await signUp(app, 'fox');
    await addGuest(app, owner, guest, []);
    await expect(deleteUser(owner.user.id)).rejects.toThrow(/last owner of account/);
    expect(
      await app.strapi.db
        .query('plugin::users-permissions.user')
        .findOne({ where: { id: owner.user.id } })
    ).not.toBeNull();
    expect(await memberships().count({ where: { userId: owner.user.id } })).toBe(1);
  });

  test('takes their memberships and the accounts only they used', async () => {
    const owner = await signUp(app, 'gil');
    const guest = await signUp(app, 'gem');
    await addGuest(app, owner, guest, []);
    await deleteUser(guest.user.id);
    expect(await memberships().count({ where: { userId: guest.user.id } })).toBe(0);
    expect(
      await accounts().findOne({ where: { documentId: guest.account.documentId } })
    ).toBeNull();
    expect(
      await accounts().findOne({ where: { documentId: owner.account.documentId } })
    ).not.toBeNull();
    const list = await as(app, owner).get(`${API}/contacts`);
    expect(list.body.data.map((m: { email: string }) => m.email)).toEqual(['gil@example.com']);
  });

  test('through the admin Content Manager is refused the same way', async () => {
    const owner = await signUp(app, 'hub');
    const guest = await signUp(app, 'hue');
    await addGuest(app, owner, guest, []);
    await expect(
      app.strapi
        .documents('plugin::users-permissions.user')
        .delete({ documentId: owner.user.documentId })
    ).rejects.toThrow(/last owner/);
    const second = await switchTo(app, guest, owner.account.documentId);
    expect(second.account.documentId).toBe(owner.account.documentId);
  });
});
