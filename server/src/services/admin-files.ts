import type { Core } from '@strapi/strapi';
import type { FiledFile } from '../../../shared/contracts';
import { ACCOUNT_ATTRIBUTE, FILE_UID, filesFiledUnderAccounts } from '../scoped-content/options';
import * as store from '../store';
import type { AccountRow } from '../store';
import { getService, toIso } from '../utils';
import { integerOf, queryOf, type AnyRow } from '../utils/by-uid';
import { Errors } from '../utils/errors';
import { pageWindow, paginationMeta, type PageQuery } from '../utils/pagination';
import type { AdminActor } from './audit';

const FIELDS = ['id', 'name', 'mime', 'size', 'url', 'createdAt', ACCOUNT_ATTRIBUTE];

const filedFile = (row: AnyRow): FiledFile => ({
  id: integerOf(row.id) ?? 0,
  name: String(row.name),
  mime: String(row.mime),
  size: Number(row.size),
  url: String(row.url),
  createdAt: toIso(row.createdAt),
});

const refOf = (account: AccountRow) => ({ number: account.number, name: account.name });

/**
 * Strapi's files as admins file them: under an account, whose members alone then reach them, or
 * under none, shared by every account's members (who read and link them, and change none). Each
 * change is in the audit trail of the accounts it touches.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const files = () => {
    if (!filesFiledUnderAccounts(strapi)) throw Errors.filesShared();
    return queryOf(strapi, FILE_UID);
  };

  return {
    /** How many files are filed under the account; null where files are not filed. */
    count(accountId: number) {
      if (!filesFiledUnderAccounts(strapi)) return Promise.resolve(null);
      return files().count({ where: { [ACCOUNT_ATTRIBUTE]: accountId } });
    },

    /** The account's files, newest first, searched by name. */
    async list(accountId: number, { q }: { q?: string }, page: PageQuery) {
      const where = {
        [ACCOUNT_ATTRIBUTE]: accountId,
        ...(q ? { name: { $containsi: q } } : {}),
      };
      const [rows, total] = await Promise.all([
        files().findMany({
          where,
          select: FIELDS,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          ...pageWindow(page),
        }),
        files().count({ where }),
      ]);
      return { data: rows.map(filedFile), meta: { pagination: paginationMeta(page, total) } };
    },

    /**
     * Files `fileIds` under the account, from under none (`file.filed`) or another account
     * (`file.moved`, in both trails), in the order of their ids; every file must exist, or none
     * is filed.
     */
    async file(account: AccountRow, fileIds: number[], actor: AdminActor) {
      await strapi.db.transaction(async () => {
        const rows = await files().findMany({
          where: { id: { $in: fileIds } },
          select: FIELDS,
          orderBy: [{ id: 'asc' }],
        });
        const found = new Set(rows.map((row) => integerOf(row.id)));
        const missing = fileIds.filter((id) => !found.has(id));
        if (missing.length) throw Errors.filesNotFound(missing);
        const audit = getService('audit');
        for (const row of rows) {
          const from = integerOf(row[ACCOUNT_ATTRIBUTE]) ?? null;
          if (from === account.id) continue;
          await files().update({
            where: { id: row.id },
            data: { [ACCOUNT_ATTRIBUTE]: account.id },
          });
          const file = { id: integerOf(row.id), name: row.name };
          const previous = from === null ? null : await store.accounts.findOne({ id: from });
          if (!previous) {
            await audit.record({
              action: 'file.filed',
              actor,
              accountId: account.id,
              details: { file },
            });
            continue;
          }
          const details = { file, from: refOf(previous), to: refOf(account) };
          for (const accountId of [account.id, previous.id]) {
            await audit.record({ action: 'file.moved', actor, accountId, details });
          }
        }
      });
    },

    /** Takes a file out of the account: shared by every account again (`file.unfiled`). */
    async unfile(account: AccountRow, fileId: number, actor: AdminActor) {
      await strapi.db.transaction(async () => {
        const row = await files().findOne({
          where: { id: fileId, [ACCOUNT_ATTRIBUTE]: account.id },
          select: FIELDS,
        });
        if (!row) throw Errors.filesNotFound([fileId]);
        await files().update({ where: { id: fileId }, data: { [ACCOUNT_ATTRIBUTE]: null } });
        await getService('audit').record({
          action: 'file.unfiled',
          actor,
          accountId: account.id,
          details: { file: { id: fileId, name: row.name } },
        });
      });
    },
  };
};
