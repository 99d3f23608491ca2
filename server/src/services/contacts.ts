import type { Core } from '@strapi/strapi';
import {
  OPEN_INVITATION_STATUSES,
  type MembershipStatus,
  type MembershipType,
} from '../../../shared/contracts';
import * as store from '../store';
import type { MembershipRow } from '../store';
import { getService, normalizeEmail, pluginConfig, rateLimits, UIDS } from '../utils';
import { Errors, invalidAt, isUniqueViolation, messageOf } from '../utils/errors';
import { usersPermissionsSettings } from '../utils/users-permissions';
import type { PageQuery } from '../utils/pagination';
import { selfActor, type Actor } from './audit';

export type NewContact = {
  email: string;
  username: string;
  password: string;
  permissions: string[];
};
export type MemberChange = { permissions?: string[]; status?: 'active' | 'inactive' };

/** users-permissions' own password rules: bcrypt's 72 bytes, and the app's `validatePassword`. */
const assertPasswordAllowed = async (password: string) => {
  const problem = (message: string) => invalidAt(message, ['password']);
  if (new TextEncoder().encode(password).length > 72) {
    throw problem('Password must be less than 73 bytes');
  }
  const validate = strapi.config.get<unknown>('plugin::users-permissions.validatePassword');
  if (typeof validate === 'function') {
    let valid: unknown;
    try {
      valid = await validate(password);
    } catch (error) {
      throw problem(messageOf(error) || 'Password validation failed.');
    }
    if (!valid) throw problem('Password validation failed.');
  }
};

/** The same keys, in any order. */
const sameKeys = (keys: string[], stored: unknown) =>
  Array.isArray(stored) &&
  stored.length === keys.length &&
  keys.every((key) => stored.includes(key));

