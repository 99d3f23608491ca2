import fc from 'fast-check';
import { bootTestApp, type TestApp } from '../helpers/strapi';
import { addGuest, API, as, signUp, type Session } from '../helpers/users';

let app: TestApp;
let owner: Session;
let stranger: Session;
let memberId: string;
let apiToken: string;

type Route = { method: 'get' | 'post' | 'patch' | 'delete'; path: (id: string) => string };

const ROUTES: Route[] = [
  { method: 'get', path: () => `${API}/me` },
  { method: 'get', path: () => `${API}/me/accounts` },
  { method: 'delete', path: (id) => `${API}/me/accounts/${id}` },
  { method: 'post', path: () => `${API}/switch` },
  { method: 'get', path: () => `${API}/me/invitations` },
  { method: 'post', path: (id) => `${API}/me/invitations/${id}/accept` },
  { method: 'post', path: (id) => `${API}/me/invitations/${id}/reject` },
  { method: 'post', path: () => `${API}/invitations/accept` },
  { method: 'post', path: () => `${API}/invitations` },
  { method: 'get', path: () => `${API}/contacts` },
  { method: 'get', path: (id) => `${API}/contacts/${id}` },
  { method: 'post', path: () => `${API}/contacts` },
  { method: 'patch', path: (id) => `${API}/contacts/${id}` },
  { method: 'delete', path: (id) => `${API}/contacts/${id}` },
  { method: 'post', path: (id) => `${API}/contacts/${id}/resend` },
];

const TABLES = [
  'multi_account_accounts',
  'multi_account_memberships',
  'multi_account_invitations',
  'multi_account_audit_logs',
  'up_users',
];

/** Every row of the plugin's tables and the users, to compare before and after a request. */
const snapshot = async () => {
  const rows = await Promise.all(
    TABLES.map((table) => app.strapi.db.connection(table).select('*').orderBy('id'))
  );
  return JSON.stringify(rows);
};

const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'email',
  'permissions',
  'status',
  'type',
  'account',
  'token',
  'username',
  'password',
  'page',
  'pageSize',
  '$ne',
  'toString',
];

const scalar = fc.oneof(
  fc.string(),
  fc.fullUnicodeString({ maxLength: 50 }),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('billing', 'contacts', 'owner', 'active', 'x@example.com', '0', '-1', '1e9')
);

const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(
    fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 10 })),
    tie('value'),
    { maxKeys: 4 }
  ),
})).value;

const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 5 }),
  value,
  fc.constantFrom(
    '{"email": ',
    '[1,2',
    '{"__proto__": {"isAdmin": true}}',
    '{"constructor": {"prototype": {"x": 1}}}'
  )
);

const queryString = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(...KEYS, 'status', 'filters[$or][0][id]', 'page[$gt]', 'pageSize[]'),
        fc.string({ maxLength: 12 })
      ),
      fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String))
    ),
    { maxLength: 4 }
  )
  .map((pairs) =>
    pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
  );

beforeAll(async () => {
  app = await bootTestApp({
    rateLimits: {
      window: 3600,
      invitationsPerAccount: 10_000,
      invitationsPerInviter: 10_000,
      acceptsPerIp: 10_000,
    },
  });
  owner = await signUp(app, 'fuzzy');
  stranger = await signUp(app, 'outsider');
  const guest = await signUp(app, 'guestfuzz');
  memberId = (await addGuest(app, owner, guest, ['support'])).documentId;
  ({ accessKey: apiToken } = await app.strapi.service('admin::api-token').create({
    name: 'fuzz',
    description: '',
    type: 'full-access',
    lifespan: null,
  }));
});
afterAll(async () => {
  await app?.close();
});

test('malformed input on every route: never a 5xx, always the error shape, nothing written', async () => {
  const pathId = fc.oneof(
    fc.string({ minLength: 1, maxLength: 30 }),
    fc.fullUnicodeString({ minLength: 1, maxLength: 20 }),
    fc.integer().map(String),
    fc.string({ minLength: 300, maxLength: 2000 }),
    fc.constant('__proto__'),
    fc.constant('constructor')
  );
  const xAccount = fc.option(
    fc.oneof(fc.string({ maxLength: 80 }), fc.constant('STRANGER'), fc.constant('OWN')),
    { nil: undefined }
  );
  // mostly the owner's token; sometimes none, a full-access API token or a forged one
  const caller = fc.oneof(
    { arbitrary: fc.constant('owner'), weight: 6 },
    { arbitrary: fc.constantFrom('anonymous', 'api-token', 'forged'), weight: 1 }
  );

  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...ROUTES),
      pathId,
      body,
      queryString,
      xAccount,
      caller,
      async (route, id, payload, query, header, who) => {
        const account =
          header === 'STRANGER'
            ? stranger.account.documentId
            : header === 'OWN'
              ? owner.account.documentId
              : header;
        const url = `${route.path(encodeURIComponent(id))}${query ? `?${query}` : ''}`;
        const before = await snapshot();
        // sent as raw text, so that scalars, broken JSON and `__proto__` keys reach the server as written
        const text =
          typeof payload === 'string' && /^[[{]/.test(payload)
            ? payload
            : JSON.stringify(payload ?? null);
        const bearer = { 'api-token': apiToken, forged: `${owner.jwt.slice(0, -4)}AAAA` }[who];
        const req =
          who === 'owner'
            ? as(app, owner, account)[route.method](url)
            : app.http()[route.method](url);
        if (bearer) req.set('Authorization', `Bearer ${bearer}`);
        const res = await req.set('Content-Type', 'application/json').send(text);

        expect(res.status).toBeLessThan(500);
        // a body Strapi cannot parse is a 400 before any route sees the caller
        if (who !== 'owner') expect([400, 401, 403]).toContain(res.status);
        if (res.status >= 400) {
          expect(res.body).toMatchObject({
            data: null,
            error: { status: res.status, name: expect.any(String), message: expect.any(String) },
          });
          expect(await snapshot()).toBe(before);
        }
      }
    ),
    { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) }
  );
  // the guest who was there from the start is untouched by all of it
  const row = await app.strapi.db
    .query('plugin::multi-account.membership')
    .findOne({ where: { documentId: memberId } });
  expect(row).toMatchObject({ status: 'active', permissions: ['support'] });
}, 120_000);
