import { adminAction, type AdminActionUid } from '../../shared/contracts';

/** The plugin's RBAC actions, as the admin panel checks them. */
const action = (uid: AdminActionUid) => [{ action: adminAction(uid), subject: null }];

export const PERMISSIONS = {
  read: action('read'),
  manage: action('manage'),
  settings: action('settings'),
  impersonate: action('impersonate'),
};
