import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils';
import { Errors } from '../utils/errors';
import { actingScope, unscoped } from './acting-scope';
import { checkAdminWrite } from './admin-writes';
import { ACCOUNT_ATTRIBUTE, isScoped, scopeOptionsOf } from './options';

type DocumentContext = {
  uid: string;
  contentType: { pluginOptions?: Record<string, unknown> };
  action: string;
  params: Record<string, unknown>;
};

const READS = ['findMany', 'findFirst', 'findOne', 'count'];
/** Actions that name one existing document, whose account is checked before they run. */
const ON_ONE_DOCUMENT = ['update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone'];

/**
 * A Document Service middleware on scoped types: who may call (an account to act for, the keys
 * the type asks for), what a create is filed under, and a 404 for another account's document.
 * What a query reads and links is held to the account below, at the database layer
 * (`./database`), for every type a request starts at.
 */
export const scopeDocuments =
  (strapi: Core.Strapi) => async (document: DocumentContext, next: () => Promise<unknown>) => {
    if (!isScoped(document.contentType)) return next();
    const request = strapi.requestContext.get();
    const admin = request?.state?.route?.info?.type === 'admin' && request.state.user;
    if (admin && getService('acting-account', strapi).runAs() === undefined) {
      return checkAdminWrite(strapi, document, (admin as { id: number }).id, next);
    }
    const scope = await actingScope(strapi);
    if (scope.kind === 'all') return next();
    if (scope.kind === 'none') throw scope.reason();
    const { action, params } = document;
    const required = scopeOptionsOf(document.contentType)?.permissions;
    const needed = (READS.includes(action) ? required?.read : required?.write) ?? [];
    const missing = scope.permissions
      ? needed.filter((key) => !scope.permissions!.includes(key))
      : [];
    if (missing.length) throw Errors.missingPermissions(missing);

    if (params.data && typeof params.data === 'object' && ACCOUNT_ATTRIBUTE in params.data) {
      // the account is the active one, never the client's to name: Strapi's own wording
      throw new errors.ValidationError(`Invalid key ${ACCOUNT_ATTRIBUTE}`, {
        key: ACCOUNT_ATTRIBUTE,
        path: ACCOUNT_ATTRIBUTE,
        source: 'body',
      });
    }
    const documents = strapi.db.query(document.uid as never);
    const byDocumentId = (documentId: unknown) => ({
      where: { documentId: documentId as string },
      select: ['id'],
    });
    if (action === 'create') {
      // a new locale of a document names it (Strapi takes it in `data`): it must be this
      // account's, or no one's yet
      const documentId = (params.data as { documentId?: unknown } | undefined)?.documentId;
      if (documentId !== undefined) {
        const ours = await documents.findOne(byDocumentId(documentId));
        if (!ours && (await unscoped(strapi, () => documents.findOne(byDocumentId(documentId))))) {
          throw new errors.NotFoundError('Not Found');
        }
      }
      params.data = { ...(params.data as object), [ACCOUNT_ATTRIBUTE]: scope.accountId };
    } else if (ON_ONE_DOCUMENT.includes(action)) {
      // read at the database layer, which sees this account's rows only
      const named = byDocumentId(params.documentId);
      if (!(await documents.findOne(named))) throw new errors.NotFoundError('Not Found');
    }
    return next();
  };
