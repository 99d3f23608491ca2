import type controllers from '../controllers';

type Handler = {
  [
    C in keyof typeof controllers
  ]: `${C}.${Extract<keyof ReturnType<(typeof controllers)[C]>, string>}`;
}[keyof typeof controllers];

type Route = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  handler: Handler;
  config: { policies: unknown[]; middlewares: string[] };
};

const needs = (...permissions: string[]) => [
  { name: 'plugin::multi-account.has-permission', config: { permissions } },
];

const route = (
  method: Route['method'],
  path: string,
  handler: Handler,
  policies: unknown[] = []
): Route => ({
  method,
  path,
  handler,
  config: { policies, middlewares: ['plugin::multi-account.retry-after'] },
});

/** Served under /api/multi-account; every route needs a users-permissions JWT. */
export default {
  type: 'content-api',
  routes: [
    route('GET', '/me', 'account.me'),
    route('GET', '/me/accounts', 'account.accounts'),
    route('DELETE', '/me/accounts/:documentId', 'account.leave'),
    route('POST', '/switch', 'account.switch'),
    route('GET', '/me/invitations', 'invitation.mine'),
    route('POST', '/me/invitations/:documentId/accept', 'invitation.accept'),
    route('POST', '/me/invitations/:documentId/reject', 'invitation.reject'),
    route('POST', '/invitations/accept', 'invitation.acceptByToken'),
    route('POST', '/invitations', 'invitation.create', needs('contacts')),
    route('GET', '/contacts', 'contact.find', needs('contacts')),
    route('GET', '/contacts/:documentId', 'contact.findOne', needs('contacts')),
    route('POST', '/contacts', 'contact.create', needs('contacts')),
    route('PATCH', '/contacts/:documentId', 'contact.update', needs('contacts')),
    route('DELETE', '/contacts/:documentId', 'contact.delete', needs('contacts')),
    route('POST', '/contacts/:documentId/resend', 'contact.resend', needs('contacts')),
  ] satisfies Route[],
};
