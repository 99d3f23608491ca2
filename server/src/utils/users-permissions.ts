import type { Core } from '@strapi/strapi';
import { isRecord } from '.';

/**
 * users-permissions' advanced settings (Settings → Users & Permissions plugin → Advanced
 * settings in the admin panel), as far as the plugin follows them.
 */
export const usersPermissionsSettings = async (strapi: Core.Strapi) => {
  const stored: unknown = await strapi
    .store({ type: 'plugin', name: 'users-permissions', key: 'advanced' })
    .get();
  const settings = isRecord(stored) ? stored : {};
  return {
    /** Whether a new user must confirm their email address before logging in. */
    emailConfirmation: settings.email_confirmation === true,
    /** The role a new user gets. */
    defaultRole:
      typeof settings.default_role === 'string' ? settings.default_role : 'authenticated',
  };
};
