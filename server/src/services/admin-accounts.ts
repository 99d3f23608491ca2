import type { Core } from '@strapi/strapi';
import type { AdminAccount, AdminAccountDetail, MemberUser } from '../../../shared/contracts';
import * as store from '../store';
import type { AccountRow } from '../store';
import { getService, UIDS } from '../utils';
import { Errors } from '../utils/errors';
import { pageWindow, paginationMeta, type PageQuery } from '../utils/pagination';
import type { Actor } from './audit';

/**
 * Accounts as the admin panel lists them: searched by name, number or an owner's email, paged in
 * the database, each with its owner and member count, in four queries whatever the page size.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The first owner of each account and how many users have access to it: two queries. */
  const decorate = async (rows: AccountRow[]): Promise<AdminAccount[]> => {
    const ids = rows.map((r) => r.id);
    const [owners, members] = await Promise.all([
      store.memberships.ownersOf(ids),
      store.memberships.userCounts(ids),
    ]);
    const ownerByAccount = new Map<number, MemberUser>();
    for (const { accountId, ...user } of owners) {
      if (!ownerByAccount.has(accountId)) ownerByAccount.set(accountId, user);
    }
    return rows.map((row) => ({
      id: row.id,
      documentId: row.documentId,
      number: row.number,
      name: row.name,
      status: row.status,
      owner: ownerByAccount.get(row.id) ?? null,
      members: members.get(row.id) ?? 0,
      createdAt: row.createdAt,
    }));
  };

  return {
    async search(filters: { q?: string; ids?: number[] }, page: PageQuery) {
      const { total, rows } = await store.accounts.search(filters, pageWindow(page));
      return {
        data: await decorate(rows),
        meta: { pagination: paginationMeta(page, total) },
      };
    },

    async findOne(documentId: string): Promise<AdminAccountDetail> {
      const account = await getService('accounts').findByDocumentId(documentId);
      const [[decorated], owners, documents] = await Promise.all([
        decorate([account]),
        store.memberships.countActiveOwners(account.id),
        getService('scoped-content').countByType(account.id),
      ]);
      return { ...decorated, owners, documents };
    },

    /** Opens an account for an existing users-permissions user, who becomes its owner. */
    async create({ name, owner }: { name: string; owner: string }, actor: Actor) {
      const user = await strapi.db
        .query(UIDS.user)
        .findOne({ where: { documentId: owner }, select: ['id', 'email'] });
      if (!user) throw Errors.userNotFound();
      const account = await getService('accounts').create({ name, owner: user }, actor);
      return this.findOne(account.documentId);
    },
  };
};
