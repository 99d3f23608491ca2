import type { Core } from '@strapi/strapi';

/** What the plugin keeps in a request context of its own making. */
export type PluginRequestState = { multiAccountRunAs?: number };

/**
 * Runs `work` in a request context of its own, holding only `state`: outside the request's
 * account scope (an empty state), or acting for one account (`multiAccountRunAs`).
 */
export const runInContext = async <T>(
  strapi: Core.Strapi,
  state: PluginRequestState,
  work: () => Promise<T>
): Promise<T> => {
  let answer: { value: T } | undefined;
  // Strapi types the context as a whole Koa context; the plugin's own hold only a state
  await strapi.requestContext.run({ state } as never, async () => {
    answer = { value: await work() };
  });
  return answer!.value;
};
