import type { Core } from '@strapi/strapi';
import * as store from '../store';
import { getService, UIDS } from '../utils';
import { integerOf, queryOf } from '../utils/by-uid';
import { Errors } from '../utils/errors';
import { usersDeletedTogether } from '../utils/request-context';
import { selfActor, type Actor } from './audit';

/** Who deletes the user, as the audit trail records them: an admin, a user, or the system. */
const actorOfRequest = (strapi: Core.Strapi): Actor => {
  const ctx = strapi.requestContext.get();
  const user: { id?: number } | undefined = ctx?.state?.user;
  const type = ctx?.state?.route?.info?.type;
  if (user?.id && type === 'admin') return { type: 'admin', adminId: user.id };
  if (user?.id && type === 'content-api') {
    return selfActor(user.id);
  }
  return { type: 'system' };
};

/**
 * Deleting users takes their memberships with them, and the accounts only they belonged to. It
 * is refused while one of them is the last owner of an account that others still use; users
 * deleted together (the Content Manager's bulk delete, whose deletions run at once in one
 * transaction) count as leaving together, whichever is deleted first. Every check runs first,
 * under the locks of the accounts involved, then every change, in one transaction: a refusal
 * changes nothing. Each removed membership, revoked invitation and deleted account is in the
 * audit trail, with who deleted the user.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const userIdsWhere = async (where: unknown) => {
    const users = await queryOf(strapi, UIDS.user).findMany({ where, select: ['id'] });
    return users.flatMap((u) => integerOf(u.id) ?? []);
  };

  const removeMemberships = async (userIds: number[]) => {
    if (userIds.length === 0) return;
    const actor = actorOfRequest(strapi);

    await strapi.db.transaction(async () => {
      const theirs = await store.memberships.findMany(
        { userId: { $in: userIds } },
        { orderBy: [{ accountId: 'asc' }] }
      );
      const accountIds = [...new Set(theirs.map((m) => m.accountId))];
      // in id order, so that two deletions lock the same accounts in the same order
      for (const accountId of accountIds) await store.accounts.lock(accountId);

      const closing: number[] = [];
      for (const accountId of new Set(
        theirs.filter((m) => m.type === 'owner').map((m) => m.accountId)
      )) {
        const others = await store.memberships.findMany({
          accountId,
          userId: { $notNull: true, $notIn: userIds },
        });
        if (others.length === 0) closing.push(accountId);
        else if (!others.some((m) => m.type === 'owner' && m.status === 'active')) {
          const account = await store.accounts.findOne({ id: accountId });
          throw Errors.lastOwnerUser(account?.number ?? String(accountId));
        }
      }

      const accounts = getService('accounts');
      for (const accountId of closing) {
        await accounts.revokeOpenInvitations(accountId, actor, { userDeleted: true });
      }
      const closingMembers = await store.memberships.findMany({
        accountId: { $in: closing },
        userId: { $null: true },
      });
      for (const membership of [...theirs, ...closingMembers]) {
        await accounts.removeMembership(membership, actor, {
          userDeleted: membership.userId !== null,
        });
      }
      for (const accountId of closing) {
        const account = await store.accounts.findOne({ id: accountId });
        if (account) await accounts.deleteEmptied(account, actor, { lastMemberDeleted: true });
      }
    });
  };

  return {
    async beforeUsersDeleted(where: unknown) {
      const userIds = await userIdsWhere(where);
      const together = usersDeletedTogether(strapi);
      if (!together) return removeMemberships(userIds);
      // the first deletion of the batch removes every batch user's memberships; the others,
      // running meanwhile, wait for it rather than check against users on their way out
      together.removal ??= userIdsWhere({ documentId: { $in: together.documentIds } }).then(
        async (batch) => {
          await removeMemberships(batch);
          return batch;
        }
      );
      const batch = await together.removal;
      await removeMemberships(userIds.filter((id) => !batch.includes(id)));
    },
  };
};
