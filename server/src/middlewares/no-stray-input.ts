import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { parse, schemas } from '../validation';

const hasBody = (ctx: Context) =>
  Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '';

/**
 * Only GET routes read a query string, and DELETE routes take no body: anything sent there is a
 * 400 rather than silently ignored, like every unknown key the route schemas refuse.
 */
export default () => async (ctx: Context, next: Next) => {
  if (ctx.method !== 'GET') parse(schemas.empty, ctx.query, 'query');
  if (ctx.method === 'DELETE' && hasBody(ctx)) {
    throw new errors.ValidationError('This route takes no body', {
      errors: [{ path: [], message: 'This route takes no body', name: 'ValidationError' }],
    });
  }
  return next();
};
