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
      const [[decorated], owners, documents, files] = await Promise.all([
        decorate([account]),
        store.memberships.countActiveOwners(account.id),
        getService('scoped-content').countByType(account.id),
        getService('admin-files').count(account.id),
      ]);
      return { ...decorated, owners, documents, files };
    },

    /**
     * Renames an account, or suspends or reactivates it. A suspended account is refused to every
     * member on their next request (the acting account is read from the database on each) and
     * is never the one a login picks.
     */
    async update(
      documentId: string,
      change: { name?: string; status?: AccountRow['status'] },
      actor: Actor
    ) {
      await strapi.db.transaction(async () => {
        const current = await store.accounts.lockByDocumentId(documentId);
        if (!current) throw Errors.accountNotFound();
        const data = {
          ...(change.name !== undefined && change.name !== current.name
            ? { name: change.name }
            : {}),
          ...(change.status !== undefined && change.status !== current.status
            ? { status: change.status }
            : {}),
        };
        if (!Object.keys(data).length) return;
        await store.accounts.update(current.id, data);
        await getService('audit').record({
          action: 'account.updated',
          actor,
          accountId: current.id,
          details: {
            ...(data.name ? { name: { from: current.name, to: data.name } } : {}),
            ...(data.status ? { status: { from: current.status, to: data.status } } : {}),
          },
        });
      });
      return this.findOne(documentId);
    },

    /**
     * Closes an account: its open invitations are revoked, its memberships end, the account goes,
     * and its scoped documents follow `scopedContent.onAccountDeleted`; all in one transaction,
     * each step in the audit trail.
     */
    async close(documentId: string, actor: Actor) {
      await strapi.db.transaction(async () => {
        const account = await store.accounts.lockByDocumentId(documentId);
        if (!account) throw Errors.accountNotFound();
        const accounts = getService('accounts');
        const closed = { closed: true };
        await accounts.revokeOpenInvitations(account.id, actor, closed);
        for (const membership of await store.memberships.findMany({ accountId: account.id })) {
          await accounts.removeMembership(membership, actor, closed);
        }
        await accounts.deleteEmptied(account, actor, closed);
      });
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
