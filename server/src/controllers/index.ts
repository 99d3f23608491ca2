import account from './account';
import contact from './contact';
import invitation from './invitation';
import settings from './settings';

export default { account, contact, invitation, settings };
