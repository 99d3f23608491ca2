import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { isRecord } from '../utils';

/** Puts the wait a rate limit asks for in the `Retry-After` header of its 429. */
export default () => async (ctx: Context, next: Next) => {
  try {
    await next();
  } catch (error) {
    if (error instanceof errors.RateLimitError) {
      const retryAfter = isRecord(error.details) ? error.details.retryAfter : undefined;
      if (typeof retryAfter === 'number' && retryAfter > 0) {
        ctx.set('Retry-After', String(retryAfter));
      }
    }
    throw error;
  }
};
