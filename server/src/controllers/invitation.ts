import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils';
import { parse, schemas } from '../validation';
import { currentUser } from './account';
import { memberActor } from './contact';

export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: Context) {
    const input = parse(schemas.invite, ctx.request.body, 'body');
    const { active, actor } = memberActor(ctx);
    ctx.status = 201;
    ctx.body = { data: await getService('invitations').invite(active.account, input, actor) };
  },

  async mine(ctx: Context) {
    const page = parse(schemas.listPage, ctx.query, 'query');
    ctx.body = await getService('invitee').listMine(currentUser(ctx), page);
  },

  async accept(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    parse(schemas.empty, ctx.request.body, 'body');
    const invitee = getService('invitee');
    const invitation = await invitee.findMine(currentUser(ctx), documentId);
    ctx.body = { data: await invitee.accept(currentUser(ctx), invitation) };
  },

  async reject(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    parse(schemas.empty, ctx.request.body, 'body');
    const invitee = getService('invitee');
    const invitation = await invitee.findMine(currentUser(ctx), documentId);
    ctx.body = { data: await invitee.reject(currentUser(ctx), invitation) };
  },

  async acceptByToken(ctx: Context) {
    const invitee = getService('invitee');
    await invitee.limitAccepting(ctx.request.ip);
    const { token } = parse(schemas.invitationToken, ctx.request.body, 'body');
    const invitation = await invitee.findByToken(currentUser(ctx), token);
    ctx.body = { data: await invitee.accept(currentUser(ctx), invitation) };
  },

  async rejectByToken(ctx: Context) {
    const invitee = getService('invitee');
    await invitee.limitAccepting(ctx.request.ip);
    const { token } = parse(schemas.invitationToken, ctx.request.body, 'body');
    const invitation = await invitee.findByToken(currentUser(ctx), token);
    ctx.body = { data: await invitee.reject(currentUser(ctx), invitation) };
  },
});
