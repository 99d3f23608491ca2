import { graphql } from '../../helpers/graphql';
import { useTestApp } from '../../helpers/strapi';
import { addGuest, signUp, type Session } from '../../helpers/users';

// What the GraphQL schema shows of the plugin: its operations and their types, nothing else.
const app = useTestApp();
let owner: Session;

const QUERIES = [
  'multiAccountMe',
  'multiAccountMyAccounts',
  'multiAccountContacts',
  'multiAccountMyInvitations',
];
const MUTATIONS = [
  'multiAccountSwitch',
  'multiAccountLeave',
  'multiAccountInvite',
  'multiAccountCreateContact',
  'multiAccountUpdateContact',
  'multiAccountRemoveContact',
  'multiAccountResendInvitation',
  'multiAccountAcceptInvitation',
  'multiAccountRejectInvitation',
  'multiAccountAcceptInvitationByToken',
  'multiAccountRejectInvitationByToken',
];
const TYPES = [
  'MultiAccountAccountStatus',
  'MultiAccountDelivery',
  'MultiAccountImpersonator',
  'MultiAccountInviter',
  'MultiAccountListedAccount',
  'MultiAccountListedAccountList',
  'MultiAccountMe',
  'MultiAccountMember',
  'MultiAccountMemberList',
  'MultiAccountMemberStatus',
  'MultiAccountMemberType',
  'MultiAccountMyAccount',
  'MultiAccountMyInvitation',
  'MultiAccountMyInvitationList',
  'MultiAccountPageInfo',
  'MultiAccountPaginationArg',
  'MultiAccountRef',
  'MultiAccountRejection',
  'MultiAccountSentInvitation',
  'MultiAccountSwitchPayload',
  'MultiAccountUser',
];

type TypeRef = { name: string | null; ofType: TypeRef | null };
type Field = { name: string; type: TypeRef };
type SchemaType = { name: string; fields: Field[] | null; inputFields: Field[] | null };

const named = (type: TypeRef): string => type.name ?? named(type.ofType!);

const SCHEMA = `{ __schema {
  queryType { fields { name } } mutationType { fields { name } }
  types { name
    fields { name type { name ofType { name ofType { name ofType { name } } } } }
    inputFields { name type { name ofType { name ofType { name ofType { name } } } } } } } }`;

let types: SchemaType[];

beforeAll(async () => {
  owner = await signUp(app, 'gqlside');
  await addGuest(app, owner, await signUp(app, 'gqlsideguest'), ['support']);
  const res = await graphql(app, owner, SCHEMA);
  expect(res.errors).toBeUndefined();
  types = res.data.__schema.types;
});

test("introspection shows the plugin's operations and their types, and only them", async () => {
  const { __schema } = (await graphql(app, owner, SCHEMA)).data;
  const ours = (names: { name: string }[]) =>
    names
      .map((f) => f.name)
      .filter((name) => /multiAccount/i.test(name))
      .sort();
  expect(ours(__schema.queryType.fields)).toEqual([...QUERIES].sort());
  expect(ours(__schema.mutationType.fields)).toEqual([...MUTATIONS].sort());
  expect(ours(types)).toEqual([...TYPES].sort());
});

test("no type or field names the plugin's tables or token hashes", () => {
  const names = types.flatMap((type) => [
    type.name,
    ...[...(type.fields ?? []), ...(type.inputFields ?? [])].map((f) => `${type.name}.${f.name}`),
  ]);
  expect(
    names.filter((name) =>
      /membership|auditLog|ownershipTransfer|impersonation|tokenHash|token_hash|multiAccountId/i.test(
        name
      )
    )
  ).toEqual([]);
});

test("a user's fields, and every type but the plugin's entry points, lead to none of its types", () => {
  const entryPoints = ['Query', 'Mutation', 'UsersPermissionsLoginPayload'];
  const leads = types
    .filter((type) => !type.name.startsWith('MultiAccount') && !entryPoints.includes(type.name))
    .flatMap((type) =>
      [...(type.fields ?? []), ...(type.inputFields ?? [])]
        .filter((field) => named(field.type).startsWith('MultiAccount'))
        .map((field) => `${type.name}.${field.name}`)
    );
  expect(leads).toEqual([]);
  const user = types.find((type) => type.name === 'UsersPermissionsUser')!;
  expect(user.fields!.map((f) => f.name)).not.toEqual(
    expect.arrayContaining([expect.stringMatching(/account|membership|invitation/i)])
  );
  // the login answer adds the user's accounts, as the REST one does
  const login = types.find((type) => type.name === 'UsersPermissionsLoginPayload')!;
  expect(login.fields!.map((f) => `${f.name}: ${named(f.type)}`)).toEqual(
    expect.arrayContaining([
      'accounts: MultiAccountMyAccount',
      'activeAccount: MultiAccountMyAccount',
    ])
  );
});

test('a query that follows a user finds no membership, invitation or account of theirs', async () => {
  const res = await graphql(
    app,
    owner,
    '{ usersPermissionsUsers { documentId username } me { id username } }'
  );
  expect(res.text).not.toMatch(/membership|invitation|tokenHash/i);
  expect(res.text).not.toContain(owner.account.number);
});
