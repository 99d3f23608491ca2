import type controllers from '../controllers';

type Handler = {
  [C in keyof typeof controllers]: `${C}.${Extract<keyof ReturnType<(typeof controllers)[C]>, string>}`;
}[keyof typeof controllers];

export const ACTIONS = {
  read: 'plugin::multi-account.read',
  manage: 'plugin::multi-account.manage',
  settings: 'plugin::multi-account.settings',
} as const;

const route = (method: string, path: string, handler: Handler, action: keyof typeof ACTIONS) => ({
  method,
  path,
  handler,
  config: {
    policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [ACTIONS[action]] } }],
  },
});

/** Served under /multi-account for logged-in admins holding the plugin's RBAC actions. */
export default {
  type: 'admin',
  routes: [
    route('GET', '/settings/email-template', 'settings.getEmailTemplate', 'settings'),
    route('PUT', '/settings/email-template', 'settings.updateEmailTemplate', 'settings'),
    route('POST', '/settings/email-template/test', 'settings.sendTestEmail', 'settings'),
  ],
};
