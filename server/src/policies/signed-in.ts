import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { requestOf, type PolicyContext } from './request-of';
import { Errors } from '../utils/errors';

/**
 * `plugin::multi-account.signed-in`: the plugin's routes act for a users-permissions user.
 * Anonymous callers are already turned away with a 401; this refuses what else authenticates,
 * such as an API token, which has no user to act for, and a login session that has ended.
 */
export default {
  name: 'signed-in',
  async handler(
    policyContext: PolicyContext,
    _config: unknown,
    { strapi }: { strapi: Core.Strapi }
  ) {
    const request = requestOf(policyContext);
    if (!request.state.user) throw Errors.userRequired();
    if (await getService('acting-account', strapi).sessionEnded(request)) {
      throw Errors.sessionEnded();
    }
    return true;
  },
};
