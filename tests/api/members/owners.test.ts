import { auditOf } from '../../helpers/admin';
import { useTestApp } from '../../helpers/strapi';
import { accountRowOf, addGuest, API, as, signUp, type Session } from '../../helpers/users';

// Co-owners: an owner makes an active member an owner, or another owner a contact holding every
// key; only owners may, never on their own row, never the last owner.
describe('co-owners', () => {
  const app = useTestApp();
  let names = 0;

  const MEMBERSHIP = 'plugin::multi-account.membership';

  /** An owner's account with a guest holding `permissions`, acting for it through X-Account. */
  const accountWithGuest = async (permissions = ['contacts']) => {
    const n = ++names;
    const owner = await signUp(app, `owner${n}`);
    const guest = await signUp(app, `guest${n}`);
    const member = await addGuest(app, owner, guest, permissions);
    return { owner, guest, member, account: owner.account.documentId };
  };

  const changeType = (session: Session, account: string, member: string, type: string) =>
    as(app, session, account).patch(`${API}/contacts/${member}`).send({ type });

  const ownMembership = async (session: Session, account: string) => {
    const me = await as(app, session, account).get(`${API}/me`);
    return me.body.data.account as { type: string; permissions: string[] } | null;
  };

  const activeOwners = async (account: string) => {
    const { id } = await accountRowOf(app, { documentId: account });
    return app.strapi.db
      .query(MEMBERSHIP)
      .count({ where: { accountId: id, type: 'owner', status: 'active' } });
  };

  test('an owner makes an active guest an owner, who then holds every key; audited', async () => {
    const { owner, guest, member, account } = await accountWithGuest(['billing']);
    const res = await changeType(owner, account, member.documentId, 'owner');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ documentId: member.documentId, type: 'owner' });
    expect(await ownMembership(guest, account)).toMatchObject({
      type: 'owner',
      permissions: expect.arrayContaining(['billing', 'support', 'contacts', 'security']),
    });
    expect(await activeOwners(account)).toBe(2);
    const audit = await auditOf(app, account);
    expect(audit.at(-1)).toMatchObject({
      action: 'membership.owner-added',
      actorType: 'user',
      actorId: owner.user.id,
      details: { type: { from: 'guest', to: 'owner' } },
    });
  });

  test('an owner makes another owner a contact holding every key, who keeps access', async () => {
    const { owner, guest, member, account } = await accountWithGuest();
    expect((await changeType(owner, account, member.documentId, 'owner')).status).toBe(200);
    const res = await changeType(owner, account, member.documentId, 'contact');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ type: 'contact', status: 'active' });
    const mine = await ownMembership(guest, account);
    expect(mine?.type).toBe('contact');
    expect(mine?.permissions).toEqual(
      expect.arrayContaining(['billing', 'support', 'provisioning', 'configuration', 'security'])
    );
    expect(await activeOwners(account)).toBe(1);
    expect((await auditOf(app, account)).at(-1)).toMatchObject({
      action: 'membership.owner-removed',
      details: { type: { from: 'owner', to: 'contact' } },
    });
  });

  test('naming the type a member already has changes nothing and is not audited', async () => {
    const { owner, member, account } = await accountWithGuest(['billing']);
    const stored = () =>
      app.strapi.db.query(MEMBERSHIP).findOne({ where: { documentId: member.documentId } });
    for (const type of ['owner', 'contact']) {
      expect((await changeType(owner, account, member.documentId, type)).status).toBe(200);
      const before = await stored();
      const entries = (await auditOf(app, account)).length;
      const again = await changeType(owner, account, member.documentId, type);
      expect(again.status).toBe(200);
      expect(again.body.data).toMatchObject({ documentId: member.documentId, type });
      expect(await stored()).toEqual(before);
      expect(await auditOf(app, account)).toHaveLength(entries);
    }
  });

  test('a member holding contacts, not an owner, can neither make nor unmake owners', async () => {
    const { owner, guest, account } = await accountWithGuest(['contacts', 'billing']);
    const other = await signUp(app, `other${++names}`);
    const otherMember = await addGuest(app, owner, other, []);
    const promote = await changeType(guest, account, otherMember.documentId, 'owner');
    expect(promote.status).toBe(403);
    expect(promote.body.error.message).toBe('Only an owner can make or unmake owners');
    const ownerRow = (await as(app, owner).get(`${API}/contacts?type=owner`)).body.data[0];
    const demote = await changeType(guest, account, ownerRow.documentId, 'contact');
    expect(demote.status).toBe(403);
    expect(await activeOwners(account)).toBe(1);
  });

  test('an owner cannot change their own row, so cannot unmake the last owner', async () => {
    const { owner, account } = await accountWithGuest();
    const ownerRow = (await as(app, owner).get(`${API}/contacts?type=owner`)).body.data[0];
    const res = await changeType(owner, account, ownerRow.documentId, 'contact');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('You cannot change your own access');
    expect(await activeOwners(account)).toBe(1);
  });

  test('only an active member becomes an owner; only an owner becomes a contact', async () => {
    const { owner, member, account } = await accountWithGuest();
    const invited = await as(app, owner)
      .post(`${API}/invitations`)
      .send({ email: `pending${++names}@example.com`, permissions: [] });
    const pending = await changeType(owner, account, invited.body.data.documentId, 'owner');
    expect(pending.status).toBe(409);
    expect(pending.body.error.message).toBe('Only an active member can become an owner');
    const suspended = await as(app, owner)
      .patch(`${API}/contacts/${member.documentId}`)
      .send({ status: 'inactive' });
    expect(suspended.status).toBe(200);
    expect((await changeType(owner, account, member.documentId, 'owner')).status).toBe(409);
    const notOwner = await changeType(owner, account, member.documentId, 'contact');
    expect(notOwner.status).toBe(400);
    expect(notOwner.body.error.message).toBe('Only an owner can be made a contact');
    expect(await activeOwners(account)).toBe(1);
  });

  test('type is changed on its own, from the two values, and another account is not found', async () => {
    const { owner, member, account } = await accountWithGuest();
    const mixed = await as(app, owner)
      .patch(`${API}/contacts/${member.documentId}`)
      .send({ type: 'owner', permissions: ['billing'] });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.details.errors[0].path).toEqual(['type']);
    expect((await changeType(owner, account, member.documentId, 'guest')).status).toBe(400);
    const elsewhere = await accountWithGuest();
    const foreign = await changeType(owner, account, elsewhere.member.documentId, 'owner');
    expect(foreign.status).toBe(404);
    const stored = await app.strapi.db
      .query(MEMBERSHIP)
      .findOne({ where: { documentId: elsewhere.member.documentId } });
    expect(stored.type).toBe('guest');
  });

  test('two owners unmaking each other at once leave one owner', async () => {
    const { owner, guest, member, account } = await accountWithGuest();
    expect((await changeType(owner, account, member.documentId, 'owner')).status).toBe(200);
    const ownerRow = (await as(app, owner).get(`${API}/contacts?type=owner`)).body.data.find(
      (m: { user: { id: number } }) => m.user.id === owner.user.id
    );
    const answers = await Promise.all([
      changeType(owner, account, member.documentId, 'contact'),
      changeType(guest, account, ownerRow.documentId, 'contact'),
    ]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 403]);
    expect(await activeOwners(account)).toBe(1);
  });

  /**
   * Three owners of one account, the guest among them; then the owner unmakes the guest, whose
   * request had found them an owner and waited for the account's lock meanwhile: it reaches the
   * contacts service with that actor. Answers what it may act on: the third owner.
   */
  const ownerUnmadeInFlight = async () => {
    const { owner, guest, member, account } = await accountWithGuest();
    const third = await signUp(app, `third${++names}`);
    const thirdMember = await addGuest(app, owner, third, []);
    for (const m of [member, thirdMember]) {
      expect((await changeType(owner, account, m.documentId, 'owner')).status).toBe(200);
    }
    const { id: accountId } = await accountRowOf(app, { documentId: account });
    const { id: membershipId } = await app.strapi.db
      .query(MEMBERSHIP)
      .findOne({ where: { documentId: member.documentId } });
    const inFlight = {
      type: 'user' as const,
      userId: guest.user.id,
      membershipId,
      isOwner: true,
      permissions: [],
    };
    expect((await changeType(owner, account, member.documentId, 'contact')).status).toBe(200);
    const contacts = app.strapi.plugin('multi-account').service('contacts');
    const typeOfThird = async () =>
      (
        await app.strapi.db
          .query(MEMBERSHIP)
          .findOne({ where: { documentId: thirdMember.documentId } })
      )?.type;
    return { contacts, accountId, third: thirdMember.documentId, inFlight, typeOfThird };
  };

  test('an owner unmade while their own request is in flight unmakes no one', async () => {
    const { contacts, accountId, third, inFlight, typeOfThird } = await ownerUnmadeInFlight();
    await expect(contacts.changeType(accountId, third, 'contact', inFlight)).rejects.toMatchObject({
      status: 403,
      message: 'Only an owner can make or unmake owners',
    });
    expect(await typeOfThird()).toBe('owner');
  });

  test('an owner unmade while their own request is in flight removes no owner', async () => {
    const { contacts, accountId, third, inFlight, typeOfThird } = await ownerUnmadeInFlight();
    await expect(contacts.remove(accountId, third, inFlight)).rejects.toMatchObject({
      status: 403,
      message: 'Only an owner can remove another owner',
    });
    expect(await typeOfThird()).toBe('owner');
  });
});
