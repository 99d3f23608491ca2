import type { Knex } from 'knex';
import { isRecord } from '../utils';
import { inCallersTransaction } from './rows';

/** Stands for the n-th value of a statement while knex builds it. */
const placeholder = (n: number) => `\u0000multi-account-value-${n}\u0000`;

/** Where a statement's n-th value goes among its bindings. */
class Slot {
  constructor(readonly value: number) {}
}

type Compiled = { sql: string; bindings: unknown[] };

/**
 * A query that knex builds once per database, then runs raw with each call's values: for the
 * statement every authenticated request runs, whose building in knex costs about what running
 * it costs. `build` receives stand-ins for the values and must pass them on as bound values.
 */
export const statement = <Values extends unknown[]>(
  build: (...values: Values) => Knex.QueryBuilder
) => {
  const compiled = new WeakMap<object, Compiled>();

  const compile = (arity: number): Compiled => {
    const stand = Array.from({ length: arity }, (_, n) => placeholder(n));
    // the stand-ins are bound where the values will be, whatever their types
    const { sql, bindings } = build(...(stand as Values)).toSQL();
    return {
      sql,
      bindings: bindings.map((bound) => {
        const n = typeof bound === 'string' ? stand.indexOf(bound) : -1;
        return n === -1 ? bound : new Slot(n);
      }),
    };
  };

  return async (...values: Values): Promise<unknown[]> => {
    let found = compiled.get(strapi.db);
    if (!found) {
      found = compile(values.length);
      const used = new Set(found.bindings.flatMap((b) => (b instanceof Slot ? [b.value] : [])));
      if (used.size !== values.length) {
        throw new Error('multi-account: a statement does not bind each of its values once');
      }
      compiled.set(strapi.db, found);
    }
    const bindings = found.bindings.map((b) => (b instanceof Slot ? values[b.value] : b));
    return rowsOf(
      await inCallersTransaction(strapi.db.connection.raw(found.sql, bindings as Knex.RawBinding[]))
    );
  };
};

/** The rows in each driver's answer to a raw select: `{ rows }`, `[rows, fields]`, rows. */
const answeredRows = (client: string, result: unknown): unknown => {
  switch (client) {
    case 'postgres':
      return isRecord(result) ? result.rows : undefined;
    case 'mysql':
      return Array.isArray(result) ? result[0] : undefined;
    default:
      return result;
  }
};

/** The rows of a raw select; an answer of another shape is an error, not a wrong cast. */
const rowsOf = (result: unknown): unknown[] => {
  const client = strapi.db.dialect.client;
  const rows = answeredRows(client, result);
  if (!Array.isArray(rows)) throw new Error(`multi-account: unexpected answer from ${client}`);
  return rows;
};
