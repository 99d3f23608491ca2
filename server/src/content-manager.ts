import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { ACCOUNT_ATTRIBUTE } from './scoped-content/options';
import { UIDS } from './utils';

const ACCOUNT_LABEL = 'Account';

type Route = { method: string; path: string; config?: { middlewares?: unknown[] } };
type Router = { routes?: Route[] };

const PLUGIN_TYPES: ReadonlySet<string> = new Set([
  UIDS.account,
  UIDS.membership,
  UIDS.invitation,
  UIDS.auditLog,
]);

const CLOSES_CONTENT_MANAGER = Symbol.for('multi-account.closes-content-manager');
const isOurs = (value: unknown) => typeof value === 'function' && CLOSES_CONTENT_MANAGER in value;

/**
 * Every place a Content Manager admin route takes a model uid: the path (`:model`, `:uid`,
 * `:contentType`), the history routes' `contentType` in the query or the body, and the uid
 * routes' `contentTypeUID`; a query value may come as an array.
 */
const modelsNamedBy = (ctx: Context) => {
  const params = (ctx.params ?? {}) as Record<string, unknown>;
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  return [
    params.model,
    params.uid,
    params.contentType,
    ctx.query?.contentType,
    body.contentType,
    body.contentTypeUID,
  ].flat();
};

/**
 * The plugin's content types are hidden from the Content Manager's menus, but its admin API
 * would still serve them by uid to an admin who holds the generic read, create, update or delete
 * actions (a super admin always does): token hashes, raw statuses, writes past every rule.
 * A route middleware on every Content Manager route answers 404 for them, before its handler
 * and its own routing run; their data is reachable through the plugin's admin routes only.
 */
export const closeContentManagerToPluginTypes = (strapi: Core.Strapi) => {
  const contentManager = strapi.plugin('content-manager');
  const routers = Object.values(
    (contentManager?.routes ?? {}) as Record<string, Router | unknown>
  ).filter((router): router is Required<Router> => Array.isArray((router as Router)?.routes));
  if (routers.length === 0) {
    throw new Error(
      'multi-account: the Content Manager has no admin routes to close to the plugin types; this version of Strapi is not supported'
    );
  }

  const guard = async (ctx: Context, next: Next) => {
    if (modelsNamedBy(ctx).some((uid) => typeof uid === 'string' && PLUGIN_TYPES.has(uid))) {
      throw new errors.NotFoundError('Content type not found');
    }
    return next();
  };
  Object.defineProperty(guard, CLOSES_CONTENT_MANAGER, { value: true });

  for (const router of routers) {
    for (const route of router.routes) {
      // the Content Manager builds its route list once per process, which may boot Strapi again
      const others = (route.config?.middlewares ?? []).filter((m) => !isOurs(m));
      route.config = { ...route.config, middlewares: [guard, ...others] };
    }
  }
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
