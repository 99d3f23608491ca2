import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type {
  AccountStatus,
  AdminAccount,
  AdminAccountDetail,
  MemberUser,
} from '../../../shared/contracts';
import { getService, toIso, UIDS } from '../utils';
import { Errors } from '../utils/errors';
import { pageWindow, paginationMeta, type PageQuery } from '../utils/pagination';
import { aliased, containsPattern, inSchema, likeInsensitive, tableOf } from '../utils/search';
import type { Actor } from './audit';

type AccountListRow = {
  id: number;
  documentId: string;
  number: string;
  name: string;
  status: AccountStatus;
  createdAt: unknown;
};

type OwnerRow = MemberUser & { accountId: number };

/**
 * Accounts as the admin panel lists them: searched by name, number or an owner's email, paged in
 * the database, each with its owner and member count, in four queries whatever the page size.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.getConnection();

  /** Accounts whose name, number or an owner's email (login or invitation) contains `q`. */
  const matching = (q: string | undefined) => {
    const query = db().from(aliased(UIDS.account, 'a'));
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

  /** The first owner of each account and how many users have access to it: two queries. */
  const decorate = async (rows: AccountListRow[]): Promise<AdminAccount[]> => {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [owners, counts] = await Promise.all([
      db()
        .from(aliased(UIDS.membership, 'm'))
        .join(aliased(UIDS.user, 'u'), 'u.id', 'm.user_id')
        .whereIn('m.account_id', ids)
        .andWhere('m.type', 'owner')
        .orderBy('m.id', 'asc')
        .select(
          'm.account_id as accountId',
          'u.id',
          'u.document_id as documentId',
          'u.username',
          'u.email'
        ),
      db()
        .from(tableOf(UIDS.membership))
        .whereIn('account_id', ids)
        .whereNotNull('user_id')
        .groupBy('account_id')
        .select('account_id as accountId')
        .count({ members: '*' }),
    ]);
    const ownerByAccount = new Map<number, MemberUser>();
    for (const { accountId, ...user } of owners as OwnerRow[]) {
      if (!ownerByAccount.has(accountId)) ownerByAccount.set(accountId, user);
    }
    const membersByAccount = new Map(
      (counts as { accountId: number; members: number | string }[]).map((c) => [
        c.accountId,
        Number(c.members),
      ])
    );
    return rows.map((row) => ({
      documentId: row.documentId,
      number: row.number,
      name: row.name,
      status: row.status,
      owner: ownerByAccount.get(row.id) ?? null,
      members: membersByAccount.get(row.id) ?? 0,
      createdAt: toIso(row.createdAt),
    }));
  };

  return {
    async search(q: string | undefined, page: PageQuery) {
      const { offset, limit } = pageWindow(page);
      const [countRow, rows] = await Promise.all([
        matching(q).count({ total: '*' }).first(),
        matching(q)
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
          .offset(offset)
          .limit(limit),
      ]);
      return {
        data: await decorate(rows as AccountListRow[]),
        meta: { pagination: paginationMeta(page, Number(countRow?.total ?? 0)) },
      };
    },

    async findOne(documentId: string): Promise<AdminAccountDetail> {
      const account = await getService('accounts').findByDocumentId(documentId);
      const [[decorated], owners] = await Promise.all([
        decorate([account as AccountListRow]),
        strapi.db
          .query(UIDS.membership)
          .count({ where: { accountId: account.id, type: 'owner', status: 'active' } }),
      ]);
      return { ...decorated, owners };
    },

    /** Opens an account for an existing users-permissions user, who becomes its owner. */
    async create({ name, owner }: { name: string; owner: string }, actor: Actor) {
      const user = await strapi.db
        .query(UIDS.user)
        .findOne({ where: { documentId: owner }, select: ['id', 'email'] });
      if (!user) throw Errors.userNotFound();
      const account = await getService('accounts').create(
        { name, owner: user as { id: number; email: string } },
        actor
      );
      return this.findOne(account.documentId);
    },
  };
};
