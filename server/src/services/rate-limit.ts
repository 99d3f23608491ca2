import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

type Window = { count: number; resetAt: number };

/**
 * Fixed-window counters. The default store lives in this process's memory; keys are built only
 * from values the server trusts (ids from the database, the IP Koa resolves under `proxy`).
 */
export default ({ strapi: _strapi }: { strapi: Core.Strapi }) => {
  const windows = new Map<string, Window>();

  const sweep = (now: number) => {
    for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key);
  };

  return {
    /** Counts one hit on every key; throws a 429 carrying `retryAfter` seconds when any is past its limit. */
    consume(keys: { key: string; limit: number }[], windowSeconds: number) {
      const now = Date.now();
      if (windows.size > 10_000) sweep(now);
      const current = keys.map(({ key, limit }) => {
        const existing = windows.get(key);
        const window =
          existing && existing.resetAt > now
            ? existing
            : { count: 0, resetAt: now + windowSeconds * 1000 };
        return { key, limit, window };
      });
      const exceeded = current.find(({ limit, window }) => window.count >= limit);
      if (exceeded) {
        const retryAfter = Math.max(1, Math.ceil((exceeded.window.resetAt - now) / 1000));
        throw new errors.RateLimitError('Too many requests, try again later', { retryAfter });
      }
      for (const { key, window } of current) {
        window.count += 1;
        windows.set(key, window);
      }
    },

    reset() {
      windows.clear();
    },
  };
};
