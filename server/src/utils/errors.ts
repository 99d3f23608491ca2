import createHttpError from 'http-errors';
import { errors } from '@strapi/utils';

/**
 * Every error the plugin throws, by name, with its message. Strapi's error middleware turns
 * ApplicationError subclasses and http-errors into `{ data: null, error: { status, name, message, details } }`.
 */
const conflict = (message: string) => createHttpError(409, message, { details: {} });
const gone = (message: string) => createHttpError(410, message, { details: {} });
// Strapi's authorize step turns a thrown ForbiddenError into a bare "Forbidden" (it wraps the
// policies and the controller), so 403s travel as http-errors, which keep their message.
const forbidden = (message: string) => createHttpError(403, message, { details: {} });
const notFound = (message: string) => new errors.NotFoundError(message);
const invalid = (message: string) => new errors.ValidationError(message);

/** A 400 naming the field at `path`, as Strapi's own validation names it in `details.errors`. */
export const invalidAt = (message: string, path: string[]) =>
  new errors.ValidationError(message, { errors: [{ path, message, name: 'ValidationError' }] });
// the email provider is the upstream server here: its failure is a bad gateway, not our bug
const badGateway = (message: string, details: Record<string, unknown>) =>
  createHttpError(502, message, { details });

export const Errors = {
  userRequired: () =>
    forbidden(
      'These routes act for a signed-in user: send a users-permissions JWT, not an API token'
    ),
  noActiveAccount: () => forbidden('No active account: log in or switch to an account first'),
  missingPermissions: (keys: string[]) =>
    forbidden(`This action needs the permission${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}`),
  notActiveMember: () => forbidden('You are not an active member of this account'),
  sessionEnded: () =>
    createHttpError(401, 'This login session has ended: log in again', { details: {} }),
  ownerRow: () => forbidden("An owner's access cannot be changed here"),
  ownRow: () => forbidden('You cannot change your own access'),
  grantBeyondOwn: (keys: string[]) =>
    forbidden(`You cannot grant or withdraw permissions you do not hold: ${keys.join(', ')}`),
  memberBeyondOwn: (keys: string[]) =>
    forbidden(`This member holds permissions you do not hold: ${keys.join(', ')}`),
  lastOwner: () => forbidden('An account must keep at least one owner'),
  accountSuspended: () => forbidden('This account is suspended'),
  contactRegistrationOff: () => forbidden('Registering contacts is turned off'),
  acceptByTokenOnly: () =>
    forbidden('Invitations are accepted or rejected through the link in the invitation email'),
  ownerOnly: () => forbidden('Only an owner can remove another owner'),
  ownersMakeOwners: () => forbidden('Only an owner can make or unmake owners'),
  ownersSeeTransfers: () => forbidden("Only an owner can see the account's ownership transfers"),
  ownerMustBeActive: () => conflict('Only an active member can become an owner'),
  notAnOwner: () => invalid('Only an owner can be made a contact'),
  transferNotFound: () => notFound('Ownership transfer not found'),
  filesShared: () =>
    notFound('Files are shared by every account here: the app has no account-scoped type'),
  filesNotFound: (ids: number[]) =>
    notFound(`No file with the id${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`),
  transferClosed: () => gone('This ownership transfer has expired or is no longer open'),
  transferOpen: () => conflict('An ownership transfer is already open for this account'),
  transferToOwner: () => conflict('This member is already an owner'),
  transferNotTheirs: () => forbidden('Only the owner who offered it can cancel it'),
  invitedElsewhere: () => forbidden('This invitation was sent to another email address'),
  emailNotConfirmed: () => forbidden('Confirm your email address before accepting an invitation'),
  emailNotConfirmedToSee: () =>
    forbidden('Confirm your email address to see or answer the invitations sent to it'),
  notWhileImpersonating: () =>
    forbidden('Not allowed with an impersonation token: only the user can do this'),
  impersonationNotFound: () => notFound('Impersonation not found'),
  impersonateActiveMember: () =>
    conflict('Only an active member of an active account can be impersonated'),
  memberNotFound: () => notFound('Member not found'),
  accountNotFound: () => notFound('Account not found'),
  invitationNotFound: () => notFound('Invitation not found'),
  userNotFound: () => notFound('User not found'),
  invitationClosed: () => gone('This invitation has expired or is no longer open'),
  alreadyMember: () => conflict('This email already has access to the account'),
  openInvitation: () => conflict('This email already has an open invitation to the account'),
  alreadyHasAccess: () => conflict('You already have access to this account'),
  // one message for both, as users-permissions answers, so neither field can be probed alone
  identityTaken: () => conflict('Email or Username are already taken'),
  notAnInvitation: () => invalid('Only an open invitation can be resent'),
  statusNotChangeable: () =>
    invalid('Only an active or inactive membership can be suspended or reactivated'),
  emailNotSent: (provider: string, reason: string) =>
    badGateway(
      provider === 'sendmail'
        ? `The email could not be sent: no email provider is configured, and Strapi's default (sendmail) failed: ${reason}. Configure an email provider in config/plugins.`
        : `The email could not be sent: the email provider (${provider}) failed: ${reason}`,
      { provider, reason }
    ),
  noFreeAccountNumber: (attempts: number) =>
    createHttpError(503, `No free account number after ${attempts} draws: try again later`, {
      details: {},
    }),
  lastOwnerUser: (accountNumber: string) =>
    forbidden(
      `This user is the last owner of account ${accountNumber}, which has other members: an account cannot be left without an owner`
    ),
};

/** What an error says, whatever was thrown. */
export const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/** True for a unique-constraint violation on SQLite, PostgreSQL and MySQL/MariaDB. */
export const isUniqueViolation = (error: unknown): boolean => {
  const { code, errno } = (error ?? {}) as { code?: string; errno?: number };
  return (
    code === '23505' ||
    code === 'ER_DUP_ENTRY' ||
    errno === 1062 ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
};
