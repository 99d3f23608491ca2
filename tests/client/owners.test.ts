import type { AddressInfo } from 'node:net';
import { createClient, MultiAccountError, type MultiAccountClient } from '../../client';
import { useTestApp } from '../helpers/strapi';
import { tokenFrom } from '../helpers/users';

// The typed client's co-owner and ownership-transfer calls against the real test app over HTTP.
const PASSWORD = 'Password123';

describe('the typed client: co-owners and ownership transfers', () => {
  let baseUrl: string;
  let names = 0;

  const app = useTestApp();

  beforeAll(async () => {
    const server = app.strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  /** A new user signed up through a new client: they own an account of their own. */
  const signedUp = async (name: string) => {
    const client = createClient({ baseUrl });
    const username = `${name}${++names}`;
    const answer = await client.signUp({
      username,
      email: `${username}@example.com`,
      password: PASSWORD,
    });
    return { client, ...answer };
  };

  /** An owner and a member of their account, who accepted through the emailed token. */
  const ownerAndMember = async () => {
    const owner = await signedUp('owner');
    const member = await signedUp('member');
    const since = app.smtp.messages.length;
    const row = await owner.client.invite({ email: member.user.email, permissions: ['billing'] });
    const token = tokenFrom(await app.smtp.waitFor(member.user.email, since));
    await member.client.invitations.acceptByToken(token);
    const account = owner.activeAccount!.documentId;
    return { owner, member, row, account, acting: member.client.forAccount(account) };
  };

  const typeIn = async (client: MultiAccountClient, account: string) =>
    (await client.forAccount(account).me()).account?.type;

  test('contacts.setType makes an active member a co-owner, then a contact again', async () => {
    const { owner, member, row, account } = await ownerAndMember();
    expect(await owner.client.contacts.setType(row.documentId, 'owner')).toMatchObject({
      documentId: row.documentId,
      type: 'owner',
    });
    expect(await typeIn(member.client, account)).toBe('owner');
    expect((await owner.client.contacts.list({ type: 'owner' })).meta.pagination.total).toBe(2);

    expect((await owner.client.contacts.setType(row.documentId, 'contact')).type).toBe('contact');
    expect(await typeIn(member.client, account)).toBe('contact');
    const ownRow = (await owner.client.contacts.list({ type: 'owner' })).data[0];
    await expect(owner.client.contacts.setType(ownRow.documentId, 'contact')).rejects.toMatchObject(
      { status: 403, message: 'You cannot change your own access' }
    );
  });

  test('ownershipTransfers: offer, list and withdraw as the owner; mine and reject as the member', async () => {
    const { owner, member, row } = await ownerAndMember();
    const offered = await owner.client.ownershipTransfers.offer(row.documentId);
    expect(offered).toMatchObject({
      from: { username: owner.user.username },
      to: { username: member.user.username, email: member.user.email },
      status: 'pending',
    });
    const again = await owner.client.ownershipTransfers.offer(row.documentId).catch((e) => e);
    expect(again).toBeInstanceOf(MultiAccountError);
    expect(again).toMatchObject({ status: 409 });

    expect((await member.client.ownershipTransfers.mine()).data.map((t) => t.documentId)).toEqual([
      offered.documentId,
    ]);
    await owner.client.ownershipTransfers.withdraw(offered.documentId);
    expect((await member.client.ownershipTransfers.mine()).data).toEqual([]);

    const second = await owner.client.ownershipTransfers.offer(row.documentId);
    expect(await member.client.ownershipTransfers.reject(second.documentId)).toEqual({
      documentId: second.documentId,
      status: 'rejected',
    });
    const listed = await owner.client.ownershipTransfers.list({ pageSize: 10 });
    expect(listed.data.map((t) => [t.documentId, t.status])).toEqual([
      [second.documentId, 'rejected'],
      [offered.documentId, 'cancelled'],
    ]);
  });

  test('ownershipTransfers.accept: the member owns the account and the giver is a contact', async () => {
    const { owner, member, row, account, acting } = await ownerAndMember();
    const offered = await owner.client.ownershipTransfers.offer(row.documentId);
    expect(await member.client.ownershipTransfers.accept(offered.documentId)).toMatchObject({
      documentId: account,
      type: 'owner',
    });
    expect(await typeIn(member.client, account)).toBe('owner');
    expect(await typeIn(owner.client, account)).toBe('contact');
    // the new owner lists the account's offers through forAccount
    expect((await acting.ownershipTransfers.list()).data[0]).toMatchObject({
      documentId: offered.documentId,
      status: 'accepted',
    });
    await expect(owner.client.ownershipTransfers.list()).rejects.toMatchObject({ status: 403 });
  });
});
