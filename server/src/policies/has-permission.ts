import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { getService } from '../utils';
import { requestOf, type PolicyContext } from './request-of';

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
  async handler(
    policyContext: PolicyContext,
    config: { permissions?: string[] } | undefined,
    { strapi }: { strapi: Core.Strapi }
  ) {
    // the account is then at `ctx.state.multiAccount` for the route's controller
    const active = await getService('acting-account', strapi).require(requestOf(policyContext));
    getService('permissions').assertHolds(active.permissions, config?.permissions ?? []);
    return true;
  },
};
