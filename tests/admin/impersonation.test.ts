import { ACTIONS, asAdmin, createAdmin, createRole, createSuperAdmin } from '../helpers/admin';
import { JWT_MODES, useTestApp } from '../helpers/strapi';
import { addGuest, API, as, signUp, type Session } from '../helpers/users';

const AUDIT = 'plugin::multi-account.audit-log';
const PASSWORD = 'Password123';

// Support's impersonation: an admin holding `impersonate` gets a short-lived token acting as
// one user for one account; what it changes is the admin's doing, and what only the user may do
// stays the user's.
describe.each(JWT_MODES)('admin impersonation, in %s mode', (jwtMode) => {
  const app = useTestApp(undefined, { jwtMode });
  let admin: ReturnType<typeof asAdmin>;
  let adminId: number;
  let names = 0;

  beforeAll(async () => {
    const session = await createSuperAdmin(app);
    admin = asAdmin(app, session);
    adminId = session.id;
  });

  afterEach(() => {
    app.strapi.config.set('plugin::multi-account.impersonationTtl', 15 * 60);
    app.strapi.config.set('plugin::multi-account.impersonationUrl', undefined);
  });

  /** An owner, and a guest of theirs (holding `keys`) who owns an account of their own. */
  const ownerAndGuest = async (keys = ['billing', 'contacts']) => {
    const n = ++names;
    const owner = await signUp(app, `imp${n}${jwtMode[0]}`);
    const guest = await signUp(app, `impguest${n}${jwtMode[0]}`);
    const member = await addGuest(app, owner, guest, keys);
    return { owner, guest, member, account: owner.account.documentId };
  };

  const impersonate = (user: Session, account: string) =>
    admin.post('/impersonations').send({ user: user.user.documentId, account });

  const tokenOf = async (user: Session, account: string) => {
    const res = await impersonate(user, account);
    expect(res.status).toBe(201);
    return { jwt: res.body.data.jwt as string, documentId: res.body.data.documentId as string };
  };

  const auditRows = async (action: string) =>
    app.strapi.db.query(AUDIT).findMany({ where: { action }, orderBy: [{ id: 'asc' }] });

  test('a token acts as the user, for the one account, with the keys the user holds there', async () => {
    const { guest, account } = await ownerAndGuest(['billing']);
    const res = await impersonate(guest, account);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      user: { documentId: guest.user.documentId, username: guest.user.username },
      account: { documentId: account },
    });
    expect(Date.parse(res.body.data.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(res.body.data.jwt).toMatch(/^mai_/);
    expect(res.body.data.openUrl).toBeNull();
    // the answer holds one token and nothing to renew it with (see the refresh test below)
    expect(Object.keys(res.body.data).sort()).toEqual([
      'account',
      'documentId',
      'expiresAt',
      'jwt',
      'openUrl',
      'user',
    ]);

    const me = await as(app, { jwt: res.body.data.jwt }).get(`${API}/me`);
    expect(me.status).toBe(200);
    expect(me.body.data.user.documentId).toBe(guest.user.documentId);
    expect(me.body.data.account).toMatchObject({ documentId: account, type: 'guest' });
    expect(me.body.data.permissions).toEqual(['billing']);
    expect(me.body.data.impersonatedBy).toMatchObject({ id: adminId, name: 'super Admin' });
    // the same user's own token says nothing of it
    expect((await as(app, guest).get(`${API}/me`)).body.data).not.toHaveProperty('impersonatedBy');

    // the host's route behind the plugin's policy: the user's key is enough
    expect((await as(app, { jwt: res.body.data.jwt }).get('/api/invoices')).status).toBe(200);
    // the guest's own account is out of reach, by X-Account or otherwise
    const elsewhere = await as(app, { jwt: res.body.data.jwt }, guest.account.documentId).get(
      `${API}/me`
    );
    expect(elsewhere.body.data.account).toBeNull();
    expect(
      (await as(app, { jwt: res.body.data.jwt }, guest.account.documentId).get('/api/invoices'))
        .status
    ).toBe(403);
  });

  test("with impersonationUrl set, the answer links to the front end's page with the token in the fragment", async () => {
    const { guest, account } = await ownerAndGuest();
    app.strapi.config.set(
      'plugin::multi-account.impersonationUrl',
      'https://app.example.com/impersonate'
    );
    const res = await impersonate(guest, account);
    expect(res.status).toBe(201);
    expect(res.body.data.openUrl).toBe(
      `https://app.example.com/impersonate#token=${encodeURIComponent(res.body.data.jwt)}`
    );
  });

  test('an admin without the impersonate action is refused, even with every other action', async () => {
    const role = await createRole(app, `support-${jwtMode}`, Object.values(ACTIONS));
    const session = await createAdmin(app, `support-${jwtMode}@example.com`, [role.id]);
    const { guest, account } = await ownerAndGuest();
    const res = await asAdmin(app, session)
      .post('/impersonations')
      .send({ user: guest.user.documentId, account });
    expect(res.status).toBe(403);
    expect(await auditRows('impersonation.started')).not.toContainEqual(
      expect.objectContaining({ actorId: session.id })
    );
  });

  test("what the token changes is audited as the admin, naming the user: the plugin's changes and the host's documents", async () => {
    const { guest, account } = await ownerAndGuest(['billing', 'contacts']);
    const { jwt, documentId } = await tokenOf(guest, account);

    const invited = await as(app, { jwt })
      .post(`${API}/invitations`)
      .send({ email: `imp-invitee-${jwtMode}@example.com`, permissions: ['billing'] });
    expect(invited.status).toBe(201);
    const [invitation] = (await auditRows('invitation.created')).filter(
      (row: { details: Record<string, unknown> }) => row.details.impersonation === documentId
    );
    expect(invitation).toMatchObject({
      actorType: 'admin',
      actorId: adminId,
      details: { userId: guest.user.id },
    });

    const project = await as(app, { jwt })
      .post('/api/projects')
      .send({ data: { name: 'Made by support' } });
    expect(project.status).toBe(201);
    const writes = await auditRows('impersonation.write');
    expect(writes).toContainEqual(
      expect.objectContaining({
        actorType: 'admin',
        actorId: adminId,
        details: expect.objectContaining({
          impersonation: documentId,
          userId: guest.user.id,
          uid: 'api::project.project',
          documentAction: 'create',
          documentId: project.body.data.documentId,
        }),
      })
    );
    // the user's own write is not the admin's
    const own = await as(app, guest, account)
      .post('/api/projects')
      .send({ data: { name: 'Made by the guest' } });
    expect(own.status).toBe(201);
    expect(await auditRows('impersonation.write')).not.toContainEqual(
      expect.objectContaining({
        details: expect.objectContaining({ documentId: own.body.data.documentId }),
      })
    );
  });

  test('the token cannot change the password or email, leave, switch, answer invitations or give ownership', async () => {
    const { owner, guest, account } = await ownerAndGuest(['billing', 'contacts']);
    const ownerToken = await tokenOf(owner, account);
    const guestToken = await tokenOf(guest, account);
    const asOwner = as(app, { jwt: ownerToken.jwt });
    const asGuest = as(app, { jwt: guestToken.jwt });

    const changePassword = {
      currentPassword: PASSWORD,
      password: 'Other1234',
      passwordConfirmation: 'Other1234',
    };
    const refused = await asGuest.post('/api/auth/change-password').send(changePassword);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/impersonation/);
    const update = await asGuest
      .put(`/api/users/${guest.user.id}`)
      .send({ email: `stolen-${jwtMode}@example.com` });
    expect(update.status).toBe(403);
    expect(update.body.error.message).toMatch(/impersonation/);
    const leave = await asGuest.delete(`${API}/me/accounts/${account}`);
    expect(leave.status).toBe(403);
    expect(
      (await asGuest.post(`${API}/switch`).send({ account: guest.account.documentId })).status
    ).toBe(403);
    const offer = await asOwner.post(`${API}/ownership-transfers`).send({
      member: (await as(app, owner, account).get(`${API}/contacts?type=guest`)).body.data[0]
        .documentId,
    });
    expect(offer.status).toBe(403);

    // nothing changed: the guest is still a member with the same password and email
    expect((await as(app, guest, account).get(`${API}/me`)).body.data.account.documentId).toBe(
      account
    );
    const user = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { id: guest.user.id } });
    expect(user.email).toBe(guest.user.email);
    expect((await as(app, owner, account).get(`${API}/ownership-transfers`)).body.data).toEqual([]);
    // the user's own token may do what the impersonator may not
    expect(
      (await as(app, guest).post('/api/auth/change-password').send(changePassword)).status
    ).toBe(200);
  });

  test('the token cannot register a contact (a new user), nor make, unmake or remove an owner', async () => {
    const { owner, member, account } = await ownerAndGuest(['billing', 'contacts']);
    const second = await signUp(app, `impsecond${++names}${jwtMode[0]}`);
    const secondMember = await addGuest(app, owner, second, []);
    expect(
      (
        await as(app, owner, account)
          .patch(`${API}/contacts/${secondMember.documentId}`)
          .send({ type: 'owner' })
      ).status
    ).toBe(200);
    const asOwner = as(app, { jwt: (await tokenOf(owner, account)).jwt });
    const notWhileImpersonating = [
      403,
      'Not allowed with an impersonation token: only the user can do this',
    ];
    const email = `impcontact${names}${jwtMode[0]}@example.com`;
    for (const res of [
      await asOwner
        .post(`${API}/contacts`)
        .send({ email, username: `impcontact${names}${jwtMode[0]}`, password: PASSWORD }),
      await asOwner.patch(`${API}/contacts/${member.documentId}`).send({ type: 'owner' }),
      await asOwner.patch(`${API}/contacts/${secondMember.documentId}`).send({ type: 'contact' }),
      await asOwner.delete(`${API}/contacts/${secondMember.documentId}`),
    ]) {
      expect([res.status, res.body.error?.message]).toEqual(notWhileImpersonating);
    }
    // nothing changed: no new user, the guest still a guest, the second owner still an owner
    expect(
      await app.strapi.db.query('plugin::users-permissions.user').count({ where: { email } })
    ).toBe(0);
    const types = await as(app, owner, account).get(`${API}/contacts?pageSize=100`);
    const typeOf = (documentId: string) =>
      types.body.data.find((m: { documentId: string }) => m.documentId === documentId)?.type;
    expect([typeOf(member.documentId), typeOf(secondMember.documentId)]).toEqual([
      'guest',
      'owner',
    ]);
    // what support may do for the user stays: narrowing a guest's keys
    expect(
      (
        await asOwner
          .patch(`${API}/contacts/${member.documentId}`)
          .send({ permissions: ['billing'] })
      ).status
    ).toBe(200);
  });

  test('an ended or expired token is refused from its next request on', async () => {
    const { guest, account } = await ownerAndGuest();
    const { jwt, documentId } = await tokenOf(guest, account);
    expect((await as(app, { jwt }).get(`${API}/me`)).status).toBe(200);
    expect((await admin.delete(`/impersonations/${documentId}`)).status).toBe(204);
    expect((await as(app, { jwt }).get(`${API}/me`)).status).toBe(401);
    expect((await as(app, { jwt }).get('/api/projects')).status).toBe(401);
    expect(await auditRows('impersonation.ended')).toContainEqual(
      expect.objectContaining({ actorType: 'admin', actorId: adminId })
    );

    app.strapi.config.set('plugin::multi-account.impersonationTtl', 1);
    const short = await tokenOf(guest, account);
    expect((await as(app, { jwt: short.jwt }).get(`${API}/me`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await as(app, { jwt: short.jwt }).get(`${API}/me`)).status).toBe(401);
    // users-permissions' refresh does not take it as a refresh token either
    const refresh = await app.http().post('/api/auth/refresh').send({ refreshToken: short.jwt });
    expect(refresh.status).not.toBe(200);
  });

  test('only an active member of an active account can be impersonated; bad input is a 400', async () => {
    const { owner, guest, member, account } = await ownerAndGuest();
    const stranger = await signUp(app, `impstranger${jwtMode[0]}`);
    expect((await impersonate(stranger, account)).status).toBe(409);
    expect(
      (await admin.post('/impersonations').send({ user: 'no-such-user', account })).status
    ).toBe(404);
    expect(
      (await admin.post('/impersonations').send({ user: guest.user.documentId, account: 'nope' }))
        .status
    ).toBe(404);
    for (const body of [
      {},
      { user: guest.user.documentId },
      { user: 1, account },
      { user: guest.user.documentId, account, extra: 1 },
    ]) {
      expect((await admin.post('/impersonations').send(body)).status).toBe(400);
    }
    expect(
      (
        await as(app, owner, account)
          .patch(`${API}/contacts/${member.documentId}`)
          .send({ status: 'inactive' })
      ).status
    ).toBe(200);
    expect((await impersonate(guest, account)).status).toBe(409);
    expect((await admin.put(`/accounts/${account}`).send({ status: 'suspended' })).status).toBe(
      200
    );
    expect((await impersonate(owner, account)).status).toBe(409);
    expect((await admin.delete('/impersonations/no-such-one')).status).toBe(404);
  });
});
