/**
 * Every statement on the plugin's accounts, memberships and invitations. Each runs in the
 * caller's transaction when there is one, and answers parsed rows.
 */
import { UIDS } from '../utils';
import { invitationRow, ownershipTransferRow } from './rows';
import { table } from './table';

export { accounts } from './accounts';
export { memberships } from './memberships';
export const invitations = table(UIDS.invitation, invitationRow);
export const ownershipTransfers = table(UIDS.ownershipTransfer, ownershipTransferRow);
export type { AccountRow, InvitationRow, MembershipRow, OwnershipTransferRow } from './rows';
