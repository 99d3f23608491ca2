import { useTestApp } from '../../helpers/strapi';
import {
  addGuest,
  API,
  as,
  cookieFrom,
  newSession,
  REFRESH_COOKIE,
  signUp,
  switchTo,
  type Session,
} from '../../helpers/users';

// In users-permissions' refresh mode, what create-strapi-app writes, the access token names a
// login session and the session keeps its account in the database.
let names = 0;

const app = useTestApp({}, { jwtMode: 'refresh' });

const ownerAndGuest = async () => {
  const n = ++names;
  const owner = await signUp(app, `orla${n}`);
  const guest = await signUp(app, `gwen${n}`);
  const membership = await addGuest(app, owner, guest, ['billing']);
  return { owner, guest, membership };
};

const accountOf = async (session: Pick<Session, 'jwt'>) => {
  const me = await as(app, session).get(`${API}/me`);
  expect(me.status).toBe(200);
  return me.body.data.account?.documentId ?? null;
};

/** `POST /api/auth/refresh` with the session's refresh token, in the cookie a browser sends. */
const refresh = async (session: Session): Promise<Session> => {
  const res = await app
    .http()
    .post('/api/auth/refresh')
    .set('Cookie', `${REFRESH_COOKIE}=${session.refreshToken}`)
    .send({});
  expect(res.status).toBe(200);
  return { ...session, jwt: res.body.jwt, refreshToken: cookieFrom(res, REFRESH_COOKIE) };
};

const sessionRows = (userId: number) =>
  app.strapi.db
    .query('admin::session')
    .count({ where: { userId: String(userId), origin: 'users-permissions' } });

test('login answers the refresh token in the httpOnly cookie, and the session acts for the active account', async () => {
  const { guest } = await ownerAndGuest();
  const session = await newSession(app, guest.user.email);
  expect(session.refreshToken).toEqual(expect.any(String));
  expect(await accountOf(session)).toBe(guest.account.documentId);
});

test('a refresh keeps the account the session switched to', async () => {
  const { owner, guest } = await ownerAndGuest();
  const session = await switchTo(
    app,
    await newSession(app, guest.user.email),
    owner.account.documentId
  );
  const refreshed = await refresh(session);
  expect(refreshed.jwt).not.toBe(session.jwt);
  expect(await accountOf(refreshed)).toBe(owner.account.documentId);
  // and twice over, from the rotated refresh token
  expect(await accountOf(await refresh(refreshed))).toBe(owner.account.documentId);
});

test('a switch after a refresh moves the access tokens minted before it too', async () => {
  const { owner, guest } = await ownerAndGuest();
  const before = await newSession(app, guest.user.email);
  const after = await refresh(before);
  await switchTo(app, after, owner.account.documentId);
  expect(await accountOf(before)).toBe(owner.account.documentId);
  expect(await accountOf(after)).toBe(owner.account.documentId);
});

test('an access token minted before many refreshes still acts for its session', async () => {
  const { owner, guest } = await ownerAndGuest();
  const first = await newSession(app, guest.user.email);
  let latest = first;
  for (let i = 0; i < 12; i++) latest = await refresh(latest);
  await switchTo(app, latest, owner.account.documentId);
  // users-permissions still takes the first token, until it expires
  expect((await as(app, first).get('/api/users/me')).status).toBe(200);
  expect(await accountOf(first)).toBe(owner.account.documentId);
});

test('switching creates no session and leaves the refresh token working', async () => {
  const { owner, guest } = await ownerAndGuest();
  const session = await newSession(app, guest.user.email);
  const rows = await sessionRows(guest.user.id);
  for (const account of [owner.account, guest.account, owner.account, guest.account]) {
    const switched = await as(app, session)
      .post(`${API}/switch`)
      .send({ account: account.documentId });
    expect(switched.status).toBe(200);
    expect(switched.headers['set-cookie']).toBeUndefined();
  }
  expect(await sessionRows(guest.user.id)).toBe(rows);
  await switchTo(app, session, owner.account.documentId);
  expect(await accountOf(await refresh(session))).toBe(owner.account.documentId);
});

