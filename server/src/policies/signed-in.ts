import type { Core } from '@strapi/strapi';
import type { RequestLike } from '../services/acting-account';
import { getService } from '../utils';
import { Errors } from '../utils/errors';

/**
 * `plugin::multi-account.signed-in`: the plugin's routes act for a users-permissions user.
 * Anonymous callers are already turned away with a 401; this refuses what else authenticates,
 * such as an API token, which has no user to act for, and a login session that has ended.
 */
export default {
  name: 'signed-in',
  async handler(policyContext: RequestLike, _config: unknown, { strapi }: { strapi: Core.Strapi }) {
    if (!policyContext.state.user) throw Errors.userRequired();
    if (await getService('acting-account', strapi).sessionEnded(policyContext)) {
      throw Errors.sessionEnded();
    }
    return true;
  },
};
