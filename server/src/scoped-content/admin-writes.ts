import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import * as store from '../store';
import type { AccountRow } from '../store';
import { getService } from '../utils';
import { ACCOUNT_ATTRIBUTE } from './options';

type DocumentContext = {
  uid: string;
  action: string;
  params: Record<string, unknown>;
};

const accountRequired = (message: string) =>
  new errors.ValidationError(message, {
    errors: [{ path: [ACCOUNT_ATTRIBUTE], message, name: 'ValidationError' }],
  });

/** The account an admin files a document under: it must exist. */
const accountNamed = async (value: unknown): Promise<AccountRow> => {
  if (value === undefined || value === null || value === '') {
    throw accountRequired('Choose the account this document belongs to');
  }
  const id = Number(value);
  const account = Number.isInteger(id) ? await store.accounts.findOne({ id }) : null;
  if (!account) throw accountRequired('This account does not exist');
  return account;
};

const refOf = (account: AccountRow | null) =>
  account ? { number: account.number, name: account.name } : null;

/**
 * What the admin panel writes to a scoped type: a new document names its account, and moving a
 * document to another account moves every version and locale of it, in the audit trail of both
 * accounts with the admin who did it. Reads are not scoped there: admins see every account.
 */
export const checkAdminWrite = async (
  strapi: Core.Strapi,
  document: DocumentContext,
  adminId: number,
  next: () => Promise<unknown>
) => {
  const { action, params, uid } = document;
  const data = params.data as Record<string, unknown> | undefined;
  if (action === 'create') {
    const account = await accountNamed(data?.[ACCOUNT_ATTRIBUTE]);
    params.data = { ...data, [ACCOUNT_ATTRIBUTE]: account.id };
    return next();
  }
  if (action !== 'update' || !data || !(ACCOUNT_ATTRIBUTE in data)) return next();

  const documentId = params.documentId as string;
  const current = await strapi.db.query(uid as never).findOne({
    where: { documentId },
    select: [ACCOUNT_ATTRIBUTE],
  });
  const from = (current?.[ACCOUNT_ATTRIBUTE] as number | null | undefined) ?? null;
  const to = await accountNamed(data[ACCOUNT_ATTRIBUTE]);
  params.data = { ...data, [ACCOUNT_ATTRIBUTE]: to.id };
  if (!current || from === to.id) return next();

  return strapi.db.transaction(async () => {
    const result = await next();
    // every locale and the published version go with the draft being edited
    await strapi.db
      .query(uid as never)
      .updateMany({ where: { documentId }, data: { [ACCOUNT_ATTRIBUTE]: to.id } });
    const previous = from === null ? null : await store.accounts.findOne({ id: from });
    const details = { contentType: uid, documentId, from: refOf(previous), to: refOf(to) };
    const actor = { type: 'admin' as const, adminId };
    const audit = getService('audit');
    await audit.record({ action: 'document.moved', actor, accountId: to.id, details });
    if (previous) {
      await audit.record({ action: 'document.moved', actor, accountId: previous.id, details });
    }
    return result;
  });
};
