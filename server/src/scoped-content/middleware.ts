import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ActiveAccount } from '../services/memberships';
import { PLUGIN_ID } from '../utils';
import { Errors } from '../utils/errors';
import { checkAdminWrite } from './admin-writes';
import { ACCOUNT_ATTRIBUTE, isScoped, scopeOptionsOf } from './options';
import { assertRelationsInAccount, createRelationScope, schemaLookup } from './relations';

type DocumentContext = {
  uid: string;
  contentType: { pluginOptions?: Record<string, unknown> };
  action: string;
  params: Record<string, unknown>;
};

const READS = ['findMany', 'findFirst', 'findOne', 'count'];
/** Actions that name one existing document, whose account is checked before they run. */
const ON_ONE_DOCUMENT = ['update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone'];

const withScope = (filters: unknown, accountId: number) =>
  filters && typeof filters === 'object' && Object.keys(filters).length
    ? { $and: [filters, { [ACCOUNT_ATTRIBUTE]: accountId }] }
    : { [ACCOUNT_ATTRIBUTE]: accountId };

/**
 * The account a content-API request acts for on a scoped type, or the reason it may not. Only
 * content-API requests are scoped: cron jobs, scripts, other plugins and the admin panel see
 * every account, as Strapi code expects.
 */
const requestScope = (strapi: Core.Strapi, document: DocumentContext) => {
  const request = strapi.requestContext.get();
  const scopedAs = (request?.state as { multiAccountScope?: number } | undefined)
    ?.multiAccountScope;
  if (scopedAs !== undefined) return scopedAs;
  if (!request || request.state?.route?.info?.type !== 'content-api') return null;
  const strategy = request.state.auth?.strategy?.name;
  if (strategy === 'api-token') {
    if (strapi.config.get<boolean>(`plugin::${PLUGIN_ID}.scopedContent.allowApiTokens`, false)) {
      return null;
    }
    throw Errors.userRequired();
  }
  const active = request.state.multiAccount as ActiveAccount | undefined;
  if (!request.state.user || strategy !== 'users-permissions' || !active) {
    throw Errors.noActingAccount(request.state);
  }
  const required = scopeOptionsOf(document.contentType)?.permissions;
  const needed = (READS.includes(document.action) ? required?.read : required?.write) ?? [];
  const missing = needed.filter((key) => !active.permissions.includes(key));
  if (missing.length) throw Errors.missingPermissions(missing);
  return active.account.id;
};

/**
 * A Document Service middleware: on scoped types, every read is filtered to the active
 * account, every create is filed under it, and a document of another account is a 404.
 */
export const scopeDocuments =
  (strapi: Core.Strapi) => async (document: DocumentContext, next: () => Promise<unknown>) => {
    if (!isScoped(document.contentType)) return next();
    const request = strapi.requestContext.get();
    const admin = request?.state?.route?.info?.type === 'admin' && request.state.user;
    if (admin && request.state.multiAccountScope === undefined) {
      return checkAdminWrite(strapi, document, (admin as { id: number }).id, next);
    }
    const accountId = requestScope(strapi, document);
    if (accountId === null) return next();
    const { action, params } = document;
    const schema = document.contentType as unknown as Parameters<
      typeof assertRelationsInAccount
    >[1];
    const relations = createRelationScope(schemaLookup(strapi), accountId);
    if (params.populate !== undefined)
      params.populate = relations.populate(params.populate, schema);
    if (params.filters !== undefined) params.filters = relations.filters(params.filters, schema);
    if (params.data !== undefined) {
      if (params.data && typeof params.data === 'object' && ACCOUNT_ATTRIBUTE in params.data) {
        // the account is the active one, never the client's to name: Strapi's own wording
        throw new errors.ValidationError(`Invalid key ${ACCOUNT_ATTRIBUTE}`, {
          key: ACCOUNT_ATTRIBUTE,
          path: ACCOUNT_ATTRIBUTE,
          source: 'body',
        });
      }
      await assertRelationsInAccount(strapi, schema, params.data, accountId);
    }
    if (READS.includes(action)) {
      params.filters = withScope(params.filters, accountId);
    } else if (action === 'create') {
      params.data = { ...(params.data as object), [ACCOUNT_ATTRIBUTE]: accountId };
    } else if (ON_ONE_DOCUMENT.includes(action)) {
      const row = await strapi.db.query(document.uid as never).findOne({
        where: { documentId: params.documentId as string },
        select: [ACCOUNT_ATTRIBUTE],
      });
      if (!row || row[ACCOUNT_ATTRIBUTE] !== accountId) throw new errors.NotFoundError('Not Found');
    }
    return next();
  };
