import type { Core } from '@strapi/strapi';
import type {
  ActingAccount,
  AccountRef,
  Member,
  MemberUser,
  MembershipStatus,
  MembershipType,
  MyAccount,
  MyListedAccount,
} from '../../../shared/contracts';
import * as store from '../store';
import type { AccountRow, MembershipRow } from '../store';
import { getService, UIDS } from '../utils';
import { Errors } from '../utils/errors';
import { pageWindow, paginationMeta, type PageQuery } from '../utils/pagination';

export type { AccountRow, MembershipRow };

/** The account a request acts for, as the request hook and the policy see it. */
export type ActiveAccountRow = Pick<AccountRow, 'id' | 'documentId' | 'number' | 'name' | 'status'>;

/** What rides with an authenticated request that has an active account. */
export type ActiveAccount = ActingAccount;

export const toAccountRef = (
  account: Pick<AccountRow, 'documentId' | 'number' | 'name'>
): AccountRef => ({
  documentId: account.documentId,
  number: account.number,
  name: account.name,
});

/**
 * The one module that decides whether a user may act for an account. Every path (the request
 * hook, switch, the login answer, the policy) goes through `findActive`.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The user's active membership on the account named by its documentId, or, when none is
   * named, the one to start with: the last one used, else one they own, else the oldest.
   */
  async findActive(
    userId: number,
    accountDocumentId?: string | null
  ): Promise<ActiveAccount | null> {
    return this.withPermissions(await store.memberships.findActive(userId, accountDocumentId));
  },

  /** A usable membership as the request carries it: with the keys it holds. */
  withPermissions(
    found: Pick<ActiveAccount, 'account' | 'membership'> | null
  ): ActiveAccount | null {
    if (!found) return null;
    return { ...found, permissions: getService('permissions').effective(found.membership) };
  },

  toMyAccount(active: ActiveAccount): MyAccount {
    return {
      ...toAccountRef(active.account),
      type: active.membership.type,
      permissions: active.permissions,
    };
  },

  /**
   * `GET /me/accounts`: the accounts where the user's membership is active, an admin's suspended
   * ones included and marked so, paginated in the database: two queries whatever the page size.
   */
  async listMineWithStatus(userId: number, page: PageQuery, { suspended = true } = {}) {
    const { total, rows } = await store.memberships.pageOfUser(userId, pageWindow(page), {
      suspended,
    });
    const permissions = getService('permissions');
    const data: MyListedAccount[] = rows.map((row) => ({
      ...toAccountRef(row),
      status: row.status,
      type: row.type,
      permissions: permissions.effective(row),
    }));
    return { data, meta: { pagination: paginationMeta(page, total) } };
  },

  /** The accounts a user can act for now (the login answer's), paginated likewise. */
  async listMine(userId: number, page: PageQuery) {
    const { data, meta } = await this.listMineWithStatus(userId, page, { suspended: false });
    return { data: data.map(({ status: _status, ...account }): MyAccount => account), meta };
  },

  async touch(membershipId: number) {
    await store.memberships.update(membershipId, { lastUsedAt: new Date() });
  },

  async findInAccount(accountId: number, documentId: string): Promise<MembershipRow> {
    const row = await store.memberships.findOne({ accountId, documentId });
    if (!row) throw Errors.memberNotFound();
    return row;
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
    const [rows, total] = await Promise.all([
      store.memberships.findMany(where, {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        ...pageWindow(page),
      }),
      store.memberships.count(where),
    ]);
    return {
      data: await this.toMembers(rows),
      meta: { pagination: paginationMeta(page, total) },
    };
  },

  /** Serializes membership rows as `Member`, loading their accounts and users in one query each. */
  async toMembers(rows: MembershipRow[]): Promise<Member[]> {
    if (rows.length === 0) return [];
    const userIds = [
      ...new Set(rows.map((r) => r.userId).filter((id): id is number => id !== null)),
    ];
    const [accounts, users] = await Promise.all([
      store.accounts.findByIds(rows.map((r) => r.accountId)),
      userIds.length
        ? strapi.db.query(UIDS.user).findMany({
            where: { id: { $in: userIds } },
            select: ['id', 'documentId', 'username', 'email'],
          })
        : Promise.resolve([]),
    ]);
    const accountById = new Map(accounts.map((a) => [a.id, a]));
    const userById = new Map<number, MemberUser>(users.map((u) => [u.id, u]));
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
        createdAt: row.createdAt,
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
  lockAccount(accountId: number) {
    return store.accounts.lock(accountId);
  },

  /**
   * Call inside a transaction, under the account's lock: the acting member's own row, read
   * again, is still an active owner's. A request that found its user an owner may have waited
   * for the lock while another owner unmade them.
   */
  async assertStillOwner(membershipId: number | null) {
    if (!(await this.isStillOwner(membershipId))) throw Errors.ownersMakeOwners();
  },

  /** True when the membership is, as read now, an active owner's. */
  async isStillOwner(membershipId: number | null) {
    const own = membershipId ? await store.memberships.findOne({ id: membershipId }) : null;
    return own?.type === 'owner' && own.status === 'active';
  },

  /** Call inside a transaction, before removing or demoting `membership`. */
  async assertNotLastOwner(membership: Pick<MembershipRow, 'id' | 'accountId' | 'type'>) {
    if (membership.type !== 'owner') return;
    await store.accounts.lock(membership.accountId);
    if ((await store.memberships.countActiveOwners(membership.accountId, membership.id)) === 0) {
      throw Errors.lastOwner();
    }
  },
});
