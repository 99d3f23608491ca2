import type { Knex } from 'knex';

/** The table Strapi keeps a content type in. */
export const tableOf = (uid: string) => strapi.db.metadata.get(uid as never).tableName;

/**
 * `table as alias`, for raw queries. In this string form knex qualifies the table with the
 * PostgreSQL schema that `strapi.db.getConnection()` sets, in `from` and in joins alike.
 */
export const aliased = (uid: string, alias: string) => `${tableOf(uid)} as ${alias}`;

/** A subquery's builder does not inherit the schema: give it the connection's. */
export const inSchema = (qb: Knex.QueryBuilder) => {
  const schema = strapi.db.getSchemaName();
  return schema ? qb.withSchema(schema) : qb;
};

/**
 * A case-insensitive `LIKE` pattern matching `term` anywhere, with the term's own `%`, `_` and
 * escape characters taken literally. Use with `likeInsensitive`; `!` is the escape character,
 * as it means the same on SQLite, PostgreSQL and MySQL (a backslash does not).
 */
export const containsPattern = (term: string) =>
  `%${term.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;

export const likeInsensitive = (qb: Knex.QueryBuilder, column: string, pattern: string) =>
  qb.orWhereRaw(`lower(??) like ? escape '!'`, [column, pattern]);
