import type { Core } from '@strapi/strapi';
import type { MembershipStatus, MembershipType } from '../../../shared/contracts';
import { getService, normalizeEmail, UIDS } from '../utils';
import { Errors, isUniqueViolation } from '../utils/errors';
import type { PageQuery } from '../utils/pagination';
import type { Actor } from './audit';
import type { MembershipRow } from './memberships';

export type NewContact = {
  email: string;
  username: string;
  password: string;
  permissions: string[];
};
export type MemberChange = { permissions?: string[]; status?: 'active' | 'inactive' };

const OPEN_INVITATION: MembershipStatus[] = ['pending', 'invited'];

/** An account's members as its owner, a member holding `contacts`, or an admin manages them. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  list(
    accountId: number,
    filters: { status?: MembershipStatus; type?: MembershipType },
    page: PageQuery
  ) {
    return getService('memberships').listForAccount(accountId, filters, page);
  },

  async findOne(accountId: number, documentId: string) {
    const memberships = getService('memberships');
    return memberships.toMember(await memberships.findInAccount(accountId, documentId));
  },

  /** Registers a new user as a contact of the account, in one transaction with its membership. */
  async create(accountId: number, input: NewContact, actor: Actor) {
    const permissions = getService('permissions').normalize(input.permissions);
    getService('permissions').assertCanChange(actor, [], permissions);
    const email = normalizeEmail(input.email);

    try {
      const membership = await strapi.db.transaction(async () => {
        const taken = await strapi.db.query(UIDS.user).findOne({
          where: { $or: [{ email }, { username: input.username }] },
          select: ['email', 'username'],
        });
        if (taken) throw Errors.identityTaken(taken.email === email ? 'email' : 'username');
        const existing = await strapi.db
          .query(UIDS.membership)
          .findOne({ where: { accountId, email }, select: ['status'] });
        if (existing) {
          throw OPEN_INVITATION.includes(existing.status)
            ? Errors.openInvitation()
            : Errors.alreadyMember();
        }
        const role = await strapi.db
          .query(UIDS.role)
          .findOne({ where: { type: 'authenticated' }, select: ['id'] });
        const user = await strapi.plugin('users-permissions').service('user').add({
          username: input.username,
          email,
          password: input.password,
          provider: 'local',
          confirmed: true,
          blocked: false,
          role: role?.id,
        });
        const created = (await strapi.db.query(UIDS.membership).create({
          data: {
            accountId,
            userId: user.id,
            email,
            type: 'contact',
            status: 'active',
            permissions,
          },
        })) as MembershipRow;
        await getService('audit').record({
          action: 'membership.created',
          actor,
          accountId,
          membershipId: created.id,
          details: { type: 'contact', userId: user.id, permissions },
        });
        return created;
      });
      return getService('memberships').toMember(membership);
    } catch (error) {
      if (isUniqueViolation(error)) throw Errors.identityTaken('email');
      throw error;
    }
  },

  async update(accountId: number, documentId: string, change: MemberChange, actor: Actor) {
    const memberships = getService('memberships');
    const row = await memberships.findInAccount(accountId, documentId);
    if (row.type === 'owner') throw Errors.ownerRow();
    if (actor.type === 'user' && row.id === actor.membershipId) throw Errors.ownRow();

    const data: Partial<MembershipRow> = {};
    if (change.permissions) {
      const permissions = getService('permissions').normalize(change.permissions);
      getService('permissions').assertCanChange(actor, row.permissions ?? [], permissions);
      data.permissions = permissions;
    }
    if (change.status && change.status !== row.status) {
      if (row.status !== 'active' && row.status !== 'inactive') throw Errors.statusNotChangeable();
      data.status = change.status;
    }

    const updated = await strapi.db.transaction(async () => {
      const result = (await strapi.db
        .query(UIDS.membership)
        .update({ where: { id: row.id }, data })) as MembershipRow;
      await getService('audit').record({
        action: 'membership.updated',
        actor,
        accountId,
        membershipId: row.id,
        details: {
          ...(data.permissions
            ? { permissions: { from: row.permissions ?? [], to: data.permissions } }
            : {}),
          ...(data.status ? { status: { from: row.status, to: data.status } } : {}),
        },
      });
      return result;
    });
    return memberships.toMember(updated);
  },

  /** Removes a member's access, or revokes an open invitation. The last owner stays. */
  async remove(accountId: number, documentId: string, actor: Actor) {
    const memberships = getService('memberships');
    const row = await memberships.findInAccount(accountId, documentId);
    if (actor.type === 'user' && row.id === actor.membershipId) throw Errors.ownRow();
    if (row.type === 'owner' && actor.type === 'user' && !actor.isOwner) throw Errors.ownerOnly();

    await strapi.db.transaction(async () => {
      await memberships.assertNotLastOwner(row);
      if (OPEN_INVITATION.includes(row.status)) {
        await strapi.db.query(UIDS.invitation).updateMany({
          where: { membershipId: row.id, status: 'open' },
          data: { status: 'revoked', respondedAt: new Date() },
        });
      }
      await strapi.db.query(UIDS.membership).delete({ where: { id: row.id } });
      await getService('audit').record({
        action: OPEN_INVITATION.includes(row.status) ? 'invitation.revoked' : 'membership.removed',
        actor,
        accountId,
        membershipId: row.id,
        details: { type: row.type, status: row.status, userId: row.userId, email: row.email },
      });
    });
  },

  /** A member leaves an account of their own accord. */
  async leave(userId: number, accountDocumentId: string) {
    const account = await getService('accounts').findByDocumentId(accountDocumentId);
    const row = (await strapi.db
      .query(UIDS.membership)
      .findOne({ where: { accountId: account.id, userId } })) as MembershipRow | null;
    if (!row) throw Errors.accountNotFound();
    await strapi.db.transaction(async () => {
      await getService('memberships').assertNotLastOwner(row);
      await strapi.db.query(UIDS.membership).delete({ where: { id: row.id } });
      await getService('audit').record({
        action: 'membership.removed',
        actor: {
          type: 'user',
          userId,
          membershipId: row.id,
          isOwner: row.type === 'owner',
          permissions: [],
        },
        accountId: account.id,
        membershipId: row.id,
        details: { type: row.type, left: true },
      });
    });
  },
});
