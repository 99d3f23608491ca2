import account from './account';
import auditLog from './audit-log';
import impersonation from './impersonation';
import invitation from './invitation';
import membership from './membership';
import ownershipTransfer from './ownership-transfer';

export default {
  account,
  membership,
  invitation,
  'audit-log': auditLog,
  'ownership-transfer': ownershipTransfer,
  impersonation,
};
