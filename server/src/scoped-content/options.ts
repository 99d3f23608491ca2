import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { describeIssues } from '../config';
import { getService, isRecord, PLUGIN_ID } from '../utils';
import { ACCOUNT_ATTRIBUTE } from '../../../shared/contracts';

export { ACCOUNT_ATTRIBUTE };

/**
 * The custom field behind it, so that the Content Manager shows an account picker (number and
 * name) where it would show a bare integer.
 */
export const ACCOUNT_FIELD = {
  name: 'account',
  plugin: PLUGIN_ID,
  type: 'integer',
  // wide enough for "number · name"
  inputSize: { default: 6, isResizable: true },
} as const;
export const ACCOUNT_FIELD_UID = `plugin::${PLUGIN_ID}.${ACCOUNT_FIELD.name}`;

/** Built when the content types are checked, at register, and dropped after. */
const optionsSchemaOf = () => {
  const keys = z.array(z.string()).optional();
  return z.strictObject({
    scoped: z.boolean(),
    permissions: z.strictObject({ read: keys, write: keys }).optional(),
  });
};

export type ScopeOptions = z.infer<ReturnType<typeof optionsSchemaOf>>;

type ContentType = {
  uid: string;
  attributes: Record<string, unknown>;
  indexes?: { name: string; columns: string[] }[];
  collectionName?: string;
  pluginOptions?: Record<string, unknown>;
};

export const scopeOptionsOf = (
  contentType: { pluginOptions?: Record<string, unknown> } | undefined
) => contentType?.pluginOptions?.[PLUGIN_ID] as ScopeOptions | undefined;

export const isScoped = (contentType: { pluginOptions?: Record<string, unknown> } | undefined) =>
  scopeOptionsOf(contentType)?.scoped === true;

/** The permission keys a member needs to read or to write a scoped type's documents. */
export const keysNeeded = (
  contentType: { pluginOptions?: Record<string, unknown> } | undefined,
  need: 'read' | 'write'
): string[] => scopeOptionsOf(contentType)?.permissions?.[need] ?? [];

/**
 * The keys a member needs to see a type's documents where another type relates to them: a
 * scoped type's `read` keys, and none for any other (whose options may name keys all the same).
 */
export const readKeysThroughRelations = (
  contentType: { pluginOptions?: Record<string, unknown> } | undefined
): string[] => (isScoped(contentType) ? keysNeeded(contentType, 'read') : []);

/** An index on the account reference's column, which every scoped query filters by. */
const indexAccount = (contentType: ContentType) => {
  const table = contentType.collectionName ?? contentType.uid.replace(/\W/g, '_');
  contentType.indexes = [
    ...(contentType.indexes ?? []),
    { name: `${table}_ma_account_idx`, columns: ['multi_account_id'] },
  ];
};

/**
 * Checks every content type's `pluginOptions['multi-account']` and gives each scoped type its
 * account reference, the way i18n gives localized types their `locale`: an indexed integer that
 * the content API can neither write nor read, and the Content Manager shows as the account. A
 * wrong option stops the boot with its reason.
 */
export const extendScopedTypes = (strapi: Core.Strapi) => {
  const known = getService('permissions', strapi).keys();
  const contentTypes: ContentType[] = Object.values(strapi.contentTypes);
  const optionsSchema = optionsSchemaOf();
  for (const contentType of contentTypes) {
    const raw = contentType.pluginOptions?.[PLUGIN_ID];
    if (raw === undefined) continue;
    const where = `multi-account: ${contentType.uid} pluginOptions['multi-account']`;
    const parsed = optionsSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(`${where}: ${describeIssues(parsed.error.issues)}`);
    }
    const unknown = [
      ...(parsed.data.permissions?.read ?? []),
      ...(parsed.data.permissions?.write ?? []),
    ].filter((key) => !known.includes(key));
    if (unknown.length) throw new Error(`${where}: unknown permission ${unknown.join(', ')}`);
    if (!parsed.data.scoped) continue;
    if (contentType.uid.startsWith(`plugin::${PLUGIN_ID}.`)) {
      throw new Error(`${where}: the plugin's own types cannot be scoped`);
    }
    const existing = contentType.attributes[ACCOUNT_ATTRIBUTE];
    // the Content-Type Builder may write the attribute back into schema.json: that one is ours
    if (
      existing !== undefined &&
      (!isRecord(existing) || existing.customField !== ACCOUNT_FIELD_UID)
    ) {
      throw new Error(`${where}: the type already has an attribute named ${ACCOUNT_ATTRIBUTE}`);
    }
    contentType.attributes[ACCOUNT_ATTRIBUTE] = {
      type: 'customField',
      customField: ACCOUNT_FIELD_UID,
      // out of the content API's answers, filters and input; shown to admins
      private: true,
      configurable: false,
    };
    indexAccount(contentType);
  }
};

/** Strapi's model of uploaded files, shared by every account unless filed under one. */
export const FILE_UID = 'plugin::upload.file';

/**
 * Gives the upload plugin's files the same hidden account reference as a scoped type: the files
 * a member uploads are filed under the account they act for, and those with none (an admin's,
 * an anonymous visitor's, those uploaded before) stay shared by every account.
 */
export const fileUploadsUnderAccounts = (strapi: Core.Strapi) => {
  const files: ContentType | undefined = Object.values(strapi.contentTypes).find(
    (contentType) => contentType.uid === FILE_UID
  );
  if (!files || files.attributes[ACCOUNT_ATTRIBUTE] !== undefined) return;
  // out of the content API's answers, filters and input
  files.attributes[ACCOUNT_ATTRIBUTE] = { type: 'integer', private: true, configurable: false };
  indexAccount(files);
};

/** Whether Strapi's files are filed under accounts: the app has the upload plugin and a scoped type. */
export const filesFiledUnderAccounts = (strapi: Core.Strapi) =>
  Object.values(strapi.contentTypes).some(
    (contentType) =>
      contentType.uid === FILE_UID && contentType.attributes[ACCOUNT_ATTRIBUTE] !== undefined
  );
