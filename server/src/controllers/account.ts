import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
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

export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async me(ctx: Context) {
    parse(schemas.empty, ctx.query, 'query');
    const { id, documentId, username, email } = currentUser(ctx);
    const acting = getService('acting-account');
    const active = await acting.active(ctx);
    const impersonation = acting.impersonation(ctx);
    ctx.body = {
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

  async accounts(ctx: Context) {
    const page = parse(schemas.listPage, ctx.query, 'query');
    ctx.body = await getService('memberships').listMineWithStatus(currentUser(ctx).id, page);
  },

  async switch(ctx: Context) {
    const { account } = parse(schemas.switchAccount, ctx.request.body, 'body');
    ctx.body = await getService('login').switchTo(ctx, currentUser(ctx).id, account);
  },

  async leave(ctx: Context) {
    const { documentId } = parse(schemas.params, ctx.params, 'path');
    await getService('contacts').leave(currentUser(ctx).id, documentId);
    ctx.status = 204;
  },
});
