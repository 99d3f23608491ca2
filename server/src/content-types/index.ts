import account from './account';
import auditLog from './audit-log';
import invitation from './invitation';
import membership from './membership';

export default {
  account,
  membership,
  invitation,
  'audit-log': auditLog,
};
