/**
 * Every statement on the plugin's accounts, memberships and invitations. Each runs in the
 * caller's transaction when there is one, and answers parsed rows.
 */
import { UIDS } from '../utils';
import { invitationRow } from './rows';
import { table } from './table';

export { accounts } from './accounts';
export { memberships } from './memberships';
export const invitations = table(UIDS.invitation, invitationRow);
export type { AccountRow, InvitationRow, MembershipRow } from './rows';
