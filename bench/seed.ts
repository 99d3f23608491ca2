/**
 * Benchmark fixtures, written in bulk through Strapi's query engine (`createMany`): a fixture,
 * not a path any user takes, so rows go in directly. Runs inside the benchmarked process.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';

export const PASSWORD = 'Bench12345';

const UIDS = {
  user: 'plugin::users-permissions.user',
  role: 'plugin::users-permissions.role',
  invoice: 'api::invoice.invoice',
  memo: 'api::memo.memo',
  note: 'api::note.note',
  tag: 'api::tag.tag',
  label: 'api::label.label',
  account: 'plugin::multi-account.account',
  membership: 'plugin::multi-account.membership',
  invitation: 'plugin::multi-account.invitation',
} as const;

/** How big the generated data set is: the design's "thousands of accounts, tens of thousands of contacts". */
export const SIZES = {
  /** memberships of one user, in as many accounts */
  userMemberships: 5_000,
  /** members of one account */
  accountMembers: 50_000,
  /** open invitations to that user, each accepted once by the benchmark */
  invitations: 45,
  /** invoices of the benchmarked host route: this many for the caller's scope, 9 times as many for others */
  invoicesInScope: 20,
  /** accounts of the scoped-list comparison, each with this many memos and as many notes */
  scopedAccounts: 1_000,
  documentsPerAccount: 100,
  /** labels of the route that reaches no scoped type */
  labels: 25,
};

/** Statuses of the big account's members, cycled in this proportion (out of 20). */
const MEMBER_STATUSES = [
  ...Array<string>(12).fill('active'),
  ...Array<string>(2).fill('inactive'),
  ...Array<string>(3).fill('invited'),
  'pending',
  ...Array<string>(2).fill('rejected'),
];

export type Login = { identifier: string; password: string };

export type BaseFixture = { login: Login; userId: number; scope: string; invoices: number };

export type ScopedListFixture = {
  login: Login;
  /** the account the caller acts for, a guest among its documents' owners */
  account: string;
  perAccount: number;
  documents: number;
  /** a shared tag linking the caller's account's memos and notes, and as many of another's */
  tag: string;
  seedMs: number;
};

export type LargeFixture = {
  /** the user with `userMemberships` memberships */
  member: Login;
  /** the owner of the account with `accountMembers` members */
  owner: Login;
  bigAccount: string;
  /** accounts the member is active in, to switch to */
  switchTargets: string[];
  /** documentIds of open invitations addressed to the member */
  invitations: string[];
  counts: Record<string, number>;
  seedMs: number;
};

type Row = Record<string, unknown>;

const query = (strapi: Core.Strapi, uid: string) => strapi.db.query(uid as never);

const insert = async (strapi: Core.Strapi, uid: string, rows: Row[]) => {
  if (rows.length) await query(strapi, uid).createMany({ data: rows });
};

const authenticatedRole = async (strapi: Core.Strapi) => {
  const role = await query(strapi, UIDS.role).findOne({
    where: { type: 'authenticated' },
    select: ['id'],
  });
  return role.id as number;
};

/** A user who can log in, created the way users-permissions creates them. */
const addUser = async (strapi: Core.Strapi, username: string, role: number) => {
  const email = `${username}@example.com`;
  const user = await strapi.plugin('users-permissions').service('user').add({
    username,
    email,
    password: PASSWORD,
    provider: 'local',
    confirmed: true,
    blocked: false,
    role,
  });
  return { id: user.id as number, login: { identifier: email, password: PASSWORD } };
};

/**
 * PostgreSQL plans by its table statistics and reads indexes alone where its visibility map
 * allows; autovacuum keeps both up to date in a database in use, so after a bulk load the
 * fixture brings them where they would be. SQLite keeps no statistics unless asked, and a
 * Strapi app never asks, so it is left as it is.
 */
const settle = async (strapi: Core.Strapi, uids: string[]) => {
  if (strapi.db.dialect.client !== 'postgres') return;
  const schema = strapi.db.getSchemaName();
  for (const uid of uids) {
    const table = strapi.db.metadata.get(uid as never).tableName;
    await strapi.db.connection.raw('vacuum analyze ??', [schema ? `${schema}.${table}` : table]);
  }
};

