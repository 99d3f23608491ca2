import type { Knex } from 'knex';

/** The table Strapi keeps a content type in. */
export const tableOf = (uid: string) => strapi.db.metadata.get(uid as never).tableName;

/**
 * A case-insensitive `LIKE` pattern matching `term` anywhere, with the term's own `%`, `_` and
 * escape characters taken literally. Use with `likeInsensitive`; `!` is the escape character,
 * as it means the same on SQLite, PostgreSQL and MySQL (a backslash does not).
 */
export const containsPattern = (term: string) =>
  `%${term.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;

export const likeInsensitive = (qb: Knex.QueryBuilder, column: string, pattern: string) =>
  qb.orWhereRaw(`lower(??) like ? escape '!'`, [column, pattern]);
