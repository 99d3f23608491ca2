import type { Member } from '../../shared/contracts';
import { useTestApp } from '../helpers/strapi';
import { asAdmin, auditOf, createSuperAdmin } from '../helpers/admin';
import { addGuest, API, as, logIn, signUp, tokenFrom, type Session } from '../helpers/users';

describe("admin: an account's contacts", () => {
  let admin: ReturnType<typeof asAdmin>;
  let adminId: number;
  let owner: Session;
  let guest: Session;
  let guestMember: string;
  let base: string;

  const app = useTestApp();

  beforeAll(async () => {
    const session = await createSuperAdmin(app);
    admin = asAdmin(app, session);
    adminId = session.id;
    owner = await signUp(app, 'owner');
    guest = await signUp(app, 'guest');
    guestMember = (await addGuest(app, owner, guest, ['billing'])).documentId;
    base = `/accounts/${owner.account.documentId}`;
  });

  const lastAudit = async (accountDocumentId = owner.account.documentId) =>
    (await auditOf(app, accountDocumentId)).at(-1);

  /** A new owner's account, for a test that must see its own members and no one else's. */
  const newAccount = async (name: string) => {
    const newOwner = await signUp(app, name);
    return { newOwner, newBase: `/accounts/${newOwner.account.documentId}` };
  };

  /** Invites `email` as the admin; answers the new row and the token the email carries. */
  const inviteAsAdmin = async (accountBase: string, email: string) => {
    const sent = app.smtp.messages.length;
    const res = await admin.post(`${accountBase}/invitations`).send({ email, permissions: [] });
    expect(res.status).toBe(201);
    return { row: res.body.data as Member, token: tokenFrom(await app.smtp.waitFor(email, sent)) };
  };

  it('lists owner and guests with type, email, user, account number and status', async () => {
    const res = await admin.get(`${base}/members`);
    expect(res.status).toBe(200);
    const rows = res.body.data as Member[];
    expect(rows.map((m) => [m.type, m.email, m.status])).toEqual([
      ['owner', 'owner@example.com', 'active'],
      ['guest', 'guest@example.com', 'active'],
    ]);
    expect(rows[1].user).toEqual({
      id: guest.user.id,
      documentId: guest.user.documentId,
      username: 'guest',
      email: 'guest@example.com',
    });
    expect(rows[1].account.number).toBe(owner.account.number);
    expect(rows[1].permissions).toEqual(['billing']);
  });

  it('invites a guest as the admin: the email arrives, the row reads "invited", the audit names the admin', async () => {
    const sent = app.smtp.messages.length;
    const res = await admin
      .post(`${base}/invitations`)
      .send({ email: 'New.Guest@Example.com', permissions: ['support', 'reports'] });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      type: 'guest',
      status: 'invited',
      email: 'new.guest@example.com',
      user: null,
      permissions: ['support', 'reports'],
    });
    const mail = await app.smtp.waitFor('new.guest@example.com', sent);
    expect(mail.subject).toContain('owner');
    // the email names the admin who invited, not the account
    expect(mail.text).toMatch(/^super Admin invites you to act for the account owner/m);
    expect(await lastAudit()).toMatchObject({
      action: 'invitation.created',
      actorType: 'admin',
      actorId: adminId,
    });
  });

  it('refuses an unknown permission key (400) and a second invitation to the same email (409)', async () => {
    const { newBase } = await newAccount('twiceowner');
    const unknown = await admin
      .post(`${newBase}/invitations`)
      .send({ email: 'x@example.com', permissions: ['root'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('root');
    await inviteAsAdmin(newBase, 'twice@example.com');
    expect(
      (
        await admin
          .post(`${newBase}/invitations`)
          .send({ email: 'Twice@example.com', permissions: [] })
      ).status
    ).toBe(409);
  });

  it('filters by status and type', async () => {
    const { newOwner, newBase } = await newAccount('filterowner');
    await inviteAsAdmin(newBase, 'filtered@example.com');
    const invited = await admin.get(`${newBase}/members?status=invited`);
    expect(invited.body.data.map((m: Member) => m.email)).toEqual(['filtered@example.com']);
    const owners = await admin.get(`${newBase}/members?type=owner`);
    expect(owners.body.data.map((m: Member) => m.email)).toEqual([newOwner.user.email]);
    expect((await admin.get(`${newBase}/members?status=gone`)).status).toBe(400);
  });

  it('resends an open invitation with a new token; the old link no longer works', async () => {
    const { newOwner, newBase } = await newAccount('resendowner');
    const { row, token: oldToken } = await inviteAsAdmin(newBase, 'resent@example.com');
    const before = app.smtp.messages.length;
    const res = await admin.post(`${newBase}/members/${row.documentId}/resend`).send({});
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ documentId: row.documentId, status: 'invited' });
    const newToken = tokenFrom(await app.smtp.waitFor('resent@example.com', before));
    expect(newToken).not.toBe(oldToken);
    expect(await lastAudit(newOwner.account.documentId)).toMatchObject({
      action: 'invitation.resent',
      actorType: 'admin',
      actorId: adminId,
    });

    const invitee = await signUp(app, 'resent');
    const stale = await as(app, invitee)
      .post(`${API}/invitations/accept`)
      .send({ token: oldToken });
    expect(stale.status).toBe(404);
  });

  it('adds a contact who can log in and act for the account with the permissions given', async () => {
    const res = await admin.post(`${base}/contacts`).send({
      username: 'staffer',
      email: 'staffer@example.com',
      password: 'secret123',
      permissions: ['contacts'],
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      type: 'contact',
      status: 'active',
      email: 'staffer@example.com',
      permissions: ['contacts'],
    });
    expect(await lastAudit()).toMatchObject({
      action: 'membership.created',
      actorType: 'admin',
      actorId: adminId,
    });

    const login = await logIn(app, 'staffer@example.com', 'secret123');
    expect(login.status).toBe(200);
    expect(login.body.activeAccount).toMatchObject({
      documentId: owner.account.documentId,
      type: 'contact',
      permissions: ['contacts'],
    });
    expect(
      (
        await admin.post(`${base}/contacts`).send({
          username: 'staffer',
          email: 'other@example.com',
          password: 'secret123',
          permissions: [],
        })
      ).status
    ).toBe(409);
  });

  it("changes a guest's permissions; the guest holds exactly the new ones on the next request", async () => {
    const res = await admin
      .put(`${base}/members/${guestMember}`)
      .send({ permissions: ['support', 'provisioning'] });
    expect(res.status).toBe(200);
    expect(res.body.data.permissions).toEqual(['support', 'provisioning']);
    const me = await as(app, guest, owner.account.documentId).get(`${API}/me`);
    expect(me.body.data.permissions).toEqual(['support', 'provisioning']);
    expect(await lastAudit()).toMatchObject({
      action: 'membership.updated',
      actorType: 'admin',
      actorId: adminId,
      details: { permissions: { from: ['billing'], to: ['support', 'provisioning'] } },
    });
  });

  it('suspends a guest, who is refused at once, and reactivates them', async () => {
    const suspended = await admin
      .put(`${base}/members/${guestMember}`)
      .send({ status: 'inactive' });
    expect(suspended.status).toBe(200);
    expect(suspended.body.data.status).toBe('inactive');
    expect(
      (await as(app, guest, owner.account.documentId).get(`${API}/me`)).body.data.account
    ).toBeNull();

    const back = await admin.put(`${base}/members/${guestMember}`).send({ status: 'active' });
    expect(back.body.data.status).toBe('active');
    expect(
      (await as(app, guest, owner.account.documentId).get(`${API}/me`)).body.data.account
    ).toMatchObject({ type: 'guest' });
  });

  it("refuses to change an owner's row and unknown body keys", async () => {
    const ownerRow = (await admin.get(`${base}/members?type=owner`)).body.data[0] as Member;
    expect(
      (await admin.put(`${base}/members/${ownerRow.documentId}`).send({ permissions: [] })).status
    ).toBe(403);
    for (const body of [{ type: 'guest' }, { role: 'owner' }]) {
      expect((await admin.put(`${base}/members/${guestMember}`).send(body)).status).toBe(400);
    }
  });

  it('answers 404 for a member of another account', async () => {
    const other = await signUp(app, 'other');
    expect(
      (
        await admin
          .put(`/accounts/${other.account.documentId}/members/${guestMember}`)
          .send({ permissions: [] })
      ).status
    ).toBe(404);
    expect(
      (await admin.delete(`/accounts/${other.account.documentId}/members/${guestMember}`)).status
    ).toBe(404);
  });

  it('removes a guest, who loses the account at once', async () => {
    const res = await admin.delete(`${base}/members/${guestMember}`);
    expect(res.status).toBe(204);
    const mine = await as(app, guest).get(`${API}/me/accounts`);
    expect(mine.body.data.map((a: { documentId: string }) => a.documentId)).not.toContain(
      owner.account.documentId
    );
    expect(await lastAudit()).toMatchObject({
      action: 'membership.removed',
      actorType: 'admin',
      actorId: adminId,
    });
  });

  it('never removes the last owner, and says why', async () => {
    const ownerRow = (await admin.get(`${base}/members?type=owner`)).body.data[0] as Member;
    const res = await admin.delete(`${base}/members/${ownerRow.documentId}`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('An account must keep at least one owner');
    expect((await admin.get(`${base}/members?type=owner`)).body.meta.pagination.total).toBe(1);
  });
});
