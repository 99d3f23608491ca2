import type { Knex } from 'knex';
import { z } from 'zod';
import {
  ACCOUNT_STATUSES,
  MEMBERSHIP_STATUSES,
  MEMBERSHIP_TYPES,
  OWNERSHIP_TRANSFER_STATUSES,
} from '../../../shared/contracts';
import { isRecord, parseJson, toIso } from '../utils';
import { builtOnRead } from '../utils/built-on-read';

// Rows are parsed, not cast: the three drivers disagree on numbers (bigint counts as strings),
// dates (Date, string or epoch number) and JSON (text from SQLite in raw queries).
const id = z.coerce.number().int();
const when = z.union([z.date(), z.string(), z.number()]).transform(toIso);
/** A permission-keys column: JSON text or a JSON value, as the driver answers it. */
export const keysOf = (value: unknown): string[] => {
  const parsed = parseJson<unknown>(value, []);
  return Array.isArray(parsed)
    ? parsed.filter((key): key is string => typeof key === 'string')
    : [];
};
const keys = z.unknown().transform(keysOf);

/** The rows of the plugin's tables, each schema built at its first use. */
export const rowSchemas = builtOnRead({
  account: () =>
    z.object({
      id,
      documentId: z.string(),
      number: z.string(),
      name: z.string(),
      status: z.enum(ACCOUNT_STATUSES),
      createdAt: when,
    }),

  membership: () =>
    z.object({
      id,
      documentId: z.string(),
      accountId: id,
      userId: id.nullable(),
      email: z.string(),
      type: z.enum(MEMBERSHIP_TYPES),
      status: z.enum(MEMBERSHIP_STATUSES),
      permissions: keys,
      lastUsedAt: when.nullable(),
      createdAt: when,
    }),

  invitation: () =>
    z.object({
      id,
      documentId: z.string(),
      accountId: id,
      membershipId: id,
      email: z.string(),
      tokenHash: z.string(),
      status: z.enum(['open', 'accepted', 'rejected', 'revoked']),
      expiresAt: when,
      invitedById: id.nullable(),
      createdAt: when,
    }),

  ownershipTransfer: () =>
    z.object({
      id,
      documentId: z.string(),
      accountId: id,
      fromMembershipId: id,
      toMembershipId: id,
      status: z.enum(OWNERSHIP_TRANSFER_STATUSES),
      expiresAt: when,
      createdAt: when,
    }),

  impersonation: () =>
    z.object({
      id,
      documentId: z.string(),
      adminId: id,
      userId: id,
      accountId: id,
      expiresAt: when,
      endedAt: when.nullable(),
      createdAt: when,
    }),
});

export type AccountRow = z.infer<typeof rowSchemas.account>;
export type MembershipRow = z.infer<typeof rowSchemas.membership>;
export type InvitationRow = z.infer<typeof rowSchemas.invitation>;
export type OwnershipTransferRow = z.infer<typeof rowSchemas.ownershipTransfer>;
export type ImpersonationRow = z.infer<typeof rowSchemas.impersonation>;

/** The rows a raw select answered, each parsed by `row`. */
export const rowsOf = <S extends z.ZodTypeAny>(row: S, rows: unknown): z.infer<S>[] => {
  if (!Array.isArray(rows)) throw new Error('multi-account: a select answered no list of rows');
  return rows.map((value) => row.parse(value));
};

/** A `count(*)` as the drivers answer it: a number, or a string for PostgreSQL's bigint. */
export const countOf = (row: unknown): number =>
  id.parse((isRecord(row) ? row.total : undefined) ?? 0);

export { id as idColumn, keys as keysColumn };

/**
 * Runs a raw query in the caller's transaction when there is one: on its connection, seeing its
 * writes (a query on another connection would wait for SQLite's single writer, or read around
 * the transaction on PostgreSQL and MySQL). Queries through `strapi.db.query` join it by
 * themselves.
 */
export const inCallersTransaction = async (
  query: Knex.QueryBuilder | Knex.Raw
): Promise<unknown> =>
  strapi.db.inTransaction()
    ? strapi.db.transaction(async ({ trx }) => query.transacting(trx))
    : query;

/*
 * The readers of raw statements' rows, which are read by hand (see store/memberships.ts): a
 * column of another shape than its table gives it is a bug, and throws.
 */
export type Row = Record<string, unknown>;

export const unexpected = (name: string) => new Error(`multi-account: unexpected value in ${name}`);

export const rowOf = (found: unknown): Row => {
  if (!isRecord(found)) throw unexpected('a row');
  return found;
};

export const textAt = (row: Row, name: string): string => {
  const value = row[name];
  if (typeof value !== 'string') throw unexpected(name);
  return value;
};

/** An id, which PostgreSQL answers as a string when the column is a bigint. */
export const idAt = (row: Row, name: string): number => {
  const value = Number(row[name]);
  if (!Number.isSafeInteger(value)) throw unexpected(name);
  return value;
};

/** A time, or none: as the drivers answer a date column (text, a number, a Date). */
export const whenAt = (row: Row, name: string): string | number | Date | null => {
  const value = row[name];
  const isWhen =
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    value instanceof Date;
  if (!isWhen) throw unexpected(name);
  return value;
};
