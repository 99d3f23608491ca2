import accounts from './accounts';
import actingAccount from './acting-account';
import adminAccounts from './admin-accounts';
import adminAudit from './admin-audit';
import adminFiles from './admin-files';
import adminUsers from './admin-users';
import audit from './audit';
import contacts from './contacts';
import email from './email';
import impersonations from './impersonations';
import invitations from './invitations';
import invitee from './invitee';
import login from './login';
import memberships from './memberships';
import ownershipTransfers from './ownership-transfers';
import permissions from './permissions';
import rateLimit from './rate-limit';
import scopedContent from './scoped-content';
import sessionStore from './session-store';
import settings from './settings';
import userRemoval from './user-removal';

const services = {
  accounts,
  'acting-account': actingAccount,
  'admin-accounts': adminAccounts,
  'admin-audit': adminAudit,
  'admin-files': adminFiles,
  'admin-users': adminUsers,
  audit,
  contacts,
  email,
  impersonations,
  invitations,
  invitee,
  login,
  memberships,
  'ownership-transfers': ownershipTransfers,
  permissions,
  'rate-limit': rateLimit,
  'scoped-content': scopedContent,
  'session-store': sessionStore,
  settings,
  'user-removal': userRemoval,
};

export default services;

type ServiceInstances = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

// getService's types come from here, so that utils, which every layer imports, imports none of them
declare module '../utils' {
  interface PluginServices extends ServiceInstances {}
}
