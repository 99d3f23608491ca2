import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { PageQuery } from '../utils/pagination';
import { getService } from '../utils';
import { parse, schemas } from '../validation';

type AuthUser = {
  id: number;
  documentId: string;
  username: string;
  email: string;
  confirmed?: boolean;
};

export const currentUser = (ctx: Context): AuthUser => ctx.state.user;

/**
 * What each route does once its input is parsed, answering the route's body: the REST
 * controller below and the GraphQL operations (../graphql) both call these.
 */
export const accountActions = {
  async me(ctx: Context) {
    const { id, documentId, username, email } = currentUser(ctx);
    const acting = getService('acting-account');
    const active = await acting.active(ctx);
    const impersonation = acting.impersonation(ctx);
    return {
      data: {
        user: { id, documentId, username, email },
        account: active ? getService('memberships').toMyAccount(active) : null,
        permissions: active?.permissions ?? [],
        // only with an admin's impersonation token: who is behind the request
        ...(impersonation && {
          impersonatedBy: await getService('impersonations').describe(impersonation),
        }),
      },
    };
  },

  accounts: (ctx: Context, page: PageQuery) =>
    getService('memberships').listMineWithStatus(currentUser(ctx).id, page),

  switch: (ctx: Context, account: string) =>
    getService('login').switchTo(ctx, currentUser(ctx).id, account),

  leave: (ctx: Context, documentId: string) =>
    getService('contacts').leave(currentUser(ctx).id, documentId),
};

export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async me(ctx: Context) {
    parse(schemas.empty, ctx.query, 'query');
    ctx.body = await accountActions.me(ctx);
  },

  async accounts(ctx: Context) {
    const page = parse(schemas.listPage, ctx.query, 'query');
    ctx.body = await accountActions.accounts(ctx, page);
  },

  async switch(ctx: Context) {
    const { account } = parse(schemas.switchAccount, ctx.request.body, 'body');
    ctx.body = await accountActions.switch(ctx, account);
  },

  async leave(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    await accountActions.leave(ctx, documentId);
    ctx.status = 204;
  },
});
