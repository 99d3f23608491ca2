import type { Core } from '@strapi/strapi';
import { getService, PLUGIN_ID, pluginConfig, UIDS } from './utils';
import { Errors } from './utils/errors';
import { assertHooksInPlace } from './register';

const ADMIN_ACTIONS = [
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
    section: 'settings',
    category: 'multi-account',
    displayName: 'Edit invitation settings',
    uid: 'settings',
    pluginName: PLUGIN_ID,
  },
];

/**
 * Deleting a user takes their memberships with them, and the accounts only they belonged to;
 * it is refused while they are the last owner of an account that others still use.
 */
const cleanUpDeletedUsers = async (strapi: Core.Strapi, where: unknown) => {
  const users = await strapi.db
    .query(UIDS.user)
    .findMany({ where: where as never, select: ['id'] });
  const userIds = users.map((u) => u.id as number);
  if (userIds.length === 0) return;
  const owned = await strapi.db.query(UIDS.membership).findMany({
    where: { userId: { $in: userIds }, type: 'owner' },
    select: ['id', 'accountId'],
  });
  for (const { accountId } of owned) {
    const others = await strapi.db.query(UIDS.membership).findMany({
      where: { accountId, userId: { $notIn: userIds } },
      select: ['type', 'status', 'userId'],
    });
    const otherMembers = others.filter((m) => m.userId !== null);
    if (otherMembers.length === 0) {
      await strapi.db.query(UIDS.invitation).updateMany({
        where: { accountId, status: 'open' },
        data: { status: 'revoked', respondedAt: new Date() },
      });
      await strapi.db.query(UIDS.membership).deleteMany({ where: { accountId } });
      await strapi.db.query(UIDS.account).delete({ where: { id: accountId } });
    } else if (!otherMembers.some((m) => m.type === 'owner' && m.status === 'active')) {
      const account = await strapi.db
        .query(UIDS.account)
        .findOne({ where: { id: accountId }, select: ['number'] });
      throw Errors.lastOwnerUser(account?.number ?? String(accountId));
    }
  }
  await strapi.db.query(UIDS.membership).deleteMany({ where: { userId: { $in: userIds } } });
  for (const userId of userIds) {
    await getService('audit', strapi).record({
      action: 'membership.removed',
      actor: { type: 'system' },
      accountId: null,
      details: { userDeleted: userId },
    });
  }
};

type NewUser = { id?: number; username?: string; email?: string; provider?: string | null };

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
  await getService('accounts', strapi).createPersonal({ id, username, email });
};

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  assertHooksInPlace(strapi);
  await strapi.service('admin::permission').actionProvider.registerMany(ADMIN_ACTIONS);
  await getService('rate-limit', strapi).init();

  strapi.db.lifecycles.subscribe({
    models: [UIDS.user],
    async afterCreate(event) {
      // the row as created, completed by what was asked for should the answer omit a field
      await createPersonalAccountOfProviderUser(strapi, {
        ...(event.params.data as NewUser | undefined),
        ...(event.result as NewUser | undefined),
      });
    },
    async beforeDelete(event) {
      await cleanUpDeletedUsers(strapi, event.params.where);
    },
    async beforeDeleteMany(event) {
      await cleanUpDeletedUsers(strapi, event.params.where);
    },
  });
};