/** Rows of one table by id, for rows just inserted in bulk under a known key. */
const idsBy = async (strapi: Core.Strapi, uid: string, where: Row, key: string) => {
  const rows = await query(strapi, uid).findMany({ where, select: ['id', key] });
  return new Map(rows.map((row: Row) => [row[key] as string, row.id as number]));
};

/** Rows in slices, so that no statement outgrows a driver's limit on bound values. */
const insertInSlices = async (strapi: Core.Strapi, uid: string, rows: Row[], size = 500) => {
  for (let i = 0; i < rows.length; i += size) await insert(strapi, uid, rows.slice(i, i + size));
};

/**
 * The data both apps share for the throughput rounds: one user and the invoices of the host
 * route. `scope` is the documentId the invoices are filed under: with the plugin, an account the
 * user is a guest of (holding `billing` and `support`, as a client's staff would), given this
 * documentId; without it, the user (given the same documentId).
 */
export const seedBase = async (
  strapi: Core.Strapi,
  { enabled, documentId }: { enabled: boolean; documentId: string }
): Promise<BaseFixture> => {
  const role = await authenticatedRole(strapi);
  const user = await addUser(strapi, 'bench', role);
  await query(strapi, UIDS.user).update({ where: { id: user.id }, data: { documentId } });

  const scopes = [documentId, ...Array.from({ length: 9 }, (_, i) => `other-scope-${i}`)];
  const invoicesOf = (scope: string, accountId?: number) =>
    Array.from({ length: SIZES.invoicesInScope }, (_, i) => ({
      title: `Invoice ${i + 1}`,
      ...(accountId === undefined ? { accountDocumentId: scope } : { multiAccountId: accountId }),
    }));

  if (!enabled) {
    await insert(
      strapi,
      UIDS.invoice,
      scopes.flatMap((scope) => invoicesOf(scope))
    );
  } else {
    // a guest of the account the invoices are filed under and of 18 others, owner of one
    const accounts = Array.from({ length: 20 }, (_, i) => ({
      ...(i === 0 ? { documentId } : {}),
      name: i === 0 ? 'bench' : `Bench client ${i}`,
      number: `A${String(i).padStart(7, '0')}`,
      status: 'active',
    }));
    await insert(strapi, UIDS.account, accounts);
    const accountIds = await idsBy(
      strapi,
      UIDS.account,
      { number: { $startsWith: 'A' } },
      'number'
    );
    const ids = accounts.map((account) => accountIds.get(account.number) as number);
    await insert(
      strapi,
      UIDS.membership,
      accounts.map((_, i) => ({
        accountId: ids[i],
        userId: user.id,
        email: user.login.identifier,
        type: i === 1 ? 'owner' : 'guest',
        status: 'active',
        permissions: i === 1 ? [] : ['billing', 'support'],
      }))
    );
    // the same invoices as without the plugin, each other scope in an account of its own
    await insert(
      strapi,
      UIDS.invoice,
      scopes.flatMap((scope, i) => invoicesOf(scope, ids[i === 0 ? 0 : i + 1]))
    );
  }
  await insert(
    strapi,
    UIDS.label,
    Array.from({ length: SIZES.labels }, (_, i) => ({ name: `Label ${i + 1}` }))
  );
  await settle(
    strapi,
    enabled ? [UIDS.user, UIDS.invoice, UIDS.account, UIDS.membership] : [UIDS.user, UIDS.invoice]
  );
  return { login: user.login, userId: user.id, scope: documentId, invoices: SIZES.invoicesInScope };
};

/**
 * The scoped-list comparison, with the plugin: `scopedAccounts` accounts with
 * `documentsPerAccount` memos each (an account-scoped type) and as many notes (the same type,
 * not scoped, its controller adding the same `where` by hand), and a user who is a guest of one
 * of them.
 */
