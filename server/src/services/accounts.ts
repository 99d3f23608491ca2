import { randomInt } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import * as store from '../store';
import type { AccountRow, MembershipRow } from '../store';
import type { AccountNumberGenerator } from '../config';
import { getService, pluginConfig } from '../utils';
import { Errors, isUniqueViolation } from '../utils/errors';
import type { Actor } from './audit';

const NUMBER_ATTEMPTS = 5;
const NUMBER_MAX = 16;
export const ACCOUNT_NAME_MAX = 200;

/** Short, human account numbers: 8 digits, random so they reveal nothing about the others. */
const randomAccountNumber = () => String(randomInt(10_000_000, 100_000_000));

/** The host's generator (config `accountNumber`) or the default; what it draws is checked here. */
const drawAccountNumber = async () => {
  const draw = pluginConfig<AccountNumberGenerator | undefined>('accountNumber');
  const number: unknown = draw ? await draw() : randomAccountNumber();
  // a host's generator answering something else is the app's bug, not the caller's input: a 500
  if (typeof number !== 'string' || !number.trim() || number.length > NUMBER_MAX) {
    throw new Error(
      `The multi-account plugin's accountNumber() must return a non-empty string of at most ${NUMBER_MAX} characters, not ${JSON.stringify(number)}`
    );
  }
  return number;
};

const noFreeNumber = (strapi: Core.Strapi) => {
  strapi.log.warn(
    `multi-account: ${NUMBER_ATTEMPTS} account numbers in a row were taken; if config accountNumber() draws from a small range, widen it`
  );
  return Errors.noFreeAccountNumber(NUMBER_ATTEMPTS);
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async findByDocumentId(documentId: string): Promise<AccountRow> {
    const account = await store.accounts.findOne({ documentId });
    if (!account) throw Errors.accountNotFound();
    return account;
  },

  /**
   * Creates an account owned by `owner`. The number is drawn again when it clashes with an
   * existing one, which the unique index reports; after NUMBER_ATTEMPTS clashes the answer is a
   * 503 and nothing is written.
   */
  async create(
    { name, owner }: { name: string; owner: { id: number; email: string } },
    actor: Actor
  ): Promise<AccountRow> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await strapi.db.transaction(async () => {
          const account = await store.accounts.create({
            name,
            number: await drawAccountNumber(),
            status: 'active',
          });
          const membership = await store.memberships.create({
            accountId: account.id,
            userId: owner.id,
            email: owner.email.toLowerCase(),
            type: 'owner',
            status: 'active',
            permissions: [],
          });
          await getService('audit').record({
            action: 'account.created',
            actor,
            accountId: account.id,
            membershipId: membership.id,
            details: { number: account.number, name },
          });
          return account;
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (attempt >= NUMBER_ATTEMPTS) throw noFreeNumber(strapi);
      }
    }
  },

  /**
   * Call under the account's lock: revokes its open invitations, each in the audit trail with
   * `details` (why).
   */
  async revokeOpenInvitations(accountId: number, actor: Actor, details: Record<string, unknown>) {
    for (const invitation of await store.invitations.findMany({ accountId, status: 'open' })) {
      await store.invitations.update(invitation.id, { status: 'revoked', respondedAt: new Date() });
      await getService('audit').record({
        action: 'invitation.revoked',
        actor,
        accountId,
        membershipId: invitation.membershipId,
        details: { invitation: invitation.documentId, email: invitation.email, ...details },
      });
    }
  },

  /** Call under the account's lock: deletes a membership, audited with what it was and `details`. */
  async removeMembership(
    membership: MembershipRow,
    actor: Actor,
    details: Record<string, unknown>
  ) {
    await store.memberships.delete(membership.id);
    await getService('audit').record({
      action: 'membership.removed',
      actor,
      accountId: membership.accountId,
      membershipId: membership.id,
      details: {
        type: membership.type,
        status: membership.status,
        userId: membership.userId,
        email: membership.email,
        ...details,
      },
    });
  },

  /**
   * Call under the account's lock, once its memberships are gone: deletes the account, and its
   * scoped documents follow `scopedContent.onAccountDeleted`; audited with `details`.
   */
  async deleteEmptied(account: AccountRow, actor: Actor, details: Record<string, unknown>) {
    await store.accounts.delete(account.id);
    const scopedDocuments = await getService('scoped-content').settleClosedAccount(account.id);
    await getService('audit').record({
      action: 'account.deleted',
      actor,
      accountId: account.id,
      details: { number: account.number, name: account.name, ...details, scopedDocuments },
    });
  },

  /** The personal account every self-registered user gets (config `createAccountOnRegister`). */
  async createPersonal(user: { id: number; username: string; email: string }) {
    // a username has no length limit in users-permissions; an account name has 200 characters
    return this.create(
      { name: user.username.slice(0, ACCOUNT_NAME_MAX), owner: user },
      { type: 'system' }
    );
  },
});
