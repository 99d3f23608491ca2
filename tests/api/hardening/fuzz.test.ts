import fc from 'fast-check';
import { snapshotOfRows, useTestApp } from '../../helpers/strapi';
import { accountRowOf, addGuest, API, as, signUp, type Session } from '../../helpers/users';

let owner: Session;
let stranger: Session;
let apiToken: string;
/** documentIds the caller must never reach: another account, its members and its invitations. */
let theirIds: string[];

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
  { method: 'post', path: () => `${API}/invitations/reject` },
  { method: 'post', path: () => `${API}/invitations` },
  { method: 'get', path: () => `${API}/contacts` },
  { method: 'get', path: (id) => `${API}/contacts/${id}` },
  { method: 'post', path: () => `${API}/contacts` },
  { method: 'patch', path: (id) => `${API}/contacts/${id}` },
  { method: 'delete', path: (id) => `${API}/contacts/${id}` },
  { method: 'post', path: (id) => `${API}/contacts/${id}/resend` },
  { method: 'get', path: () => `${API}/ownership-transfers` },
  { method: 'post', path: () => `${API}/ownership-transfers` },
  { method: 'delete', path: (id) => `${API}/ownership-transfers/${id}` },
  { method: 'get', path: () => `${API}/me/ownership-transfers` },
  { method: 'post', path: (id) => `${API}/me/ownership-transfers/${id}/accept` },
  { method: 'post', path: (id) => `${API}/me/ownership-transfers/${id}/reject` },
];

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

/** Every row of another account: itself, its members, its invitations and its audit trail. */
const accountRows = async (documentId: string) => {
  const db = app.strapi.db.connection;
  const account = await db('multi_account_accounts').where({ document_id: documentId }).first();
  const where = { account_id: account.id };
  return JSON.stringify([
    account,
    await db('multi_account_memberships').where(where).orderBy('id'),
    await db('multi_account_invitations').where(where).orderBy('id'),
    await db('multi_account_audit_logs').where(where).orderBy('id'),
  ]);
};

const app = useTestApp({
  rateLimits: {
    window: 3600,
    invitationsPerAccount: 10_000,
    invitationsPerInviter: 10_000,
    acceptsPerIp: 10_000,
  },
});

beforeAll(async () => {
  owner = await signUp(app, 'fuzzy');
  const guest = await signUp(app, 'guestfuzz');
  await addGuest(app, owner, guest, ['support']);

  // another account, with an owner, an active guest and an open invitation, which the caller
  // (the owner of the first account) must not reach however it asks
  stranger = await signUp(app, 'outsider');
  const theirGuest = await signUp(app, 'theirguest');
  await addGuest(app, stranger, theirGuest, ['billing', 'contacts']);
  const invited = await as(app, stranger)
    .post(`${API}/invitations`)
    .send({ email: 'their-invitee@example.com', permissions: ['support'] });
  expect(invited.status).toBe(201);
  const members = await as(app, stranger).get(`${API}/contacts?pageSize=100`);
  const theirGuestRow = members.body.data.find(
    (m: { type: string; status: string }) => m.type === 'guest' && m.status === 'active'
  );
  const transfer = await as(app, stranger)
    .post(`${API}/ownership-transfers`)
    .send({ member: theirGuestRow.documentId });
  expect(transfer.status).toBe(201);
  const account = await accountRowOf(app, stranger.account);
  const invitations = await app.strapi.db
    .query('plugin::multi-account.invitation')
    .findMany({ where: { accountId: account.id } });
  theirIds = [
    ...members.body.data.map((m: { documentId: string }) => m.documentId),
    ...invitations.map((i: { documentId: string }) => i.documentId),
    stranger.account.documentId,
    transfer.body.data.documentId,
  ];
  // 3 members, 2 invitations (1 accepted, 1 open), the account, an open ownership transfer
  expect(theirIds).toHaveLength(7);

  ({ accessKey: apiToken } = await app.strapi.service('admin::api-token').create({
    name: 'fuzz',
    description: '',
    type: 'full-access',
    lifespan: null,
  }));
});

