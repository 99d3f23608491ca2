/**
 * Every statement on the plugin's accounts, memberships and invitations. Each runs in the
 * caller's transaction when there is one, and answers parsed rows.
 */
import { UIDS } from '../utils';
import { rowSchemas } from './rows';
import { table } from './table';

export { accounts } from './accounts';
export { memberships } from './memberships';
export { sessions } from './sessions';
export const invitations = table(UIDS.invitation, () => rowSchemas.invitation);
export const ownershipTransfers = table(UIDS.ownershipTransfer, () => rowSchemas.ownershipTransfer);
export const impersonations = table(UIDS.impersonation, () => rowSchemas.impersonation);
export type { SessionRow } from './sessions';
export type {
  AccountRow,
  ImpersonationRow,
  InvitationRow,
  MembershipRow,
  OwnershipTransferRow,
} from './rows';
