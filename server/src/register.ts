import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import {
  closeContentManagerToPluginTypes,
  singleTypeViewOfAccount,
  usersOfBulkDeleteTogether,
} from './content-manager';
import { scopingMiddlewares } from './scoped-content/middleware';
import {
  ACCOUNT_FIELD,
  extendScopedTypes,
  fileUploadsUnderAccounts,
} from './scoped-content/options';
import { impersonatedWrites } from './services/impersonations';
import { SESSION_UID } from './services/session-store';
import { impersonationStrategy } from './strategies/impersonation';
import { getService } from './utils';
import { registerGraphql } from './graphql';

/**
 * users-permissions' routes whose answers gain `accounts` and `activeAccount`, and the action of
 * each: login, sign-up, and the password change and reset, which answer a new login's token too.
 * A request is known by the action Strapi routed it to, on whatever path variant its router
 * takes (a trailing slash, another case).
 */
const LOGIN_ROUTES = [
  { method: 'POST', path: '/auth/local', handler: 'auth.callback', registered: false },
  { method: 'GET', path: '/auth/:provider/callback', handler: 'auth.callback', registered: false },
  { method: 'POST', path: '/auth/local/register', handler: 'auth.register', registered: true },
  {
    method: 'POST',
    path: '/auth/change-password',
    handler: 'auth.changePassword',
    registered: false,
  },
  {
    method: 'POST',
    path: '/auth/reset-password',
    handler: 'auth.resetPassword',
    registered: false,
  },
];
const LOGIN_HANDLERS = new Map(
  LOGIN_ROUTES.map(({ handler, registered }) => [handler, { registered }])
);

type MatchedRoute = { handler?: unknown; info?: { pluginName?: string; type?: string } };

/** The users-permissions content-API action a request was routed to, once it has run. */
const usersPermissionsAction = (ctx: Context) => {
  const route: MatchedRoute | undefined = ctx.state.route;
  const ofUsersPermissions =
    route?.info?.pluginName === 'users-permissions' && route.info.type === 'content-api';
  return ofUsersPermissions && typeof route.handler === 'string' ? route.handler : undefined;
};

/**
 * Login and sign-up answer the accounts and bind the new session to the active one: a
 * middleware on Strapi's router, before the content API's own, as i18n hooks the Content
 * Manager's routes. users-permissions' routes themselves are left as they are.
 */
const decorateLoginRoutes = (strapi: Core.Strapi) => {
  const prefix = strapi.config.get<string>('api.rest.prefix', '/api');
  strapi.server.router.use(`${prefix}/auth`, async (ctx: Context, next: Next) => {
    await next();
    const login = LOGIN_HANDLERS.get(usersPermissionsAction(ctx) ?? '');
    if (login) await getService('login', strapi).decorateAuthResponse(ctx, login);
  });
};

/** Called at bootstrap: users-permissions still has the routes whose answers the plugin adds to. */
export const assertLoginRoutes = (strapi: Core.Strapi) => {
  const routers = strapi.plugin('users-permissions').routes as Record<
    string,
    { routes: { method: string; path: string; handler: unknown }[] }
  >;
  for (const { method, path, handler } of LOGIN_ROUTES) {
    const route = routers['content-api'].routes.find((r) => r.method === method && r.path === path);
    if (route?.handler !== handler) {
      throw new Error(
        `multi-account: users-permissions has no route ${method} ${path} to ${handler}; this version of Strapi is not supported`
      );
    }
  }
};

/** An index on the session id, which every refresh-mode request looks its session up by. */
const indexSessions = (strapi: Core.Strapi) => {
  const sessions = Object.values(strapi.contentTypes).find((type) => type.uid === SESSION_UID);
  if (!sessions) {
    throw new Error(
      `multi-account: Strapi has no ${SESSION_UID} content type; this version of Strapi is not supported`
    );
  }
  sessions.indexes = [
    ...(sessions.indexes ?? []),
    { name: 'multi_account_sessions_session_id_idx', columns: ['session_id'] },
  ];
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.customFields.register(ACCOUNT_FIELD);
  extendScopedTypes(strapi);
  // every Document Service call of the app passes through each middleware: an app with no
  // scoped type, whose calls they would all pass on, does without them
  if (getService('scoped-content', strapi).scopedTypes().length) {
    fileUploadsUnderAccounts(strapi);
    const scoping = scopingMiddlewares(strapi);
    strapi.documents.use(scoping.documentWrites);
    strapi.documents.use(scoping.adminWrites);
    strapi.documents.use(scoping.permissionKeys);
    strapi.documents.use(scoping.accountNotNamed);
    strapi.documents.use(scoping.createsFiled);
    strapi.documents.use(scoping.oneDocumentOfAccount);
  }
  strapi.documents.use(impersonatedWrites(strapi));
  decorateLoginRoutes(strapi);
  // after users-permissions' strategy, which passes on the tokens it cannot read
  strapi.get('auth').register('content-api', impersonationStrategy(strapi));
  indexSessions(strapi);
  closeContentManagerToPluginTypes(strapi);
  singleTypeViewOfAccount(strapi);
  usersOfBulkDeleteTogether(strapi);

  // the plugin's records are reachable only through its own routes and operations
  if (strapi.plugin('graphql')) registerGraphql(strapi);
};
