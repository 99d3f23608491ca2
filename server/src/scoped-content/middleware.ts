import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService, isRecord } from '../utils';
import { queryOf } from '../utils/by-uid';
import {
  documentMiddleware,
  ONE_DOCUMENT_ACTIONS,
  READ_ACTIONS,
  WRITE_ACTIONS,
  LINKING_ACTIONS,
  type DocumentContext,
} from '../utils/document-middleware';
import { runAsDocumentWrite, unscoped } from '../utils/request-context';
import { actingScope, type ActingScope } from './acting-scope';
import { checkAdminWrite, isAdminWrite } from './admin-writes';
import { ACCOUNT_ATTRIBUTE, isScoped, keysNeeded } from './options';
import { anyReadKeys, hideUnreadable, keysToFilter, keysToLink } from './related-keys';

type OneAccount = Extract<ActingScope, { kind: 'account' }>;

const onScopedType = (document: DocumentContext) => isScoped(document.contentType);

/**
 * A rule for the calls on a scoped type that a request makes for one account, those `applies`
 * to. Other calls, and those made for every account (code outside a request, the admin panel,
 * API tokens when the config lets them through), pass untouched; a request with no account to
 * act for is refused with the reason.
 */
const forOneAccount = (
  strapi: Core.Strapi,
  applies: (document: DocumentContext) => boolean,
  rule: (document: DocumentContext, scope: OneAccount) => Promise<void>
) =>
  documentMiddleware(
    (document) => onScopedType(document) && applies(document),
    async (document, next) => {
      const scope = await actingScope(strapi);
      if (scope.kind === 'all') return next();
      if (scope.kind === 'none') throw scope.reason();
      await rule(document, scope);
      return next();
    }
  );

/**
 * The keys held by the member a request acts for; null where no key is checked (code acting for
 * every account, or for one on purpose, an owner) or where the request acts for no account (the
 * database layer then links and shows nothing of a scoped type).
 */
const keysHeld = async (strapi: Core.Strapi) => {
  const scope = await actingScope(strapi);
  return scope.kind === 'account' ? scope.permissions : null;
};

const anyCall = () => true;
const creates = ({ action }: DocumentContext) => action === 'create';
/** The actions that name one existing document, whose account is checked before they run. */
const onOneDocument = ({ action }: DocumentContext) => ONE_DOCUMENT_ACTIONS.includes(action);

/**
 * The admin whose request (the admin panel's) is running; null elsewhere, including code acting
 * for one account on purpose (`runAsAccount`), which runs in a context of its own.
 */
const adminWriting = (strapi: Core.Strapi): { id: number } | null => {
  const state = strapi.requestContext.get()?.state;
  return state?.route?.info?.type === 'admin' && state.user ? state.user : null;
};

const findById = (strapi: Core.Strapi, document: DocumentContext, documentId: unknown) =>
  queryOf(strapi, document.uid).findOne({ where: { documentId }, select: ['id'] });

/**
 * The Document Service middlewares of account scoping on scoped types, one per rule, in the
 * order they run. What a query reads and links is held to the account below them, at the
 * database layer (`./database`), for every type a request starts at.
 */
export const scopingMiddlewares = (strapi: Core.Strapi) => {
  const answersHideDocuments = anyReadKeys(strapi);
  return {
    /**
     * A write reads the relations it copies (publish, clone, a locale's shared fields) and writes
     * them back: the database layer shows it every related document of the account
     * (`inDocumentWrite`). What the member names and what the write answers hold to the `read`
     * keys of the related types, as a read does: linking or unlinking a type's documents, or
     * filtering or sorting by them (the write's own `filters`, its answer's populate), needs
     * them, and the answer populates none of the documents they would hide.
     */
    documentWrites: documentMiddleware(
      ({ action }) => WRITE_ACTIONS.includes(action),
      async (document, next) => {
        const { uid, action, params } = document;
        const linking = LINKING_ACTIONS.includes(action)
          ? keysToLink(strapi, uid, params.data, { replacesParts: action === 'update' })
          : [];
        const filtering = keysToFilter(strapi, uid, params);
        const answering = params.populate !== undefined && answersHideDocuments;
        // the account is read only for a write that names or asks back what keys may hide
        const held =
          linking.length || filtering.length || answering ? await keysHeld(strapi) : null;
        if (held) getService('permissions', strapi).assertHolds(held, [...linking, ...filtering]);
        const answer = await runAsDocumentWrite(strapi, next);
        if (answering && held) hideUnreadable(strapi, uid, answer, held);
        return answer;
      }
    ),

    /**
     * What an admin writes is filed under an account that exists, moves are audited, and Strapi's
     * unique checks of a write or a publish meet the document's accounts only.
     */
    adminWrites: documentMiddleware(
      (document) => onScopedType(document) && isAdminWrite(document) && adminWriting(strapi),
      (document, next, admin) => checkAdminWrite(strapi, document, admin.id, next)
    ),

    /** A member holds the keys the type asks for: `read` to read, `write` to write. */
    permissionKeys: forOneAccount(strapi, anyCall, async ({ contentType, action }, scope) => {
      const needed = keysNeeded(contentType, READ_ACTIONS.includes(action) ? 'read' : 'write');
      if (scope.permissions) {
        getService('permissions', strapi).assertHolds(scope.permissions, needed);
      }
    }),

    /** The account is the active one, never the client's to name (in Strapi's own wording). */
    accountNotNamed: forOneAccount(
      strapi,
      ({ params }) => isRecord(params.data) && ACCOUNT_ATTRIBUTE in params.data,
      async () => {
        throw new errors.ValidationError(`Invalid key ${ACCOUNT_ATTRIBUTE}`, {
          key: ACCOUNT_ATTRIBUTE,
          path: ACCOUNT_ATTRIBUTE,
          source: 'body',
        });
      }
    ),

    /**
     * A new document is filed under the active account. A new locale of a document names it
     * (Strapi takes it in `data`): it must be this account's, or no one's yet.
     */
    createsFiled: forOneAccount(strapi, creates, async (document, scope) => {
      const { params } = document;
      const data = isRecord(params.data) ? params.data : {};
      if (data.documentId !== undefined) {
        const ours = await findById(strapi, document, data.documentId);
        if (!ours && (await unscoped(strapi, () => findById(strapi, document, data.documentId)))) {
          throw new errors.NotFoundError('Not Found');
        }
      }
      params.data = { ...data, [ACCOUNT_ATTRIBUTE]: scope.accountId };
    }),

    /** Another account's document is not found (read at the database layer, which sees this account's rows only). */
    oneDocumentOfAccount: forOneAccount(strapi, onOneDocument, async (document) => {
      if (!(await findById(strapi, document, document.params.documentId))) {
        throw new errors.NotFoundError('Not Found');
      }
    }),
  };
};
