import hasPermission from './has-permission';
import notImpersonated from './not-impersonated';
import signedIn from './signed-in';

export default {
  'has-permission': hasPermission,
  'not-impersonated': notImpersonated,
  'signed-in': signedIn,
};
