import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { InvitationRow } from '../store';
import { getService } from '../utils';
import { parse, schemas } from '../validation';
import { currentUser } from './account';
import { memberActor } from './contact';

type Answer = 'accept' | 'reject';

/** The invitee's answer to an invitation found for them, as the route's body. */
const answerWith = async (ctx: Context, invitation: InvitationRow, answer: Answer) => {
  const invitee = getService('invitee');
  const user = currentUser(ctx);
  ctx.body = {
    data:
      answer === 'accept'
        ? await invitee.accept(user, invitation)
        : await invitee.reject(user, invitation),
  };
};

/** An invitation to me by its documentId, from My invitations. */
const answerMine = async (ctx: Context, answer: Answer) => {
  const { documentId } = parse(schemas.params, ctx.params, 'path');
  parse(schemas.empty, ctx.request.body, 'body');
  const invitation = await getService('invitee').findMine(currentUser(ctx), documentId);
  await answerWith(ctx, invitation, answer);
};

/** An invitation by the emailed link's token, as the signed-in invitee. */
const answerByToken = async (ctx: Context, answer: Answer) => {
  const invitee = getService('invitee');
  await invitee.limitAccepting(ctx.request.ip);
  const { token } = parse(schemas.invitationToken, ctx.request.body, 'body');
  await answerWith(ctx, await invitee.findByToken(currentUser(ctx), token), answer);
};

export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: Context) {
    const input = parse(schemas.invite, ctx.request.body, 'body');
    const { active, actor } = await memberActor(ctx);
    ctx.status = 201;
    ctx.body = await getService('invitations').invite(active.account, input, actor);
  },

  async mine(ctx: Context) {
    const page = parse(schemas.listPage, ctx.query, 'query');
    ctx.body = await getService('invitee').listMine(currentUser(ctx), page);
  },

  accept: (ctx: Context) => answerMine(ctx, 'accept'),

  reject: (ctx: Context) => answerMine(ctx, 'reject'),

  acceptByToken: (ctx: Context) => answerByToken(ctx, 'accept'),

  rejectByToken: (ctx: Context) => answerByToken(ctx, 'reject'),
});