export const seedScopedList = async (strapi: Core.Strapi): Promise<ScopedListFixture> => {
  const started = performance.now();
  const role = await authenticatedRole(strapi);
  const user = await addUser(strapi, 'lister', role);
  const accounts = Array.from({ length: SIZES.scopedAccounts }, (_, i) => ({
    name: `Scoped client ${i}`,
    number: `S${String(i).padStart(7, '0')}`,
    status: 'active',
  }));
  await insertInSlices(strapi, UIDS.account, accounts);
  const accountIds = await idsBy(strapi, UIDS.account, { number: { $startsWith: 'S' } }, 'number');
  const ids = accounts.map((account) => accountIds.get(account.number) as number);
  const mine = ids[Math.floor(ids.length / 2)];
  await insert(strapi, UIDS.membership, [
    {
      accountId: mine,
      userId: user.id,
      email: user.login.identifier,
      type: 'guest',
      status: 'active',
      permissions: ['support'],
    },
  ]);
  // interleaved by account, as documents arrive in a shared app
  const documents = (key: string) =>
    Array.from({ length: SIZES.documentsPerAccount }, (_, n) =>
      ids.map((id) => ({
        title: `Document ${n + 1}`,
        body: 'Lorem ipsum dolor sit amet',
        [key]: id,
      }))
    ).flat();
  await insertInSlices(strapi, UIDS.memo, documents('multiAccountId'));
  await insertInSlices(strapi, UIDS.note, documents('accountRef'));
  // a tag shared by every account, linking the caller's documents and as many of a neighbour's
  const linked = async (uid: string, key: string) =>
    (
      await query(strapi, uid).findMany({
        where: { [key]: { $in: [mine, ids[0]] } },
        select: ['id'],
      })
    ).map((row: Row) => row.id as number);
  const tag = await query(strapi, UIDS.tag).create({
    data: {
      name: 'shared',
      memos: await linked(UIDS.memo, 'multiAccountId'),
      notes: await linked(UIDS.note, 'accountRef'),
    },
  });
  await settle(strapi, [UIDS.user, UIDS.account, UIDS.membership, UIDS.memo, UIDS.note]);
  const account = await query(strapi, UIDS.account).findOne({
    where: { id: mine },
    select: ['documentId'],
  });
  return {
    login: user.login,
    account: account.documentId as string,
    perAccount: SIZES.documentsPerAccount,
    documents: ids.length * SIZES.documentsPerAccount,
    tag: tag.documentId as string,
    seedMs: Math.round(performance.now() - started),
  };
};

/**
 * The large data set, with the plugin: a user with `userMemberships` memberships (mostly
 * active, some suspended, a few in suspended accounts), an account with `accountMembers`
 * members of every status, and open invitations to the first user.
 */
