import type { Core } from '@strapi/strapi';
import {
  OPEN_INVITATION_STATUSES,
  type Invitation,
  type MyAccount,
} from '../../../shared/contracts';
import type { PluginConfig } from '../config';
import * as store from '../store';
import type { InvitationRow } from '../store';
import { getService, normalizeEmail, pluginConfig, UIDS } from '../utils';
import { Errors, isUniqueViolation } from '../utils/errors';
import { hashToken, sameHash } from '../utils/invitation-token';
import { pageWindow, paginationMeta, type PageQuery } from '../utils/pagination';
import { toAccountRef, type ActiveAccount } from './memberships';
import { selfActor } from './audit';

type Invitee = { id: number; email: string; confirmed?: boolean | null };

const isOpen = (invitation: InvitationRow) =>
  invitation.status === 'open' && new Date(invitation.expiresAt).getTime() > Date.now();

/** The invited side: the invitations addressed to a user, and accepting or rejecting them. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Open invitations addressed to the user's email, newest first: to a user who has proved the
   * address (users-permissions' `confirmed`), as accepting and rejecting them are.
   */
  async listMine(user: Invitee, page: PageQuery) {
    if (user.confirmed === false) throw Errors.emailNotConfirmedToSee();
    const where = {
      email: normalizeEmail(user.email),
      status: 'open',
      expiresAt: { $gt: new Date() },
    };
    const [invitations, total] = await Promise.all([
      store.invitations.findMany(where, {
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        ...pageWindow(page),
      }),
      store.invitations.count(where),
    ]);
    const inviterIds = [
      ...new Set(invitations.map((i) => i.invitedById).filter((id): id is number => !!id)),
    ];
    const [accounts, inviters, memberships] = await Promise.all([
      store.accounts.findByIds(invitations.map((i) => i.accountId)),
      inviterIds.length
        ? strapi.db
            .query(UIDS.user)
            .findMany({ where: { id: { $in: inviterIds } }, select: ['id', 'username'] })
        : [],
      store.memberships.findByIds(invitations.map((i) => i.membershipId)),
    ]);
    const accountById = new Map(accounts.map((a) => [a.id, a]));
    const inviterById = new Map<number, string>(inviters.map((u) => [u.id, u.username]));
    // the keys of the catalogue: a key the host app has since dropped is no one's
    const permissionsById = new Map(
      memberships.map((m) => [m.id, getService('permissions').effective(m)])
    );
    const inviterOf = (id: number | null) => (id === null ? undefined : inviterById.get(id));
    const data: Invitation[] = invitations.map((invitation) => ({
      documentId: invitation.documentId,
      account: toAccountRef(
        accountById.get(invitation.accountId) ?? { documentId: '', number: '', name: '' }
      ),
      permissions: permissionsById.get(invitation.membershipId) ?? [],
      invitedBy: inviterOf(invitation.invitedById)
        ? { username: inviterOf(invitation.invitedById)! }
        : null,
      expiresAt: invitation.expiresAt,
    }));
    return { data, meta: { pagination: paginationMeta(page, total) } };
  },

  /**
   * An invitation addressed to this user, by documentId; another user's is a 404. Refused when
   * the app accepts invitations only through the emailed link.
   */
  async findMine(user: Invitee, documentId: string) {
    if (pluginConfig<boolean>('acceptInvitationsByTokenOnly')) throw Errors.acceptByTokenOnly();
    const invitation = await store.invitations.findOne({ documentId });
    if (!invitation || invitation.email !== normalizeEmail(user.email))
      throw Errors.invitationNotFound();
    return invitation;
  },

  /** The invitation behind an emailed token; the link of another address is refused, not consumed. */
  async findByToken(user: Invitee, token: string) {
    const tokenHash = hashToken(token);
    const invitation = await store.invitations.findOne({ tokenHash });
    if (!invitation || !sameHash(invitation.tokenHash, tokenHash))
      throw Errors.invitationNotFound();
    if (invitation.email !== normalizeEmail(user.email)) throw Errors.invitedElsewhere();
    return invitation;
  },

  async limitAccepting(ip: string) {
    const limits = pluginConfig<PluginConfig['rateLimits']>('rateLimits');
    await getService('rate-limit').consume(
      [{ key: `accept:ip:${ip}`, limit: limits.acceptsPerIp }],
      limits.window
    );
  },

  /**
   * Accepts once: the invitation moves from open to accepted in a conditional update, so of many
   * parallel accepts exactly one wins; the unique (account, user) index refuses a second access.
   */
  async accept(user: Invitee, invitation: InvitationRow): Promise<MyAccount> {
    if (user.confirmed === false) throw Errors.emailNotConfirmed();
    if (!isOpen(invitation)) throw Errors.invitationClosed();
    const memberships = getService('memberships');
    let active: ActiveAccount | null;
    try {
      active = await strapi.db.transaction(async () => {
        // a suspended account takes no new members: refused before anything is written; one
        // deleted since the invitation was read is closed with it
        await store.accounts.lock(invitation.accountId);
        const account = await store.accounts.findOne({ id: invitation.accountId });
        if (account?.status !== 'active') {
          throw account ? Errors.accountSuspended() : Errors.invitationClosed();
        }
        const accepted = await store.invitations.updateWhere(
          { id: invitation.id, status: 'open' },
          { status: 'accepted', respondedAt: new Date() }
        );
        if (accepted !== 1) throw Errors.invitationClosed();
        const joined = await store.memberships.updateWhere(
          { id: invitation.membershipId, status: { $in: [...OPEN_INVITATION_STATUSES] } },
          { userId: user.id, status: 'active' }
        );
        if (joined !== 1) throw Errors.invitationClosed();
        await getService('audit').record({
          action: 'invitation.accepted',
          actor: selfActor(user.id, { id: invitation.membershipId, type: 'guest' }),
          accountId: invitation.accountId,
          membershipId: invitation.membershipId,
          details: { invitation: invitation.documentId },
        });
        // the answer as the transaction wrote it: the account and the membership it activated
        const membership = await store.memberships.findOne({ id: invitation.membershipId });
        return memberships.withPermissions(membership && { account, membership });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw Errors.alreadyHasAccess();
      throw error;
    }
    return memberships.toMyAccount(active!);
  },

  async reject(user: Invitee, invitation: InvitationRow) {
    if (user.confirmed === false) throw Errors.emailNotConfirmedToSee();
    if (invitation.status !== 'open') throw Errors.invitationClosed();
    await strapi.db.transaction(async () => {
      const rejected = await store.invitations.updateWhere(
        { id: invitation.id, status: 'open' },
        { status: 'rejected', respondedAt: new Date() }
      );
      if (rejected !== 1) throw Errors.invitationClosed();
      await store.memberships.updateWhere(
        { id: invitation.membershipId, status: { $in: [...OPEN_INVITATION_STATUSES] } },
        { status: 'rejected' }
      );
      await getService('audit').record({
        action: 'invitation.rejected',
        actor: selfActor(user.id),
        accountId: invitation.accountId,
        membershipId: invitation.membershipId,
        details: { invitation: invitation.documentId },
      });
    });
    return { documentId: invitation.documentId, status: 'rejected' as const };
  },
});
