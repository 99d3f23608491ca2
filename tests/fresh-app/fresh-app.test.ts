/**
 * The README's install on a brand-new app: create-strapi-app 5.54 from the npm registry (refresh
 * tokens in an httpOnly cookie, as it writes them), the plugin installed from its packed tarball,
 * configured as the README says, built and started with `strapi start`, driven over HTTP only.
 * The global setup prepares the app; this file starts it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Response } from 'supertest';
import { startFreshApp, tickForAuthenticated, type FreshApp } from './app';
import { TYPED_CLIENT_FILE } from './configure';

const API = '/api/multi-account';
const PASSWORD = 'Password123';
const COOKIE = 'strapi_up_refresh';

let app: FreshApp;

beforeAll(async () => {
  const appDir = process.env.FRESH_APP_DIR;
  if (!appDir) throw new Error('FRESH_APP_DIR is unset: run with npm run test:fresh-app');
  app = await startFreshApp(appDir);
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

/** Shows the end of the app's output beside an unexpected status. */
const expectStatus = (res: Response, status: number) => {
  if (res.status === status) return;
  const output = app.output().split('\n').slice(-20).join('\n');
  throw new Error(`${res.status} instead of ${status}: ${JSON.stringify(res.body)}\n${output}`);
};

/** The refresh token cookie an answer sets, as `name=value`. */
const refreshCookie = (res: Response) => {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.find((c) => c.startsWith(`${COOKIE}=`));
  return cookie ? { pair: cookie.split(';')[0], attributes: cookie.toLowerCase() } : null;
};

const as = (jwt: string) => ({
  get: (url: string) => app.http().get(url).set('Authorization', `Bearer ${jwt}`),
  post: (url: string) => app.http().post(url).set('Authorization', `Bearer ${jwt}`),
  patch: (url: string) => app.http().patch(url).set('Authorization', `Bearer ${jwt}`),
  delete: (url: string) => app.http().delete(url).set('Authorization', `Bearer ${jwt}`),
});

const signUp = async (name: string) => {
  const res = await app
    .http()
    .post('/api/auth/local/register')
    .send({ username: name, email: `${name}@example.com`, password: PASSWORD });
  expectStatus(res, 200);
  return res;
};

const logIn = async (name: string) => {
  const res = await app
    .http()
    .post('/api/auth/local')
    .send({ identifier: `${name}@example.com`, password: PASSWORD });
  expectStatus(res, 200);
  const cookie = refreshCookie(res);
  if (!cookie) throw new Error(`no ${COOKIE} cookie in ${JSON.stringify(res.headers)}`);
  return { jwt: res.body.jwt as string, cookie: cookie.pair, body: res.body };
};

const accountOf = async (jwt: string) => {
  const res = await as(jwt).get(`${API}/me`);
  expectStatus(res, 200);
  return res.body.data.account as { documentId: string } | null;
};

