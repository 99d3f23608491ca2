import type { Core } from '@strapi/strapi';
import { getService, PLUGIN_ID } from '../utils';
import { Errors } from '../utils/errors';
import { IMPERSONATION_STRATEGY } from '../strategies/impersonation';

/**
 * What a request may reach of the scoped types: every account (code outside a content-API
 * request, the admin panel, API tokens when the config lets them through), one account, or none
 * (a content-API request with no account to act for, with the reason it has none).
 */
export type ActingScope =
  | { kind: 'all' }
  | { kind: 'account'; accountId: number; permissions: string[] | null }
  | { kind: 'none'; reason: () => Error };

const ALL: ActingScope = { kind: 'all' };
/** The strategies that authenticate a users-permissions user. */
const USER_STRATEGIES = ['users-permissions', IMPERSONATION_STRATEGY];

type RequestState = {
  route?: { info?: { type?: string } };
  auth?: { strategy?: { name?: string } };
};

/**
 * The scope of the request this code runs in (Strapi's request context), for any layer: asked
 * by every scoped call and query of a request, and worked out from what the acting-account
 * service keeps for the request, which reads the account once.
 */
export const actingScope = async (strapi: Core.Strapi): Promise<ActingScope> => {
  const request = strapi.requestContext.get();
  const acting = getService('acting-account', strapi);
  // runAsAccount: code acting for one account on purpose, keys unchecked
  const runAs = acting.runAs();
  if (runAs !== undefined) return { kind: 'account', accountId: runAs, permissions: null };
  const state: RequestState | undefined = request?.state;
  if (!request || state?.route?.info?.type !== 'content-api') return ALL;
  // the content API authenticates users-permissions users (and the public role, with no user)
  // and Strapi's API tokens, which have no user to act for
  if (state.auth && !USER_STRATEGIES.includes(state.auth.strategy?.name ?? '')) {
    return strapi.config.get<boolean>(`plugin::${PLUGIN_ID}.scopedContent.allowApiTokens`, false)
      ? ALL
      : { kind: 'none', reason: Errors.userRequired };
  }
  const found = await acting.of(request);
  if (found.status !== 'active') return { kind: 'none', reason: () => acting.refusal(found) };
  const { account, permissions } = found.active;
  return { kind: 'account', accountId: account.id, permissions };
};
