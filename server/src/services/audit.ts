import type { Core } from '@strapi/strapi';
import { getService, UIDS } from '../utils';

export type Actor =
  | {
      type: 'user';
      userId: number;
      membershipId: number | null;
      isOwner: boolean;
      permissions: string[];
      /** The request's address, for per-IP rate limits. */
      ip?: string;
    }
  | { type: 'admin'; adminId: number }
  | { type: 'system' };

/** A user acting for themselves (accepting, rejecting, leaving), with no keys to show. */
export const selfActor = (
  userId: number,
  membership?: { id: number; type: string } | null
): Actor => ({
  type: 'user',
  userId,
  membershipId: membership?.id ?? null,
  isOwner: membership?.type === 'owner',
  permissions: [],
});

export type UserActor = Extract<Actor, { type: 'user' }>;
export type AdminActor = Extract<Actor, { type: 'admin' }>;

export type AuditInput = {
  action: string;
  actor: Actor;
  accountId: number | null;
  membershipId?: number | null;
  details?: Record<string, unknown>;
};

export const actorId = (actor: Actor) =>
  actor.type === 'user' ? actor.userId : actor.type === 'admin' ? actor.adminId : null;

/**
 * What a user does with an admin's impersonation token is the admin's doing: recorded as the
 * admin, naming the user and the impersonation.
 */
const asImpersonator = ({ actor, details }: AuditInput): Pick<AuditInput, 'actor' | 'details'> => {
  const impersonation = actor.type === 'user' ? getService('acting-account').impersonation() : null;
  if (!impersonation) return { actor, details };
  return {
    actor: { type: 'admin', adminId: impersonation.adminId },
    details: { ...details, impersonation: impersonation.documentId, userId: impersonation.userId },
  };
};

/**
 * The audit trail and the event hub: each change is written in the caller's transaction and
 * announced as `multi-account.<action>` once that transaction has committed.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async record(input: AuditInput) {
    const { action, accountId, membershipId = null } = input;
    const { actor, details = {} } = asImpersonator(input);
    await strapi.db.query(UIDS.auditLog).create({
      data: {
        action,
        actorType: actor.type,
        actorId: actorId(actor),
        accountId,
        membershipId,
        details,
      },
    });
    const payload = {
      action,
      actor: { type: actor.type, id: actorId(actor) },
      accountId,
      membershipId,
      details,
    };
    const emit = () => strapi.eventHub.emit(`multi-account.${action}`, payload);
    if (strapi.db.inTransaction()) {
      // joins the caller's transaction, so the event waits for its commit
      await strapi.db.transaction(async ({ onCommit }) => onCommit(emit));
    } else {
      await emit();
    }
  },
});
