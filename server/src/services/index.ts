import accounts from './accounts';
import actingAccount from './acting-account';
import adminAccounts from './admin-accounts';
import adminAudit from './admin-audit';
import adminUsers from './admin-users';
import audit from './audit';
import contacts from './contacts';
import email from './email';
import invitations from './invitations';
import invitee from './invitee';
import memberships from './memberships';
import permissions from './permissions';
import rateLimit from './rate-limit';
import scopedContent from './scoped-content';
import session from './session';
import sessions from './sessions';
import settings from './settings';
import userRemoval from './user-removal';

export default {
  accounts,
  'acting-account': actingAccount,
  'admin-accounts': adminAccounts,
  'admin-audit': adminAudit,
  'admin-users': adminUsers,
  audit,
  contacts,
  email,
  invitations,
  invitee,
  memberships,
  permissions,
  'rate-limit': rateLimit,
  'scoped-content': scopedContent,
  session,
  sessions,
  settings,
  'user-removal': userRemoval,
};
