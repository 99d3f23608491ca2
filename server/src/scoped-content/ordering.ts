import type { Core } from '@strapi/strapi';
import type { DbAttribute, ModelGraph } from './model-graph';
import { isRecord } from '../utils';
import { invalidAt as invalid } from '../utils/errors';
import { ACCOUNT_ATTRIBUTE } from './options';

type Knex = Core.Strapi['db']['connection'];
type SqlQuery = ReturnType<Knex['queryBuilder']>;

/**
 * One term of a sort: a field of `type`, reached from the sorted type through zero or more
 * relations (`path`); `scoped` when one of them lands on a scoped type.
 */
export type SortKey = {
  path: string[];
  type: string;
  field: string;
  direction: 'asc' | 'desc';
  scoped: boolean;
};

/**
 * A database query's `orderBy` (`'name'`, `{ name: 'desc' }`, `{ project: { name: 'asc' } }`,
 * lists of these) as the list of terms Strapi's query engine would sort by, in order.
 */
export const sortKeys = (
  graph: ModelGraph,
  uid: string,
  orderBy: unknown,
  path: string[] = [],
  scoped = false
): SortKey[] => {
  if (Array.isArray(orderBy)) {
    return orderBy.flatMap((item) => sortKeys(graph, uid, item, path, scoped));
  }
  const terms: [string, unknown][] =
    typeof orderBy === 'string'
      ? [[orderBy, 'asc']]
      : isRecord(orderBy)
        ? Object.entries(orderBy)
        : [];
  return terms.flatMap(([name, value]) => {
    const target = graph.attributes(uid)[name]?.target;
    if (target && isRecord(value)) {
      return sortKeys(graph, target, value, [...path, name], scoped || graph.isScoped(target));
    }
    const direction = String(value).toLowerCase() === 'desc' ? 'desc' : 'asc';
    return [{ path, type: uid, field: name, direction, scoped }];
  });
};

const columnOf = (attributes: Record<string, DbAttribute>, name: string) =>
  attributes[name]?.columnName ?? name;

/**
 * The SQL account scoping needs beyond what Strapi's query engine lets a plugin express: a join
 * through a relation that keeps only the account's related documents. It sorts through relations
 * (Strapi's own sort joins every related row) and tells which rows have a related document the
 * account can see (Strapi's `$null` on a list would test every related row).
 */
