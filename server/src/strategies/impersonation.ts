import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { isImpersonationToken } from '../services/impersonations';
import { getService, isRecord } from '../utils';
import { bearerOf } from '../utils/bearer';
import { Errors } from '../utils/errors';
import { usersPermissionsSettings } from '../utils/users-permissions';

export const IMPERSONATION_STRATEGY = 'multi-account-impersonation';

/** users-permissions' routes that change or end the user's own credentials or self. */
const REFUSED_ACTIONS = new Set(
  [
    'auth.changePassword',
    'auth.revokeSession',
    'auth.logout',
    'user.create',
    'user.update',
    'user.destroy',
  ].map((action) => `plugin::users-permissions.${action}`)
);

type Ability = { can(action: string): boolean };
type Auth = { credentials?: unknown; ability?: Ability | null };
type RouteAuth = { scope?: string | string[] };

/** The content-API permissions of a users-permissions role, as users-permissions compiles them. */
const abilityOfRole = async (strapi: Core.Strapi, roleId: number) => {
  const permission = strapi.plugin('users-permissions').service('permission');
  const permissions: unknown[] = await permission.findRolePermissions(roleId);
  return strapi.contentAPI.permissions.engine.generateAbility(
    permissions.map((p) => permission.toContentAPIPermission(p))
  );
};

/**
 * A content-API authentication strategy for an admin's impersonation tokens, beside
 * users-permissions' own (which turns such a token away as not one of its JWTs). The request
 * then acts as the user, with the user's role, for the impersonation's account only; what it
 * may not do is refused in `verify` (users-permissions' routes) and by the plugin's
 * `not-impersonated` policy (its own).
 */
export const impersonationStrategy = (strapi: Core.Strapi) => ({
  name: IMPERSONATION_STRATEGY,

  async authenticate(ctx: Context) {
    const token = bearerOf(ctx.request);
    if (!isImpersonationToken(token)) return { authenticated: false };
    const impersonation = await getService('impersonations', strapi).live(token);
    if (!impersonation) return { error: 'Invalid credentials' };
    const user: unknown = await strapi
      .plugin('users-permissions')
      .service('user')
      .fetchAuthenticatedUser(impersonation.userId);
    if (!isRecord(user) || user.blocked || !isRecord(user.role)) {
      return { error: 'Invalid credentials' };
    }
    const { emailConfirmation } = await usersPermissionsSettings(strapi);
    if (emailConfirmation && !user.confirmed) return { error: 'Invalid credentials' };
    const ability = await abilityOfRole(strapi, Number(user.role.id));
    ctx.state.user = user;
    getService('acting-account', strapi).impersonate(ctx.state, impersonation);
    return { authenticated: true, credentials: user, ability };
  },

  /** As users-permissions verifies its users, less what an impersonator may not do. */
  verify(auth: Auth, config: RouteAuth) {
    if (!auth.credentials) throw new errors.UnauthorizedError();
    const scopes = config.scope === undefined ? [] : [config.scope].flat();
    if (scopes.some((scope) => REFUSED_ACTIONS.has(scope))) {
      throw Errors.notWhileImpersonating();
    }
    if (scopes.length && !scopes.every((scope) => auth.ability?.can(scope))) {
      throw new errors.ForbiddenError();
    }
  },
});
