import type { Core } from '@strapi/strapi';
import type {
  AccountRef,
  Member,
  MemberUser,
  MembershipStatus,
  MembershipType,
  MyAccount,
} from '../../../shared/contracts';
import type { Knex } from 'knex';
import { z } from 'zod';
import { MEMBERSHIP_STATUSES, MEMBERSHIP_TYPES } from '../../../shared/contracts';
import { getService, parseJson, toIso, UIDS } from '../utils';
import { aliased } from '../utils/search';
import { Errors } from '../utils/errors';
import { pageWindow, paginationMeta, type PageQuery } from '../utils/pagination';

export type MembershipRow = {
  id: number;
  documentId: string;
  accountId: number;
  userId: number | null;
  email: string;
  type: MembershipType;
  status: MembershipStatus;
  permissions: string[] | null;
  lastUsedAt: string | null;
  createdAt: string;
};

export type AccountRow = {
  id: number;
  documentId: string;
  number: string;
  name: string;
  status: string;
};

/** What rides with an authenticated request that has an active account. */
export type ActiveAccount = {
  account: AccountRow;
  membership: Pick<MembershipRow, 'id' | 'documentId' | 'type' | 'status' | 'permissions'>;
  permissions: string[];
};

export const toAccountRef = (
  account: Pick<AccountRow, 'documentId' | 'number' | 'name'>
): AccountRef => ({
  documentId: account.documentId,
  number: account.number,
  name: account.name,
});

/** Memberships `m` joined to their accounts `a`, for the raw queries below. */
const withAccounts = (query: Knex.QueryBuilder) =>
  query.join(aliased(UIDS.account, 'a'), 'a.id', 'm.account_id');

const membershipsWithAccounts = () =>
  withAccounts(strapi.db.getConnection().from(aliased(UIDS.membership, 'm')));

/**
 * Runs a raw query in the caller's transaction when there is one: on its connection, seeing its
 * writes (a query on another connection would wait for SQLite's single writer, or read around
 * the transaction on PostgreSQL and MySQL).
 */
const inCallersTransaction = async <T>(query: Knex.QueryBuilder): Promise<T> =>
  strapi.db.inTransaction()
    ? strapi.db.transaction(async ({ trx }) => (await query.transacting(trx)) as T)
    : ((await query) as T);

/** A row of `findActive`, parsed: the drivers disagree on numbers, dates and JSON. */
const activeRow = z.object({
  membershipId: z.coerce.number(),
  membershipDocumentId: z.string(),
  type: z.enum(MEMBERSHIP_TYPES),
  status: z.enum(MEMBERSHIP_STATUSES),
  permissions: z.unknown(),
  accountId: z.coerce.number(),
  accountDocumentId: z.string(),
  number: z.string(),
  name: z.string(),
  accountStatus: z.string(),
});

const myAccountRow = z.object({
  documentId: z.string(),
  number: z.string(),
  name: z.string(),
  type: z.enum(MEMBERSHIP_TYPES),
  permissions: z.unknown(),
});

