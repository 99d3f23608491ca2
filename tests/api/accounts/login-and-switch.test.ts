import { useTestApp, JWT_MODES } from '../../helpers/strapi';
import {
  addGuest,
  API,
  as,
  logIn,
  newSession,
  signUp,
  switchTo,
  type Session,
} from '../../helpers/users';

// The active account belongs to one login session, in both users-permissions JWT modes.
describe.each(JWT_MODES)('in %s mode', (jwtMode) => {
  let names = 0;

  const app = useTestApp({}, { jwtMode });

  /** An owner, and a user who owns an account of their own and is a guest of the owner's. */
  const ownerAndGuest = async (permissions = ['billing', 'support']) => {
    const n = `${jwtMode[0]}${++names}`;
    const owner = await signUp(app, `olivia${n}`);
    const guest = await signUp(app, `gus${n}`);
    const membership = await addGuest(app, owner, guest, permissions);
    return { owner, guest, membership };
  };

  const accountOf = async (session: Pick<Session, 'jwt'>, account?: string) => {
    const me = await as(app, session, account).get(`${API}/me`);
    expect(me.status).toBe(200);
    return me.body.data.account?.documentId ?? null;
  };

  describe('login', () => {
    test('answers every account the user can act for, and the active one', async () => {
      const { owner, guest } = await ownerAndGuest();
      const res = await logIn(app, guest.user.email);
      expect(res.status).toBe(200);
      expect(res.body.user.email).toBe(guest.user.email);
      const numbers = res.body.accounts.map((a: { number: string }) => a.number).sort();
      expect(numbers).toEqual([owner.account.number, guest.account.number].sort());
      const asGuest = res.body.accounts.find(
        (a: { documentId: string }) => a.documentId === owner.account.documentId
      );
      expect(asGuest).toEqual({
        ...owner.account,
        type: 'guest',
        permissions: ['billing', 'support'],
      });
      // never used another account yet: the one they own comes first
      expect(res.body.activeAccount).toEqual(guest.account);
      expect(await accountOf(res.body)).toBe(guest.account.documentId);
    });

    test('activates the account used last', async () => {
      const { owner, guest } = await ownerAndGuest();
      await switchTo(app, guest, owner.account.documentId);
      const res = await logIn(app, guest.user.username);
      expect(res.body.activeAccount.documentId).toBe(owner.account.documentId);
      expect(await accountOf(res.body)).toBe(owner.account.documentId);
    });

    test("the paths Strapi's router also takes (a trailing slash, another case) log in and sign up alike", async () => {
      const { owner, guest } = await ownerAndGuest();
      await switchTo(app, guest, owner.account.documentId);
      for (const path of ['/api/auth/local/', '/api/AUTH/local', '/api/auth/LOCAL']) {
        const res = await app
          .http()
          .post(path)
          .send({ identifier: guest.user.email, password: 'Password123' });
        expect([path, res.status, res.body.activeAccount?.documentId]).toEqual([
          path,
          200,
          owner.account.documentId,
        ]);
        expect(res.body.accounts).toHaveLength(2);
        expect(await accountOf(res.body)).toBe(owner.account.documentId);
      }
      for (const path of ['/api/auth/local/register/', '/api/AUTH/local/register']) {
        const name = `variant${jwtMode[0]}${++names}`;
        const res = await app
          .http()
          .post(path)
          .send({ username: name, email: `${name}@example.com`, password: 'Password123' });
        expect([path, res.status, res.body.activeAccount?.type]).toEqual([path, 200, 'owner']);
        expect(await accountOf(res.body)).toBe(res.body.activeAccount.documentId);
      }
    });

    test("a password change's new token keeps to the account it is given, whatever another login does", async () => {
      const { owner, guest } = await ownerAndGuest();
      await switchTo(app, guest, owner.account.documentId);
      const changed = await as(app, guest).post('/api/auth/change-password').send({
        currentPassword: 'Password123',
        password: 'Password456',
        passwordConfirmation: 'Password456',
      });
      expect(changed.status).toBe(200);
      // answered as a login is: the account used last is the active one
      expect(changed.body.activeAccount?.documentId).toBe(owner.account.documentId);
      expect(changed.body.accounts).toHaveLength(2);
      const token = { jwt: changed.body.jwt as string };
      expect(await accountOf(token)).toBe(owner.account.documentId);
      // another login of the same user moves to the guest's own account: this one stays
      const other = await newSession(app, guest.user.email, 'Password456');
      await switchTo(app, other, guest.account.documentId);
      expect(await accountOf(token)).toBe(owner.account.documentId);
    });

    test('a wrong password is still refused as before', async () => {
      const { guest } = await ownerAndGuest();
      const res = await logIn(app, guest.user.email, 'nope-nope');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('Invalid identifier or password');
    });
  });

  describe('switching', () => {
    test('answers a token acting for the other account', async () => {
      const { owner, guest } = await ownerAndGuest();
      const res = await as(app, guest)
        .post(`${API}/switch`)
        .send({ account: owner.account.documentId });
      expect(res.status).toBe(200);
      expect(res.body.account).toEqual({
        ...owner.account,
        type: 'guest',
        permissions: ['billing', 'support'],
      });
      const me = await as(app, { jwt: res.body.jwt }).get(`${API}/me`);
      expect(me.body.data.account.documentId).toBe(owner.account.documentId);
      expect(me.body.data.permissions).toEqual(['billing', 'support']);
    });

    test('moves only the calling login session: another login of the same user keeps its account', async () => {
      const { owner, guest } = await ownerAndGuest();
      const laptop = await newSession(app, guest.user.email);
      const phone = await newSession(app, guest.user.email);
      const switched = await switchTo(app, phone, owner.account.documentId);
      expect(await accountOf(switched)).toBe(owner.account.documentId);
      expect(await accountOf(laptop)).toBe(guest.account.documentId);
      // and back on the laptop: the phone stays where it is
      const back = await switchTo(app, laptop, owner.account.documentId);
      await switchTo(app, back, guest.account.documentId);
      expect(await accountOf(switched)).toBe(owner.account.documentId);
    });

    test('to an account the user is not a member of is 403, and the session keeps its account', async () => {
      const { guest } = await ownerAndGuest();
      const stranger = await signUp(app, `stan${jwtMode[0]}${++names}`);
      const res = await as(app, guest)
        .post(`${API}/switch`)
        .send({ account: stranger.account.documentId });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        data: null,
        error: { status: 403, name: 'ForbiddenError' },
      });
      expect(await accountOf(guest)).toBe(guest.account.documentId);
    });

    test('to an account where the user is suspended is 403', async () => {
      const { owner, guest, membership } = await ownerAndGuest();
      await as(app, owner)
        .patch(`${API}/contacts/${membership.documentId}`)
        .send({ status: 'inactive' });
      const res = await as(app, guest)
        .post(`${API}/switch`)
        .send({ account: owner.account.documentId });
      expect(res.status).toBe(403);
      expect(await accountOf(guest)).toBe(guest.account.documentId);
    });

    test('validates its body', async () => {
      const { owner, guest } = await ownerAndGuest();
      const missing = await as(app, guest).post(`${API}/switch`).send({});
      expect(missing.status).toBe(400);
      expect(missing.body.error.details.errors[0].path).toEqual(['account']);
      const extra = await as(app, guest)
        .post(`${API}/switch`)
        .send({ account: owner.account.documentId, role: 'owner' });
      expect(extra.status).toBe(400);
      const wrongType = await as(app, guest)
        .post(`${API}/switch`)
        .send({ account: { $ne: 'x' } });
      expect(wrongType.status).toBe(400);
    });

    test('needs a logged-in user', async () => {
      const res = await app.http().post(`${API}/switch`).send({ account: 'abc' });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        data: null,
        error: { status: 401, name: 'UnauthorizedError' },
      });
    });
  });

  describe('the X-Account header', () => {
    test('acts for another account for one request only', async () => {
      const { owner, guest } = await ownerAndGuest();
      expect(await accountOf(guest, owner.account.documentId)).toBe(owner.account.documentId);
      expect(await accountOf(guest)).toBe(guest.account.documentId);
    });

    test('naming an account the user cannot act for leaves no active account', async () => {
      const { guest } = await ownerAndGuest();
      const stranger = await signUp(app, `sid${jwtMode[0]}${++names}`);
      for (const header of [stranger.account.documentId, 'not a document id', 'x'.repeat(500)]) {
        const res = await as(app, guest, header).get(`${API}/me`);
        expect(res.status).toBe(200);
        expect(res.body.data.account).toBeNull();
        expect(res.body.data.permissions).toEqual([]);
        // a malformed id is refused as a foreign one is, with the same reason
        const invoices = await as(app, guest, header).get('/api/invoices');
        expect(invoices.status).toBe(403);
        expect(invoices.body.error.message).toBe('You are not an active member of this account');
      }
    });
  });

  describe('revocation holds on the very next request, never falling back to another account', () => {
    test('a removed member', async () => {
      const { owner, guest, membership } = await ownerAndGuest();
      const acting = await switchTo(app, guest, owner.account.documentId);
      expect((await as(app, acting).get('/api/invoices')).status).toBe(200);
      const removed = await as(app, owner).delete(`${API}/contacts/${membership.documentId}`);
      expect(removed.status).toBe(204);
      expect(await accountOf(acting)).toBeNull();
      expect((await as(app, acting).get('/api/invoices')).status).toBe(403);
    });

    test('a suspended member, until reactivated', async () => {
      const { owner, guest, membership } = await ownerAndGuest();
      const acting = await switchTo(app, guest, owner.account.documentId);
      await as(app, owner)
        .patch(`${API}/contacts/${membership.documentId}`)
        .send({ status: 'inactive' });
      const refused = await as(app, acting).get('/api/invoices');
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe('You are not an active member of this account');
      expect(await accountOf(acting)).toBeNull();
      await as(app, owner)
        .patch(`${API}/contacts/${membership.documentId}`)
        .send({ status: 'active' });
      expect((await as(app, acting).get('/api/invoices')).status).toBe(200);
    });

    test('a suspended account', async () => {
      const { owner, guest } = await ownerAndGuest();
      const acting = await switchTo(app, guest, owner.account.documentId);
      await app.strapi.db
        .query('plugin::multi-account.account')
        .update({ where: { documentId: owner.account.documentId }, data: { status: 'suspended' } });
      expect(await accountOf(acting)).toBeNull();
      expect((await as(app, acting).get('/api/invoices')).status).toBe(403);
      expect(await accountOf(owner)).toBeNull();
      const login = await logIn(app, owner.user.email);
      expect(login.body.accounts).toEqual([]);
      expect(login.body.activeAccount).toBeNull();
    });

    test('a permission change', async () => {
      const { owner, guest, membership } = await ownerAndGuest();
      await as(app, owner)
        .patch(`${API}/contacts/${membership.documentId}`)
        .send({ permissions: ['support'] });
      const refused = await as(app, guest, owner.account.documentId).get('/api/invoices');
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe('This action needs the permission: billing');
    });
  });

  describe('GET /me/accounts', () => {
    test('pages through the accounts, in the database', async () => {
      const { guest } = await ownerAndGuest();
      const first = await as(app, guest).get(`${API}/me/accounts?pageSize=1`);
      expect(first.status).toBe(200);
      expect(first.body.meta.pagination).toEqual({ page: 1, pageSize: 1, pageCount: 2, total: 2 });
      const second = await as(app, guest).get(`${API}/me/accounts?pageSize=1&page=2`);
      expect(second.body.data).toHaveLength(1);
      expect(second.body.data[0].documentId).not.toBe(first.body.data[0].documentId);
    });

    test('refuses unknown and out-of-range query parameters', async () => {
      const { guest } = await ownerAndGuest();
      for (const query of ['pageSize=101', 'page=0', 'page=abc', 'sort=name', 'page[$gt]=1']) {
        const res = await as(app, guest).get(`${API}/me/accounts?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('ValidationError');
      }
    });
  });

  describe('the has-permission policy on a host route', () => {
    test('lets through a member holding the key, for the active account', async () => {
      const { owner, guest } = await ownerAndGuest();
      const res = await as(app, guest, owner.account.documentId).get('/api/invoices');
      expect(res.status).toBe(200);
      expect(res.body.meta).toEqual({
        account: owner.account.documentId,
        permissions: ['billing', 'support'],
        pagination: { page: 1, pageSize: 25, pageCount: 0, total: 0 },
      });
    });

    test('refuses a member without the key', async () => {
      const { owner, guest } = await ownerAndGuest(['support']);
      const res = await as(app, guest, owner.account.documentId).get('/api/invoices');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('This action needs the permission: billing');
    });

    test('refuses a request with no user', async () => {
      const res = await app.http().get('/api/invoices');
      expect(res.status).toBe(403);
    });

    // /api/reports/summary touches no scoped type: only the policy stands between
    test('on a route of no scoped type, refuses a member without the key and lets one holding it through', async () => {
      const { owner, guest } = await ownerAndGuest(['support']);
      const refused = await as(app, guest, owner.account.documentId).get('/api/reports/summary');
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe('This action needs the permission: reports');
      const allowed = await as(app, owner).get('/api/reports/summary');
      expect(allowed.status).toBe(200);
      expect(allowed.body.data.account).toBe(owner.account.documentId);
    });

    test('on a route of no scoped type, refuses a session with no active account', async () => {
      const { owner, guest, membership } = await ownerAndGuest(['reports']);
      const before = await as(app, guest, owner.account.documentId).get('/api/reports/summary');
      expect(before.status).toBe(200);
      const suspended = await as(app, owner)
        .patch(`${API}/contacts/${membership.documentId}`)
        .send({ status: 'inactive' });
      expect(suspended.status).toBe(200);
      const res = await as(app, guest, owner.account.documentId).get('/api/reports/summary');
      expect(res.status).toBe(403);
    });
  });
});
