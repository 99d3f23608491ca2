import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse } from '../validation';
import { adminSchemas as schemas, pathParams } from '../validation/admin';

/** Admin: users-permissions users and their access lists. */
export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { q, ...page } = parse(schemas.listUsers, ctx.query, 'query');
    ctx.body = await getService('admin-users').search(q, page);
  },

  async findOne(ctx: Context) {
    const { documentId } = parse(schemas.userParams, pathParams(ctx.params), 'path');
    parse(schemas.empty, ctx.query, 'query');
    ctx.body = { data: await getService('admin-users').findUser(documentId) };
  },

  async access(ctx: Context) {
    const { documentId } = parse(schemas.userParams, pathParams(ctx.params), 'path');
    const page = parse(schemas.listPage, ctx.query, 'query');
    ctx.body = await getService('admin-users').accessList(documentId, page);
  },
});