test('the switch answer is a token of the same session', async () => {
  const { owner, guest } = await ownerAndGuest();
  const session = await newSession(app, guest.user.email);
  const switched = await switchTo(app, session, owner.account.documentId);
  const sessionOf = (jwt: string) =>
    JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).sessionId;
  expect(sessionOf(switched.jwt)).toBe(sessionOf(session.jwt));
});

/** Every plugin route refuses an ended session's access token with a 401 and changes nothing. */
const expectEnded = async (session: Pick<Session, 'jwt'>, account: string) => {
  const memberships = () => app.strapi.db.query('plugin::multi-account.membership').count();
  const before = await memberships();
  const routes = [
    ['get', `${API}/me`],
    ['get', `${API}/me/accounts`],
    ['get', `${API}/me/invitations`],
    ['post', `${API}/switch`, { account }],
    ['delete', `${API}/me/accounts/${account}`],
    ['post', `${API}/invitations/accept`, { token: 'x'.repeat(43) }],
  ] as const;
  // whatever X-Account says: none, an account of the user's, or no documentId at all
  for (const header of [undefined, account, 'not a documentId!']) {
    for (const [method, url, body] of routes) {
      const req = as(app, session, header)[method](url);
      const res = await (body ? req.send(body) : req);
      expect([url, header, res.status, res.body.error?.message]).toEqual([
        url,
        header,
        401,
        'This login session has ended: log in again',
      ]);
    }
  }
  expect(await memberships()).toBe(before);
};

test('logout ends the session: every plugin route refuses its access token, which acts for no account', async () => {
  const { owner, guest } = await ownerAndGuest();
  const session = await switchTo(
    app,
    await newSession(app, guest.user.email),
    owner.account.documentId
  );
  const other = await newSession(app, guest.user.email);
  const otherAccount = await accountOf(other);
  const out = await as(app, session)
    .post('/api/auth/logout')
    .set('Cookie', `${REFRESH_COOKIE}=${session.refreshToken}`)
    .send({});
  expect(out.status).toBe(200);
  // users-permissions still accepts the access token until it expires; the plugin does not
  await expectEnded(session, owner.account.documentId);
  expect((await as(app, session).get('/api/invoices')).status).toBe(403);
  expect(otherAccount).not.toBeNull();
  expect(await accountOf(other)).toBe(otherAccount);
});

test('a password change ends every session and answers a new one, on the account used last', async () => {
  const { owner, guest } = await ownerAndGuest();
  await switchTo(app, await newSession(app, guest.user.email), owner.account.documentId);
  const changed = await as(app, guest).post('/api/auth/change-password').send({
    currentPassword: 'Password123',
    password: 'Password456',
    passwordConfirmation: 'Password456',
  });
  expect(changed.status).toBe(200);
  expect(changed.body.activeAccount.documentId).toBe(owner.account.documentId);
  expect(await accountOf({ jwt: changed.body.jwt })).toBe(owner.account.documentId);
  await expectEnded(guest, owner.account.documentId);
});

test('a session that never chose an account (one from before the plugin) gets the one a login would choose', async () => {
  const { owner, guest } = await ownerAndGuest();
  await switchTo(app, await newSession(app, guest.user.email), owner.account.documentId);
  const session = await newSession(app, guest.user.email);
  // the session row as users-permissions writes it, with no account of the plugin's
  const sessionId = JSON.parse(Buffer.from(session.jwt.split('.')[1], 'base64url').toString())
    .sessionId as string;
  await app.strapi.db
    .query('admin::session')
    .update({ where: { sessionId }, data: { metadata: null } });
  // the account used last, kept for the session from then on
  expect(await accountOf(session)).toBe(owner.account.documentId);
  await switchTo(app, await newSession(app, guest.user.email), guest.account.documentId);
  expect(await accountOf(session)).toBe(owner.account.documentId);
});

test('the session of a suspended member has no account, not another of theirs', async () => {
  const { owner, guest, membership } = await ownerAndGuest();
  const session = await switchTo(
    app,
    await newSession(app, guest.user.email),
    owner.account.documentId
  );
  await as(app, owner)
    .patch(`${API}/contacts/${membership.documentId}`)
    .send({ status: 'inactive' });
  expect(await accountOf(session)).toBeNull();
  expect(await accountOf(await refresh(session))).toBeNull();
  // a login starts a new session, on an account the user can act for
  expect(await accountOf(await newSession(app, guest.user.email))).toBe(guest.account.documentId);
});
