import fc from 'fast-check';
import { graphql } from '../../helpers/graphql';
import { snapshotOfRows, useTestApp } from '../../helpers/strapi';
import { addGuest, API, as, signUp, type Session } from '../../helpers/users';

// Whatever arguments the plugin's GraphQL operations get: never an internal error, always the
// REST status of a refusal, nothing written by a refused call, nothing of another account shown.
let owner: Session;
let stranger: Session;
let theirIds: string[];

type Operation = {
  name: string;
  kind: 'query' | 'mutation';
  args: Record<string, string>;
  select: string;
};

const MEMBER = '{ documentId email status }';
const OPERATIONS: Operation[] = [
  { name: 'multiAccountMe', kind: 'query', args: {}, select: '{ account { documentId } }' },
  {
    name: 'multiAccountMyAccounts',
    kind: 'query',
    args: { pagination: 'MultiAccountPaginationArg' },
    select: '{ nodes { documentId } }',
  },
  {
    name: 'multiAccountContacts',
    kind: 'query',
    args: {
      status: 'MultiAccountMemberStatus',
      type: 'MultiAccountMemberType',
      pagination: 'MultiAccountPaginationArg',
    },
    select: `{ nodes ${MEMBER} }`,
  },
  {
    name: 'multiAccountMyInvitations',
    kind: 'query',
    args: { pagination: 'MultiAccountPaginationArg' },
    select: '{ nodes { documentId } }',
  },
  {
    name: 'multiAccountSwitch',
    kind: 'mutation',
    args: { account: 'ID!' },
    select: '{ account { documentId } }',
  },
  { name: 'multiAccountLeave', kind: 'mutation', args: { account: 'ID!' }, select: '' },
  {
    name: 'multiAccountInvite',
    kind: 'mutation',
    args: { email: 'String!', permissions: '[String!]' },
    select: `{ member ${MEMBER} }`,
  },
  {
    name: 'multiAccountCreateContact',
    kind: 'mutation',
    args: { email: 'String!', username: 'String!', password: 'String!', permissions: '[String!]' },
    select: MEMBER,
  },
  {
    name: 'multiAccountUpdateContact',
    kind: 'mutation',
    args: {
      documentId: 'ID!',
      permissions: '[String!]',
      status: 'MultiAccountMemberStatus',
      type: 'MultiAccountMemberType',
    },
    select: MEMBER,
  },
  { name: 'multiAccountRemoveContact', kind: 'mutation', args: { documentId: 'ID!' }, select: '' },
  {
    name: 'multiAccountResendInvitation',
    kind: 'mutation',
    args: { documentId: 'ID!' },
    select: `{ member ${MEMBER} }`,
  },
  {
    name: 'multiAccountAcceptInvitation',
    kind: 'mutation',
    args: { documentId: 'ID!' },
    select: '{ documentId }',
  },
  {
    name: 'multiAccountRejectInvitation',
    kind: 'mutation',
    args: { documentId: 'ID!' },
    select: '{ documentId }',
  },
  {
    name: 'multiAccountAcceptInvitationByToken',
    kind: 'mutation',
    args: { token: 'String!' },
    select: '{ documentId }',
  },
  {
    name: 'multiAccountRejectInvitationByToken',
    kind: 'mutation',
    args: { token: 'String!' },
    select: '{ documentId }',
  },
];

/** The operation with every argument as a variable, so that any JSON value reaches the server. */
const documentOf = ({ name, kind, args, select }: Operation) => {
  const names = Object.keys(args);
  const declared = names.map((arg) => `$${arg}: ${args[arg]}`).join(', ');
  const passed = names.map((arg) => `${arg}: $${arg}`).join(', ');
  return `${kind}${declared ? ` (${declared})` : ''} { ${name}${passed ? `(${passed})` : ''} ${select} }`;
};

const app = useTestApp({
  rateLimits: {
    window: 3600,
    invitationsPerAccount: 10_000,
    invitationsPerInviter: 10_000,
    acceptsPerIp: 10_000,
    invitationsPerIp: 10_000,
    contactsPerIp: 10_000,
  },
});

beforeAll(async () => {
  owner = await signUp(app, 'gqlfuzzy');
  await addGuest(app, owner, await signUp(app, 'gqlfuzzguest'), ['support']);
  stranger = await signUp(app, 'gqloutsider');
  await addGuest(app, stranger, await signUp(app, 'gqltheirguest'), ['billing', 'contacts']);
  const invited = await as(app, stranger)
    .post(`${API}/invitations`)
    .send({ email: 'gql-their-invitee@example.com', permissions: ['support'] });
  expect(invited.status).toBe(201);
  const members = await as(app, stranger).get(`${API}/contacts?pageSize=100`);
  theirIds = [
    ...members.body.data.map((m: { documentId: string }) => m.documentId),
    invited.body.meta.invitation.documentId,
    stranger.account.documentId,
  ];
});

test('fuzzed arguments: never an internal error, a refusal changes nothing', async () => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  console.log(`fast-check seed ${seed}: FUZZ_SEED=${seed} replays this run`);
  const id = fc.oneof(
    { arbitrary: fc.constantFrom(...theirIds, owner.account.documentId), weight: 6 },
    fc.string({ maxLength: 30 }),
    fc.fullUnicodeString({ maxLength: 20 }),
    fc.string({ minLength: 300, maxLength: 2000 }),
    fc.integer(),
    fc.constantFrom('__proto__', 'constructor')
  );
  const scalar = fc.oneof(
    fc.string(),
    fc.fullUnicodeString({ maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(
      'billing',
      'contacts',
      'active',
      'inactive',
      'owner',
      'x@example.com',
      'gqlfuzzy'
    )
  );
  const value = fc.oneof(
    { arbitrary: scalar, weight: 4 },
    fc.array(scalar, { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('page', 'pageSize', 'start', '__proto__', 'x'), scalar, {
      maxKeys: 3,
    })
  );
  const variables = (operation: Operation) =>
    fc.record(
      Object.fromEntries(
        Object.keys(operation.args).map((arg) => [
          arg,
          ['documentId', 'account'].includes(arg) ? fc.oneof(id, value) : value,
        ])
      ),
      { requiredKeys: [] }
    );
  const call = fc
    .constantFrom(...OPERATIONS)
    .chain((operation) => fc.tuple(fc.constant(operation), variables(operation)));
  const header = fc.option(
    fc.oneof(fc.string({ maxLength: 70 }), fc.constant(stranger.account.documentId)),
    {
      nil: undefined,
      freq: 3,
    }
  );

  await fc.assert(
    fc.asyncProperty(call, header, async ([operation, vars], account) => {
      const before = await snapshotOfRows(app);
      const res = await graphql(app, owner, documentOf(operation), vars, account);
      expect(res.http).toBeLessThan(500);
      const codes = (res.errors ?? []).map((e) => e.extensions.code);
      expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
      if (res.errors?.length) {
        expect(await snapshotOfRows(app)).toBe(before);
        for (const error of res.errors) {
          // a refusal by the plugin says its REST status; GraphQL refuses ill-typed input itself
          if (error.extensions.status === undefined) {
            expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(
              error.extensions.code
            );
          }
        }
      } else {
        for (const theirs of theirIds) expect(res.text).not.toContain(theirs);
      }
    }),
    { numRuns: 250, seed }
  );
  const mine = await as(app, owner).get(`${API}/me/accounts`);
  expect(mine.body.data).toContainEqual(
    expect.objectContaining({ documentId: owner.account.documentId, type: 'owner' })
  );
}, 180_000);
