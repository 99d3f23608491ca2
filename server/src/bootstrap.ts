import type { Core } from '@strapi/strapi';
import type { AdminActionUid } from '../../shared/contracts';
import { getService, isRecord, PLUGIN_ID, pluginConfig, UIDS } from './utils';
import { usersPermissionsSettings } from './utils/users-permissions';
import { labelAccountReference } from './content-manager';
import { scopeDatabaseQueries } from './scoped-content/database';
import { assertLoginRoutes } from './register';

const ADMIN_ACTIONS: ({ uid: AdminActionUid } & Record<string, string>)[] = [
  {
    section: 'plugins',
    displayName: 'Read accounts and access',
    uid: 'read',
    pluginName: PLUGIN_ID,
  },
  {
    section: 'plugins',
    displayName: 'Manage accounts and access',
    uid: 'manage',
    pluginName: PLUGIN_ID,
  },
  {
    section: 'plugins',
    displayName: 'Impersonate members for support',
    uid: 'impersonate',
    pluginName: PLUGIN_ID,
  },
  {
    section: 'settings',
    category: 'multi-account',
    displayName: 'Edit invitation settings',
    uid: 'settings',
    pluginName: PLUGIN_ID,
  },
];

type NewUser = { id?: number; username?: string; email?: string; provider?: string | null };

/** The fields of a user row (or of the data it was created from) that a personal account needs. */
const newUserFields = (row: unknown): NewUser => {
  if (!isRecord(row)) return {};
  const { id, username, email, provider } = row;
  return {
    ...(typeof id === 'number' ? { id } : {}),
    ...(typeof username === 'string' ? { username } : {}),
    ...(typeof email === 'string' ? { email } : {}),
    ...(typeof provider === 'string' || provider === null ? { provider } : {}),
  };
};

/**
 * A user whom users-permissions creates at their first provider sign-in (Google, GitHub, ...:
 * its `providers` service creates them with `provider` set to the provider's name) gets a
 * personal account, as one who signs up by email does. Users created as 'local' get none here:
 * email sign-up gets its account in the sign-up answer, and users made by admins or registered
 * as contacts get none.
 */
const createPersonalAccountOfProviderUser = async (strapi: Core.Strapi, user: NewUser) => {
  if (!pluginConfig<boolean>('createAccountOnRegister')) return;
  const { id, username, email, provider } = user;
  if (!provider || provider === 'local' || !id || !username || !email) return;
  await getService('login', strapi).createAccountOfNewUser({ id, username, email });
};

/**
 * Without users-permissions' email confirmation nobody proves an address: whoever signs up first
 * with an invited address can accept its invitations, unless they are accepted only by the link.
 */
const warnIfAddressesUnproven = async (strapi: Core.Strapi) => {
  if (pluginConfig<boolean>('acceptInvitationsByTokenOnly')) return;
  if ((await usersPermissionsSettings(strapi)).emailConfirmation) return;
  strapi.log.warn(
    'multi-account: users-permissions email confirmation is off, so nobody proves their email address: whoever signs up first with an invited address can accept its invitations. Turn email confirmation on, or set acceptInvitationsByTokenOnly: true in the multi-account config.'
  );
};

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  assertLoginRoutes(strapi);
  scopeDatabaseQueries(strapi);
  await strapi.service('admin::permission').actionProvider.registerMany(ADMIN_ACTIONS);
  await getService('rate-limit', strapi).init();
  await warnIfAddressesUnproven(strapi);
  await labelAccountReference(
    strapi,
    getService('scoped-content', strapi)
      .scopedTypes()
      .map((type) => type.uid)
  );

  strapi.db.lifecycles.subscribe({
    models: [UIDS.user],
    async afterCreate(event) {
      // the row as created, completed by what was asked for should the answer omit a field
      await createPersonalAccountOfProviderUser(strapi, {
        ...newUserFields(event.params.data),
        ...newUserFields(event.result),
      });
    },
    async beforeDelete(event) {
      await getService('user-removal', strapi).beforeUsersDeleted(event.params.where);
    },
    async beforeDeleteMany(event) {
      await getService('user-removal', strapi).beforeUsersDeleted(event.params.where);
    },
  });
};
