import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Test } from 'supertest';
import { useTestApp } from '../../helpers/strapi';
import { accountRowOf, addGuest, API, as, signUp, type Session } from '../../helpers/users';

let owner: Session;
let guest: Session;
let guestRow: { documentId: string };

/** The probe header of the request whose work is running, wherever that work goes on. */
const probeOf = new AsyncLocalStorage<string | undefined>();
let probes = 0;

/**
 * The SQL statements one request runs, read from knex's query events: those run in that
 * request's asynchronous context, so that work another request left running (a write after its
 * answer) is not counted as this one's.
 */
const statementsOf = async (send: () => Test) => {
  const probe = String(++probes);
  const statements: { sql: string; bindings?: unknown[] }[] = [];
  const listener = (query: { sql: string; bindings?: unknown[] }) => {
    if (probeOf.getStore() === probe) statements.push(query);
  };
  app.strapi.db.connection.on('query', listener);
  try {
    const res = await send().set('X-Query-Probe', probe);
    expect(res.status).toBe(200);
  } finally {
    app.strapi.db.connection.off('query', listener);
  }
  // every authenticated request reads its user at least
  expect(statements.length).toBeGreaterThan(0);
  return statements;
};

const queriesOf = async (send: () => Test) =>
  (await statementsOf(send)).map((statement) => statement.sql);

/** Statements on the plugin's own tables (a scoped type's `multi_account_id` column is not one). */
const touchingPlugin = (statements: string[]) =>
  statements.filter((sql) =>
    /multi_account_(accounts|memberships|invitations|audit_logs)\b/.test(sql)
  );

const app = useTestApp();

beforeAll(async () => {
  // each request's handling, and all it starts, runs in the context of its probe header
  const server = app.strapi.server.httpServer;
  const [handle] = server.listeners('request') as ((...args: unknown[]) => void)[];
  server.removeListener('request', handle);
  server.on('request', (req: IncomingMessage, res: ServerResponse) =>
    probeOf.run(req.headers['x-query-probe'] as string | undefined, () => handle(req, res))
  );

  owner = await signUp(app, 'quentin');
  guest = await signUp(app, 'querida');
  guestRow = await addGuest(app, owner, guest, ['billing', 'contacts']);

  // 120 more accounts the guest can act for, and 120 more members of the owner's account
  const db = app.strapi.db;
  const ownerAccount = await accountRowOf(app, owner.account);
  await db.query('plugin::multi-account.account').createMany({
    data: Array.from({ length: 120 }, (_, i) => ({
      name: `Bulk ${i}`,
      number: String(20_000_000 + i),
      status: 'active',
    })),
  });
  const bulk = await db
    .query('plugin::multi-account.account')
    .findMany({ where: { name: { $startsWith: 'Bulk ' } } });
  await db.query('plugin::multi-account.membership').createMany({
    data: bulk.map((account: { id: number }) => ({
      accountId: account.id,
      userId: guest.user.id,
      email: guest.user.email,
      type: 'guest',
      status: 'active',
      permissions: ['support'],
    })),
  });
  await db.query('plugin::users-permissions.user').createMany({
    data: Array.from({ length: 120 }, (_, i) => ({
      username: `member${i}`,
      email: `member${i}@example.com`,
      provider: 'local',
      confirmed: true,
    })),
  });
  const users = await db
    .query('plugin::users-permissions.user')
    .findMany({ where: { username: { $startsWith: 'member' } } });
  await db.query('plugin::multi-account.membership').createMany({
    data: users.map((user: { id: number; email: string }) => ({
      accountId: ownerAccount.id,
      userId: user.id,
      email: user.email,
      type: 'contact',
      status: 'active',
      permissions: [],
    })),
  });
});

/** Statements on the plugin's tables or on users-permissions' sessions. */
const touchingPluginOrSessions = (statements: string[]) =>
  statements.filter((sql) => touchingPlugin([sql]).length > 0 || sql.includes('strapi_sessions'));

