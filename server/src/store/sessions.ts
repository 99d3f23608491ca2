import { UIDS } from '../utils';
import { inSchema, tableOf } from '../utils/search';
import { idAt, inCallersTransaction, rowOf, textAt, whenAt } from './rows';

const ORIGIN = 'users-permissions';
const COLUMNS = [
  'id',
  'session_id',
  'child_id',
  'user_id',
  'status',
  'absolute_expires_at',
  'metadata',
];
/** A guard against a chain that loops, which users-permissions never writes. */
const MOST_ROTATIONS = 10_000;

/** The row a chain ends at, as `lastOfChain` reads it. */
export type SessionRow = {
  id: number;
  status: string;
  userId: string;
  absoluteExpiresAt: string | number | Date | null;
  metadata: unknown;
};

const readRow = (found: unknown): SessionRow => {
  const row = rowOf(found);
  return {
    id: idAt(row, 'id'),
    status: textAt(row, 'status'),
    userId: String(row.user_id),
    absoluteExpiresAt: whenAt(row, 'absolute_expires_at'),
    metadata: row.metadata,
  };
};

/** users-permissions' session rows, as Strapi's session store keeps them. */
export const sessions = {
  /**
   * The last row of the chain that starts at `sessionId`: each refresh-token rotation marks its
   * row `rotated` and continues the login session in a child row. Followed in one statement
   * however many rotations an older access token has seen.
   */
  async lastOfChain(sessionId: string): Promise<SessionRow | null> {
    const raw = strapi.db.connection.raw.bind(strapi.db.connection);
    const table = tableOf(UIDS.session);
    // the chain is named raw: knex would put the connection's schema before a plain name
    const chain = (alias?: string) =>
      alias ? raw('?? as ??', ['chain', alias]) : raw('??', ['chain']);
    const query = strapi.db
      .getConnection()
      .withRecursive('chain', [...COLUMNS, 'hops'], (first) =>
        inSchema(first)
          .select(...COLUMNS, raw('0'))
          .from(table)
          .where({ session_id: sessionId, origin: ORIGIN })
          .unionAll((next) =>
            inSchema(next)
              .select(...COLUMNS.map((column) => `s.${column}`), raw('?? + 1', ['c.hops']))
              .from(`${table} as s`)
              .join(chain('c'), 's.session_id', 'c.child_id')
              .where({ 'c.status': 'rotated', 's.origin': ORIGIN })
              .andWhere('c.hops', '<', MOST_ROTATIONS)
          )
      )
      .select(...COLUMNS)
      .from(chain())
      .orderBy('hops', 'desc')
      .limit(1);
    const rows = await inCallersTransaction(query);
    const last: unknown = Array.isArray(rows) ? rows[0] : undefined;
    return last === undefined ? null : readRow(last);
  },
};
