import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Invitation, MyAccount } from '../../../shared/contracts';
import type { PluginConfig } from '../config';
import { getService, normalizeEmail, pluginConfig, toIso, UIDS } from '../utils';
import { Errors, isUniqueViolation } from '../utils/errors';
import { pageWindow, paginationMeta, type PageQuery } from '../utils/pagination';
import type { Actor } from './audit';
import { toAccountRef, type AccountRow, type MembershipRow } from './memberships';

type InvitationRow = {
  id: number;
  documentId: string;
  accountId: number;
  membershipId: number;
  email: string;
  tokenHash: string;
  status: 'open' | 'accepted' | 'rejected' | 'revoked';
  expiresAt: string;
  invitedById: number | null;
};

type Invitee = { id: number; email: string; confirmed?: boolean | null };

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const newToken = () => {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
};

const sameHash = (a: string, b: string) => {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
};

/** Lifetime set in the admin Settings, else the config's `invitationTtl`. */
const expiry = async () =>
  new Date(Date.now() + (await getService('settings').invitationTtlSeconds()) * 1000);

const isOpen = (invitation: InvitationRow) =>
  invitation.status === 'open' && new Date(invitation.expiresAt).getTime() > Date.now();

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Caps sending per account and per inviter, over every path that sends an invitation. */
  async limitSending(accountId: number, actor: Actor) {
    const limits = pluginConfig<PluginConfig['rateLimits']>('rateLimits');
    const keys = [{ key: `invite:account:${accountId}`, limit: limits.invitationsPerAccount }];
    if (actor.type !== 'system') {
      keys.push({
        key: `invite:${actor.type}:${actor.type === 'user' ? actor.userId : actor.adminId}`,
        limit: limits.invitationsPerInviter,
      });
    }
    await getService('rate-limit').consume(keys, limits.window);
  },

  /**
   * Invites an email as a guest. The answer is the same whether the email belongs to a user or
   * not; the unique index on (account, email) settles two invitations racing for one address.
   */
  async invite(account: AccountRow, input: { email: string; permissions: string[] }, actor: Actor) {
    const email = normalizeEmail(input.email);
    const permissions = getService('permissions').normalize(input.permissions);
    if (actor.type === 'user' && !actor.isOwner) {
      const beyond = permissions.filter((key) => !actor.permissions.includes(key));
      if (beyond.length) throw Errors.grantBeyondOwn(beyond);
    }
    await this.limitSending(account.id, actor);

    const { token, tokenHash } = newToken();
    const expiresAt = await expiry();
    let membership: MembershipRow;
    let invitation: InvitationRow;
    try {
      ({ membership, invitation } = await strapi.db.transaction(async () => {
        const user = await strapi.db.query(UIDS.user).findOne({ where: { email }, select: ['id'] });
        if (
          user &&
          (await strapi.db
            .query(UIDS.membership)
            .count({ where: { accountId: account.id, userId: user.id } }))
        ) {
          throw Errors.alreadyMember();
        }
        const existing = (await strapi.db
          .query(UIDS.membership)
          .findOne({ where: { accountId: account.id, email } })) as MembershipRow | null;
        if (existing && existing.status !== 'rejected') {
          throw existing.status === 'pending' || existing.status === 'invited'
            ? Errors.openInvitation()
            : Errors.alreadyMember();
        }
        const data = { status: 'pending', type: 'guest', permissions, userId: null };
        const membership = (
          existing
            ? await strapi.db.query(UIDS.membership).update({ where: { id: existing.id }, data })
            : await strapi.db
                .query(UIDS.membership)
                .create({ data: { ...data, accountId: account.id, email } })
        ) as MembershipRow;
        const invitation = (await strapi.db.query(UIDS.invitation).create({
          data: {
            accountId: account.id,
            membershipId: membership.id,
            email,
            tokenHash,
            status: 'open',
            expiresAt,
            invitedById: actor.type === 'user' ? actor.userId : null,
          },
        })) as InvitationRow;
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
    const delivered = await this.deliver(account, membership, invitation, token, actor);
    return getService('memberships').toMember(delivered);
  },

  /** Rotates the token of an open invitation, extends its expiry and sends it again. */
  async resend(account: AccountRow, memberDocumentId: string, actor: Actor) {
    const membership = await getService('memberships').findInAccount(account.id, memberDocumentId);
    if (membership.status !== 'pending' && membership.status !== 'invited')
      throw Errors.notAnInvitation();
    await this.limitSending(account.id, actor);
    const { token, tokenHash } = newToken();
    const expiresAt = await expiry();
    const invitation = await strapi.db.transaction(async () => {
      const invitation = (await strapi.db.query(UIDS.invitation).findOne({
        where: { membershipId: membership.id, status: 'open' },
      })) as InvitationRow | null;
      if (!invitation) throw Errors.notAnInvitation();
      const updated = (await strapi.db.query(UIDS.invitation).update({
        where: { id: invitation.id },
        data: { tokenHash, expiresAt },
      })) as InvitationRow;
      await getService('audit').record({
        action: 'invitation.resent',
        actor,
        accountId: account.id,
        membershipId: membership.id,
        details: { invitation: invitation.documentId },
      });
      return updated;
    });
    const delivered = await this.deliver(account, membership, invitation, token, actor);
    return getService('memberships').toMember(delivered);
  },

  /**
   * Sends the email after the invitation is committed: `invited` once the mail server took it,
   * otherwise it stays `pending` and can be resent. The invitation is never lost to a mail failure.
   */
  async deliver(
    account: AccountRow,
    membership: MembershipRow,
    invitation: InvitationRow,
    token: string,
    actor: Actor
  ) {
    const inviter =
      actor.type === 'user'
        ? await strapi.db
            .query(UIDS.user)
            .findOne({ where: { id: actor.userId }, select: ['username'] })
        : null;
    const url = new URL(pluginConfig<string>('invitationUrl'));
    url.searchParams.set('token', token);
    try {
      await getService('email').send(invitation.email, {
        account_name: account.name,
        account_number: account.number,
        inviter_name: inviter?.username ?? account.name,
        invitee_email: invitation.email,
        accept_url: url.toString(),
        expires_at: toIso(invitation.expiresAt).replace('T', ' ').slice(0, 16) + ' UTC',
      });
    } catch (error) {
      strapi.log.warn(
        `multi-account: invitation email to account ${account.number} failed: ${(error as Error).message}`
      );
      return (await strapi.db
        .query(UIDS.membership)
        .findOne({ where: { id: membership.id } })) as MembershipRow;
    }
    await strapi.db.query(UIDS.membership).updateMany({
      where: { id: membership.id, status: 'pending' },
      data: { status: 'invited' },
    });
    return (await strapi.db
      .query(UIDS.membership)
      .findOne({ where: { id: membership.id } })) as MembershipRow;
  },

  /** Open invitations addressed to the user's email, newest first. */
  async listMine(user: Invitee, page: PageQuery) {
    const where = {
      email: normalizeEmail(user.email),
      status: 'open',
      expiresAt: { $gt: new Date() },
    };
    const { offset, limit } = pageWindow(page);
    const [rows, total] = await Promise.all([
      strapi.db
        .query(UIDS.invitation)
        .findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], offset, limit }),
      strapi.db.query(UIDS.invitation).count({ where }),
    ]);
    const invitations = rows as InvitationRow[];
    const accountIds = [...new Set(invitations.map((i) => i.accountId))];
    const inviterIds = [
      ...new Set(invitations.map((i) => i.invitedById).filter((id): id is number => !!id)),
    ];
    const membershipIds = invitations.map((i) => i.membershipId);
    const [accounts, inviters, memberships] = await Promise.all([
      accountIds.length
        ? strapi.db.query(UIDS.account).findMany({ where: { id: { $in: accountIds } } })
        : [],
      inviterIds.length
        ? strapi.db
            .query(UIDS.user)
            .findMany({ where: { id: { $in: inviterIds } }, select: ['id', 'username'] })
        : [],
      membershipIds.length
        ? strapi.db
            .query(UIDS.membership)
            .findMany({ where: { id: { $in: membershipIds } }, select: ['id', 'permissions'] })
        : [],
    ]);
    const accountById = new Map(accounts.map((a) => [a.id, a as AccountRow]));
    const inviterById = new Map(inviters.map((u) => [u.id, u.username as string]));
    const permissionsById = new Map(
      memberships.map((m) => [m.id, (m.permissions ?? []) as string[]])
    );
    const data: Invitation[] = invitations.map((invitation) => ({
      documentId: invitation.documentId,
      account: toAccountRef(
        accountById.get(invitation.accountId) ?? { documentId: '', number: '', name: '' }
      ),
      permissions: permissionsById.get(invitation.membershipId) ?? [],
      invitedBy:
        invitation.invitedById && inviterById.has(invitation.invitedById)
          ? { username: inviterById.get(invitation.invitedById) as string }
          : null,
      expiresAt: toIso(invitation.expiresAt),
    }));
    return { data, meta: { pagination: paginationMeta(page, total) } };
  },

  /** An invitation addressed to this user, by documentId; another user's is a 404. */
  async findMine(user: Invitee, documentId: string) {
    const invitation = (await strapi.db
      .query(UIDS.invitation)
      .findOne({ where: { documentId } })) as InvitationRow | null;
    if (!invitation || invitation.email !== normalizeEmail(user.email))
      throw Errors.invitationNotFound();
    return invitation;
  },

  /** The invitation behind an emailed token; the link of another address is refused, not consumed. */
  async findByToken(user: Invitee, token: string) {
    const tokenHash = hashToken(token);
    const invitation = (await strapi.db
      .query(UIDS.invitation)
      .findOne({ where: { tokenHash } })) as InvitationRow | null;
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
    try {
      await strapi.db.transaction(async () => {
        const { count } = await strapi.db.query(UIDS.invitation).updateMany({
          where: { id: invitation.id, status: 'open' },
          data: { status: 'accepted', respondedAt: new Date() },
        });
        if (count !== 1) throw Errors.invitationClosed();
        const joined = await strapi.db.query(UIDS.membership).updateMany({
          where: { id: invitation.membershipId, status: { $in: ['pending', 'invited'] } },
          data: { userId: user.id, status: 'active' },
        });
        if (joined.count !== 1) throw Errors.invitationClosed();
        await getService('audit').record({
          action: 'invitation.accepted',
          actor: {
            type: 'user',
            userId: user.id,
            membershipId: invitation.membershipId,
            isOwner: false,
            permissions: [],
          },
          accountId: invitation.accountId,
          membershipId: invitation.membershipId,
          details: { invitation: invitation.documentId },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw Errors.alreadyHasAccess();
      throw error;
    }
    const account = (await strapi.db
      .query(UIDS.account)
      .findOne({ where: { id: invitation.accountId } })) as AccountRow;
    const active = await getService('memberships').findActive(user.id, account.documentId);
    if (!active) throw Errors.invitationClosed();
    return getService('memberships').toMyAccount(active);
  },

  async reject(user: Invitee, invitation: InvitationRow) {
    if (invitation.status !== 'open') throw Errors.invitationClosed();
    await strapi.db.transaction(async () => {
      const { count } = await strapi.db.query(UIDS.invitation).updateMany({
        where: { id: invitation.id, status: 'open' },
        data: { status: 'rejected', respondedAt: new Date() },
      });
      if (count !== 1) throw Errors.invitationClosed();
      await strapi.db.query(UIDS.membership).updateMany({
        where: { id: invitation.membershipId, status: { $in: ['pending', 'invited'] } },
        data: { status: 'rejected' },
      });
      await getService('audit').record({
        action: 'invitation.rejected',
        actor: {
          type: 'user',
          userId: user.id,
          membershipId: null,
          isOwner: false,
          permissions: [],
        },
        accountId: invitation.accountId,
        membershipId: invitation.membershipId,
        details: { invitation: invitation.documentId },
      });
    });
    return { documentId: invitation.documentId, status: 'rejected' as const };
  },
});