export const seedLarge = async (strapi: Core.Strapi): Promise<LargeFixture> => {
  const started = performance.now();
  const role = await authenticatedRole(strapi);
  const member = await addUser(strapi, 'many', role);
  const owner = await addUser(strapi, 'owner', role);
  const accountsService = strapi.plugin('multi-account').service('accounts');
  const big = await accountsService.create(
    { name: 'Big account', owner: { id: owner.id, email: owner.login.identifier } },
    { type: 'system' }
  );

  // the member's accounts
  const clientAccounts = Array.from({ length: SIZES.userMemberships }, (_, i) => ({
    name: `Client ${String(i).padStart(5, '0')}`,
    number: `C${String(i).padStart(7, '0')}`,
    status: i % 50 === 25 ? 'suspended' : 'active',
  }));
  await insert(strapi, UIDS.account, clientAccounts);
  const clientIds = await idsBy(strapi, UIDS.account, { number: { $startsWith: 'C' } }, 'number');
  const memberRows = clientAccounts.map((account, i) => ({
    accountId: clientIds.get(account.number),
    userId: member.id,
    email: member.login.identifier,
    type: i % 10 === 0 ? 'owner' : i % 3 === 0 ? 'contact' : 'guest',
    status: i % 10 === 7 ? 'inactive' : 'active',
    permissions: ['billing', 'support'],
  }));
  await insert(strapi, UIDS.membership, memberRows);
  const switchTargets = clientAccounts
    .filter((account, i) => account.status === 'active' && memberRows[i].status === 'active')
    .map((account) => account.number);

  // the big account's members: users for those who joined, an email only for the others
  const base = Date.now() - SIZES.accountMembers * 60_000;
  const members = Array.from({ length: SIZES.accountMembers }, (_, i) => {
    const status = MEMBER_STATUSES[i % MEMBER_STATUSES.length];
    return {
      i,
      status,
      email: `member${i}@example.com`,
      joined: status === 'active' || status === 'inactive',
      createdAt: new Date(base + i * 60_000),
    };
  });
  const joined = members.filter((m) => m.joined);
  await insert(
    strapi,
    UIDS.user,
    joined.map((m) => ({
      username: `member${m.i}`,
      email: m.email,
      provider: 'local',
      confirmed: true,
      blocked: false,
      createdAt: m.createdAt,
      updatedAt: m.createdAt,
    }))
  );
  const userIds = await idsBy(
    strapi,
    UIDS.user,
    { email: { $startsWith: 'member' }, id: { $gt: owner.id } },
    'email'
  );
  await insert(
    strapi,
    UIDS.membership,
    members.map((m) => ({
      accountId: big.id,
      userId: m.joined ? userIds.get(m.email) : null,
      email: m.email,
      type: m.i % 4 === 0 ? 'guest' : 'contact',
      status: m.status,
      permissions: m.i % 2 ? ['support'] : ['billing', 'support', 'contacts'],
      createdAt: m.createdAt,
      updatedAt: m.createdAt,
    }))
  );

  // open invitations to the member, each from another account
  const invitingAccounts = Array.from({ length: SIZES.invitations }, (_, i) => ({
    name: `Inviting ${String(i).padStart(3, '0')}`,
    number: `I${String(i).padStart(7, '0')}`,
    status: 'active',
  }));
  await insert(strapi, UIDS.account, invitingAccounts);
  const invitingIds = [
    ...(await idsBy(strapi, UIDS.account, { number: { $startsWith: 'I' } }, 'number')).values(),
  ];
  await insert(
    strapi,
    UIDS.membership,
    invitingIds.map((accountId) => ({
      accountId,
      userId: null,
      email: member.login.identifier,
      type: 'guest',
      status: 'invited',
      permissions: ['support'],
    }))
  );
  const pending = await query(strapi, UIDS.membership).findMany({
    where: { accountId: { $in: invitingIds }, email: member.login.identifier },
    select: ['id', 'accountId'],
  });
  const expiresAt = new Date(Date.now() + 48 * 3600 * 1000);
  await insert(
    strapi,
    UIDS.invitation,
    pending.map((m: Row) => ({
      accountId: m.accountId,
      membershipId: m.id,
      email: member.login.identifier,
      tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
      status: 'open',
      expiresAt,
      invitedById: owner.id,
    }))
  );
  const invitations = await query(strapi, UIDS.invitation).findMany({
    where: { email: member.login.identifier, status: 'open' },
    select: ['documentId'],
    orderBy: { id: 'asc' },
  });

  const accountsByNumber = await query(strapi, UIDS.account).findMany({
    where: { number: { $in: switchTargets.filter((_, i) => i % 20 === 0) } },
    select: ['documentId'],
  });
  await settle(strapi, [UIDS.user, UIDS.account, UIDS.membership, UIDS.invitation]);
  const count = (uid: string) => query(strapi, uid).count({});
  return {
    member: member.login,
    owner: owner.login,
    bigAccount: big.documentId,
    switchTargets: accountsByNumber.map((a: Row) => a.documentId as string),
    invitations: invitations.map((i: Row) => i.documentId as string),
    counts: {
      users: await count(UIDS.user),
      accounts: await count(UIDS.account),
      memberships: await count(UIDS.membership),
      invitations: await count(UIDS.invitation),
      memberMemberships: memberRows.length,
      bigAccountMembers: members.length + 1,
    },
    seedMs: Math.round(performance.now() - started),
  };
};
