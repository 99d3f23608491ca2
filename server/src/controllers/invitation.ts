import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { z } from 'zod';
import type { InvitationRow } from '../store';
import type { PageQuery } from '../utils/pagination';
import { clientAddress } from '../utils/client-address';
import { getService } from '../utils';
import { parse, schemas } from '../validation';
import { currentUser } from './account';
import { memberActor } from './contact';

type Answer = 'accept' | 'reject';

/** The invitee's answer to an invitation found for them, as the route's body. */
const answerWith = async (ctx: Context, invitation: InvitationRow, answer: Answer) => {
  const invitee = getService('invitee');
  const user = currentUser(ctx);
  return {
    data:
      answer === 'accept'
        ? await invitee.accept(user, invitation)
        : await invitee.reject(user, invitation),
  };
};

/**
 * What each route does once its input is parsed, answering the route's body: the REST
 * controller below and the GraphQL operations (../graphql) both call these.
 */
export const invitationActions = {
  async create(ctx: Context, input: z.infer<typeof schemas.invite>) {
    const { active, actor } = await memberActor(ctx);
    return getService('invitations').invite(active.account, input, actor);
  },

  mine: (ctx: Context, page: PageQuery) => getService('invitee').listMine(currentUser(ctx), page),

  /** An invitation to me by its documentId, from My invitations. */
  async answerMine(ctx: Context, documentId: string, answer: Answer) {
    const invitation = await getService('invitee').findMine(currentUser(ctx), documentId);
    return answerWith(ctx, invitation, answer);
  },

  /** Before the token is even read: the per-address limit on tries at tokens. */
  limitByToken: (ctx: Context) =>
    getService('invitee').limitAccepting(clientAddress(ctx.request.ip)),

  /** An invitation by the emailed link's token, as the signed-in invitee. */
  async answerByToken(ctx: Context, token: string, answer: Answer) {
    const invitation = await getService('invitee').findByToken(currentUser(ctx), token);
    return answerWith(ctx, invitation, answer);
  },
};

const answerMine = async (ctx: Context, answer: Answer) => {
  const { documentId } = parse(schemas.params, ctx.params, 'path');
  parse(schemas.empty, ctx.request.body, 'body');
  ctx.body = await invitationActions.answerMine(ctx, documentId, answer);
};

const answerByToken = async (ctx: Context, answer: Answer) => {
  await invitationActions.limitByToken(ctx);
  const { token } = parse(schemas.invitationToken, ctx.request.body, 'body');
  ctx.body = await invitationActions.answerByToken(ctx, token, answer);
};

export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: Context) {
    const input = parse(schemas.invite, ctx.request.body, 'body');
    const answer = await invitationActions.create(ctx, input);
    ctx.status = 201;
    ctx.body = answer;
  },

  async mine(ctx: Context) {
    ctx.body = await invitationActions.mine(ctx, parse(schemas.listPage, ctx.query, 'query'));
  },

  accept: (ctx: Context) => answerMine(ctx, 'accept'),

  reject: (ctx: Context) => answerMine(ctx, 'reject'),

  acceptByToken: (ctx: Context) => answerByToken(ctx, 'accept'),

  rejectByToken: (ctx: Context) => answerByToken(ctx, 'reject'),
});
