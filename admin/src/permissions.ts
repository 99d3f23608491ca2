/** The plugin's RBAC actions, as the admin panel checks them. */
const action = (name: 'read' | 'manage' | 'settings') => [
  { action: `plugin::multi-account.${name}`, subject: null },
];

export const PERMISSIONS = {
  read: action('read'),
  manage: action('manage'),
  settings: action('settings'),
};
