import type { Core } from '@strapi/strapi';

/**
 * Runs `work` in a request context of its own, holding only `state`: outside the request's
 * account scope (an empty state), or as the acting-account service says (`runAsAccount`).
 */
export const runInContext = async <T>(
  strapi: Core.Strapi,
  state: Record<string, unknown>,
  work: () => Promise<T>
): Promise<T> => {
  let answer: { value: T } | undefined;
  // Strapi types the context as a whole Koa context; the plugin's own hold only a state
  await strapi.requestContext.run({ state } as never, async () => {
    answer = { value: await work() };
  });
  return answer!.value;
};

/**
 * Runs `work` outside the request's account scope, to see rows as the database holds them: only
 * for the checks that must tell another account's rows from missing ones, and for reads that
 * account scoping itself waits on.
 */
export const unscoped = <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> =>
  runInContext(strapi, {}, work);
