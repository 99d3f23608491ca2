import { bootTestApp, type TestApp } from '../helpers/strapi';
import { API, as, logIn } from '../helpers/users';

describe('with createAccountOnRegister off', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp({ createAccountOnRegister: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  test('a new user has no account and no active account until invited', async () => {
    const res = await app
      .http()
      .post('/api/auth/local/register')
      .send({ username: 'vic', email: 'vic@example.com', password: 'Password123' });
    expect(res.status).toBe(200);
    expect(res.body.accounts).toEqual([]);
    expect(res.body.activeAccount).toBeNull();
    expect(await app.strapi.db.query('plugin::multi-account.account').count()).toBe(0);
    const me = await as(app, { jwt: res.body.jwt }).get(`${API}/me`);
    expect(me.body.data).toMatchObject({ account: null, permissions: [] });
    const contacts = await as(app, { jwt: res.body.jwt }).get(`${API}/contacts`);
    expect(contacts.status).toBe(403);
    expect(contacts.body.error.message).toMatch(/No active account/);
    expect((await logIn(app, 'vic')).body.activeAccount).toBeNull();
  });
});

describe('the config validator', () => {
  const load = async (config: Record<string, unknown>) => {
    const { default: plugin } = await import('../../server/src');
    return () => plugin.config.validator({ ...plugin.config.default, ...config });
  };

  test('accepts the defaults and host-app keys with labels', async () => {
    expect(
      await load({ permissions: ['reports', { key: 'orders', label: 'Orders' }] })
    ).not.toThrow();
  });

  test.each([
    [{ permissions: ['Bad Key'] }, /permissions/],
    [{ permissions: ['billing'] }, /declared twice/],
    [{ permissions: ['x', 'x'] }, /declared twice/],
    [{ invitationTtl: -1 }, /invitationTtl/],
    [{ invitationUrl: 'not a url' }, /invitationUrl/],
    [{ rateLimits: { window: 60 } }, /rateLimits/],
    [{ unknownOption: true }, /unknownOption|Unrecognized/],
  ])('refuses %j', async (config, message) => {
    expect(await load(config)).toThrow(message);
  });
});

describe('the Authenticated role', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const permissions = () => app.strapi.db.query('plugin::users-permissions.permission');
  const action = 'plugin::multi-account.contact.create';

  test('is granted the routes once: an action an admin took away stays away after a restart', async () => {
    const granted = await permissions().findOne({
      where: { action, role: { type: 'authenticated' } },
    });
    expect(granted).not.toBeNull();
    await permissions().delete({ where: { id: granted.id } });
    app = await app.restart();
    expect(await permissions().count({ where: { action, role: { type: 'authenticated' } } })).toBe(
      0
    );
    expect(
      await permissions().count({
        where: { action: 'plugin::multi-account.contact.find', role: { type: 'authenticated' } },
      })
    ).toBe(1);
  });
});
