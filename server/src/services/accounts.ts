import { randomInt } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import * as store from '../store';
import type { AccountRow } from '../store';
import { getService } from '../utils';
import { Errors, isUniqueViolation } from '../utils/errors';
import type { Actor } from './audit';

const NUMBER_ATTEMPTS = 5;
export const ACCOUNT_NAME_MAX = 200;

/** Short, human account numbers: 8 digits, random so they reveal nothing about the others. */
const newAccountNumber = () => String(randomInt(10_000_000, 100_000_000));

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async findByDocumentId(documentId: string): Promise<AccountRow> {
    const account = await store.accounts.findOne({ documentId });
    if (!account) throw Errors.accountNotFound();
    return account;
  },

  /**
   * Creates an account owned by `owner`. The number is drawn again on the rare collision with an
   * existing one, which the unique index reports.
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
            number: newAccountNumber(),
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
        if (!isUniqueViolation(error) || attempt >= NUMBER_ATTEMPTS) throw error;
      }
    }
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
