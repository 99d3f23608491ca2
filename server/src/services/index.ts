import accounts from './accounts';
import audit from './audit';
import contacts from './contacts';
import email from './email';
import invitations from './invitations';
import memberships from './memberships';
import permissions from './permissions';
import rateLimit from './rate-limit';
import session from './session';

export default {
  accounts,
  audit,
  contacts,
  email,
  invitations,
  memberships,
  permissions,
  'rate-limit': rateLimit,
  session,
};
