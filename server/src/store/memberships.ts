import type { Knex } from 'knex';
import { z } from 'zod';
import { ACCOUNT_STATUSES, MEMBERSHIP_STATUSES, MEMBERSHIP_TYPES } from '../../../shared/contracts';
import { SESSION_ACCOUNT_KEY, UIDS } from '../utils';
import { aliased, tableOf } from '../utils/search';
import { builtOnRead } from '../utils/built-on-read';
import {
  countOf,
  idColumn,
  inCallersTransaction,
  keysColumn,
  keysOf,
  rowSchemas,
  rowsOf,
  idAt,
  rowOf,
  textAt,
  unexpected,
  whenAt,
  type Row,
} from './rows';
import { statement } from './statement';
import { table } from './table';

/** Memberships `m` joined to their accounts `a`, for the raw queries below. */
const withAccounts = (query: Knex.QueryBuilder) =>
  query.join(aliased(UIDS.account, 'a'), 'a.id', 'm.account_id');

const membershipsWithAccounts = () =>
  withAccounts(strapi.db.getConnection().from(aliased(UIDS.membership, 'm')));

/** The user's active memberships, on accounts active or suspended. */
const activeMembershipsOf = (userId: number) =>
  membershipsWithAccounts().where({ 'm.user_id': userId, 'm.status': 'active' });

/** A usable membership: active, on an active account. */
const usableBy = (userId: number) => activeMembershipsOf(userId).andWhere('a.status', 'active');

/** The columns of a membership `m` and its account `a` that `readActive` reads. */
const ACTIVE_COLUMNS = [
  'm.id as membershipId',
  'm.document_id as membershipDocumentId',
  'm.type',
  'm.status',
  'm.permissions',
  'a.id as accountId',
  'a.document_id as accountDocumentId',
  'a.number',
  'a.name',
  'a.status as accountStatus',
];

/*
 * The resolving statements' rows are read by hand, not parsed with zod as other rows are: they
 * are read on every authenticated request, and zod parsed these two small schemas 4 to 20 times
 * slower inside a booted Strapi than alone (about a third of what the statement costs). A
 * column of another shape than its table gives it is a bug, and throws.
 */
const oneOfAt = <T extends string>(row: Row, name: string, values: readonly T[]): T => {
  const value = values.find((known) => known === row[name]);
  if (value === undefined) throw unexpected(name);
  return value;
};

/** A usable membership and its account, from the columns `ACTIVE_COLUMNS` names. */
const readActive = (found: unknown) => {
  const row = rowOf(found);
  return {
    membership: {
      id: idAt(row, 'membershipId'),
      documentId: textAt(row, 'membershipDocumentId'),
      type: oneOfAt(row, 'type', MEMBERSHIP_TYPES),
      status: oneOfAt(row, 'status', MEMBERSHIP_STATUSES),
      permissions: keysOf(row.permissions),
    },
    account: {
      id: idAt(row, 'accountId'),
      documentId: textAt(row, 'accountDocumentId'),
      number: textAt(row, 'number'),
      name: textAt(row, 'name'),
      status: oneOfAt(row, 'accountStatus', ['active'] as const),
    },
  };
};

/** What a users-permissions session row says of itself, beside the membership it acts with. */
const readSession = (found: unknown) => {
  const row = rowOf(found);
  return {
    sessionRowId: idAt(row, 'sessionRowId'),
    sessionStatus: textAt(row, 'sessionStatus'),
    sessionUserId: String(row.sessionUserId),
    absoluteExpiresAt: whenAt(row, 'absoluteExpiresAt'),
    sessionAccount: row.sessionAccount === null ? null : textAt(row, 'sessionAccount'),
    membershipId: row.membershipId === null ? null : idAt(row, 'membershipId'),
  };
};

/**
 * The account a session row keeps in its metadata, read in SQL (the metadata is JSON text on
 * SQLite and MySQL, jsonb on PostgreSQL), so that the row and the membership come in one query.
 */
