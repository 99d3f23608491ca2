import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { ACCOUNT_ATTRIBUTE, isScoped } from './scoped-content/options';
import { isRecord, PLUGIN_CONTENT_TYPES, UIDS } from './utils';
import { integerOf } from './utils/by-uid';
import { invalidAt } from './utils/errors';
import { runDeletingUsersTogether, runHeldToAccounts } from './utils/request-context';

const ACCOUNT_LABEL = 'Account';

const PLUGIN_TYPES: ReadonlySet<string> = new Set(PLUGIN_CONTENT_TYPES);

const segments = (path: string) =>
  path.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });

/**
 * Every place a Content Manager admin route may name a model uid: any segment of the path
 * (`:model`, `:uid`, `:contentType`), the history routes' `contentType` in the query or the
 * body, and the uid routes' `contentTypeUID`; a query value may come as an array.
 */
const modelsNamedBy = (ctx: Context) => {
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  return [
    ...segments(ctx.path),
    ctx.query?.contentType,
    body.contentType,
    body.contentTypeUID,
    body.model,
  ].flat();
};

/**
 * The plugin's content types are hidden from the Content Manager's menus, but its admin API
 * would still serve them by uid to an admin who holds the generic read, create, update or delete
 * actions (a super admin always does): token hashes, raw statuses, writes past every rule.
 * A middleware on Strapi's router answers 404 for them before any Content Manager route runs
 * (as i18n hooks those routes); their data is reachable through the plugin's admin routes only.
 */
export const closeContentManagerToPluginTypes = (strapi: Core.Strapi) => {
  strapi.server.router.use('/content-manager', async (ctx: Context, next: Next) => {
    if (modelsNamedBy(ctx).some((uid) => typeof uid === 'string' && PLUGIN_TYPES.has(uid))) {
      throw new errors.NotFoundError('Content type not found');
    }
    return next();
  });
};

/**
 * The Content Manager's single-type view edits one document, and a scoped single type holds one
 * per account. `plugins[multi-account][account]=<id>` in the view's URL, which the Content
 * Manager sends to its API as `account` (as i18n's `plugins[i18n][locale]` becomes `locale`),
 * holds the view's reads and writes of the type to that account's document, and files a new one
 * there unless the form names another account. Without it, the view edits the first document the
 * database gives, as Strapi's does.
 */
export const singleTypeViewOfAccount = (strapi: Core.Strapi) => {
  const scopedSingleTypes = new Set(
    Object.values(strapi.contentTypes)
      .filter((type) => type.kind === 'singleType' && isScoped(type))
      .map((type) => String(type.uid))
  );
  if (!scopedSingleTypes.size) return;
  strapi.server.router.use(
    '/content-manager/single-types/:model',
    async (ctx: Context, next: Next) => {
      const { model } = ctx.params;
      const { account, ...query } = ctx.query;
      if (account === undefined || !scopedSingleTypes.has(model)) return next();
      const accountId = integerOf(account);
      if (accountId === undefined) {
        throw invalidAt('The account is named by its id, a whole number', ['account']);
      }
      ctx.query = query;
      // the two writes that create the document when the account has none: a save, a publish
      const saves = ctx.method === 'PUT' || ctx.path.endsWith('/actions/publish');
      const body: unknown = ctx.request.body;
      if (saves && isRecord(body) && !(ACCOUNT_ATTRIBUTE in body)) {
        body[ACCOUNT_ATTRIBUTE] = accountId;
      }
      return runHeldToAccounts(strapi, { uid: model, accounts: [accountId] }, next);
    }
  );
};

/**
 * The Content Manager's bulk delete runs its deletions at once, in one transaction: its users are
 * marked as deleted together, so that the last-owner rule counts them all as leaving, whichever
 * is deleted first (it deletes each user it is sent, or none).
 */
export const usersOfBulkDeleteTogether = (strapi: Core.Strapi) => {
  strapi.server.router.use(
    '/content-manager/collection-types/:model/actions/bulkDelete',
    async (ctx: Context, next: Next) => {
      const body: unknown = ctx.request.body;
      const documentIds = isRecord(body) && Array.isArray(body.documentIds) ? body.documentIds : [];
      if (ctx.method !== 'POST' || ctx.params.model !== UIDS.user || !documentIds.length) {
        return next();
      }
      const named = documentIds.filter((id): id is string => typeof id === 'string');
      return runDeletingUsersTogether(strapi, named, next);
    }
  );
};

type ViewMetadata = { label?: string } & Record<string, unknown>;
type Configuration = { metadatas?: Record<string, { edit?: ViewMetadata; list?: ViewMetadata }> };
type ContentTypesService = {
  findConfiguration(contentType: { uid: string }): Promise<Configuration & { uid?: string }>;
  updateConfiguration(contentType: { uid: string }, configuration: Configuration): Promise<unknown>;
};

/**
 * The Content Manager labels a field with its attribute name until an admin relabels it: the
 * account reference of each scoped type is labelled "Account" (in the edit view, the list and
 * its filters, which then read "Account is …"). Only that default is replaced, so an admin's own
 * label stays.
 */
export const labelAccountReference = async (strapi: Core.Strapi, uids: string[]) => {
  const contentTypes = strapi.plugin('content-manager')?.service('content-types') as
    ContentTypesService | undefined;
  if (!contentTypes) return;
  const relabel = (view: ViewMetadata | undefined) =>
    view?.label === ACCOUNT_ATTRIBUTE ? { ...view, label: ACCOUNT_LABEL } : view;
  for (const uid of uids) {
    // the configuration as stored, whose `uid` the Content Manager writes back as given
    const configuration = await contentTypes.findConfiguration({ uid });
    const metadata = configuration.metadatas?.[ACCOUNT_ATTRIBUTE];
    if (!metadata) continue;
    if (metadata.edit?.label !== ACCOUNT_ATTRIBUTE && metadata.list?.label !== ACCOUNT_ATTRIBUTE)
      continue;
    await contentTypes.updateConfiguration(
      { uid },
      {
        ...configuration,
        metadatas: {
          ...configuration.metadatas,
          [ACCOUNT_ATTRIBUTE]: { edit: relabel(metadata.edit), list: relabel(metadata.list) },
        },
      }
    );
  }
};
