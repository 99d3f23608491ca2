import { useTestApp } from '../../helpers/strapi';
import { addGuest, API, as, signUp, type Session } from '../../helpers/users';

let owner: Session;
let guest: Session;

const app = useTestApp();

beforeAll(async () => {
  owner = await signUp(app, 'nora');
  guest = await signUp(app, 'nils');
  await addGuest(app, owner, guest, ['support']);
  await as(app, owner)
    .post(`${API}/invitations`)
    .send({ email: 'pending@example.com', permissions: [] });
});

test('the plugin content types have no generic REST routes', async () => {
  for (const path of [
    'accounts',
    'memberships',
    'invitations',
    'audit-logs',
    'ownership-transfers',
  ]) {
    // the plugin's own GET /ownership-transfers lists the active account's offers to its owners
    // (tests/api/accounts/ownership-transfers.test.ts)
    const prefixes = path === 'ownership-transfers' ? ['/api'] : ['/api', API];
    for (const prefix of prefixes) {
      const res = await as(app, owner).get(`${prefix}/${path}`);
      expect([403, 404, 405]).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain(owner.account.number);
    }
  }
});

test('populate=* on users-permissions routes reaches no membership, invitation or token hash', async () => {
  const me = await as(app, guest).get('/api/users/me?populate=*');
  expect(me.status).toBe(200);
  const body = JSON.stringify(me.body);
  expect(body).not.toMatch(/membership|invitation|tokenHash|token_hash/i);
  expect(body).not.toContain(owner.account.number);
  const users = await as(app, guest).get('/api/users?populate=*');
  expect(JSON.stringify(users.body)).not.toMatch(/membership|invitation|tokenHash/i);
});

describe('with the GraphQL plugin installed', () => {
  const graphql = (query: string) => as(app, owner).post('/graphql').send({ query });

  test('its schema has no type or query for the plugin content types', async () => {
    const res = await graphql(
      '{ __schema { types { name } queryType { fields { name } } mutationType { fields { name } } } }'
    );
    expect(res.status).toBe(200);
    const names = [
      ...res.body.data.__schema.types.map((t: { name: string }) => t.name),
      ...res.body.data.__schema.queryType.fields.map((f: { name: string }) => f.name),
      ...res.body.data.__schema.mutationType.fields.map((f: { name: string }) => f.name),
    ];
    // the plugin's own operations and types are there (tests/api/graphql/side-doors.test.ts);
    // what the shadow CRUD would make of its content types is not
    expect(
      names.filter((name) => /membership|auditLog|ownershipTransfer|impersonation/i.test(name))
    ).toEqual([]);
    const shadow = ['Account', 'Invitation'].flatMap((type) => [
      `MultiAccount${type}`,
      `MultiAccount${type}EntityResponseCollection`,
      `MultiAccount${type}FiltersInput`,
      `MultiAccount${type}Input`,
      `multiAccount${type}`,
      `multiAccount${type}s`,
      `multiAccount${type}s_connection`,
      `createMultiAccount${type}`,
      `updateMultiAccount${type}`,
      `deleteMultiAccount${type}`,
    ]);
    expect(names.filter((name) => shadow.includes(name))).toEqual([]);
    expect(names).toContain('UsersPermissionsUser'); // the shadow CRUD is there for others
  });

  test('a query for memberships is not in the schema at all, not merely forbidden', async () => {
    const res = await graphql('{ memberships { documentId } }');
    expect(res.body.errors.map((e: { message: string }) => e.message)).toEqual([
      'Cannot query field "memberships" on type "Query".',
    ]);
  });
});

test('private fields are never serialized by the plugin routes', async () => {
  const routes = [`${API}/contacts?pageSize=100`, `${API}/me`, `${API}/me/accounts`];
  for (const route of routes) {
    const res = await as(app, owner).get(route);
    expect(JSON.stringify(res.body)).not.toMatch(
      /tokenHash|password|resetPasswordToken|confirmationToken/
    );
  }
  const invitations = await as(app, guest).get(`${API}/me/invitations`);
  expect(JSON.stringify(invitations.body)).not.toMatch(/tokenHash|email/);
});
