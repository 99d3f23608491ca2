import { useTestApp } from '../../helpers/strapi';
import { API, as, logIn, signUp } from '../../helpers/users';

describe('with createAccountOnRegister off', () => {
  const app = useTestApp({ createAccountOnRegister: false });

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
    const { default: plugin } = await import('../../../server/src');
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

describe('who may call the routes', () => {
  const app = useTestApp();

  const permissions = () => app.strapi.db.query('plugin::users-permissions.permission');

  test('a signed-in user of any role, with no role permission for them', async () => {
    const role = await app.strapi.db
      .query('plugin::users-permissions.role')
      .create({ data: { name: 'Customer', description: 'no permissions', type: 'customer' } });
    const paula = await signUp(app, 'paula');
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: paula.user.id }, data: { role: role.id } });
    expect(await permissions().count({ where: { role: { id: role.id } } })).toBe(0);

    const accounts = await as(app, paula).get(`${API}/me/accounts`);
    expect(accounts.status).toBe(200);
    expect(accounts.body.data.map((a: { documentId: string }) => a.documentId)).toEqual([
      paula.account.documentId,
    ]);
    const invited = await as(app, paula)
      .post(`${API}/invitations`)
      .send({ email: 'quinn@example.com', permissions: ['billing'] });
    expect(invited.status).toBe(201);
  });

  test('users-permissions neither offers nor holds a permission of the plugin', async () => {
    const offered = app.strapi
      .plugin('users-permissions')
      .service('users-permissions')
      .getActions();
    expect(Object.keys(offered)).toContain('plugin::users-permissions');
    expect(Object.keys(offered)).not.toContain('plugin::multi-account');
    expect(
      await permissions().count({
        where: { action: { $startsWith: 'plugin::multi-account.' } },
      })
    ).toBe(0);
  });

  test('an anonymous caller gets a 401', async () => {
    const res = await app.http().get(`${API}/me/accounts`);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ data: null, error: { status: 401 } });
  });

  test('an API token, which has no user to act for, gets a 403 and changes nothing', async () => {
    const { accessKey } = await app.strapi.service('admin::api-token').create({
      name: 'full access',
      description: '',
      type: 'full-access',
      lifespan: null,
    });
    const memberships = () => app.strapi.db.query('plugin::multi-account.membership').count();
    const before = await memberships();
    const answers = await Promise.all([
      app.http().get(`${API}/me`).set('Authorization', `Bearer ${accessKey}`),
      app.http().post(`${API}/contacts`).set('Authorization', `Bearer ${accessKey}`).send({
        username: 'rita',
        email: 'rita@example.com',
        password: 'Password123',
        permissions: [],
      }),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'These routes act for a signed-in user: send a users-permissions JWT, not an API token'
      );
    }
    expect(await memberships()).toBe(before);
  });
});