test('resolving the active account adds one query to an authenticated host request', async () => {
  const statements = await queriesOf(() =>
    as(app, guest, owner.account.documentId).get('/api/invoices')
  );
  const [resolving] = touchingPlugin(statements);
  expect(touchingPlugin(statements)).toHaveLength(1);
  // the membership and its account, joined, in that one statement
  expect(resolving).toMatch(/\bjoin\b/i);
  expect(resolving).toContain('multi_account_memberships');
  expect(resolving).toContain('multi_account_accounts');
});

test('in refresh mode, that one query also reads the session row: nothing else is added', async () => {
  expect(app.jwtMode).toBe('refresh');
  for (const account of [owner.account.documentId, undefined]) {
    const statements = await queriesOf(() => as(app, guest, account).get('/api/invoices'));
    const added = touchingPluginOrSessions(statements);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/strapi_sessions.*join.*multi_account_accounts/is);
  }
});

test('a request that neither uses the policy nor reaches a scoped type pays no query for it', async () => {
  // users-permissions' own route reads no account-scoped content in this app
  expect(
    touchingPluginOrSessions(await queriesOf(() => as(app, guest).get('/api/users/me')))
  ).toEqual([]);
  expect(touchingPlugin(await queriesOf(() => as(app, guest).get(`${API}/me`)))).toHaveLength(1);
});

test('GET /me/accounts runs as many queries for a page of 10 as for a page of 100', async () => {
  const small = await queriesOf(() => as(app, guest).get(`${API}/me/accounts?pageSize=10`));
  const large = await queriesOf(() => as(app, guest).get(`${API}/me/accounts?pageSize=100`));
  expect(large.length).toBe(small.length);
  const page = await as(app, guest).get(`${API}/me/accounts?pageSize=100`);
  expect(page.body.data).toHaveLength(100);
});

test('GET /contacts runs as many queries for a page of 10 as for a page of 100', async () => {
  const small = await queriesOf(() => as(app, owner).get(`${API}/contacts?pageSize=10`));
  const large = await queriesOf(() => as(app, owner).get(`${API}/contacts?pageSize=100`));
  expect(large.length).toBe(small.length);
  const page = await as(app, owner).get(`${API}/contacts?pageSize=100&page=2`);
  expect(page.body.data).toHaveLength(22);
  expect(page.body.data.every((m: { user: unknown }) => m.user !== null)).toBe(true);
});

test('in refresh mode, the session is read with one query on its indexed row', async () => {
  expect(app.jwtMode).toBe('refresh');
  const statements = await queriesOf(() => as(app, guest).get(`${API}/me`));
  const sessionReads = statements.filter((sql) => sql.includes('strapi_sessions'));
  expect(sessionReads).toHaveLength(1);
  expect(sessionReads[0]).toMatch(/where.*session_id/is);
  const sessions = app.strapi.db.metadata.get('admin::session' as never) as {
    indexes: { columns: string[] }[];
  };
  expect(sessions.indexes.some((index) => index.columns.join() === 'session_id')).toBe(true);
});

test('GET /me/ownership-transfers binds as many values for a member of 122 accounts as for a member of one', async () => {
  const offered = await as(app, owner)
    .post(`${API}/ownership-transfers`)
    .send({ member: guestRow.documentId });
  expect(offered.status).toBe(201);
  const boundValues = async (session: Session) => {
    const statements = await statementsOf(() =>
      as(app, session).get(`${API}/me/ownership-transfers`)
    );
    return statements
      .filter(({ sql }) => sql.includes('multi_account_ownership_transfers'))
      .map(({ bindings = [] }) => bindings.length);
  };

  // a list of every membership id would bind a value per account the user can act for
  expect(
    (await as(app, guest).get(`${API}/me/accounts?pageSize=1`)).body.meta.pagination.total
  ).toBe(122);
  const guestValues = await boundValues(guest);
  expect(guestValues.length).toBeGreaterThan(0);
  expect(guestValues).toEqual(await boundValues(owner));
  const mine = await as(app, guest).get(`${API}/me/ownership-transfers`);
  expect(mine.body.data.map((t: { documentId: string }) => t.documentId)).toEqual([
    offered.body.data.documentId,
  ]);
  expect((await as(app, owner).get(`${API}/me/ownership-transfers`)).body.data).toEqual([]);
});
