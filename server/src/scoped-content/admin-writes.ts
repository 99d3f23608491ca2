import type { Core } from '@strapi/strapi';
import * as store from '../store';
import type { AccountRow } from '../store';
import { getService, isRecord } from '../utils';
import { integerOf, modelOf, queryOf } from '../utils/by-uid';
import type { DocumentContext } from '../utils/document-middleware';
import { invalidAt } from '../utils/errors';
import { runHeldToAccounts } from '../utils/request-context';
import { ACCOUNT_ATTRIBUTE } from './options';

const accountRequired = (message: string) => invalidAt(message, [ACCOUNT_ATTRIBUTE]);

/** The account an admin files a document under: it must exist. */
const accountNamed = async (value: unknown): Promise<AccountRow> => {
  if (value === undefined || value === null || value === '') {
    throw accountRequired('Choose the account this document belongs to');
  }
  // a whole number, or its digits: `true`, `[5]` or `5.0` name no account
  const id = integerOf(value);
  const account = id === undefined ? null : await store.accounts.findOne({ id });
  if (!account) throw accountRequired('This account does not exist');
  return account;
};

/** A scoped single type holds one document per account: `accountId` must have none but `documentId`. */
const assertSingleTypeFree = async (
  strapi: Core.Strapi,
  uid: string,
  accountId: number,
  documentId: string | undefined
) => {
  const model = modelOf(strapi, uid);
  if (!('kind' in model) || model.kind !== 'singleType') return;
  const others = {
    [ACCOUNT_ATTRIBUTE]: accountId,
    ...(documentId ? { documentId: { $ne: documentId } } : {}),
  };
  if (await queryOf(strapi, uid).count({ where: others })) {
    throw accountRequired('This account already has a document of this single type');
  }
};

/**
 * What a document moving into `accountId` must not meet there: its unique values held by another
 * of the account's documents (unique within each account, as members write them), and, for a
 * single type, the account's own document of that type.
 */
const assertFitsAccount = async (
  strapi: Core.Strapi,
  uid: string,
  documentId: string,
  accountId: number,
  data: Record<string, unknown> | undefined
) => {
  await assertSingleTypeFree(strapi, uid, accountId, documentId);
  const others = { [ACCOUNT_ATTRIBUTE]: accountId, documentId: { $ne: documentId } };
  const model = modelOf(strapi, uid);
  const unique = Object.entries(model.attributes)
    .filter(([, attribute]) => 'unique' in attribute && attribute.unique === true)
    .map(([name]) => name);
  if (!unique.length) return;
  const rows = await queryOf(strapi, uid).findMany({ where: { documentId }, select: unique });
  for (const name of unique) {
    const values = [data?.[name], ...rows.map((row) => row[name])].filter(
      (value) => value !== undefined && value !== null
    );
    if (!values.length) continue;
    if (await queryOf(strapi, uid).count({ where: { ...others, [name]: { $in: values } } })) {
      throw invalidAt('This attribute must be unique', [name]);
    }
  }
};

/**
 * Runs an admin's write with Strapi's reads of the type held to the accounts the document is in
 * and goes to, as a member's write sees only its account's: its unique checks then meet no other
 * account's documents, since a value is unique within each account. A document filed under no
 * account, or none found, is checked against every account, as before its type was scoped.
 */
const withinAccounts = (
  strapi: Core.Strapi,
  uid: string,
  accounts: (number | null)[],
  next: () => Promise<unknown>
) => {
  const known = accounts.filter((id): id is number => id !== null);
  return known.length < accounts.length
    ? next()
    : runHeldToAccounts(strapi, { uid, accounts: known }, next);
};

const refOf = (account: AccountRow | null) =>
  account ? { number: account.number, name: account.name } : null;

/** The calls `checkAdminWrite` holds to its rules: the others are the admin's to make as they are. */
export const isAdminWrite = ({ action }: DocumentContext) =>
  ['create', 'clone', 'update', 'publish'].includes(action);

/**
 * What the admin panel writes to a scoped type. A new or cloned document is filed under an
 * account that exists (a clone that names none stays in its source's); moving a document to
 * another account moves every version and locale of it. Each write is in the audit trail of the
 * accounts it touches, with the admin who made it. Reads are not scoped there: admins see every
 * account, but Strapi's own reads of the type within a write or a publish (its unique checks)
 * see the accounts the document is in and goes to.
 */
export const checkAdminWrite = async (
  strapi: Core.Strapi,
  document: DocumentContext,
  adminId: number,
  next: () => Promise<unknown>
) => {
  const { action, params, uid } = document;
  const data = isRecord(params.data) ? params.data : undefined;
  const documentId = typeof params.documentId === 'string' ? params.documentId : undefined;
  const current = documentId
    ? await queryOf(strapi, uid).findOne({ where: { documentId }, select: [ACCOUNT_ATTRIBUTE] })
    : null;
  const from = integerOf(current?.[ACCOUNT_ATTRIBUTE]) ?? null;
  // publishing files nothing anew, and Strapi checks the published version's unique values then
  if (action === 'publish') return withinAccounts(strapi, uid, [from], next);
  const names = action === 'create' || (data !== undefined && ACCOUNT_ATTRIBUTE in data);
  const to = names ? await accountNamed(data?.[ACCOUNT_ATTRIBUTE]) : null;
  if (to) params.data = { ...data, [ACCOUNT_ATTRIBUTE]: to.id };
  const moves = action === 'update' && current !== null && to !== null && from !== to.id;

  return strapi.db.transaction(async () => {
    if (moves) await assertFitsAccount(strapi, uid, documentId!, to.id, data);
    // a single type's document is created where its account has none: the Content Manager
    // creates one when the account it views has none, under whichever account the form names
    if (action === 'create' && to) await assertSingleTypeFree(strapi, uid, to.id, undefined);
    const inAndTo = current ? [from, to?.id ?? from] : [to?.id ?? null];
    const result = (await withinAccounts(strapi, uid, inAndTo, next)) as {
      documentId?: string;
    } | null;
    if (moves) {
      // every locale and the published version go with the draft being edited
      const moved = { [ACCOUNT_ATTRIBUTE]: to.id };
      await queryOf(strapi, uid).updateMany({ where: { documentId }, data: moved });
    }
    const previous = from === null ? null : await store.accounts.findOne({ id: from });
    const account = to ?? previous;
    const details = {
      contentType: uid,
      documentId: result?.documentId ?? documentId,
      ...(action === 'clone' ? { source: documentId } : {}),
      ...(params.locale ? { locale: params.locale } : {}),
      ...(moves ? { from: refOf(previous), to: refOf(to) } : {}),
    };
    const actor = { type: 'admin' as const, adminId };
    const audit = getService('audit');
    // document.created, document.cloned, document.updated
    const recorded = moves ? 'document.moved' : `document.${action}d`;
    const accounts = moves && previous ? [to.id, previous.id] : account ? [account.id] : [];
    for (const accountId of accounts) {
      await audit.record({ action: recorded, actor, accountId, details });
    }
    return result;
  });
};