/** Ownership stays the user's own: an admin's impersonation token neither gives nor takes it. */
const assertNotImpersonated = (actor: Actor) => {
  if (actor.type === 'user' && getService('acting-account').impersonation()) {
    throw Errors.notWhileImpersonating();
  }
};

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

  /** Caps registering contacts per account and, for members, per IP address. */
  async limitRegistering(accountId: number, actor: Actor) {
    if (actor.type !== 'user') return;
    const limits = rateLimits();
    const keys = [{ key: `contact:account:${accountId}`, limit: limits.contactsPerAccount }];
    if (actor.ip) keys.push({ key: `contact:ip:${actor.ip}`, limit: limits.contactsPerIp });
    await getService('rate-limit').consume(keys, limits.window);
  },

  /**
   * Registers a new user as a contact of the account, in one transaction with its membership,
   * under users-permissions' own rules: no email or username that clashes with another user's
   * email or username, its password rules, and its email confirmation when that is on (the
   * contact then proves the address before they can log in or accept anything).
   */
  async create(accountId: number, input: NewContact, actor: Actor) {
    if (actor.type === 'user' && !pluginConfig<boolean>('contactRegistration')) {
      throw Errors.contactRegistrationOff();
    }
    const permissions = getService('permissions').normalize(input.permissions);
    getService('permissions').assertCanChange(actor, [], permissions);
    await assertPasswordAllowed(input.password);
    await this.limitRegistering(accountId, actor);
    const email = normalizeEmail(input.email);
    const up = strapi.plugin('users-permissions');
    const { emailConfirmation: confirmation, defaultRole } = await usersPermissionsSettings(strapi);

    let user: { id: number; email: string; username: string };
    let membership: MembershipRow;
    try {
      ({ user, membership } = await strapi.db.transaction(async () => {
        const clashes = await strapi.db.query(UIDS.user).count({
          where: {
            $or: [
              { email },
              { username: email },
              { username: input.username },
              { email: input.username.toLowerCase() },
            ],
          },
        });
        if (clashes) throw Errors.identityTaken();
        const existing = await store.memberships.findOne({ accountId, email });
        if (existing) {
          throw OPEN_INVITATION_STATUSES.includes(existing.status)
            ? Errors.openInvitation()
            : Errors.alreadyMember();
        }
        const role = await strapi.db.query(UIDS.role).findOne({
          where: { type: defaultRole },
          select: ['id'],
        });
        const user = await up.service('user').add({
          username: input.username,
          email,
          password: input.password,
          provider: 'local',
          confirmed: !confirmation,
          blocked: false,
          role: role?.id,
        });
        const membership = await store.memberships.create({
          accountId,
          userId: user.id,
          email,
          type: 'contact',
          status: 'active',
          permissions,
        });
        await getService('audit').record({
          action: 'membership.created',
          actor,
          accountId,
          membershipId: membership.id,
          details: { type: 'contact', userId: user.id, permissions },
        });
        return { user, membership };
      }));
    } catch (error) {
      if (isUniqueViolation(error)) throw Errors.identityTaken();
      throw error;
    }
    if (confirmation) {
      try {
        await up.service('user').sendConfirmationEmail(user);
      } catch (error) {
        // the contact can ask for it again through users-permissions' send-email-confirmation
        strapi.log.warn(
          `multi-account: confirmation email to a new contact failed: ${messageOf(error)}`
        );
      }
    }
    return getService('memberships').toMember(membership);
  },

  /**
   * Changes a member's permissions or status. The row is read inside the transaction, under the
   * account's lock, so what is checked is what is written.
   */
  async update(accountId: number, documentId: string, change: MemberChange, actor: Actor) {
    const memberships = getService('memberships');
    const updated = await strapi.db.transaction(async () => {
      await memberships.lockAccount(accountId);
      const row = await memberships.findInAccount(accountId, documentId);
      if (row.type === 'owner') throw Errors.ownerRow();
      if (actor.type === 'user' && row.id === actor.membershipId) throw Errors.ownRow();
      getService('permissions').assertCanActOn(actor, row);

      const data: Partial<Pick<MembershipRow, 'permissions' | 'status'>> = {};
      if (change.permissions) {
        const permissions = getService('permissions').normalize(change.permissions);
        // the keys the member holds: a stored key the catalogue no longer has is no one's
        const held = getService('permissions').effective(row);
        getService('permissions').assertCanChange(actor, held, permissions);
        if (!sameKeys(permissions, row.permissions)) data.permissions = permissions;
      }
      if (change.status && change.status !== row.status) {
        if (row.status !== 'active' && row.status !== 'inactive')
          throw Errors.statusNotChangeable();
        data.status = change.status;
      }
      // naming what the member already has changes nothing, and is not audited
      if (!data.permissions && !data.status) return row;
      const result = await store.memberships.update(row.id, data);
      if (data.status === 'inactive') {
        await getService('ownership-transfers').withdrawOffersOf(row, actor);
      }
      await getService('audit').record({
        action: 'membership.updated',
        actor,
        accountId,
        membershipId: row.id,
        details: {
          ...(data.permissions
            ? { permissions: { from: row.permissions, to: data.permissions } }
            : {}),
          ...(data.status ? { status: { from: row.status, to: data.status } } : {}),
        },
      });
      return result;
    });
    return memberships.toMember(updated);
  },

  /**
   * Makes an active member an owner, or another owner a contact holding every key (who keeps
   * their access; an owner may then narrow it). Only owners and admins may; never the last
   * owner; never one's own row. The actor's own row is read again under the account's lock, so
   * two owners demoting each other at once leave one owner, whatever the database.
   */
  async changeType(accountId: number, documentId: string, type: 'owner' | 'contact', actor: Actor) {
    assertNotImpersonated(actor);
    const memberships = getService('memberships');
    const updated = await strapi.db.transaction(async () => {
      await memberships.lockAccount(accountId);
      if (actor.type === 'user') await memberships.assertStillOwner(actor.membershipId);
      const row = await memberships.findInAccount(accountId, documentId);
      if (actor.type === 'user' && row.id === actor.membershipId) throw Errors.ownRow();
      if (row.type === type) return row;
      if (type === 'owner' && row.status !== 'active') throw Errors.ownerMustBeActive();
      if (type === 'contact' && row.type !== 'owner') throw Errors.notAnOwner();
      if (type === 'contact') await memberships.assertNotLastOwner(row);
      const permissions = type === 'owner' ? row.permissions : getService('permissions').keys();
      const result = await store.memberships.update(row.id, { type, permissions });
      await getService('ownership-transfers').withdrawOffersOf(row, actor);
      await getService('audit').record({
        action: type === 'owner' ? 'membership.owner-added' : 'membership.owner-removed',
        actor,
        accountId,
        membershipId: row.id,
        details: { type: { from: row.type, to: type } },
      });
      return result;
    });
    return memberships.toMember(updated);
  },

  /**
   * Removes a member's access, or revokes an open invitation. The last owner stays; only an
   * owner removes another, as read again under the account's lock.
   */
  async remove(accountId: number, documentId: string, actor: Actor) {
    const memberships = getService('memberships');
    await strapi.db.transaction(async () => {
      await memberships.lockAccount(accountId);
      const row = await memberships.findInAccount(accountId, documentId);
      if (actor.type === 'user' && row.id === actor.membershipId) throw Errors.ownRow();
      if (row.type === 'owner' && actor.type === 'user') {
        assertNotImpersonated(actor);
        // read again under the lock: an owner unmade while this request waited removes no owner
        if (!actor.isOwner || !(await memberships.isStillOwner(actor.membershipId))) {
          throw Errors.ownerOnly();
        }
      }
      getService('permissions').assertCanActOn(actor, row);
      await memberships.assertNotLastOwner(row);
      if (OPEN_INVITATION_STATUSES.includes(row.status)) {
        await store.invitations.updateWhere(
          { membershipId: row.id, status: 'open' },
          { status: 'revoked', respondedAt: new Date() }
        );
      }
      await store.memberships.delete(row.id);
      await getService('audit').record({
        action: OPEN_INVITATION_STATUSES.includes(row.status)
          ? 'invitation.revoked'
          : 'membership.removed',
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
    await strapi.db.transaction(async () => {
      await store.accounts.lock(account.id);
      const row = await store.memberships.findOne({ accountId: account.id, userId });
      if (!row) throw Errors.accountNotFound();
      await getService('memberships').assertNotLastOwner(row);
      await store.memberships.delete(row.id);
      await getService('audit').record({
        action: 'membership.removed',
        actor: selfActor(userId, row),
        accountId: account.id,
        membershipId: row.id,
        details: { type: row.type, left: true },
      });
    });
  },
});
