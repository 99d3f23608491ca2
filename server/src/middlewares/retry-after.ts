import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';

/** Puts the wait a rate limit asks for in the `Retry-After` header of its 429. */
export default () => async (ctx: Context, next: Next) => {
  try {
    await next();
  } catch (error) {
    if (error instanceof errors.RateLimitError) {
      const { retryAfter } = (error.details ?? {}) as { retryAfter?: number };
      if (retryAfter) ctx.set('Retry-After', String(retryAfter));
    }
    throw error;
  }
};