const sessionAccount = () => {
  const key = SESSION_ACCOUNT_KEY;
  switch (strapi.db.dialect.client) {
    case 'postgres':
      return `(s.metadata ->> '${key}')`;
    case 'mysql':
      return `json_unquote(json_extract(s.metadata, '$.${key}'))`;
    default:
      return `json_extract(s.metadata, '$.${key}')`;
  }
};

/** The rows the statements below join. */
const joinedRows = builtOnRead({
  myAccount: () =>
    z.object({
      documentId: z.string(),
      number: z.string(),
      name: z.string(),
      status: z.enum(ACCOUNT_STATUSES),
      type: z.enum(MEMBERSHIP_TYPES),
      permissions: keysColumn,
    }),
  owner: () =>
    z.object({
      accountId: idColumn,
      id: idColumn,
      documentId: z.string(),
      username: z.string(),
      email: z.string(),
    }),
  memberCount: () => z.object({ accountId: idColumn, members: idColumn }),
});

/**
 * The session row `sessionId` of the user, joined to the user's active membership on the
 * account `on` names (when that account is active).
 */
const sessionJoinedTo = (
  sessionId: string,
  userId: number,
  on: (join: Knex.JoinClause) => Knex.JoinClause
) => {
  const raw = strapi.db.connection.raw.bind(strapi.db.connection);
  return strapi.db
    .getConnection()
    .from(aliased(UIDS.session, 's'))
    .leftJoin(aliased(UIDS.account, 'a'), (join) => {
      on(join).andOnVal('a.status', '=', 'active');
    })
    .leftJoin(aliased(UIDS.membership, 'm'), (join) => {
      join
        .on('m.account_id', '=', 'a.id')
        .andOnVal('m.user_id', '=', userId)
        .andOnVal('m.status', '=', 'active');
    })
    .where({ 's.session_id': sessionId, 's.origin': 'users-permissions' })
    .select(
      's.id as sessionRowId',
      's.status as sessionStatus',
      's.user_id as sessionUserId',
      's.absolute_expires_at as absoluteExpiresAt',
      raw(`${sessionAccount()} as ??`, ['sessionAccount']),
      ...ACTIVE_COLUMNS
    )
    .limit(1);
};

/** The user's usable membership on the account named by its documentId (legacy JWT mode). */
const usableOnAccount = statement<[number, string]>((userId, account) =>
  usableBy(userId)
    .andWhere('a.document_id', account)
    .select(...ACTIVE_COLUMNS)
    .limit(1)
);

/** The session and the membership on the account `X-Account` names. */
const sessionWithNamedAccount = statement<[string, number, string]>((sessionId, userId, account) =>
  sessionJoinedTo(sessionId, userId, (join) => join.onVal('a.document_id', '=', account))
);

/** The session and the membership on the account the session keeps. */
const sessionWithItsAccount = statement<[string, number]>((sessionId, userId) =>
  sessionJoinedTo(sessionId, userId, (join) =>
    join.on('a.document_id', '=', strapi.db.connection.raw(sessionAccount()))
  )
);

