import { bootTestApp, type TestApp } from '../helpers/strapi';
import { addGuest, API, as, logIn, signUp, switchTo, type Session } from '../helpers/users';

let app: TestApp;
let owner: Session;
let guest: Session;

beforeAll(async () => {
  app = await bootTestApp();
  owner = await signUp(app, 'olivia');
  guest = await signUp(app, 'gus');
  await addGuest(app, owner, guest, ['billing', 'support']);
});
afterAll(async () => {
  await app?.close();
});

const jwtClaims = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

describe('login', () => {
  test('answers every account the user can act for, and the one active in the token', async () => {
    const res = await logIn(app, 'gus@example.com');
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe('gus@example.com');
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
    expect(jwtClaims(res.body.jwt).account).toBe(guest.account.documentId);
  });

  test('activates the account used last', async () => {
    await switchTo(app, guest, owner.account.documentId);
    const res = await logIn(app, 'gus');
    expect(res.body.activeAccount.documentId).toBe(owner.account.documentId);
    expect(jwtClaims(res.body.jwt).account).toBe(owner.account.documentId);
    await switchTo(app, guest, guest.account.documentId);
  });

  test('a wrong password is still refused as before', async () => {
    const res = await logIn(app, 'gus@example.com', 'nope-nope');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Invalid identifier or password');
  });
});

describe('switching', () => {
  test('issues a new token acting for the other account', async () => {
    const res = await as(app, guest)
      .post(`${API}/switch`)
      .send({ account: owner.account.documentId });
    expect(res.status).toBe(200);
    expect(res.body.jwt).not.toBe(guest.jwt);
    expect(res.body.account).toEqual({
      ...owner.account,
      type: 'guest',
      permissions: ['billing', 'support'],
    });
    const me = await as(app, { jwt: res.body.jwt }).get(`${API}/me`);
    expect(me.body.data.account.documentId).toBe(owner.account.documentId);
    expect(me.body.data.permissions).toEqual(['billing', 'support']);
  });

  test('to an account the user is not a member of is 403, and the old token keeps its account', async () => {
    const stranger = await signUp(app, 'stan');
    const res = await as(app, guest)
      .post(`${API}/switch`)
      .send({ account: stranger.account.documentId });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ data: null, error: { status: 403, name: 'ForbiddenError' } });
    const me = await as(app, guest).get(`${API}/me`);
    expect(me.status).toBe(200);
    expect(me.body.data.account.documentId).toBe(guest.account.documentId);
  });

  test('validates its body', async () => {
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
    const res = await app.http().post(`${API}/switch`).send({ account: owner.account.documentId });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      data: null,
      error: { status: 401, name: 'UnauthorizedError' },
    });
  });
});

describe('the X-Account header', () => {
  test('acts for another account for one request only', async () => {
    const res = await as(app, guest, owner.account.documentId).get(`${API}/me`);
    expect(res.body.data.account.documentId).toBe(owner.account.documentId);
    const next = await as(app, guest).get(`${API}/me`);
    expect(next.body.data.account.documentId).toBe(guest.account.documentId);
  });

  test('naming an account the user cannot act for leaves no active account', async () => {
    const stranger = await signUp(app, 'sid');
    for (const header of [stranger.account.documentId, 'not a document id', 'x'.repeat(500)]) {
      const res = await as(app, guest, header).get(`${API}/me`);
      expect(res.status).toBe(200);
      expect(res.body.data.account).toBeNull();
      expect(res.body.data.permissions).toEqual([]);
    }
    const invoices = await as(app, guest, stranger.account.documentId).get('/api/invoices');
    expect(invoices.status).toBe(403);
  });
});

describe('GET /me/accounts', () => {
  test('pages through the accounts, in the database', async () => {
    const first = await as(app, guest).get(`${API}/me/accounts?pageSize=1`);
    expect(first.status).toBe(200);
    expect(first.body.meta.pagination).toEqual({ page: 1, pageSize: 1, pageCount: 2, total: 2 });
    const second = await as(app, guest).get(`${API}/me/accounts?pageSize=1&page=2`);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.data[0].documentId).not.toBe(first.body.data[0].documentId);
  });

  test('refuses unknown and out-of-range query parameters', async () => {
    for (const query of ['pageSize=101', 'page=0', 'page=abc', 'sort=name', 'page[$gt]=1']) {
      const res = await as(app, guest).get(`${API}/me/accounts?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
    }
  });
});

describe('the has-permission policy on a host route', () => {
  test('lets through a member holding the key, for the active account', async () => {
    const res = await as(app, guest, owner.account.documentId).get('/api/invoices');
    expect(res.status).toBe(200);
    expect(res.body.meta).toEqual({
      account: owner.account.documentId,
      permissions: ['billing', 'support'],
    });
  });

  test('refuses a member without the key', async () => {
    const contact = await as(app, owner)
      .post(`${API}/contacts`)
      .send({
        email: 'clara@example.com',
        username: 'clara',
        password: 'Password123',
        permissions: ['support'],
      });
    expect(contact.status).toBe(201);
    const clara = (await logIn(app, 'clara')).body;
    const res = await as(app, { jwt: clara.jwt }).get('/api/invoices');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('This action needs the permission: billing');
  });

  test('holds on the very next request after a suspension', async () => {
    const rows = await as(app, owner).get(`${API}/contacts?type=guest&status=active`);
    const membership = rows.body.data.find((m: { email: string }) => m.email === 'gus@example.com');
    const suspended = await as(app, owner)
      .patch(`${API}/contacts/${membership.documentId}`)
      .send({ status: 'inactive' });
    expect(suspended.status).toBe(200);
    expect(suspended.body.data.status).toBe('inactive');
    const refused = await as(app, guest, owner.account.documentId).get('/api/invoices');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/No active account/);
    await as(app, owner)
      .patch(`${API}/contacts/${membership.documentId}`)
      .send({ status: 'active' });
    const again = await as(app, guest, owner.account.documentId).get('/api/invoices');
    expect(again.status).toBe(200);
  });

  test('holds on the very next request after a permission change', async () => {
    const rows = await as(app, owner).get(`${API}/contacts?type=guest`);
    const membership = rows.body.data.find((m: { email: string }) => m.email === 'gus@example.com');
    await as(app, owner)
      .patch(`${API}/contacts/${membership.documentId}`)
      .send({ permissions: ['support'] });
    const refused = await as(app, guest, owner.account.documentId).get('/api/invoices');
    expect(refused.status).toBe(403);
    await as(app, owner)
      .patch(`${API}/contacts/${membership.documentId}`)
      .send({ permissions: ['billing', 'support'] });
  });

  test('refuses a request with no active account', async () => {
    const res = await app.http().get('/api/invoices');
    expect(res.status).toBe(403);
  });
});

test('a suspended account is no longer active for anyone', async () => {
  const sam = await signUp(app, 'sam');
  await app.strapi.db
    .query('plugin::multi-account.account')
    .update({ where: { documentId: sam.account.documentId }, data: { status: 'suspended' } });
  const me = await as(app, sam).get(`${API}/me`);
  expect(me.body.data.account).toBeNull();
  const login = await logIn(app, 'sam');
  expect(login.body.accounts).toEqual([]);
  expect(login.body.activeAccount).toBeNull();
});
