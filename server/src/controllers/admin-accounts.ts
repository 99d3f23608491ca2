import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { AdminActor } from '../services/audit';
import { getService } from '../utils';
import { parse } from '../validation';
import { adminSchemas as schemas, pathParams } from '../validation/admin';

/** The logged-in admin, as the audit trail records them. */
export const adminActor = (ctx: Context): AdminActor => ({
  type: 'admin',
  adminId: ctx.state.user.id,
});

/** Admin: search, read and open accounts; an account's audit trail. */
export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { q, ids, ...page } = parse(schemas.listAccounts, ctx.query, 'query');
    ctx.body = await getService('admin-accounts').search({ q, ids }, page);
  },

  async findOne(ctx: Context) {
    const { documentId } = parse(schemas.accountParams, pathParams(ctx.params), 'path');
    parse(schemas.empty, ctx.query, 'query');
    ctx.body = { data: await getService('admin-accounts').findOne(documentId) };
  },

  async create(ctx: Context) {
    const input = parse(schemas.createAccount, ctx.request.body, 'body');
    ctx.status = 201;
    ctx.body = { data: await getService('admin-accounts').create(input, adminActor(ctx)) };
  },

  async update(ctx: Context) {
    const { documentId } = parse(schemas.accountParams, pathParams(ctx.params), 'path');
    const change = parse(schemas.updateAccount, ctx.request.body, 'body');
    ctx.body = {
      data: await getService('admin-accounts').update(documentId, change, adminActor(ctx)),
    };
  },

  async delete(ctx: Context) {
    const { documentId } = parse(schemas.accountParams, pathParams(ctx.params), 'path');
    await getService('admin-accounts').close(documentId, adminActor(ctx));
    ctx.status = 204;
  },

  async audit(ctx: Context) {
    const { documentId } = parse(schemas.accountParams, pathParams(ctx.params), 'path');
    const page = parse(schemas.listPage, ctx.query, 'query');
    const account = await getService('accounts').findByDocumentId(documentId);
    ctx.body = await getService('admin-audit').listForAccount(account, page);
  },
});
