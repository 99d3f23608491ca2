import type { Core } from '@strapi/strapi';
import type { MyAccount, OwnershipTransfer } from '../../../shared/contracts';
import * as store from '../store';
import type { OwnershipTransferRow } from '../store';
import { getService, pluginConfig, UIDS } from '../utils';
import { Errors } from '../utils/errors';
import { pageWindow, paginationMeta, type PageQuery } from '../utils/pagination';
import { selfActor, type Actor, type UserActor } from './audit';
import { toAccountRef } from './memberships';

const isOpen = (transfer: OwnershipTransferRow) =>
  transfer.status === 'pending' && new Date(transfer.expiresAt).getTime() > Date.now();

/** What a transfer's status is now: a pending offer past its expiry has expired. */
const statusOf = (transfer: OwnershipTransferRow): OwnershipTransfer['status'] =>
  transfer.status === 'pending' && !isOpen(transfer) ? 'expired' : transfer.status;

const NEWEST_FIRST: { orderBy: Record<string, 'asc' | 'desc'>[] } = {
  orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
};

/**
 * Ownership transfer with consent: an owner offers an account's ownership to one of its active
 * members, who accepts or rejects it. On accept the member becomes an owner and the offering
 * owner a contact holding every key (who may then leave). At most one offer is open per account;
 * every step runs under the account's row lock and is audited.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Transfers as their API shows them: three queries whatever the page size. */
  const present = async (rows: OwnershipTransferRow[]): Promise<OwnershipTransfer[]> => {
    const membershipIds = rows.flatMap((row) => [row.fromMembershipId, row.toMembershipId]);
    const [accounts, memberships] = await Promise.all([
      store.accounts.findByIds(rows.map((row) => row.accountId)),
      store.memberships.findByIds(membershipIds),
    ]);
    const userIds = memberships.flatMap((m) => (m.userId === null ? [] : [m.userId]));
    const users: { id: number; username: string; email: string }[] = userIds.length
      ? await strapi.db
          .query(UIDS.user)
          .findMany({ where: { id: { $in: userIds } }, select: ['id', 'username', 'email'] })
      : [];
    const accountById = new Map(accounts.map((a) => [a.id, a]));
    const userById = new Map(users.map((u) => [u.id, u]));
    const userOf = (membershipId: number) => {
      const membership = memberships.find((m) => m.id === membershipId);
      const user = membership?.userId ? userById.get(membership.userId) : undefined;
      return { username: user?.username ?? '', email: user?.email ?? membership?.email ?? '' };
    };
    return rows.map((row) => ({
      documentId: row.documentId,
      account: toAccountRef(
        accountById.get(row.accountId) ?? { documentId: '', number: '', name: '' }
      ),
      from: { username: userOf(row.fromMembershipId).username },
      to: userOf(row.toMembershipId),
      status: statusOf(row),
      expiresAt: row.expiresAt,
    }));
  };

  const page = async (where: Record<string, unknown>, query: PageQuery) => {
    const [rows, total] = await Promise.all([
      store.ownershipTransfers.findMany(where, { ...NEWEST_FIRST, ...pageWindow(query) }),
      store.ownershipTransfers.count(where),
    ]);
    return { data: await present(rows), meta: { pagination: paginationMeta(query, total) } };
  };

  /** The account of a transfer, read before the transaction that locks it. */
  const accountOf = async (documentId: string) =>
    (await store.ownershipTransfers.findOne({ documentId }))?.accountId;

  /**
   * Call inside a transaction: the transfer addressed to one of the user's memberships, read
   * under its account's row lock, or 404. Every change to an account's memberships and transfers
   * takes that lock first, so that they queue in one order and each reads what the one before
   * wrote. (The first read stays outside the transaction: on MySQL a read inside it, before the
   * lock, would fix the snapshot every later read sees.)
   */
  const mineLocked = async (userId: number, documentId: string, accountId?: number) => {
    if (accountId !== undefined) await getService('memberships').lockAccount(accountId);
    const transfer = await store.ownershipTransfers.findOne({ documentId });
    const to = transfer && (await store.memberships.findOne({ id: transfer.toMembershipId }));
    if (!transfer || to?.userId !== userId) throw Errors.transferNotFound();
    return transfer;
  };

  /** Closes the transfer, read under the account's lock, if it is still open. */
  const close = async (
    transfer: OwnershipTransferRow,
    status: 'accepted' | 'rejected' | 'cancelled'
  ) => {
    if (!isOpen(transfer)) throw Errors.transferClosed();
    await store.ownershipTransfers.update(transfer.id, { status, respondedAt: new Date() });
  };

  /** Withdraws an offer still open, audited with `details`. */
  const cancelOpen = async (
    transfer: OwnershipTransferRow,
    actor: Actor,
    details: Record<string, unknown> = {}
  ) => {
    await close(transfer, 'cancelled');
    await getService('audit').record({
      action: 'ownership-transfer.cancelled',
      actor,
      accountId: transfer.accountId,
      membershipId: transfer.toMembershipId,
      details: { transfer: transfer.documentId, ...details },
    });
  };

  return {
    /** The active account's transfers, newest first (owners only). */
    async listForAccount(accountId: number, actor: UserActor, query: PageQuery) {
      if (!actor.isOwner) throw Errors.ownersSeeTransfers();
      return page({ accountId }, query);
    },

    /** Open offers addressed to the user, newest first. */
    async listMine(userId: number, query: PageQuery) {
      return page(
        {
          toMembershipId: { $in: store.memberships.activeIdsOf(userId) },
          status: 'pending',
          expiresAt: { $gt: new Date() },
        },
        query
      );
    },

    async offer(accountId: number, memberDocumentId: string, actor: UserActor) {
      const memberships = getService('memberships');
      const ttl = pluginConfig<number>('ownershipTransferTtl');
      const created = await strapi.db.transaction(async () => {
        await memberships.lockAccount(accountId);
        await memberships.assertStillOwner(actor.membershipId);
        const member = await memberships.findInAccount(accountId, memberDocumentId);
        if (member.id === actor.membershipId) throw Errors.ownRow();
        if (member.type === 'owner') throw Errors.transferToOwner();
        if (member.status !== 'active') throw Errors.ownerMustBeActive();
        const pending = await store.ownershipTransfers.findMany({ accountId, status: 'pending' });
        if (pending.some(isOpen)) throw Errors.transferOpen();
        // an expired offer no longer counts; it is written as expired on the way
        for (const old of pending) {
          await store.ownershipTransfers.update(old.id, { status: 'expired' });
        }
        const transfer = await store.ownershipTransfers.create({
          accountId,
          fromMembershipId: actor.membershipId,
          toMembershipId: member.id,
          status: 'pending',
          expiresAt: new Date(Date.now() + ttl * 1000),
        });
        await getService('audit').record({
          action: 'ownership-transfer.offered',
          actor,
          accountId,
          membershipId: member.id,
          details: { transfer: transfer.documentId, expiresAt: transfer.expiresAt },
        });
        return transfer;
      });
      const [presented] = await present([created]);
      return presented;
    },

    /** The offering owner withdraws the offer. */
    async cancel(accountId: number, documentId: string, actor: UserActor) {
      await strapi.db.transaction(async () => {
        await getService('memberships').lockAccount(accountId);
        const transfer = await store.ownershipTransfers.findOne({ documentId, accountId });
        if (!transfer) throw Errors.transferNotFound();
        if (transfer.fromMembershipId !== actor.membershipId) throw Errors.transferNotTheirs();
        await cancelOpen(transfer, actor);
      });
    },

    /** The member becomes an owner; the offering owner a contact holding every key. */
    async accept(userId: number, documentId: string): Promise<MyAccount> {
      const memberships = getService('memberships');
      const accountId = await accountOf(documentId);
      const active = await strapi.db.transaction(async () => {
        const transfer = await mineLocked(userId, documentId, accountId);
        const [to, from] = await Promise.all([
          store.memberships.findOne({ id: transfer.toMembershipId }),
          store.memberships.findOne({ id: transfer.fromMembershipId }),
        ]);
        const account = await store.accounts.findOne({ id: transfer.accountId });
        if (account?.status !== 'active') throw Errors.accountSuspended();
        // either side may have changed since the offer: it then no longer stands
        if (to?.status !== 'active' || from?.type !== 'owner') throw Errors.transferClosed();
        await close(transfer, 'accepted');
        await store.memberships.update(to.id, { type: 'owner' });
        await store.memberships.update(from.id, {
          type: 'contact',
          permissions: getService('permissions').keys(),
        });
        await getService('audit').record({
          action: 'ownership-transfer.accepted',
          actor: selfActor(userId, { id: to.id, type: 'owner' }),
          accountId: transfer.accountId,
          membershipId: to.id,
          details: { transfer: transfer.documentId, from: from.id },
        });
        // the answer as the transaction wrote it: the account and the membership it promoted
        return memberships.findActive(userId, account.documentId);
      });
      // found under the lock with an active membership on an active account: it is there
      return memberships.toMyAccount(active!);
    },

    /**
     * Call under the account's lock, as a membership stops standing for the offers it is part of
     * (suspended, made an owner, no longer one): its open offers are cancelled, so that none
     * stands again when the change is undone, and the account may offer anew. (A membership's
     * deletion takes its offers with it, by their foreign keys.)
     */
    async withdrawOffersOf(membership: { id: number; accountId: number }, actor: Actor) {
      const offers = await store.ownershipTransfers.findMany({
        accountId: membership.accountId,
        status: 'pending',
        $or: [{ fromMembershipId: membership.id }, { toMembershipId: membership.id }],
      });
      for (const transfer of offers.filter(isOpen)) {
        await cancelOpen(transfer, actor, { membershipChanged: membership.id });
      }
    },

    async reject(userId: number, documentId: string) {
      const accountId = await accountOf(documentId);
      await strapi.db.transaction(async () => {
        const transfer = await mineLocked(userId, documentId, accountId);
        await close(transfer, 'rejected');
        await getService('audit').record({
          action: 'ownership-transfer.rejected',
          actor: selfActor(userId),
          accountId: transfer.accountId,
          membershipId: transfer.toMembershipId,
          details: { transfer: transfer.documentId },
        });
      });
      return { documentId, status: 'rejected' as const };
    },
  };
};