/** `ownerJwt` invites `name` with `permissions`; answers the membership and the emailed token. */
const invite = async (ownerJwt: string, name: string, permissions: string[]) => {
  const since = app.smtp.messages.length;
  const invited = await as(ownerJwt)
    .post(`${API}/invitations`)
    .send({ email: `${name}@example.com`, permissions });
  expectStatus(invited, 201);
  const mail = await app.smtp.waitFor(`${name}@example.com`, since, 15_000);
  const token = mail.text.match(/[?&]token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no accept link in: ${mail.text}`);
  return { membership: invited.body.data.documentId as string, token, mail };
};

const switchTo = async (jwt: string, account: string) => {
  const res = await as(jwt).post(`${API}/switch`).send({ account });
  expectStatus(res, 200);
  return res.body.jwt as string;
};

// the story's cast, filled in as the tests go
let ownerJwt = '';
let ownerAccount = '';
let guestOwnAccount = '';
let guestMembership = '';
let guestSignUpJwt = '';

it("allows X-Account, Strapi's default headers and credentials to the front end's origin only", async () => {
  const preflight = (origin: string) =>
    app
      .http()
      .options('/api/reports/summary')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization,x-account');
  const res = await preflight('https://app.example.com');
  expect(res.status).toBe(204);
  expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
  expect(res.headers['access-control-allow-credentials']).toBe('true');
  const allowed = String(res.headers['access-control-allow-headers']).toLowerCase().split(',');
  expect(allowed).toEqual(
    expect.arrayContaining(['content-type', 'authorization', 'origin', 'accept', 'x-account'])
  );
  const elsewhere = await preflight('https://evil.example');
  expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
});

it('answers a sign-up with the accounts and the new personal account as active', async () => {
  const res = await signUp('owner');
  const { accounts, activeAccount, jwt } = res.body;
  expect(activeAccount).toMatchObject({ name: 'owner', type: 'owner' });
  expect(activeAccount.permissions).toEqual(expect.arrayContaining(['billing', 'reports']));
  expect(accounts).toEqual([activeAccount]);
  ownerJwt = jwt;
  ownerAccount = activeAccount.documentId;
  expect(await accountOf(ownerJwt)).toMatchObject({ documentId: ownerAccount });
});

it("answers GraphQL's login mutation with the accounts, and acts for the active one in the plugin's operations", async () => {
  const login = await app
    .http()
    .post('/graphql')
    .send({
      query: `mutation ($input: UsersPermissionsLoginInput!) {
        login(input: $input) { jwt accounts { documentId name } activeAccount { documentId type } }
      }`,
      variables: { input: { identifier: 'owner@example.com', password: PASSWORD } },
    });
  expectStatus(login, 200);
  expect(login.body.errors).toBeUndefined();
  const { jwt, accounts, activeAccount } = login.body.data.login;
  expect(activeAccount).toEqual({ documentId: ownerAccount, type: 'owner' });
  expect(accounts).toEqual([{ documentId: ownerAccount, name: 'owner' }]);
  const me = await as(jwt)
    .post('/graphql')
    .send({ query: '{ multiAccountMe { user { username } account { documentId } permissions } }' });
  expectStatus(me, 200);
  expect(me.body.data.multiAccountMe).toMatchObject({
    user: { username: 'owner' },
    account: { documentId: ownerAccount },
  });
  expect(me.body.data.multiAccountMe.permissions).toEqual(expect.arrayContaining(['billing']));
});

it('needs the host route ticked for the Authenticated role, and nothing for the plugin routes', async () => {
  // the plugin's routes answered above with nothing ticked; the host route is Strapi's router
  expectStatus(await as(ownerJwt).get('/api/reports/summary'), 403);
  await tickForAuthenticated(app, 'api::report.report.summary');
  const res = await as(ownerJwt).get('/api/reports/summary');
  expectStatus(res, 200);
  expect(res.body.data).toMatchObject({ account: ownerAccount, name: 'owner', as: 'owner' });
});

it('delivers an invitation through SMTP and the invitee accepts it with the emailed token', async () => {
  const guest = await signUp('guest');
  guestSignUpJwt = guest.body.jwt;
  guestOwnAccount = guest.body.activeAccount.documentId;
  const { membership, token, mail } = await invite(ownerJwt, 'guest', ['billing']);
  guestMembership = membership;
  expect(mail.text).toContain(`http://localhost:3000/invitations/accept?token=${token}`);

  const accepted = await as(guest.body.jwt).post(`${API}/invitations/accept`).send({ token });
  expectStatus(accepted, 200);
  expect(accepted.body.data).toMatchObject({
    documentId: ownerAccount,
    type: 'guest',
    permissions: ['billing'],
  });
});

/** A new login session of the guest, switched to the owner's account. */
const guestActingForOwner = async () => {
  const session = await logIn('guest');
  return { ...session, jwt: await switchTo(session.jwt, ownerAccount) };
};

it('keeps one account per login session: a switch in one leaves the other where it was', async () => {
  const first = await logIn('guest');
  const second = await logIn('guest');
  expect(first.body.accounts).toHaveLength(2);
  expect(second.body.activeAccount.documentId).not.toBe(ownerAccount);

  const jwt = await switchTo(first.jwt, ownerAccount);
  expect(await accountOf(jwt)).toMatchObject({ documentId: ownerAccount });
  expect(await accountOf(second.jwt)).toMatchObject({
    documentId: second.body.activeAccount.documentId,
  });
});

it("keeps the session's switched account across a refresh with the httpOnly cookie", async () => {
  const { cookie } = await guestActingForOwner();
  // another session of the guest switches back to their own account, the one used last
  await switchTo((await logIn('guest')).jwt, guestOwnAccount);
  const res = await app.http().post('/api/auth/refresh').set('Cookie', cookie).send({});
  expectStatus(res, 200);
  const rotated = refreshCookie(res);
  expect(rotated?.attributes).toContain('httponly');
  expect(rotated?.pair).not.toBe(cookie);
  expect(typeof res.body.jwt).toBe('string');
  expect(await accountOf(res.body.jwt)).toMatchObject({ documentId: ownerAccount });
});

let memberJwt = '';
let memberMembership = '';

