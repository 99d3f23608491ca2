import type { Core } from '@strapi/strapi';
import { OPEN_INVITATION_STATUSES, type InvitationDelivery } from '../../../shared/contracts';
import * as store from '../store';
import type { AccountRow, InvitationRow, MembershipRow } from '../store';
import { getService, normalizeEmail, pluginConfig, rateLimits, UIDS } from '../utils';
import { Errors, isUniqueViolation, messageOf } from '../utils/errors';
import { newToken } from '../utils/invitation-token';
import type { Actor } from './audit';

export type { InvitationRow };

/** The account an invitation is for, as the email names it. */
type InvitingAccount = Pick<AccountRow, 'id' | 'number' | 'name'>;

/** Lifetime set in the admin Settings, else the config's `invitationTtl`. */
const expiry = async () =>
  new Date(Date.now() + (await getService('settings').invitationTtlSeconds()) * 1000);

/** The inviting side: sending, resending and delivering invitations. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Caps sending over every path that sends an invitation: per account, per inviter, per IP
   * address, and for the whole app, so that sign-ups cannot turn it into a mail relay.
   */
  async limitSending(accountId: number, actor: Actor) {
    const limits = rateLimits();
    const keys = [
      { key: 'invite:total', limit: limits.invitationsTotal },
      { key: `invite:account:${accountId}`, limit: limits.invitationsPerAccount },
    ];
    if (actor.type !== 'system') {
      keys.push({
        key: `invite:${actor.type}:${actor.type === 'user' ? actor.userId : actor.adminId}`,
        limit: limits.invitationsPerInviter,
      });
    }
    if (actor.type === 'user' && actor.ip) {
      keys.push({ key: `invite:ip:${actor.ip}`, limit: limits.invitationsPerIp });
    }
    await getService('rate-limit').consume(keys, limits.window);
  },

  /**
   * Invites an email as a guest. The answer is the same whether the email belongs to a user or
   * not; the unique index on (account, email) settles two invitations racing for one address.
   */
  async invite(
    account: InvitingAccount,
    input: { email: string; permissions: string[] },
    actor: Actor
  ) {
    const email = normalizeEmail(input.email);
    const permissions = getService('permissions').normalize(input.permissions);
    getService('permissions').assertCanChange(actor, [], permissions);
    await this.limitSending(account.id, actor);

    const { token, tokenHash } = newToken();
    const expiresAt = await expiry();
    let membership: MembershipRow;
    let invitation: InvitationRow;
    try {
      ({ membership, invitation } = await strapi.db.transaction(async () => {
        await store.accounts.lock(account.id);
        const user = await strapi.db.query(UIDS.user).findOne({ where: { email }, select: ['id'] });
        if (user && (await store.memberships.count({ accountId: account.id, userId: user.id }))) {
          throw Errors.alreadyMember();
        }
        const existing = await store.memberships.findOne({ accountId: account.id, email });
        if (existing && existing.status !== 'rejected') {
          throw OPEN_INVITATION_STATUSES.includes(existing.status)
            ? Errors.openInvitation()
            : Errors.alreadyMember();
        }
        const data = { status: 'pending', type: 'guest', permissions, userId: null };
        if (existing) {
          // only while still rejected: of parallel re-invitations, the first one takes the row
          const count = await store.memberships.updateWhere(
            { id: existing.id, status: 'rejected' },
            data
          );
          if (count !== 1) throw Errors.openInvitation();
        }
        const membership = existing
          ? await store.memberships.findOne({ id: existing.id })
          : await store.memberships.create({ ...data, accountId: account.id, email });
        if (!membership) throw Errors.openInvitation();
        const invitation = await store.invitations.create({
          accountId: account.id,
          membershipId: membership.id,
          email,
          tokenHash,
          status: 'open',
          expiresAt,
          invitedById: actor.type === 'user' ? actor.userId : null,
        });
        await getService('audit').record({
          action: 'invitation.created',
          actor,
          accountId: account.id,
          membershipId: membership.id,
          details: { email, permissions, invitation: invitation.documentId },
        });
        return { membership, invitation };
      }));
    } catch (error) {
      if (isUniqueViolation(error)) throw Errors.openInvitation();
      throw error;
    }
    return this.deliver(account, membership, invitation, token, actor);
  },

  /**
   * Rotates the token of an open invitation, extends its expiry and sends it again. The member
   * is read inside the transaction, under the account's lock, so what is checked is what is sent.
   */
  async resend(account: InvitingAccount, memberDocumentId: string, actor: Actor) {
    const { token, tokenHash } = newToken();
    const expiresAt = await expiry();
    const { membership, invitation } = await strapi.db.transaction(async () => {
      await store.accounts.lock(account.id);
      const membership = await getService('memberships').findInAccount(
        account.id,
        memberDocumentId
      );
      if (membership.status !== 'pending' && membership.status !== 'invited')
        throw Errors.notAnInvitation();
      getService('permissions').assertCanActOn(actor, membership);
      const open = await store.invitations.findOne({ membershipId: membership.id, status: 'open' });
      if (!open) throw Errors.notAnInvitation();
      await this.limitSending(account.id, actor);
      const invitation = await store.invitations.update(open.id, { tokenHash, expiresAt });
      await getService('audit').record({
        action: 'invitation.resent',
        actor,
        accountId: account.id,
        membershipId: membership.id,
        details: { invitation: invitation.documentId },
      });
      return { membership, invitation };
    });
    return this.deliver(account, membership, invitation, token, actor);
  },

  /** The name the email gives the inviter: a user's username, an admin's full name. */
  async inviterName(actor: Actor): Promise<string | null> {
    if (actor.type === 'user') {
      const user = await strapi.db
        .query(UIDS.user)
        .findOne({ where: { id: actor.userId }, select: ['username'] });
      return user?.username ?? null;
    }
    if (actor.type === 'admin') {
      const admin = await strapi.db
        .query('admin::user')
        .findOne({ where: { id: actor.adminId }, select: ['firstname', 'lastname'] });
      return [admin?.firstname, admin?.lastname].filter(Boolean).join(' ') || null;
    }
    return null;
  },

  /**
   * Sends the email after the invitation is committed: `invited` once the mail server took it,
   * otherwise `pending`, and the answer says the email was not sent, so that it is resent. The
   * invitation is never lost to a mail failure. The answer also names the invitation, whose
   * documentId is the one its invitee accepts by (the member's is the one the inviter manages).
   */
  async deliver(
    account: InvitingAccount,
    membership: MembershipRow,
    invitation: InvitationRow,
    token: string,
    actor: Actor
  ): Promise<InvitationDelivery> {
    const inviterName = await this.inviterName(actor);
    const url = new URL(pluginConfig<string>('invitationUrl'));
    url.searchParams.set('token', token);
    let sent = true;
    try {
      await getService('email').send(invitation.email, {
        account_name: account.name,
        account_number: account.number,
        inviter_name: inviterName ?? account.name,
        invitee_email: invitation.email,
        accept_url: url.toString(),
        expires_at: invitation.expiresAt.replace('T', ' ').slice(0, 16) + ' UTC',
      });
    } catch (error) {
      sent = false;
      strapi.log.warn(
        `multi-account: invitation email to account ${account.number} failed: ${messageOf(error)}`
      );
    }
    const [from, to] = sent ? ['pending', 'invited'] : ['invited', 'pending'];
    await store.memberships.updateWhere({ id: membership.id, status: from }, { status: to });
    const member = (await store.memberships.findOne({ id: membership.id })) ?? membership;
    return {
      data: await getService('memberships').toMember(member),
      meta: {
        invitation: { documentId: invitation.documentId, expiresAt: invitation.expiresAt },
        email: { sent },
      },
    };
  },
});
