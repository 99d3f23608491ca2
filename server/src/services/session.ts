import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService, pluginConfig } from '../utils';
import { Errors } from '../utils/errors';
import type { ActiveAccount } from './memberships';

/** Decoded JWT payloads of the requests in flight, recorded when users-permissions verifies them. */
const claimsByRequest = new WeakMap<Context, Record<string, unknown>>();

const LOGIN_ACCOUNTS = 100;
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const rememberClaims = (ctx: Context, claims: unknown) => {
  if (claims && typeof claims === 'object')
    claimsByRequest.set(ctx, claims as Record<string, unknown>);
};

/**
 * The active account: chosen at login, carried by the JWT (or named per request by `X-Account`),
 * and checked against the database on every request.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Sets `ctx.state.multiAccount` for an authenticated content-API request, in one query: the
   * account named by the `X-Account` header, else by the token's claim, else the one used last.
   */
  async resolve(ctx: Context) {
    const user = ctx.state.user as { id: number } | undefined;
    if (!user) return;
    const claim = claimsByRequest.get(ctx)?.account;
    const requested = ctx.get('x-account') || (typeof claim === 'string' ? claim : null);
    // a malformed id names no account of anybody's: no active account, and no query
    if (requested !== null && !DOCUMENT_ID.test(requested)) return;
    const active = await getService('memberships').findActive(user.id, requested);
    if (active) ctx.state.multiAccount = active;
  },

  async issueToken(userId: number, accountDocumentId: string | null): Promise<string> {
    const jwt = strapi.plugin('users-permissions').service('jwt');
    return jwt.issue(
      accountDocumentId ? { id: userId, account: accountDocumentId } : { id: userId }
    );
  },

  /**
   * Adds `accounts` and `activeAccount` to a users-permissions login or register answer, and
   * re-issues its JWT for the active account (in the default JWT mode, where tokens carry claims).
   */
  async decorateAuthResponse(ctx: Context, { registered }: { registered: boolean }) {
    const body = ctx.body as
      { jwt?: string; user?: { id: number; username: string; email: string } } | undefined;
    if (!body?.user?.id) return;
    const { user } = body;
    if (registered && pluginConfig<boolean>('createAccountOnRegister')) {
      await getService('accounts').createPersonal(user);
    }
    const memberships = getService('memberships');
    const [active, accounts] = await Promise.all([
      memberships.findActive(user.id),
      memberships.listMine(user.id, { page: 1, pageSize: LOGIN_ACCOUNTS }),
    ]);
    const mode = strapi.config.get<string>(
      'plugin::users-permissions.jwtManagement',
      'legacy-support'
    );
    // refresh-mode tokens carry no custom claims; the request hook then picks the last used account
    const legacyTokens = mode !== 'refresh';
    ctx.body = {
      ...body,
      ...(body.jwt && legacyTokens
        ? { jwt: await this.issueToken(user.id, active?.account.documentId ?? null) }
        : {}),
      accounts: accounts.data,
      activeAccount: active ? memberships.toMyAccount(active) : null,
    };
  },

  /** A switch is a privilege change: always a new token, and only to an active membership. */
  async switchTo(userId: number, accountDocumentId: string) {
    const memberships = getService('memberships');
    const active: ActiveAccount | null = await memberships.findActive(userId, accountDocumentId);
    if (!active) throw Errors.notActiveMember();
    await memberships.touch(active.membership.id);
    const jwt = await this.issueToken(userId, accountDocumentId);
    strapi.eventHub.emit('multi-account.account.switched', {
      userId,
      accountId: active.account.id,
      membershipId: active.membership.id,
    });
    return { jwt, account: memberships.toMyAccount(active) };
  },
});
