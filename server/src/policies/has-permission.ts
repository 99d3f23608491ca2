import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { getService } from '../utils';
import { Errors } from '../utils/errors';
import type { ActiveAccount } from '../services/memberships';

const configSchema = z
  .strictObject({ permissions: z.array(z.string()).default([]) })
  .default({ permissions: [] });

/**
 * `plugin::multi-account.has-permission`, `{ permissions: [...] }`: 403 unless the request acts
 * for an account through an active membership holding every named key (owners hold all).
 */
export default {
  name: 'has-permission',
  validator(config: unknown) {
    const { permissions } = configSchema.parse(config);
    getService('permissions').normalize(permissions);
  },
  handler(
    policyContext: Core.PolicyContext & {
      state: { multiAccount?: ActiveAccount; multiAccountRefused?: boolean };
    },
    config: { permissions?: string[] } | undefined,
    { strapi: _strapi }: { strapi: Core.Strapi }
  ) {
    const active = policyContext.state.multiAccount;
    if (!active) throw Errors.noActingAccount(policyContext.state);
    getService('permissions').assertHolds(active.permissions, config?.permissions ?? []);
    return true;
  },
};