export const createScopedSql = (
  strapi: Core.Strapi,
  graph: ModelGraph,
  accountsOf: (uid: string) => number[]
) => {
  const knex = strapi.db.connection;
  let aliases = 0;
  const alias = () => `ma_${++aliases}`;

  /**
   * Joins `from` (a row of `uid`) to its related rows through `path`, keeping the account's
   * documents of scoped types only; the query is correlated to `from` and ends at the alias and
   * type it returns.
   */
  const follow = (from: string, uid: string, path: string[]) => {
    let query: SqlQuery | undefined;
    let at = from;
    let type = uid;
    const join = (table: string, as: string, column: string, equals: string) => {
      if (!query) query = knex.from({ [as]: table }).where(column, knex.ref(equals));
      else query.join({ [as]: table }, column, equals);
    };
    for (const name of path) {
      const attribute = graph.attributes(type)[name];
      const target = attribute.target!;
      const to = alias();
      const { joinTable, joinColumn } = attribute;
      if (joinTable?.inverseJoinColumn) {
        const link = alias();
        const { joinColumn: own, inverseJoinColumn: other } = joinTable;
        join(joinTable.name, link, `${link}.${own.name}`, `${at}.${own.referencedColumn}`);
        for (const [column, value] of Object.entries(joinTable.on ?? {})) {
          query!.where(`${link}.${column}`, value as string);
        }
        query!.join(
          { [to]: graph.tableName(target) },
          `${to}.${other.referencedColumn}`,
          `${link}.${other.name}`
        );
      } else if (joinColumn) {
        join(
          graph.tableName(target),
          to,
          `${to}.${joinColumn.referencedColumn}`,
          `${at}.${joinColumn.name}`
        );
      } else {
        throw invalid(`${path.join('.')}: cannot sort or filter through this relation`, path);
      }
      if (graph.isScoped(target)) {
        query!.whereIn(
          `${to}.${columnOf(graph.attributes(target), ACCOUNT_ATTRIBUTE)}`,
          accountsOf(target)
        );
      }
      at = to;
      type = target;
    }
    return { query: query!, at };
  };

  /** Runs in the request's transaction when there is one, as Strapi's own queries do. */
  const run = async <T>(query: SqlQuery) =>
    (strapi.db.inTransaction()
      ? await strapi.db.transaction(({ trx }) => query.transacting(trx))
      : await query) as T;

  return {
    /** The ids of `uid` rows related through `name` to a document the account can see. */
    linkedIds(uid: string, name: string) {
      const root = alias();
      const { query } = follow(root, uid, [name]);
      return knex
        .from({ [root]: graph.tableName(uid) })
        .select(`${root}.id`)
        .whereExists(query.select(knex.raw('1')));
    },

    /**
     * For each morph relation by which documents of scoped types use rows of `uid` (a file's
     * `related`), the ids of the rows that a document the caller can see uses (`seen`), or that
     * one out of reach uses: another account's, one filed under none, or one of a type whose
     * `read` keys the member does not hold.
     */
    rowsUsed(uid: string, by: 'seen' | 'unseen') {
      return graph.usedBy(uid).map(({ joinTable, scopedTargets }) => {
        const link = alias();
        const { joinColumn, morphColumn } = joinTable;
        const { idColumn, typeColumn } = morphColumn!;
        return knex
          .from({ [link]: joinTable.name })
          .select(`${link}.${joinColumn.name}`)
          .whereNotNull(`${link}.${joinColumn.name}`)
          .where((anyOf) => {
            for (const target of scopedTargets) {
              const seen = knex
                .from(graph.tableName(target))
                .select(idColumn.referencedColumn)
                .whereIn(columnOf(graph.attributes(target), ACCOUNT_ATTRIBUTE), accountsOf(target));
              const related = `${link}.${idColumn.name}`;
              anyOf.orWhere((one) => {
                one.where(`${link}.${typeColumn.name}`, target);
                if (by === 'seen') one.whereIn(related, seen);
                else one.whereNotIn(related, seen);
              });
            }
          });
      });
    },

    /**
     * The ids among `within` (a list, or a query that selects them) in the order `keys` give,
     * sorting through relations by the account's related documents only: a to-many relation
     * sorts by its first document in that direction, as Strapi's own sort does, and a row with
     * none it can see sorts as one with none at all.
     */
    async order(
      uid: string,
      keys: SortKey[],
      within: number[] | SqlQuery,
      page: { limit?: number; offset?: number } = {}
    ) {
      const root = alias();
      const attributes = graph.attributes(uid);
      const inner = knex.from({ [root]: graph.tableName(uid) }).select(`${root}.id`);
      keys.forEach((key, index) => {
        const as = `ma_key_${index}`;
        const field = graph.attributes(key.type)[key.field];
        if (!field || field.type === 'relation') {
          // `status` and the like: Strapi's own sort has them, this one does not
          const at = [...key.path, key.field];
          throw invalid(`${at.join('.')}: cannot sort by this together with related documents`, at);
        }
        if (!key.path.length) {
          inner.select(knex.ref(`${root}.${columnOf(attributes, key.field)}`).as(as));
          return;
        }
        const { query, at } = follow(root, uid, key.path);
        const column = `${at}.${columnOf(graph.attributes(key.type), key.field)}`;
        inner.select(
          (key.direction === 'desc' ? query.max(column) : query.min(column)).as(as) as never
        );
      });
      inner.whereIn(`${root}.id`, within as never);
      const sorted = knex.from(inner.as('ma_sorted')).select('ma_sorted.id');
      keys.forEach((key, index) => sorted.orderBy(`ma_sorted.ma_key_${index}`, key.direction));
      sorted.orderBy('ma_sorted.id', 'asc');
      if (page.limit !== undefined && page.limit >= 0) sorted.limit(page.limit);
      if (page.offset) sorted.offset(page.offset);
      const rows = await run<{ id: number | string }[]>(sorted);
      return rows.map((row) => Number(row.id));
    },
  };
};

export type ScopedSql = ReturnType<typeof createScopedSql>;
