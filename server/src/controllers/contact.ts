import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { UserActor } from '../services/audit';
import type { ActiveAccount } from '../services/memberships';
import { getService } from '../utils';
import { parse, schemas } from '../validation';

/** The acting member, whom the route's has-permission policy let through. */
export const memberActor = async (
  ctx: Context
): Promise<{ actor: UserActor; active: ActiveAccount }> => {
  const active = await getService('acting-account').require(ctx);
  return {
    active,
    actor: {
      type: 'user',
      userId: ctx.state.user.id,
      membershipId: active.membership.id,
      isOwner: active.membership.type === 'owner',
      permissions: active.permissions,
      ip: ctx.request.ip,
    },
  };
};

export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { status, type, ...page } = parse(schemas.listContacts, ctx.query, 'query');
    const { active } = await memberActor(ctx);
    ctx.body = await getService('contacts').list(active.account.id, { status, type }, page);
  },

  async findOne(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    parse(schemas.empty, ctx.query, 'query');
    const { active } = await memberActor(ctx);
    ctx.body = { data: await getService('contacts').findOne(active.account.id, documentId) };
  },

  async create(ctx: Context) {
    const input = parse(schemas.createContact, ctx.request.body, 'body');
    const { active, actor } = await memberActor(ctx);
    ctx.status = 201;
    ctx.body = { data: await getService('contacts').create(active.account.id, input, actor) };
  },

  async update(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    const { type, ...change } = parse(schemas.updateContact, ctx.request.body, 'body');
    const { active, actor } = await memberActor(ctx);
    const contacts = getService('contacts');
    ctx.body = {
      data: type
        ? await contacts.changeType(active.account.id, documentId, type, actor)
        : await contacts.update(active.account.id, documentId, change, actor),
    };
  },

  async delete(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    const { active, actor } = await memberActor(ctx);
    await getService('contacts').remove(active.account.id, documentId, actor);
    ctx.status = 204;
  },

  async resend(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    parse(schemas.empty, ctx.request.body, 'body');
    const { active, actor } = await memberActor(ctx);
    ctx.body = await getService('invitations').resend(active.account, documentId, actor);
  },
});