export const memberships = {
  ...table(UIDS.membership, () => rowSchemas.membership),

  /**
   * The user's usable membership on the account named by its documentId, or, when none is
   * named, the one to start with: the last one used, else one they own, else the oldest.
   * One indexed query, joined to the account so a suspended account is never active.
   */
  async findActive(userId: number, accountDocumentId?: string | null) {
    if (accountDocumentId) {
      const [found] = await usableOnAccount(userId, accountDocumentId);
      return found ? readActive(found) : null;
    }
    const query = usableBy(userId)
      .select(...ACTIVE_COLUMNS)
      .first()
      .orderByRaw('case when m.last_used_at is null then 1 else 0 end')
      .orderBy('m.last_used_at', 'desc')
      .orderByRaw("case when m.type = 'owner' then 0 else 1 end")
      .orderBy('m.id', 'asc');
    const found = await inCallersTransaction(query);
    return found ? readActive(found) : null;
  },

  /**
   * A users-permissions session row, by the session id an access token names, and in the same
   * query the user's usable membership on the account the request acts for: `requested` (the
   * `X-Account` header) or else the one the row keeps in its metadata. One indexed query per
   * request in refresh mode, as the JWT's claim makes it one in legacy mode.
   */
  async sessionWithActive(sessionId: string, userId: number, requested: string | null) {
    const [found] = requested
      ? await sessionWithNamedAccount(sessionId, userId, requested)
      : await sessionWithItsAccount(sessionId, userId);
    if (!found) return null;
    const session = readSession(found);
    return { session, active: session.membershipId === null ? null : readActive(found) };
  },

  /**
   * One page of the accounts a user can act for, by name, and how many there are; with
   * `suspended`, also those an admin suspended, where the user's membership is active.
   */
  async pageOfUser(
    userId: number,
    window: { offset: number; limit: number },
    { suspended = false } = {}
  ) {
    const listed = () => (suspended ? activeMembershipsOf(userId) : usableBy(userId));
    // the page is chosen by sorting narrow rows (the membership id and the name), and only its
    // rows are then read in full: a user with thousands of accounts sorts ids, not whole rows
    const pageIds = listed()
      .select('m.id')
      .orderBy('a.name', 'asc')
      .orderBy('m.id', 'asc')
      .offset(window.offset)
      .limit(window.limit)
      .as('p');
    const [total, rows] = await Promise.all([
      inCallersTransaction(listed().count({ total: '*' }).first()),
      inCallersTransaction(
        withAccounts(
          strapi.db
            .getConnection()
            .from(pageIds)
            .join(aliased(UIDS.membership, 'm'), 'm.id', 'p.id')
        )
          .select(
            'm.type',
            'm.permissions',
            'a.document_id as documentId',
            'a.number',
            'a.name',
            'a.status'
          )
          .orderBy('a.name', 'asc')
          .orderBy('m.id', 'asc')
      ),
    ]);
    return { total: countOf(total), rows: rowsOf(joinedRows.myAccount, rows) };
  },

  /** The owners who are users of each account, oldest first. */
  async ownersOf(accountIds: number[]) {
    if (accountIds.length === 0) return [];
    const rows = await inCallersTransaction(
      strapi.db
        .getConnection()
        .from(aliased(UIDS.membership, 'm'))
        .join(aliased(UIDS.user, 'u'), 'u.id', 'm.user_id')
        .whereIn('m.account_id', accountIds)
        .andWhere('m.type', 'owner')
        .orderBy('m.id', 'asc')
        .select(
          'm.account_id as accountId',
          'u.id',
          'u.document_id as documentId',
          'u.username',
          'u.email'
        )
    );
    return rowsOf(joinedRows.owner, rows);
  },

  /** How many users reach each account. */
  async userCounts(accountIds: number[]): Promise<Map<number, number>> {
    if (accountIds.length === 0) return new Map();
    const rows = await inCallersTransaction(
      strapi.db
        .getConnection()
        .from(tableOf(UIDS.membership))
        .whereIn('account_id', accountIds)
        .whereNotNull('user_id')
        .groupBy('account_id')
        .select('account_id as accountId')
        .count({ members: '*' })
    );
    return new Map(rowsOf(joinedRows.memberCount, rows).map((r) => [r.accountId, r.members]));
  },

  /**
   * The ids of the user's active memberships, as a subquery for a `$in`: a user may hold more
   * of them than a statement can bind one by one.
   */
  activeIdsOf(userId: number): Knex.QueryBuilder {
    return strapi.db
      .getConnection()
      .from(tableOf(UIDS.membership))
      .select('id')
      .where({ user_id: userId, status: 'active' });
  },

  countActiveOwners(accountId: number, except?: number) {
    return this.count({
      accountId,
      type: 'owner',
      status: 'active',
      ...(except === undefined ? {} : { id: { $ne: except } }),
    });
  },
};
