import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService, pluginConfig } from '../utils';
import { bearerOf, payloadOf } from '../utils/bearer';
import { Errors } from '../utils/errors';

const LOGIN_ACCOUNTS = 100;

type AuthAnswer = {
  jwt?: string;
  user?: { id: number; username: string; email: string };
};

/**
 * The active account of a login session, checked against the database on every request.
 * In users-permissions' `legacy-support` mode the session is the JWT, which carries the account
 * as a claim. In `refresh` mode the access token names a users-permissions session, and the
 * session's account is kept in that session's row, where every instance sees it and a refresh
 * carries it over.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  refreshMode() {
    return (
      strapi.config.get<string>('plugin::users-permissions.jwtManagement', 'legacy-support') ===
      'refresh'
    );
  },

  /**
   * A refresh-mode session that never had an account (one started by a password change or an
   * email confirmation) gets the one a login would choose, once.
   */
  async chooseForSession(userId: number, sessionRowId: number) {
    const active = await getService('memberships').findActive(userId);
    if (!active) return null;
    await getService('session-store').setAccount(sessionRowId, active.account.documentId);
    return active.account.documentId;
  },

  /**
   * Adds `accounts` and `activeAccount` to a users-permissions login or sign-up answer, and binds
   * the new login session to the active account: in its token (legacy) or its session row.
   */
  async decorateAuthResponse(ctx: Context, { registered }: { registered: boolean }) {
    ctx.body = await this.decorateAnswer(ctx.body, { registered });
  },

  /**
   * What `decorateAuthResponse` does to an answer (a REST body or a GraphQL `login` or
   * `register` payload): an answer without a user, such as an error's, is left as it is.
   */
  async decorateAnswer<A>(answer: A, { registered }: { registered: boolean }): Promise<A> {
    const body = answer as AuthAnswer | undefined;
    if (!body?.user?.id) return answer;
    const { user } = body;
    if (registered && pluginConfig<boolean>('createAccountOnRegister')) {
      await this.createAccountOfNewUser(user);
    }
    const memberships = getService('memberships');
    const [active, accounts] = await Promise.all([
      memberships.findActive(user.id),
      memberships.listMine(user.id, { page: 1, pageSize: LOGIN_ACCOUNTS }),
    ]);
    let jwt = body.jwt;
    if (jwt && this.refreshMode()) {
      const session = await getService('session-store').live(payloadOf(jwt).sessionId, user.id);
      if (session && active) {
        await getService('session-store').setAccount(session.id, active.account.documentId);
      }
    } else if (jwt) {
      jwt = await this.issueLegacyToken(user.id, active?.account.documentId ?? null);
    }
    return {
      ...body,
      ...(jwt ? { jwt } : {}),
      accounts: accounts.data,
      activeAccount: active ? memberships.toMyAccount(active) : null,
    } as A;
  },

  /**
   * A newly signed-up user's own account. A sign-up whose account cannot be made is undone
   * through users-permissions' own removal (the user and their login sessions), so that nobody
   * is left signed up without an account and the address can sign up again.
   */
  async createAccountOfNewUser(user: { id: number; username: string; email: string }) {
    try {
      await getService('accounts').createPersonal(user);
    } catch (error) {
      await strapi.plugin('users-permissions').service('user').remove({ id: user.id });
      throw error;
    }
  },

  async issueLegacyToken(userId: number, accountDocumentId: string | null): Promise<string> {
    const jwt = strapi.plugin('users-permissions').service('jwt');
    return jwt.issue(
      accountDocumentId ? { id: userId, account: accountDocumentId } : { id: userId }
    );
  },

  /**
   * Moves the calling session, and only it, to another account where the user is an active
   * member. Legacy sessions get a new token carrying the account. A refresh-mode session keeps
   * its tokens, which now act for the new account: no session is created and its refresh token
   * keeps working.
   */
  async switchTo(ctx: Context, userId: number, accountDocumentId: string) {
    const memberships = getService('memberships');
    const active = await memberships.findActive(userId, accountDocumentId);
    if (!active) throw Errors.notActiveMember();
    let jwt: string;
    if (this.refreshMode()) {
      // the session this request was found to act by (its signed-in policy refused an ended one)
      const session = await getService('acting-account').sessionRow(ctx);
      const bearer = bearerOf(ctx);
      if (session === undefined || !bearer) throw Errors.sessionEnded();
      await getService('session-store').setAccount(session, accountDocumentId);
      jwt = bearer;
    } else {
      jwt = await this.issueLegacyToken(userId, accountDocumentId);
    }
    await memberships.touch(active.membership.id);
    strapi.eventHub.emit('multi-account.account.switched', {
      userId,
      accountId: active.account.id,
      membershipId: active.membership.id,
    });
    return { jwt, account: memberships.toMyAccount(active) };
  },
});
