import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { getService } from '../utils';
import { requestOf, type PolicyContext } from './request-of';

/** Built for each route's config as Strapi checks it at boot, and dropped after. */
const configSchemaOf = () =>
  z.strictObject({ permissions: z.array(z.string()).default([]) }).default({ permissions: [] });

/**
 * `plugin::multi-account.has-permission`, `{ permissions: [...] }`: 403 unless the request acts
 * for an account through an active membership holding every named key (owners hold all).
 */
export default {
  name: 'has-permission',
  validator(config: unknown) {
    const { permissions } = configSchemaOf().parse(config);
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
