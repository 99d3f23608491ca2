import hasPermission from './has-permission';
import signedIn from './signed-in';

export default { 'has-permission': hasPermission, 'signed-in': signedIn };
