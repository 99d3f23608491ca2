import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse } from '../validation';
import { adminSchemas as schemas, pathParams } from '../validation/admin';
import { adminActor } from './admin-accounts';

/** Admin: support's impersonation tokens, started and ended by admins holding `impersonate`. */
export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: Context) {
    const input = parse(schemas.startImpersonation, ctx.request.body, 'body');
    ctx.status = 201;
    ctx.body = { data: await getService('impersonations').start(input, adminActor(ctx)) };
  },

  async delete(ctx: Context) {
    const { documentId } = parse(schemas.impersonationParams, pathParams(ctx.params), 'path');
    await getService('impersonations').end(documentId, adminActor(ctx));
    ctx.status = 204;
  },
});
