import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse, schemas } from '../validation';
import { currentUser } from './account';
import { memberActor } from './contact';

/** Ownership transfers: offered and cancelled by an owner of the active account, answered by the member. */
export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const page = parse(schemas.listPage, ctx.query, 'query');
    const { active, actor } = await memberActor(ctx);
    ctx.body = await getService('ownership-transfers').listForAccount(
      active.account.id,
      actor,
      page
    );
  },

  async create(ctx: Context) {
    const { member } = parse(schemas.offerOwnership, ctx.request.body, 'body');
    const { active, actor } = await memberActor(ctx);
    ctx.status = 201;
    ctx.body = {
      data: await getService('ownership-transfers').offer(active.account.id, member, actor),
    };
  },

  async delete(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    const { active, actor } = await memberActor(ctx);
    await getService('ownership-transfers').cancel(active.account.id, documentId, actor);
    ctx.status = 204;
  },

  async mine(ctx: Context) {
    const page = parse(schemas.listPage, ctx.query, 'query');
    ctx.body = await getService('ownership-transfers').listMine(currentUser(ctx).id, page);
  },

  async accept(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    parse(schemas.empty, ctx.request.body, 'body');
    const transfers = getService('ownership-transfers');
    ctx.body = { data: await transfers.accept(currentUser(ctx).id, documentId) };
  },

  async reject(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    parse(schemas.empty, ctx.request.body, 'body');
    const transfers = getService('ownership-transfers');
    ctx.body = { data: await transfers.reject(currentUser(ctx).id, documentId) };
  },
});
