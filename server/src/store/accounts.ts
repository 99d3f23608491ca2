import type { Knex } from 'knex';
import { UIDS } from '../utils';
import { aliased, containsPattern, inSchema, likeInsensitive } from '../utils/search';
import { countOf, inCallersTransaction, rowSchemas, rowsOf } from './rows';
import { table } from './table';

/**
 * Accounts whose name, number or an owner's email (login or invitation) contains `q`, among
 * `ids` when given.
 */
const matching = ({ q, ids }: { q?: string; ids?: number[] }) => {
  const query = strapi.db.getConnection().from(aliased(UIDS.account, 'a'));
  if (ids) query.whereIn('a.id', ids);
  if (!q) return query;
  const pattern = containsPattern(q);
  return query.where((where: Knex.QueryBuilder) => {
    likeInsensitive(where, 'a.name', pattern);
    likeInsensitive(where, 'a.number', pattern);
    where.orWhereExists((owners: Knex.QueryBuilder) => {
      inSchema(owners)
        .select(strapi.db.connection.raw('1'))
        .from(aliased(UIDS.membership, 'm'))
        .leftJoin(aliased(UIDS.user, 'u'), 'u.id', 'm.user_id')
        .whereRaw('?? = ??', ['m.account_id', 'a.id'])
        .andWhere('m.type', 'owner')
        .andWhere((email: Knex.QueryBuilder) => {
          likeInsensitive(email, 'm.email', pattern);
          likeInsensitive(email, 'u.email', pattern);
        });
    });
  });
};

/** Locks the account row `where` names for the rest of the caller's transaction; its id, or null. */
const lockWhere = async (where: { id: number } | { documentId: string }) => {
  const qb = strapi.db.queryBuilder(UIDS.account).select(['id']).where(where);
  // SQLite has a single writer already, and knex warns on FOR UPDATE there
  if (strapi.db.dialect.client !== 'sqlite') qb.forUpdate();
  const locked: { id: number } | null = await qb.first().execute();
  return locked;
};

export const accounts = {
  ...table(UIDS.account, () => rowSchemas.account),

  /**
   * Takes a lock on the account row for the rest of the caller's transaction, so that changes to
   * one account's members are ordered and each sees the one before.
   */
  async lock(accountId: number) {
    await lockWhere({ id: accountId });
  },

  /** The account by its documentId, locked as `lock` does; null when there is none (any more). */
  async lockByDocumentId(documentId: string) {
    const locked = await lockWhere({ documentId });
    return locked ? accounts.findOne({ id: locked.id }) : null;
  },

  /** One page of the matching accounts, newest first, and how many match. */
  async search(filters: { q?: string; ids?: number[] }, window: { offset: number; limit: number }) {
    const [total, rows] = await Promise.all([
      inCallersTransaction(matching(filters).count({ total: '*' }).first()),
      inCallersTransaction(
        matching(filters)
          .select(
            'a.id',
            'a.document_id as documentId',
            'a.number',
            'a.name',
            'a.status',
            'a.created_at as createdAt'
          )
          .orderBy('a.created_at', 'desc')
          .orderBy('a.id', 'desc')
          .offset(window.offset)
          .limit(window.limit)
      ),
    ]);
    return { total: countOf(total), rows: rowsOf(rowSchemas.account, rows) };
  },
};
