import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { z } from 'zod';
import type { UserActor } from '../services/audit';
import type { ActiveAccount } from '../services/memberships';
import { getService } from '../utils';
import { clientAddress } from '../utils/client-address';
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
      ip: clientAddress(ctx.request.ip),
    },
  };
};

type Input<K extends keyof typeof schemas> = z.infer<(typeof schemas)[K]>;

/**
 * What each route does once its input is parsed, answering the route's body: the REST
 * controller below and the GraphQL operations (../graphql) both call these.
 */
export const contactActions = {
  async list(ctx: Context, { status, type, ...page }: Input<'listContacts'>) {
    const { active } = await memberActor(ctx);
    return getService('contacts').list(active.account.id, { status, type }, page);
  },

  async findOne(ctx: Context, documentId: string) {
    const { active } = await memberActor(ctx);
    return { data: await getService('contacts').findOne(active.account.id, documentId) };
  },

  async create(ctx: Context, input: Input<'createContact'>) {
    const { active, actor } = await memberActor(ctx);
    return { data: await getService('contacts').create(active.account.id, input, actor) };
  },

  async update(ctx: Context, documentId: string, { type, ...change }: Input<'updateContact'>) {
    const { active, actor } = await memberActor(ctx);
    const contacts = getService('contacts');
    return {
      data: type
        ? await contacts.changeType(active.account.id, documentId, type, actor)
        : await contacts.update(active.account.id, documentId, change, actor),
    };
  },

  async remove(ctx: Context, documentId: string) {
    const { active, actor } = await memberActor(ctx);
    await getService('contacts').remove(active.account.id, documentId, actor);
  },

  async resend(ctx: Context, documentId: string) {
    const { active, actor } = await memberActor(ctx);
    return getService('invitations').resend(active.account, documentId, actor);
  },
};

export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    ctx.body = await contactActions.list(ctx, parse(schemas.listContacts, ctx.query, 'query'));
  },

  async findOne(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    parse(schemas.empty, ctx.query, 'query');
    ctx.body = await contactActions.findOne(ctx, documentId);
  },

  async create(ctx: Context) {
    const input = parse(schemas.createContact, ctx.request.body, 'body');
    const answer = await contactActions.create(ctx, input);
    ctx.status = 201;
    ctx.body = answer;
  },

  async update(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    const change = parse(schemas.updateContact, ctx.request.body, 'body');
    ctx.body = await contactActions.update(ctx, documentId, change);
  },

  async delete(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    await contactActions.remove(ctx, documentId);
    ctx.status = 204;
  },

  async resend(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    parse(schemas.empty, ctx.request.body, 'body');
    ctx.body = await contactActions.resend(ctx, documentId);
  },
});