/**
 * The one module that decides whether a user may act for an account. Every path (the request
 * hook, switch, the login answer, the policy) goes through `findActive`.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The user's active membership on the account named by its documentId, or, when none is
   * named, the one to start with: the last one used, else one they own, else the oldest.
   * One indexed query, joined to the account so a suspended account is never active.
   */
  async findActive(
    userId: number,
    accountDocumentId?: string | null
  ): Promise<ActiveAccount | null> {
    const query = membershipsWithAccounts()
      .select(
        'm.id as membershipId',
        'm.document_id as membershipDocumentId',
        'm.type',
        'm.status',
        'm.permissions',
        'a.id as accountId',
        'a.document_id as accountDocumentId',
        'a.number',
        'a.name',
        'a.status as accountStatus'
      )
      .where({ 'm.user_id': userId, 'm.status': 'active', 'a.status': 'active' })
      .first();
    if (accountDocumentId) {
      query.andWhere('a.document_id', accountDocumentId);
    } else {
      query
        .orderByRaw('case when m.last_used_at is null then 1 else 0 end')
        .orderBy('m.last_used_at', 'desc')
        .orderByRaw("case when m.type = 'owner' then 0 else 1 end")
        .orderBy('m.id', 'asc');
    }
    const found = await inCallersTransaction<unknown>(query);
    if (!found) return null;
    const row = activeRow.parse(found);
    const membership = {
      id: row.membershipId,
      documentId: row.membershipDocumentId,
      type: row.type,
      status: row.status,
      permissions: parseJson<string[]>(row.permissions, []),
    };
    return {
      account: {
        id: row.accountId,
        documentId: row.accountDocumentId,
        number: row.number,
        name: row.name,
        status: row.accountStatus,
      },
      membership,
      permissions: getService('permissions').effective(membership),
    };
  },

  toMyAccount(active: ActiveAccount): MyAccount {
    return {
      ...toAccountRef(active.account),
      type: active.membership.type,
      permissions: active.permissions,
    };
  },

  /** The accounts a user can act for, paginated in the database: two queries whatever the page size. */
  async listMine(userId: number, page: PageQuery) {
    const base = () =>
      membershipsWithAccounts().where({
        'm.user_id': userId,
        'm.status': 'active',
        'a.status': 'active',
      });
    const { offset, limit } = pageWindow(page);
    // the page is chosen by sorting narrow rows (the membership id and the name), and only its
    // rows are then read in full: a user with thousands of accounts sorts ids, not whole rows
    const pageIds = base()
      .select('m.id')
      .orderBy('a.name', 'asc')
      .orderBy('m.id', 'asc')
      .offset(offset)
      .limit(limit)
      .as('p');
    const [countRow, rows] = await Promise.all([
      inCallersTransaction<{ total: unknown } | undefined>(base().count({ total: '*' }).first()),
      inCallersTransaction<Record<string, unknown>[]>(
        withAccounts(
          strapi.db
            .getConnection()
            .from(pageIds)
            .join(aliased(UIDS.membership, 'm'), 'm.id', 'p.id')
        )
          .select('m.type', 'm.permissions', 'a.document_id as documentId', 'a.number', 'a.name')
          .orderBy('a.name', 'asc')
          .orderBy('m.id', 'asc')
      ),
    ]);
    const permissions = getService('permissions');
    const data: MyAccount[] = rows.map((found) => {
      const row = myAccountRow.parse(found);
      return {
        documentId: row.documentId,
        number: row.number,
        name: row.name,
        type: row.type,
        permissions: permissions.effective({
          type: row.type,
          permissions: parseJson(row.permissions, []),
        }),
      };
    });
    return { data, meta: { pagination: paginationMeta(page, Number(countRow?.total ?? 0)) } };
  },

  async touch(membershipId: number) {
    await strapi.db.query(UIDS.membership).update({
      where: { id: membershipId },
      data: { lastUsedAt: new Date() },
    });
  },

  async findInAccount(accountId: number, documentId: string): Promise<MembershipRow> {
    const row = await strapi.db
      .query(UIDS.membership)
      .findOne({ where: { accountId, documentId } });
    if (!row) throw Errors.memberNotFound();
    return row as MembershipRow;
  },

  /** One page of an account's members: three queries (rows, count, accounts and users batched). */
  async listForAccount(
    accountId: number,
    filters: { status?: MembershipStatus; type?: MembershipType; userId?: number },
    page: PageQuery
  ) {
    // an undefined filter would become `IS NULL` in Strapi's query engine
    const set = Object.fromEntries(
      Object.entries(filters).filter(([, value]) => value !== undefined)
    );
    const where = { accountId, ...set };
    const { offset, limit } = pageWindow(page);
    const [rows, total] = await Promise.all([
      strapi.db.query(UIDS.membership).findMany({
        where,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        offset,
        limit,
      }),
      strapi.db.query(UIDS.membership).count({ where }),
    ]);
    return {
      data: await this.toMembers(rows as MembershipRow[]),
      meta: { pagination: paginationMeta(page, total) },
    };
  },

  /** Serializes membership rows as `Member`, loading their accounts and users in one query each. */
  async toMembers(rows: MembershipRow[]): Promise<Member[]> {
    if (rows.length === 0) return [];
    const accountIds = [...new Set(rows.map((r) => r.accountId))];
    const userIds = [
      ...new Set(rows.map((r) => r.userId).filter((id): id is number => id !== null)),
    ];
    const [accounts, users] = await Promise.all([
      strapi.db.query(UIDS.account).findMany({
        where: { id: { $in: accountIds } },
        select: ['id', 'documentId', 'number', 'name'],
      }),
      userIds.length
        ? strapi.db.query(UIDS.user).findMany({
            where: { id: { $in: userIds } },
            select: ['id', 'documentId', 'username', 'email'],
          })
        : Promise.resolve([]),
    ]);
    const accountById = new Map(accounts.map((a) => [a.id as number, a as AccountRow]));
    const userById = new Map(users.map((u) => [u.id as number, u as MemberUser]));
    return rows.map((row) => {
      const user = row.userId ? userById.get(row.userId) : undefined;
      const account = accountById.get(row.accountId);
      return {
        documentId: row.documentId,
        type: row.type,
        status: row.status,
        permissions: getService('permissions').effective(row),
        email: user?.email ?? row.email,
        user: user
          ? { id: user.id, documentId: user.documentId, username: user.username, email: user.email }
          : null,
        account: account ? toAccountRef(account) : { documentId: '', number: '', name: '' },
        createdAt: toIso(row.createdAt),
      };
    });
  },

  async toMember(row: MembershipRow): Promise<Member> {
    const [member] = await this.toMembers([row]);
    return member;
  },

  /**
   * Takes a lock on the account row for the rest of the transaction, so that two removals of
   * owners running at once are ordered and the second one sees the first.
   */
  async lockAccount(accountId: number) {
    const qb = strapi.db.queryBuilder(UIDS.account).select(['id']).where({ id: accountId });
    // SQLite has a single writer already, and knex warns on FOR UPDATE there
    if (strapi.db.dialect.client !== 'sqlite') qb.forUpdate();
    await qb.first().execute();
  },

  /** Call inside a transaction, before removing or demoting `membership`. */
  async assertNotLastOwner(membership: Pick<MembershipRow, 'id' | 'accountId' | 'type'>) {
    if (membership.type !== 'owner') return;
    await this.lockAccount(membership.accountId);
    const otherOwners = await strapi.db.query(UIDS.membership).count({
      where: {
        accountId: membership.accountId,
        type: 'owner',
        status: 'active',
        id: { $ne: membership.id },
      },
    });
    if (otherOwners === 0) throw Errors.lastOwner();
  },
});
