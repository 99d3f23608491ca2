import { ACTIONS, asAdmin, createAdmin, createRole, createSuperAdmin } from '../helpers/admin';
import type { MyListedAccount } from '../../shared/contracts';
import { useTestApp } from '../helpers/strapi';
import { addGuest, API, as, logIn, signUp, type Session } from '../helpers/users';

// What an admin does to a whole account: rename it, suspend and reactivate it, close it, and
// make a member its owner; each audited as the admin.
describe('admin: account status and ownership', () => {
  const app = useTestApp();
  let admin: ReturnType<typeof asAdmin>;
  let adminId: number;
  let names = 0;

  const ACCOUNT = 'plugin::multi-account.account';
  const MEMBERSHIP = 'plugin::multi-account.membership';
  const INVITATION = 'plugin::multi-account.invitation';
  const AUDIT = 'plugin::multi-account.audit-log';

  beforeAll(async () => {
    const session = await createSuperAdmin(app);
    admin = asAdmin(app, session);
    adminId = session.id;
  });

  /** An owner, and a guest who also owns an account of their own. */
  const ownerAndGuest = async (permissions = ['billing']) => {
    const n = ++names;
    const owner = await signUp(app, `acct${n}`);
    const guest = await signUp(app, `member${n}`);
    const member = await addGuest(app, owner, guest, permissions);
    return { owner, guest, member, account: owner.account.documentId };
  };

  const accountRow = (documentId: string) =>
    app.strapi.db.query(ACCOUNT).findOne({ where: { documentId } });

  const lastAudit = async (accountId: number) =>
    app.strapi.db.query(AUDIT).findOne({ where: { accountId }, orderBy: [{ id: 'desc' }] });

  const contactsAs = (session: Session, account: string) =>
    as(app, session, account).get(`${API}/contacts`);

  test('renames an account, audited as the admin', async () => {
    const { account } = await ownerAndGuest();
    const res = await admin.put(`/accounts/${account}`).send({ name: '  Renamed Ltd  ' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ documentId: account, name: 'Renamed Ltd' });
    const row = await accountRow(account);
    expect(row.name).toBe('Renamed Ltd');
    expect(await lastAudit(row.id)).toMatchObject({
      action: 'account.updated',
      actorType: 'admin',
      actorId: adminId,
      details: { name: { to: 'Renamed Ltd' } },
    });
  });

  test('a suspended account is refused to every member at once, and a login does not pick it', async () => {
    const { owner, guest, account } = await ownerAndGuest(['billing', 'contacts']);
    expect((await contactsAs(owner, account)).status).toBe(200);
    expect((await contactsAs(guest, account)).status).toBe(200);

    const res = await admin.put(`/accounts/${account}`).send({ status: 'suspended' });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('suspended');
    // the same tokens, on their next request
    expect((await contactsAs(owner, account)).status).toBe(403);
    expect((await contactsAs(guest, account)).status).toBe(403);
    // the owner has no other account: a login now acts for none
    const login = await logIn(app, owner.user.username);
    expect(login.status).toBe(200);
    expect(login.body.activeAccount).toBeNull();
    expect((await admin.get(`/accounts/${account}`)).body.data.status).toBe('suspended');
    // the members' account lists show it as suspended
    const listedStatus = async (session: Session) =>
      ((await as(app, session).get(`${API}/me/accounts`)).body.data as MyListedAccount[]).find(
        (entry) => entry.documentId === account
      )?.status;
    expect(await listedStatus(guest)).toBe('suspended');
    expect(await listedStatus(owner)).toBe('suspended');

    expect((await admin.put(`/accounts/${account}`).send({ status: 'active' })).status).toBe(200);
    expect((await contactsAs(owner, account)).status).toBe(200);
    expect((await contactsAs(guest, account)).status).toBe(200);
    expect(await listedStatus(guest)).toBe('active');
    const row = await accountRow(account);
    expect(await lastAudit(row.id)).toMatchObject({
      action: 'account.updated',
      details: { status: { from: 'suspended', to: 'active' } },
    });
  });

  test('closing an account ends its memberships and open invitations, and keeps its members’ other accounts', async () => {
    const { owner, guest, account } = await ownerAndGuest();
    await as(app, owner)
      .post(`${API}/invitations`)
      .send({ email: `open${names}@example.com`, permissions: [] });
    const row = await accountRow(account);

    const res = await admin.delete(`/accounts/${account}`);
    expect(res.status).toBe(204);
    expect(await accountRow(account)).toBeNull();
    expect(await app.strapi.db.query(MEMBERSHIP).count({ where: { accountId: row.id } })).toBe(0);
    expect(
      await app.strapi.db.query(INVITATION).count({ where: { accountId: row.id, status: 'open' } })
    ).toBe(0);
    expect((await admin.get(`/accounts/${account}`)).status).toBe(404);
    expect((await contactsAs(owner, account)).status).toBe(403);
    const guestAccounts = await as(app, guest).get(`${API}/me/accounts`);
    expect(guestAccounts.body.data.map((a: { documentId: string }) => a.documentId)).toEqual([
      guest.account.documentId,
    ]);
    expect(await lastAudit(row.id)).toMatchObject({
      action: 'account.deleted',
      actorType: 'admin',
      actorId: adminId,
      details: { closed: true, number: row.number },
    });
  });

  test('make owner: the member becomes an owner at once, audited as the admin', async () => {
    const { guest, member, account } = await ownerAndGuest(['billing']);
    const res = await admin.post(`/accounts/${account}/members/${member.documentId}/make-owner`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ documentId: member.documentId, type: 'owner' });
    const me = await as(app, guest, account).get(`${API}/me`);
    expect(me.body.data.account.type).toBe('owner');
    const row = await accountRow(account);
    expect(await lastAudit(row.id)).toMatchObject({
      action: 'membership.owner-added',
      actorType: 'admin',
      actorId: adminId,
    });
  });

  test('an admin cannot unmake the last active owner', async () => {
    const { owner, account } = await ownerAndGuest();
    const members = await admin.get(`/accounts/${account}/members?type=owner`);
    const ownerRow = members.body.data.find(
      (m: { user: { id: number } }) => m.user.id === owner.user.id
    );
    const res = await admin
      .put(`/accounts/${account}/members/${ownerRow.documentId}`)
      .send({ type: 'contact' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('An account must keep at least one owner');
  });

  test('bad input is a 400 naming the field, an unknown account a 404, and nothing changes', async () => {
    const { account } = await ownerAndGuest();
    const before = await accountRow(account);
    const empty = await admin.put(`/accounts/${account}`).send({});
    expect(empty.status).toBe(400);
    const closed = await admin.put(`/accounts/${account}`).send({ status: 'closed' });
    expect(closed.status).toBe(400);
    expect(closed.body.error.details.errors[0].path).toEqual(['status']);
    const blank = await admin.put(`/accounts/${account}`).send({ name: '   ' });
    expect(blank.body.error.details.errors[0].path).toEqual(['name']);
    expect((await admin.put(`/accounts/nosuchaccount1`).send({ name: 'X' })).status).toBe(404);
    expect((await admin.delete(`/accounts/nosuchaccount1`)).status).toBe(404);
    expect((await admin.post(`/accounts/${account}/members/nosuchmember1/make-owner`)).status).toBe(
      404
    );
    expect(await accountRow(account)).toEqual(before);
  });

  test('an admin who may only read the plugin can do none of it', async () => {
    const { member, account } = await ownerAndGuest();
    const role = await createRole(app, 'Reader of accounts', [ACTIONS.read]);
    const reader = asAdmin(app, await createAdmin(app, `reader${names}@example.com`, [role.id]));
    expect((await reader.put(`/accounts/${account}`).send({ status: 'suspended' })).status).toBe(
      403
    );
    expect((await reader.delete(`/accounts/${account}`)).status).toBe(403);
    expect(
      (await reader.post(`/accounts/${account}/members/${member.documentId}/make-owner`)).status
    ).toBe(403);
    expect((await accountRow(account)).status).toBe('active');
  });
});
