import type { Context, Next } from 'koa';
import { invalidAt } from '../utils/errors';
import { parse, schemas } from '../validation';

const hasBody = (ctx: Context) =>
  Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '';

/**
 * A query key that Strapi's query parser drops without a word (`toString`, `__proto__`: the
 * names of every object's own members), which the route's schema would otherwise never see.
 */
const droppedKey = (ctx: Context) => {
  const names = [...new URLSearchParams(ctx.querystring).keys()].map((key) => key.split('[')[0]);
  return names.find(
    (name) => name in Object.prototype && !Object.prototype.hasOwnProperty.call(ctx.query, name)
  );
};

/**
 * Only GET routes read a query string, DELETE routes take no body, and the others take JSON:
 * anything else sent is a 400 rather than read another way or silently ignored, like every
 * unknown key the route schemas refuse. (Strapi's body parser also reads forms and multipart,
 * whose values all arrive as strings, and writes multipart files to disk.)
 */
export default () => async (ctx: Context, next: Next) => {
  const dropped = droppedKey(ctx);
  if (dropped !== undefined) throw invalidAt(`Invalid key ${dropped}`, [dropped]);
  if (ctx.method !== 'GET') parse(schemas.empty, ctx.query, 'query');
  if (hasBody(ctx)) {
    if (ctx.method === 'DELETE') throw invalidAt('This route takes no body', []);
    if (!ctx.is('json'))
      throw invalidAt('This route takes a JSON body (Content-Type: application/json)', []);
  }
  return next();
};
