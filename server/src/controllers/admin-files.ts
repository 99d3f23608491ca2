import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse } from '../validation';
import { adminSchemas as schemas, pathParams } from '../validation/admin';
import { adminActor } from './admin-accounts';

/** Admin: the files filed under an account, filed there and taken out. */
export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { documentId } = parse(schemas.accountParams, pathParams(ctx.params), 'path');
    const { q, ...page } = parse(schemas.listFiles, ctx.query, 'query');
    const account = await getService('accounts').findByDocumentId(documentId);
    ctx.body = await getService('admin-files').list(account.id, { q }, page);
  },

  async add(ctx: Context) {
    const { documentId } = parse(schemas.accountParams, pathParams(ctx.params), 'path');
    const { files } = parse(schemas.addFiles, ctx.request.body, 'body');
    const account = await getService('accounts').findByDocumentId(documentId);
    await getService('admin-files').file(account, files, adminActor(ctx));
    ctx.status = 204;
  },

  async remove(ctx: Context) {
    const { documentId, fileId } = parse(schemas.fileParams, pathParams(ctx.params), 'path');
    const account = await getService('accounts').findByDocumentId(documentId);
    await getService('admin-files').unfile(account, fileId, adminActor(ctx));
    ctx.status = 204;
  },
});