test('malformed input on every route: never a 5xx, always the error shape, nothing written', async () => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  console.log(`fast-check seed ${seed}: FUZZ_SEED=${seed} replays this run`);
  const theirsBefore = await accountRows(stranger.account.documentId);

  const pathId = fc.oneof(
    // real records: another account's members, invitations and the account itself, and the
    // caller's own account (leaving it as its last owner must fail)
    { arbitrary: fc.constantFrom(...theirIds, owner.account.documentId), weight: 8 },
    fc.string({ minLength: 1, maxLength: 30 }),
    fc.fullUnicodeString({ minLength: 1, maxLength: 20 }),
    fc.integer().map(String),
    fc.string({ minLength: 300, maxLength: 2000 }),
    fc.constant('__proto__'),
    fc.constant('constructor')
  );
  const xAccount = fc.option(
    fc.oneof(fc.string({ maxLength: 80 }), fc.constant('STRANGER'), fc.constant('OWN')),
    { nil: undefined, freq: 2 }
  );
  // mostly the owner's token; sometimes none, a full-access API token or a forged one
  const caller = fc.oneof(
    { arbitrary: fc.constant('owner'), weight: 6 },
    { arbitrary: fc.constantFrom('anonymous', 'api-token', 'forged'), weight: 1 }
  );

  // before the random runs: every route that takes an id, sent well-formed by the owner at each
  // of those records, so that a route that forgets the account shows on every run
  const takesId = (route: Route) => route.path('a') !== route.path('b');
  const wellFormed = (route: Route) =>
    route.method === 'patch'
      ? { permissions: ['billing'] }
      : route.method === 'post'
        ? {}
        : undefined;
  const aimed = ROUTES.filter(takesId).flatMap((route) =>
    [...theirIds, owner.account.documentId].map(
      (id) =>
        [route, id, wellFormed(route), '', undefined, 'owner'] as [
          Route,
          string,
          unknown,
          string,
          string | undefined,
          string,
        ]
    )
  );

  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...ROUTES),
      pathId,
      // sometimes no body at all: DELETE routes refuse any body before they look at the id
      fc.option(body, { nil: undefined, freq: 4 }),
      // half the time none: only GET routes take a query string
      fc.option(queryString, { nil: '', freq: 2 }),
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
        const before = await snapshotOfRows(app);
        // sent as raw text, so that scalars, broken JSON and `__proto__` keys reach the server as written
        const text =
          typeof payload === 'string' && /^[[{]/.test(payload) ? payload : JSON.stringify(payload);
        const bearer = { 'api-token': apiToken, forged: `${owner.jwt.slice(0, -4)}AAAA` }[who];
        const req =
          who === 'owner'
            ? as(app, owner, account)[route.method](url)
            : app.http()[route.method](url);
        if (bearer) req.set('Authorization', `Bearer ${bearer}`);
        const res =
          payload === undefined
            ? await req
            : await req.set('Content-Type', 'application/json').send(text);

        expect(res.status).toBeLessThan(500);
        // a body Strapi cannot parse is a 400 before any route sees the caller
        if (who !== 'owner') expect([400, 401, 403]).toContain(res.status);
        if (res.status >= 400) {
          expect(res.body).toMatchObject({
            data: null,
            error: { status: res.status, name: expect.any(String), message: expect.any(String) },
          });
          expect(await snapshotOfRows(app)).toBe(before);
        } else {
          // an answer never shows another account's records
          for (const theirs of theirIds) expect(res.text).not.toContain(theirs);
        }
      }
    ),
    { numRuns: 300, seed, examples: aimed }
  );
  // whatever the caller sent, nothing of the other account changed, and the caller still owns
  // their own account
  expect(await accountRows(stranger.account.documentId)).toBe(theirsBefore);
  const mine = await as(app, owner).get(`${API}/me/accounts`);
  expect(mine.body.data).toContainEqual(
    expect.objectContaining({ documentId: owner.account.documentId, type: 'owner' })
  );
}, 120_000);
