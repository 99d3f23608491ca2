import account from './account';
import adminAccounts from './admin-accounts';
import adminFiles from './admin-files';
import adminImpersonations from './admin-impersonations';
import adminMembers from './admin-members';
import adminSettings from './admin-settings';
import adminUsers from './admin-users';
import contact from './contact';
import invitation from './invitation';
import ownershipTransfer from './ownership-transfer';
import settings from './settings';

export default {
  account,
  'admin-accounts': adminAccounts,
  'admin-files': adminFiles,
  'admin-impersonations': adminImpersonations,
  'admin-members': adminMembers,
  'admin-settings': adminSettings,
  'admin-users': adminUsers,
  contact,
  invitation,
  'ownership-transfer': ownershipTransfer,
  settings,
};