it('lets a member holding billing through the host route and refuses one without it', async () => {
  const member = await signUp('member');
  const { membership, token } = await invite(ownerJwt, 'member', ['support']);
  memberMembership = membership;
  expectStatus(await as(member.body.jwt).post(`${API}/invitations/accept`).send({ token }), 200);
  memberJwt = await switchTo(member.body.jwt, ownerAccount);

  const allowed = await as((await guestActingForOwner()).jwt).get('/api/reports/summary');
  expectStatus(allowed, 200);
  expect(allowed.body.data).toMatchObject({
    account: ownerAccount,
    as: 'guest',
    permissions: ['billing'],
  });
  expectStatus(await as(memberJwt).get('/api/reports/summary'), 403);
});

it('refuses a suspended guest on the very next request and leaves the session no account', async () => {
  const { jwt } = await guestActingForOwner();
  expectStatus(await as(jwt).get('/api/reports/summary'), 200);
  const suspended = await as(ownerJwt)
    .patch(`${API}/contacts/${guestMembership}`)
    .send({ status: 'inactive' });
  expectStatus(suspended, 200);

  expectStatus(await as(jwt).get('/api/reports/summary'), 403);
  expect(await accountOf(jwt)).toBeNull();
  // the guest's sign-up session acts for their own account, which the suspension leaves alone
  expect(await accountOf(guestSignUpJwt)).toMatchObject({ documentId: guestOwnAccount });
});

it('refuses a removed member on the very next request and leaves the session no account', async () => {
  expect(await accountOf(memberJwt)).toMatchObject({ documentId: ownerAccount });
  expectStatus(await as(ownerJwt).delete(`${API}/contacts/${memberMembership}`), 204);

  expectStatus(await as(memberJwt).get('/api/reports/summary'), 403);
  expect(await accountOf(memberJwt)).toBeNull();
});

it("loads the package's typed client in the app, as ES module and CommonJS, and signs up with it", async () => {
  const appDir = process.env.FRESH_APP_DIR as string;
  const node = (args: string[]) =>
    execFileSync(process.execPath, args, { cwd: appDir, timeout: 60_000 }).toString().trim();
  expect(
    node(['-e', "console.log(typeof require('strapi-plugin-multi-account/client').createClient)"])
  ).toBe('function');
  const answer = node([
    '--input-type=module',
    '-e',
    `import { createClient } from 'strapi-plugin-multi-account/client';
     const client = createClient({ baseUrl: ${JSON.stringify(app.url)} });
     const { activeAccount } = await client.signUp({ username: 'typed', email: 'typed@example.com', password: '${PASSWORD}' });
     const me = await client.me();
     console.log(JSON.stringify({ active: activeAccount.name, me: me.account.name }));`,
  ]);
  expect(JSON.parse(answer)).toEqual({ active: 'typed', me: 'typed' });
  expect(
    existsSync(path.join(appDir, 'node_modules/strapi-plugin-multi-account/dist/client/index.d.ts'))
  ).toBe(true);
});

it("type-checks the app's own TypeScript, the typed client's imports and the README's controller included", () => {
  const appDir = process.env.FRESH_APP_DIR as string;
  const tsc = path.join(appDir, 'node_modules', 'typescript', 'bin', 'tsc');
  const check = () =>
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], {
      cwd: appDir,
      timeout: 120_000,
    });
  expect(() => check()).not.toThrow();
  expect(existsSync(path.join(appDir, TYPED_CLIENT_FILE))).toBe(true);
});

describe('an SMTP server that asks for credentials', () => {
  const credentials = { user: 'strapi', pass: 'smtp-secret' };
  const restart = async (given: { user: string; pass: string }) => {
    await app.stop();
    app = await startFreshApp(process.env.FRESH_APP_DIR as string, { credentials, given });
  };

  it('takes the invitation email when the app logs in with SMTP_USERNAME and SMTP_PASSWORD', async () => {
    await restart(credentials);
    await signUp('smtpguest');
    const { mail } = await invite((await logIn('owner')).jwt, 'smtpguest', []);
    expect(mail.subject).toBeTruthy();
  });

  it('refuses it with wrong ones: the invitation is kept, and its answer says the email was not sent', async () => {
    await restart({ user: credentials.user, pass: 'wrong' });
    const since = app.smtp.messages.length;
    const res = await as((await logIn('owner')).jwt)
      .post(`${API}/invitations`)
      .send({ email: 'smtpother@example.com', permissions: [] });
    expectStatus(res, 201);
    expect(res.body.data.status).toBe('pending');
    expect(res.body.meta.email).toEqual({ sent: false });
    expect(app.smtp.messages.length).toBe(since);
  });
});
