import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { AccessEntry, MemberUser } from '../../../shared/contracts';
import * as store from '../store';
import { getService, UIDS } from '../utils';
import { Errors } from '../utils/errors';
import { pageWindow, paginationMeta, type PageQuery } from '../utils/pagination';
import { containsPattern, likeInsensitive, tableOf } from '../utils/search';
import { toAccountRef } from './memberships';

/** Users-permissions users and the accounts they reach, as the admin panel shows them. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Users whose username or email contains `q`, by username; paged in the database. */
  async search(q: string | undefined, page: PageQuery) {
    const matching = () => {
      const query = strapi.db.getConnection().from(tableOf(UIDS.user));
      if (!q) return query;
      const pattern = containsPattern(q);
      return query.where((where: Knex.QueryBuilder) => {
        likeInsensitive(where, 'username', pattern);
        likeInsensitive(where, 'email', pattern);
      });
    };
    const { offset, limit } = pageWindow(page);
    const [countRow, rows] = await Promise.all([
      matching().count({ total: '*' }).first(),
      matching()
        .select('id', 'document_id as documentId', 'username', 'email')
        .orderBy('username', 'asc')
        .orderBy('id', 'asc')
        .offset(offset)
        .limit(limit),
    ]);
    return {
      data: rows as MemberUser[],
      meta: { pagination: paginationMeta(page, Number(countRow?.total ?? 0)) },
    };
  },

  async findUser(documentId: string): Promise<MemberUser> {
    const user = await strapi.db
      .query(UIDS.user)
      .findOne({ where: { documentId }, select: ['id', 'documentId', 'username', 'email'] });
    if (!user) throw Errors.userNotFound();
    return user;
  },

  /**
   * The accounts a user reaches as a guest or a contact (not the ones they own), newest first:
   * three queries whatever the page size.
   */
  async accessList(userDocumentId: string, page: PageQuery) {
    const user = await this.findUser(userDocumentId);
    const where = { userId: user.id, type: { $in: ['guest', 'contact'] } };
    const [rows, total] = await Promise.all([
      store.memberships.findMany(where, {
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        ...pageWindow(page),
      }),
      store.memberships.count(where),
    ]);
    const accounts = await store.accounts.findByIds(rows.map((r) => r.accountId));
    const accountById = new Map(accounts.map((a) => [a.id, a]));
    const permissions = getService('permissions');
    const data: AccessEntry[] = rows.map((row) => ({
      documentId: row.documentId,
      type: row.type,
      status: row.status,
      permissions: permissions.effective(row),
      account: toAccountRef(
        accountById.get(row.accountId) ?? { documentId: '', number: '', name: '' }
      ),
      createdAt: row.createdAt,
    }));
    return { data, meta: { pagination: paginationMeta(page, total) } };
  },
});
