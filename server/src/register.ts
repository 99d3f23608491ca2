import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { closeContentManagerToPluginTypes } from './content-manager';
import { scopeDocuments } from './scoped-content/middleware';
import { ACCOUNT_FIELD, extendScopedTypes } from './scoped-content/options';
import { SESSION_UID } from './services/sessions';
import { getService, UIDS } from './utils';

type Middleware = (ctx: Context, next: Next) => Promise<unknown>;
type Route = {
  method: string;
  path: string;
  handler: unknown;
  config?: { middlewares?: unknown[] };
};

/** users-permissions' routes whose answers gain `accounts` and `activeAccount`. */
const LOGIN_ROUTES = [
  { method: 'POST', path: '/auth/local', registered: false },
  { method: 'GET', path: '/auth/:provider/callback', registered: false },
  { method: 'POST', path: '/auth/local/register', registered: true },
];

const RESOLVES_ACCOUNT = Symbol.for('multi-account.resolves-account');
const DECORATES_LOGIN = Symbol.for('multi-account.decorates-login');
const isOurs = (mark: symbol) => (value: unknown) => typeof value === 'function' && mark in value;

/**
 * login and sign-up answer the accounts and bind the new session to the active one: route
 * middlewares added to users-permissions' own routes, as Strapi documents for extending a plugin
 */
const decorateLoginRoutes = (strapi: Core.Strapi) => {
  const routers = strapi.plugin('users-permissions').routes as Record<string, { routes: Route[] }>;
  const routes = routers['content-api'].routes;
  for (const { method, path, registered } of LOGIN_ROUTES) {
    const route = routes.find((r) => r.method === method && r.path === path);
    if (!route) {
      throw new Error(
        `multi-account: users-permissions has no route ${method} ${path}; this version of Strapi is not supported`
      );
    }
    const decorate: Middleware = async (ctx, next) => {
      await next();
      await getService('session', strapi).decorateAuthResponse(ctx, { registered });
    };
    Object.defineProperty(decorate, DECORATES_LOGIN, { value: true });
    // users-permissions builds its route list once per process, which may boot Strapi again
    const others = (route.config?.middlewares ?? []).filter((m) => !isOurs(DECORATES_LOGIN)(m));
    route.config = { ...route.config, middlewares: [...others, decorate] };
  }
};

/**
 * Every content-API request, REST and GraphQL alike, authenticates through Strapi's auth
 * service, which has no public hook for "after a user is authenticated": wrapping it is the one
 * place the plugin wraps an internal, and `assertHooksInPlace` refuses to start without it.
 */
const resolveAccountAfterAuthentication = (strapi: Core.Strapi) => {
  const auth = strapi.get('auth') as { authenticate: Middleware };
  const authenticate = auth.authenticate.bind(auth);
  const withAccount: Middleware = (ctx, next) =>
    authenticate(ctx, async () => {
      const { route, auth: credentials } = ctx.state;
      if (
        route?.info?.type === 'content-api' &&
        credentials?.strategy?.name === 'users-permissions'
      ) {
        await getService('session', strapi).resolve(ctx);
      }
      return next();
    });
  Object.defineProperty(withAccount, RESOLVES_ACCOUNT, { value: true });
  auth.authenticate = withAccount;
};

/** Called at bootstrap: a Strapi upgrade that undid a hook stops the app instead of serving it. */
export const assertHooksInPlace = (strapi: Core.Strapi) => {
  const authenticate = (strapi.get('auth') as { authenticate: unknown }).authenticate;
  if (!isOurs(RESOLVES_ACCOUNT)(authenticate)) {
    throw new Error(
      "multi-account: Strapi's auth service no longer runs the account check after authentication; this version of Strapi is not supported"
    );
  }
};

/** An index on the session id, which every refresh-mode request looks its session up by. */
const indexSessions = (strapi: Core.Strapi) => {
  const sessions = strapi.contentTypes[SESSION_UID as keyof typeof strapi.contentTypes] as
    { indexes?: { name: string; columns: string[] }[] } | undefined;
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
  strapi.documents.use(scopeDocuments(strapi) as never);
  decorateLoginRoutes(strapi);
  resolveAccountAfterAuthentication(strapi);
  indexSessions(strapi);
  closeContentManagerToPluginTypes(strapi);

  // the plugin's records are reachable only through its own routes
  if (strapi.plugin('graphql')) {
    const extension = strapi.plugin('graphql').service('extension');
    for (const uid of [UIDS.account, UIDS.membership, UIDS.invitation, UIDS.auditLog]) {
      extension.shadowCRUD(uid).disable();
    }
  }
};
