import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { requestOf, type PolicyContext } from './request-of';
import { Errors } from '../utils/errors';

/**
 * `plugin::multi-account.not-impersonated`: what only the user may do (leave an account,
 * switch, answer an invitation, give or take ownership) is refused to an admin's impersonation
 * token, which acts for one account and is audited as the admin.
 */
export default {
  name: 'not-impersonated',
  handler(policyContext: PolicyContext, _config: unknown, { strapi }: { strapi: Core.Strapi }) {
    if (getService('acting-account', strapi).impersonation(requestOf(policyContext))) {
      throw Errors.notWhileImpersonating();
    }
    return true;
  },
};
