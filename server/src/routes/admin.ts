import { adminAction } from '../../../shared/contracts';
import type controllers from '../controllers';

type Handler = {
  [
    C in keyof typeof controllers
  ]: `${C}.${Extract<keyof ReturnType<(typeof controllers)[C]>, string>}`;
}[keyof typeof controllers];

export const ACTIONS = {
  read: adminAction('read'),
  manage: adminAction('manage'),
  settings: adminAction('settings'),
  impersonate: adminAction('impersonate'),
} as const;

const route = (method: string, path: string, handler: Handler, action: keyof typeof ACTIONS) => ({
  method,
  path,
  handler,
  config: {
    policies: [
      'admin::isAuthenticatedAdmin',
      { name: 'admin::hasPermissions', config: { actions: [ACTIONS[action]] } },
    ],
    middlewares: ['plugin::multi-account.no-stray-input'],
  },
});

/** Served under /multi-account for logged-in admins holding the plugin's RBAC actions. */
export default {
  type: 'admin',
  routes: [
    route('GET', '/accounts', 'admin-accounts.find', 'read'),
    route('POST', '/accounts', 'admin-accounts.create', 'manage'),
    route('GET', '/accounts/:documentId', 'admin-accounts.findOne', 'read'),
    route('PUT', '/accounts/:documentId', 'admin-accounts.update', 'manage'),
    route('DELETE', '/accounts/:documentId', 'admin-accounts.delete', 'manage'),
    route('GET', '/accounts/:documentId/audit', 'admin-accounts.audit', 'read'),
    route('GET', '/accounts/:documentId/files', 'admin-files.find', 'read'),
    route('POST', '/accounts/:documentId/files', 'admin-files.add', 'manage'),
    route('DELETE', '/accounts/:documentId/files/:fileId', 'admin-files.remove', 'manage'),
    route('GET', '/accounts/:documentId/members', 'admin-members.find', 'read'),
    route('POST', '/accounts/:documentId/contacts', 'admin-members.createContact', 'manage'),
    route('POST', '/accounts/:documentId/invitations', 'admin-members.invite', 'manage'),
    route('PUT', '/accounts/:documentId/members/:memberId', 'admin-members.update', 'manage'),
    route('DELETE', '/accounts/:documentId/members/:memberId', 'admin-members.delete', 'manage'),
    route(
      'POST',
      '/accounts/:documentId/members/:memberId/make-owner',
      'admin-members.makeOwner',
      'manage'
    ),
    route(
      'POST',
      '/accounts/:documentId/members/:memberId/resend',
      'admin-members.resend',
      'manage'
    ),
    route('POST', '/impersonations', 'admin-impersonations.create', 'impersonate'),
    route('DELETE', '/impersonations/:documentId', 'admin-impersonations.delete', 'impersonate'),
    route('GET', '/users', 'admin-users.find', 'read'),
    route('GET', '/users/:documentId', 'admin-users.findOne', 'read'),
    route('GET', '/users/:documentId/access', 'admin-users.access', 'read'),
    route('GET', '/permissions', 'admin-settings.permissions', 'read'),
    route('GET', '/settings', 'admin-settings.get', 'settings'),
    route('PUT', '/settings', 'admin-settings.update', 'settings'),
    route(
      'POST',
      '/settings/email-template/preview',
      'admin-settings.previewEmailTemplate',
      'settings'
    ),
    route('GET', '/settings/email-template', 'settings.getEmailTemplate', 'settings'),
    route('PUT', '/settings/email-template', 'settings.updateEmailTemplate', 'settings'),
    route('POST', '/settings/email-template/test', 'settings.sendTestEmail', 'settings'),
  ],
};
