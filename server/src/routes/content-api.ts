import type { Context } from 'koa';
import type controllers from '../controllers';
import { PLUGIN_ID } from '../utils';
import { needs, policiesOf, userOnly, type PolicyRule } from './rules';

type Controllers = { [C in keyof typeof controllers]: ReturnType<(typeof controllers)[C]> };

export type Handler = {
  [C in keyof Controllers]: `${C}.${Extract<keyof Controllers[C], string>}`;
}[keyof Controllers];

type Route = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  handler: (ctx: Context) => Promise<void>;
  config: { policies: PolicyRule[]; middlewares: string[] };
};

/**
 * A function handler rather than the usual 'controller.action' string, so that the route carries
 * no users-permissions action: users-permissions lets any signed-in user through a route without
 * one, whatever their role, and the user's memberships decide the rest. Role permissions would
 * gate nothing the memberships do not, and would cost every authenticated request of the app,
 * since users-permissions loads and compiles all of a role's permissions on each request.
 */
const call =
  (handler: Handler) =>
  (ctx: Context): Promise<void> => {
    const [controller, action] = handler.split('.') as [keyof Controllers, string];
    const actions = strapi.plugin(PLUGIN_ID).controller(controller) as Record<
      string,
      (ctx: Context) => Promise<void>
    >;
    return actions[action](ctx);
  };

/** Each route's policies by its handler, for the GraphQL operation that mirrors the route. */
const policiesByHandler = new Map<Handler, PolicyRule[]>();

const route = (
  method: Route['method'],
  path: string,
  handler: Handler,
  policies: PolicyRule[] = []
): Route => {
  const all = policiesOf(policies);
  policiesByHandler.set(handler, all);
  return {
    method,
    path,
    handler: call(handler),
    config: {
      policies: all,
      middlewares: ['plugin::multi-account.retry-after', 'plugin::multi-account.no-stray-input'],
    },
  };
};

/** Served under /api/multi-account; every route needs a users-permissions JWT, of any role. */
const contentApi = {
  type: 'content-api',
  routes: [
    route('GET', '/me', 'account.me'),
    route('GET', '/me/accounts', 'account.accounts'),
    route('DELETE', '/me/accounts/:documentId', 'account.leave', userOnly),
    route('POST', '/switch', 'account.switch', userOnly),
    route('GET', '/me/invitations', 'invitation.mine'),
    route('POST', '/me/invitations/:documentId/accept', 'invitation.accept', userOnly),
    route('POST', '/me/invitations/:documentId/reject', 'invitation.reject', userOnly),
    route('POST', '/invitations/accept', 'invitation.acceptByToken', userOnly),
    route('POST', '/invitations/reject', 'invitation.rejectByToken', userOnly),
    route('POST', '/invitations', 'invitation.create', needs('contacts')),
    route('GET', '/contacts', 'contact.find', needs('contacts')),
    route('GET', '/contacts/:documentId', 'contact.findOne', needs('contacts')),
    // a contact is a new user: not the impersonator's to create
    route('POST', '/contacts', 'contact.create', [...needs('contacts'), ...userOnly]),
    route('PATCH', '/contacts/:documentId', 'contact.update', needs('contacts')),
    route('DELETE', '/contacts/:documentId', 'contact.delete', needs('contacts')),
    route('POST', '/contacts/:documentId/resend', 'contact.resend', needs('contacts')),
    // owners only, which the service checks under the account's lock
    route('GET', '/ownership-transfers', 'ownership-transfer.find', needs()),
    route('POST', '/ownership-transfers', 'ownership-transfer.create', [...needs(), ...userOnly]),
    route('DELETE', '/ownership-transfers/:documentId', 'ownership-transfer.delete', [
      ...needs(),
      ...userOnly,
    ]),
    route('GET', '/me/ownership-transfers', 'ownership-transfer.mine'),
    route(
      'POST',
      '/me/ownership-transfers/:documentId/accept',
      'ownership-transfer.accept',
      userOnly
    ),
    route(
      'POST',
      '/me/ownership-transfers/:documentId/reject',
      'ownership-transfer.reject',
      userOnly
    ),
  ] satisfies Route[],
};

export default contentApi;

/** The policies of the REST route that `handler` serves: who may call it, REST or GraphQL. */
export const routePolicies = (handler: Handler): PolicyRule[] => {
  const policies = policiesByHandler.get(handler);
  if (!policies) throw new Error(`multi-account: no content-API route calls ${handler}`);
  return policies;
};
