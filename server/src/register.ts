import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { rememberClaims } from './services/session';
import { getService, UIDS } from './utils';

type Action = (ctx: Context, next: Next) => Promise<unknown>;

/**
 * Hooks into users-permissions without forking it: its controllers, services and Strapi's auth
 * service are long-lived instances, so wrapping their methods here holds for every request.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const up = strapi.plugin('users-permissions');

  // login and sign-up answers carry the accounts and a token for the active one
  const authController = up.controller('auth') as Record<string, Action>;
  for (const [action, registered] of [
    ['callback', false],
    ['register', true],
  ] as const) {
    const original = authController[action];
    authController[action] = async (ctx, next) => {
      const result = await original(ctx, next);
      await getService('session', strapi).decorateAuthResponse(ctx, { registered });
      return result;
    };
  }

  // keep the verified claims of each request, to read the active account from them
  const jwt = up.service('jwt') as { getToken: (ctx: Context) => Promise<unknown> };
  const getToken = jwt.getToken.bind(jwt);
  jwt.getToken = async (ctx) => {
    const claims = await getToken(ctx);
    rememberClaims(ctx, claims);
    return claims;
  };

  // once users-permissions has authenticated a content-API request, resolve its account
  const auth = strapi.get('auth') as {
    authenticate: (ctx: Context, next: Next) => Promise<unknown>;
  };
  const authenticate = auth.authenticate.bind(auth);
  auth.authenticate = (ctx, next) =>
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

  // the plugin's records are reachable only through its own routes
  if (strapi.plugin('graphql')) {
    const extension = strapi.plugin('graphql').service('extension');
    for (const uid of [UIDS.account, UIDS.membership, UIDS.invitation, UIDS.auditLog]) {
      extension.shadowCRUD(uid).disable();
    }
  }
};
