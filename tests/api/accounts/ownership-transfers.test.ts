import { asAdmin, auditOf, createSuperAdmin } from '../../helpers/admin';
import { useTestApp } from '../../helpers/strapi';
import { accountRowOf, addGuest, API, as, signUp, type Session } from '../../helpers/users';

const MEMBERSHIP = 'plugin::multi-account.membership';

// Ownership transfer with consent: an owner offers, the member accepts or rejects; on accept
// the member owns the account and the offering owner becomes a contact holding every key.
describe('ownership transfers', () => {
  const app = useTestApp();
  let names = 0;

  /** An owner's account and an active guest of it (who owns an account of their own). */
  const ownerAndMember = async (permissions = ['billing']) => {
    const n = ++names;
    const owner = await signUp(app, `giver${n}`);
    const member = await signUp(app, `taker${n}`);
    const row = await addGuest(app, owner, member, permissions);
    return { owner, member, row, account: owner.account.documentId };
  };

  const offer = (owner: Session, memberRow: string) =>
    as(app, owner).post(`${API}/ownership-transfers`).send({ member: memberRow });
  const answer = (session: Session, transfer: string, verb: 'accept' | 'reject') =>
    as(app, session).post(`${API}/me/ownership-transfers/${transfer}/${verb}`).send({});
  const typeOf = async (documentId: string) =>
    (await app.strapi.db.query(MEMBERSHIP).findOne({ where: { documentId } })).type;
  const ownerRowOf = async (owner: Session) =>
    (await as(app, owner).get(`${API}/contacts?type=owner`)).body.data[0].documentId as string;

  test('the member accepts: they own the account, the giver is a contact holding every key and may leave', async () => {
    const { owner, member, row, account } = await ownerAndMember();
    const giverRow = await ownerRowOf(owner);
    const events: unknown[] = [];
    app.strapi.eventHub.on('multi-account.ownership-transfer.accepted', async (event: unknown) => {
      events.push(event);
    });

    const offered = await offer(owner, row.documentId);
    expect(offered.status).toBe(201);
    expect(offered.body.data).toMatchObject({
      documentId: expect.any(String),
      account: { documentId: account, name: owner.user.username },
      from: { username: owner.user.username },
      to: { username: member.user.username, email: member.user.email },
      status: 'pending',
      expiresAt: expect.any(String),
    });
    const transfer = offered.body.data.documentId;
    const mine = await as(app, member).get(`${API}/me/ownership-transfers`);
    expect(mine.body.data.map((t: { documentId: string }) => t.documentId)).toEqual([transfer]);
    expect(mine.body.meta.pagination.total).toBe(1);

    const accepted = await answer(member, transfer, 'accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({ documentId: account, type: 'owner' });
    expect(await typeOf(row.documentId)).toBe('owner');
    expect(await typeOf(giverRow)).toBe('contact');
    const giver = await as(app, owner, account).get(`${API}/me`);
    expect(giver.body.data.account.type).toBe('contact');
    expect(giver.body.data.permissions).toEqual(
      expect.arrayContaining(['billing', 'support', 'provisioning', 'configuration', 'security'])
    );
    const list = await as(app, member, account).get(`${API}/ownership-transfers`);
    expect(list.body.data[0]).toMatchObject({ documentId: transfer, status: 'accepted' });
    expect((await auditOf(app, account)).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['ownership-transfer.offered', 'ownership-transfer.accepted'])
    );
    expect(events).toHaveLength(1);
    // no longer the last owner: the giver may leave
    expect((await as(app, owner).delete(`${API}/me/accounts/${account}`)).status).toBe(204);
  });

  test('the member rejects: nothing changes but the offer, which the owner sees rejected', async () => {
    const { owner, member, row, account } = await ownerAndMember();
    const transfer = (await offer(owner, row.documentId)).body.data.documentId;
    const rejected = await answer(member, transfer, 'reject');
    expect(rejected.status).toBe(200);
    expect(rejected.body.data).toEqual({ documentId: transfer, status: 'rejected' });
    expect(await typeOf(row.documentId)).toBe('guest');
    const list = await as(app, owner).get(`${API}/ownership-transfers`);
    expect(list.body.data[0]).toMatchObject({ documentId: transfer, status: 'rejected' });
    expect((await answer(member, transfer, 'accept')).status).toBe(410);
    expect((await auditOf(app, account)).at(-1)?.action).toBe('ownership-transfer.rejected');
  });

  test('one open offer per account; the giver cancels it, and it can no longer be accepted', async () => {
    const { owner, member, row } = await ownerAndMember();
    const other = await signUp(app, `second${++names}`);
    const otherRow = await addGuest(app, owner, other, []);
    const transfer = (await offer(owner, row.documentId)).body.data.documentId;
    const second = await offer(owner, otherRow.documentId);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe(
      'An ownership transfer is already open for this account'
    );

    expect((await as(app, owner).delete(`${API}/ownership-transfers/${transfer}`)).status).toBe(
      204
    );
    expect((await as(app, member).get(`${API}/me/ownership-transfers`)).body.data).toEqual([]);
    expect((await answer(member, transfer, 'accept')).status).toBe(410);
    expect(await typeOf(row.documentId)).toBe('guest');
    expect((await offer(owner, otherRow.documentId)).status).toBe(201);
  });

  test('only an owner offers, to an active member other than an owner, in their own account', async () => {
    const { owner, member, row, account } = await ownerAndMember(['contacts']);
    const byMember = await as(app, member, account)
      .post(`${API}/ownership-transfers`)
      .send({ member: await ownerRowOf(owner) });
    expect(byMember.status).toBe(403);
    const list = await as(app, member, account).get(`${API}/ownership-transfers`);
    expect(list.status).toBe(403);
    expect(list.body.error.message).toBe("Only an owner can see the account's ownership transfers");
    expect((await offer(owner, await ownerRowOf(owner))).status).toBe(403);
    const invited = await as(app, owner)
      .post(`${API}/invitations`)
      .send({ email: `later${names}@example.com`, permissions: [] });
    const pending = await offer(owner, invited.body.data.documentId);
    expect(pending.status).toBe(409);
    const elsewhere = await ownerAndMember();
    expect((await offer(owner, elsewhere.row.documentId)).status).toBe(404);
    expect((await as(app, owner).post(`${API}/ownership-transfers`).send({})).status).toBe(400);
    expect(
      (
        await as(app, owner)
          .post(`${API}/ownership-transfers`)
          .send({ member: row.documentId, to: 1 })
      ).status
    ).toBe(400);
    const { id } = await accountRowOf(app, { documentId: account });
    const written = await app.strapi.db
      .query('plugin::multi-account.ownership-transfer')
      .count({ where: { accountId: id } });
    expect(written).toBe(0);
  });

  test('an offer is answered by its member only, and cancelled by its giver only', async () => {
    const { owner, row, account } = await ownerAndMember();
    const stranger = await signUp(app, `stranger${++names}`);
    const transfer = (await offer(owner, row.documentId)).body.data.documentId;
    expect((await answer(stranger, transfer, 'accept')).status).toBe(404);
    expect((await answer(stranger, transfer, 'reject')).status).toBe(404);
    const coOwner = await signUp(app, `coowner${names}`);
    const coOwnerRow = await addGuest(app, owner, coOwner, []);
    expect(
      (
        await as(app, owner)
          .patch(`${API}/contacts/${coOwnerRow.documentId}`)
          .send({ type: 'owner' })
      ).status
    ).toBe(200);
    const cancel = await as(app, coOwner, account).delete(`${API}/ownership-transfers/${transfer}`);
    expect(cancel.status).toBe(403);
    expect(cancel.body.error.message).toBe('Only the owner who offered it can cancel it');
    expect(
      (await as(app, coOwner, account).get(`${API}/ownership-transfers`)).body.data[0].status
    ).toBe('pending');
  });

  test('accepts and rejects at once: one answer wins, and the offer says which', async () => {
    const { owner, member, row, account } = await ownerAndMember();
    const transfer = (await offer(owner, row.documentId)).body.data.documentId;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => answer(member, transfer, i % 2 ? 'reject' : 'accept'))
    );
    const won = answers.filter((res) => res.status === 200);
    expect(won).toHaveLength(1);
    expect(answers.filter((res) => res.status === 410)).toHaveLength(19);
    const accepted = 'type' in won[0].body.data;
    expect(await typeOf(row.documentId)).toBe(accepted ? 'owner' : 'guest');
    const list = await as(app, accepted ? member : owner, account).get(
      `${API}/ownership-transfers`
    );
    expect(list.body.data[0]).toMatchObject({
      documentId: transfer,
      status: accepted ? 'accepted' : 'rejected',
    });
  });

  test('an offer in a suspended account cannot be accepted, and stands once it is reactivated', async () => {
    const { owner, member, row, account } = await ownerAndMember();
    const transfer = (await offer(owner, row.documentId)).body.data.documentId;
    const admin = asAdmin(app, await createSuperAdmin(app, `transfers${names}@example.com`));
    expect((await admin.put(`/accounts/${account}`).send({ status: 'suspended' })).status).toBe(
      200
    );
    const refused = await answer(member, transfer, 'accept');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('This account is suspended');
    expect(await typeOf(row.documentId)).toBe('guest');
    expect((await admin.put(`/accounts/${account}`).send({ status: 'active' })).status).toBe(200);
    expect((await answer(member, transfer, 'accept')).status).toBe(200);
  });

  test('an offer stands while its member is active and its giver an owner', async () => {
    const { owner, member, row } = await ownerAndMember();
    const transfer = (await offer(owner, row.documentId)).body.data.documentId;
    const suspended = await as(app, owner)
      .patch(`${API}/contacts/${row.documentId}`)
      .send({ status: 'inactive' });
    expect(suspended.status).toBe(200);
    const refused = await answer(member, transfer, 'accept');
    expect(refused.status).toBe(410);
    expect(await typeOf(row.documentId)).toBe('guest');
    expect(await typeOf(await ownerRowOf(owner))).toBe('owner');
  });

  type Pair = Awaited<ReturnType<typeof ownerAndMember>>;

  test('an offer whose member or giver stops standing is cancelled for good, and frees the account', async () => {
    const statusOf = async (owner: Session, transfer: string, account?: string) => {
      const list = await as(app, owner, account).get(`${API}/ownership-transfers`);
      return list.body.data.find((t: { documentId: string }) => t.documentId === transfer)?.status;
    };
    const patch = (session: Session, row: string, body: object, account?: string) =>
      as(app, session, account).patch(`${API}/contacts/${row}`).send(body);

    // the member suspended, then reactivated: the offer does not come back
    const suspended = await ownerAndMember();
    const first = (await offer(suspended.owner, suspended.row.documentId)).body.data.documentId;
    expect(
      (await patch(suspended.owner, suspended.row.documentId, { status: 'inactive' })).status
    ).toBe(200);
    expect(await statusOf(suspended.owner, first)).toBe('cancelled');
    expect(
      (await patch(suspended.owner, suspended.row.documentId, { status: 'active' })).status
    ).toBe(200);
    expect(
      (await as(app, suspended.member).get(`${API}/me/ownership-transfers`)).body.data
    ).toEqual([]);
    expect((await answer(suspended.member, first, 'accept')).status).toBe(410);
    expect(await typeOf(suspended.row.documentId)).toBe('guest');
    expect((await offer(suspended.owner, suspended.row.documentId)).status).toBe(201);
    expect((await auditOf(app, suspended.account)).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['ownership-transfer.cancelled'])
    );

    // the giver made a contact by a co-owner, who may then offer the account themselves
    const demoted = await ownerAndMember();
    const coOwner = await signUp(app, `coowner${++names}`);
    const coOwnerRow = await addGuest(app, demoted.owner, coOwner, []);
    expect((await patch(demoted.owner, coOwnerRow.documentId, { type: 'owner' })).status).toBe(200);
    const second = (await offer(demoted.owner, demoted.row.documentId)).body.data.documentId;
    const giverRow = await ownerRowOf(demoted.owner);
    expect((await patch(coOwner, giverRow, { type: 'contact' }, demoted.account)).status).toBe(200);
    expect(await statusOf(coOwner, second, demoted.account)).toBe('cancelled');
    expect((await answer(demoted.member, second, 'accept')).status).toBe(410);
    const byCoOwner = await as(app, coOwner, demoted.account)
      .post(`${API}/ownership-transfers`)
      .send({ member: demoted.row.documentId });
    expect(byCoOwner.status).toBe(201);

    // the member made an owner; the member removed or leaving, whose offer goes with them
    const changes = {
      'made owner': [
        200,
        'cancelled',
        ({ owner, row }) => patch(owner, row.documentId, { type: 'owner' }),
      ],
      removed: [
        204,
        undefined,
        ({ owner, row }) => as(app, owner).delete(`${API}/contacts/${row.documentId}`),
      ],
      left: [
        204,
        undefined,
        ({ member, account }) => as(app, member).delete(`${API}/me/accounts/${account}`),
      ],
    } satisfies Record<
      string,
      [number, string | undefined, (pair: Pair) => Promise<{ status: number }>]
    >;
    for (const [expected, offerStatus, change] of Object.values(changes)) {
      const pair = await ownerAndMember();
      const { owner, row } = pair;
      const transfer = (await offer(owner, row.documentId)).body.data.documentId;
      expect((await change(pair)).status).toBe(expected);
      expect(await statusOf(owner, transfer)).toBe(offerStatus);
      const other = await signUp(app, `next${++names}`);
      const otherRow = await addGuest(app, owner, other, []);
      expect((await offer(owner, otherRow.documentId)).status).toBe(201);
    }
  });

  test('no offer to an owner; a withdrawal names an offer of the account, or 404', async () => {
    const { owner, row, account } = await ownerAndMember();
    expect(
      (await as(app, owner).patch(`${API}/contacts/${row.documentId}`).send({ type: 'owner' }))
        .status
    ).toBe(200);
    const toOwner = await offer(owner, row.documentId);
    expect(toOwner.status).toBe(409);
    expect(toOwner.body.error.message).toBe('This member is already an owner');

    const elsewhere = await ownerAndMember();
    const theirs = (await offer(elsewhere.owner, elsewhere.row.documentId)).body.data.documentId;
    for (const id of [theirs, 'nosuchtransfer1']) {
      const res = await as(app, owner, account).delete(`${API}/ownership-transfers/${id}`);
      expect(res.status).toBe(404);
    }
    const stillOpen = await as(app, elsewhere.owner).get(`${API}/ownership-transfers`);
    expect(stillOpen.body.data[0]).toMatchObject({ documentId: theirs, status: 'pending' });
  });

  test('50 parallel accepts change the owner once', async () => {
    const { owner, member, row, account } = await ownerAndMember();
    const transfer = (await offer(owner, row.documentId)).body.data.documentId;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => answer(member, transfer, 'accept'))
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(49);
    const accepted = (await auditOf(app, account)).filter(
      (entry) => entry.action === 'ownership-transfer.accepted'
    );
    expect(accepted).toHaveLength(1);
    const { id } = await accountRowOf(app, { documentId: account });
    const owners = await app.strapi.db
      .query(MEMBERSHIP)
      .findMany({ where: { accountId: id, type: 'owner' } });
    expect(owners.map((m: { userId: number }) => m.userId)).toEqual([member.user.id]);
  });
});

describe('an offer past its lifetime', () => {
  const app = useTestApp({ ownershipTransferTtl: 1 });

  test('expires: it is no longer listed to the member, cannot be accepted, and frees the account for a new one', async () => {
    const owner = await signUp(app, 'lateowner');
    const member = await signUp(app, 'latemember');
    const row = await addGuest(app, owner, member, []);
    const transfer = (
      await as(app, owner).post(`${API}/ownership-transfers`).send({ member: row.documentId })
    ).body.data.documentId;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await as(app, member).get(`${API}/me/ownership-transfers`)).body.data).toEqual([]);
    const late = await as(app, member)
      .post(`${API}/me/ownership-transfers/${transfer}/accept`)
      .send({});
    expect(late.status).toBe(410);
    const list = await as(app, owner).get(`${API}/ownership-transfers`);
    expect(list.body.data[0]).toMatchObject({ documentId: transfer, status: 'expired' });
    const again = await as(app, owner)
      .post(`${API}/ownership-transfers`)
      .send({ member: row.documentId });
    expect(again.status).toBe(201);
  });
});
