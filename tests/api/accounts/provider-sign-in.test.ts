import type { MyAccount } from '../../../shared/contracts';
import { createSuperAdmin } from '../../helpers/admin';
import {
  enableProvider,
  signInWithProvider,
  startOAuthProvider,
  type OAuthProvider,
  type ProviderUser,
} from '../../helpers/oauth';
import { useTestApp, type TestApp } from '../../helpers/strapi';
import { API, as, logIn, signUp } from '../../helpers/users';

const PROVIDER = 'acme';
const CLIENT = { clientId: 'multi-account-test', clientSecret: 'client-secret-123' };

const octo: ProviderUser = { id: 'u-1001', login: 'octo', email: 'Octo@Acme.example' };

const membershipsOf = (app: TestApp, userId: number) =>
  app.strapi.db
    .query('plugin::multi-account.membership')
    .findMany({ where: { userId } }) as Promise<
    { accountId: number; type: string; status: string; email: string }[]
  >;

const countAccounts = (app: TestApp) =>
  app.strapi.db.query('plugin::multi-account.account').count();

describe('a sign-in through an OAuth provider', () => {
  const app = useTestApp();
  let provider: OAuthProvider;

  beforeAll(async () => {
    provider = await startOAuthProvider(CLIENT);
    await enableProvider(app, PROVIDER, provider, CLIENT);
  });
  afterAll(async () => {
    await provider?.close();
  });

  test('creates the user with a personal account they own, listed in the login answer', async () => {
    const res = await signInWithProvider(app, PROVIDER, provider, octo);
    expect(res.status).toBe(200);
    expect(provider.exchanges).toBe(1);
    expect(res.body.user).toMatchObject({ username: 'octo', email: 'octo@acme.example' });
    const user = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { id: res.body.user.id } });
    expect(user.provider).toBe(PROVIDER);

    expect(res.body.accounts).toHaveLength(1);
    const [account] = res.body.accounts as MyAccount[];
    expect(account).toMatchObject({ name: 'octo', type: 'owner' });
    expect(account.number).toMatch(/^\d{8}$/);
    expect(res.body.activeAccount).toEqual(account);

    const memberships = await membershipsOf(app, res.body.user.id);
    expect(memberships).toEqual([
      expect.objectContaining({ type: 'owner', status: 'active', email: 'octo@acme.example' }),
    ]);

    // the token acts for that account
    const me = await as(app, { jwt: res.body.jwt }).get(`${API}/me`);
    expect(me.status).toBe(200);
    expect(me.body.data.account.documentId).toBe(account.documentId);
  });

  test('a second sign-in of the same person creates no second account', async () => {
    const first = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { email: 'octo@acme.example' } });
    const accountsBefore = await countAccounts(app);

    const res = await signInWithProvider(app, PROVIDER, provider, octo);
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(first.id);
    expect(res.body.accounts).toHaveLength(1);
    expect(res.body.activeAccount.name).toBe('octo');
    expect(await countAccounts(app)).toBe(accountsBefore);
    expect(await membershipsOf(app, first.id)).toHaveLength(1);
  });

  test('each new person gets an account of their own', async () => {
    const res = await signInWithProvider(app, PROVIDER, provider, {
      id: 'u-1002',
      login: 'mona',
      email: 'mona@acme.example',
    });
    expect(res.status).toBe(200);
    expect(res.body.accounts).toEqual([res.body.activeAccount]);
    expect(res.body.activeAccount).toMatchObject({ name: 'mona', type: 'owner' });
    const octoUser = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { email: 'octo@acme.example' } });
    const [octoMembership] = await membershipsOf(app, octoUser.id);
    const [monaMembership] = await membershipsOf(app, res.body.user.id);
    expect(monaMembership.accountId).not.toBe(octoMembership.accountId);
  });

  test('a first sign-in whose account gets no number fails and leaves no user behind', async () => {
    const key = 'plugin::multi-account.accountNumber';
    const taken = (await signUp(app, 'numbertaken')).account.number;
    app.strapi.config.set(key, async () => taken);
    const newcomer = { id: 'u-1003', login: 'nora', email: 'nora@acme.example' };
    const users = () => app.strapi.db.query('plugin::users-permissions.user');
    try {
      const accountsBefore = await countAccounts(app);
      const res = await signInWithProvider(app, PROVIDER, provider, newcomer);
      // users-permissions answers a provider sign-in's failure as a 400, with its message
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/No free account number after 5 draws/);
      expect(await users().count({ where: { email: 'nora@acme.example' } })).toBe(0);
      expect(await countAccounts(app)).toBe(accountsBefore);
    } finally {
      app.strapi.config.set(key, undefined);
    }
    // the next sign-in of that person is a first one again
    const again = await signInWithProvider(app, PROVIDER, provider, newcomer);
    expect(again.status).toBe(200);
    expect(again.body.activeAccount).toMatchObject({ name: 'nora', type: 'owner' });
  });

  test('users created by an admin, in code or in the Content Manager, get no account', async () => {
    const accountsBefore = await countAccounts(app);
    const role = await app.strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'authenticated' } });

    const inCode = await app.strapi.plugin('users-permissions').service('user').add({
      username: 'made-in-code',
      email: 'made-in-code@example.com',
      password: 'Password123',
      provider: 'local',
      confirmed: true,
      role: role.id,
    });

    const admin = await createSuperAdmin(app);
    const inPanel = await app
      .http()
      .post('/content-manager/collection-types/plugin::users-permissions.user')
      .set('Authorization', `Bearer ${admin.token}`)
      .send({
        username: 'made-in-panel',
        email: 'made-in-panel@example.com',
        password: 'Password123',
        confirmed: true,
        blocked: false,
        role: role.id,
      });
    expect(inPanel.status).toBe(201);

    expect(await countAccounts(app)).toBe(accountsBefore);
    expect(await membershipsOf(app, inCode.id)).toEqual([]);
    expect(await membershipsOf(app, inPanel.body.id)).toEqual([]);
    const login = await logIn(app, 'made-in-panel@example.com');
    expect(login.status).toBe(200);
    expect(login.body.accounts).toEqual([]);
    expect(login.body.activeAccount).toBeNull();
  });

  test('a sign-up by email still gets exactly one account', async () => {
    const session = await signUp(app, 'emailed');
    const memberships = await membershipsOf(app, session.user.id);
    expect(memberships).toEqual([expect.objectContaining({ type: 'owner', status: 'active' })]);
  });
});

describe('a sign-in through an OAuth provider with createAccountOnRegister off', () => {
  const app = useTestApp({ createAccountOnRegister: false });
  let provider: OAuthProvider;

  beforeAll(async () => {
    provider = await startOAuthProvider(CLIENT);
    await enableProvider(app, PROVIDER, provider, CLIENT);
  });
  afterAll(async () => {
    await provider?.close();
  });

  test('creates the user with no account', async () => {
    const res = await signInWithProvider(app, PROVIDER, provider, octo);
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe('octo');
    expect(res.body.accounts).toEqual([]);
    expect(res.body.activeAccount).toBeNull();
    expect(await countAccounts(app)).toBe(0);
  });
});
