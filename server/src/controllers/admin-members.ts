import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse } from '../validation';
import { adminSchemas as schemas, pathParams } from '../validation/admin';
import { adminActor } from './admin-accounts';

const accountOf = (documentId: string) => getService('accounts').findByDocumentId(documentId);

/**
 * Admin: an account's contacts, through the same services as the client area, so the same rules
 * hold (last owner, unknown keys, open invitations) and every change lands in the same audit trail.
 */
export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { documentId } = parse(schemas.accountParams, pathParams(ctx.params), 'path');
    const { status, type, ...page } = parse(schemas.listMembers, ctx.query, 'query');
    const account = await accountOf(documentId);
    ctx.body = await getService('contacts').list(account.id, { status, type }, page);
  },

  async createContact(ctx: Context) {
    const { documentId } = parse(schemas.accountParams, pathParams(ctx.params), 'path');
    const input = parse(schemas.createContact, ctx.request.body, 'body');
    const account = await accountOf(documentId);
    ctx.status = 201;
    ctx.body = { data: await getService('contacts').create(account.id, input, adminActor(ctx)) };
  },

  async invite(ctx: Context) {
    const { documentId } = parse(schemas.accountParams, pathParams(ctx.params), 'path');
    const input = parse(schemas.invite, ctx.request.body, 'body');
    const account = await accountOf(documentId);
    ctx.status = 201;
    ctx.body = await getService('invitations').invite(account, input, adminActor(ctx));
  },

  async update(ctx: Context) {
    const { documentId, memberId } = parse(schemas.memberParams, pathParams(ctx.params), 'path');
    const { type, ...change } = parse(schemas.updateMember, ctx.request.body, 'body');
    const account = await accountOf(documentId);
    const contacts = getService('contacts');
    ctx.body = {
      data: type
        ? await contacts.changeType(account.id, memberId, type, adminActor(ctx))
        : await contacts.update(account.id, memberId, change, adminActor(ctx)),
    };
  },

  /** "Make owner": the member becomes an owner at once, audited as the admin. */
  async makeOwner(ctx: Context) {
    const { documentId, memberId } = parse(schemas.memberParams, pathParams(ctx.params), 'path');
    parse(schemas.empty, ctx.request.body, 'body');
    const account = await accountOf(documentId);
    ctx.body = {
      data: await getService('contacts').changeType(account.id, memberId, 'owner', adminActor(ctx)),
    };
  },

  async delete(ctx: Context) {
    const { documentId, memberId } = parse(schemas.memberParams, pathParams(ctx.params), 'path');
    const account = await accountOf(documentId);
    await getService('contacts').remove(account.id, memberId, adminActor(ctx));
    ctx.status = 204;
  },

  async resend(ctx: Context) {
    const { documentId, memberId } = parse(schemas.memberParams, pathParams(ctx.params), 'path');
    parse(schemas.empty, ctx.request.body, 'body');
    const account = await accountOf(documentId);
    ctx.body = await getService('invitations').resend(account, memberId, adminActor(ctx));
  },
});
