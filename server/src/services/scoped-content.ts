import type { Core } from '@strapi/strapi';
import { getService } from '../utils';

/** Account-scoped content for code that runs outside a request: a job writing into one account. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Runs `work` as the given account: every Document Service call it makes on a scoped type reads
   * and writes that account's documents only, as a member's request would (without keys checks).
   */
  async runAsAccount<T>(accountDocumentId: string, work: () => Promise<T>): Promise<T> {
    const account = await getService('accounts').findByDocumentId(accountDocumentId);
    const scope = { state: { multiAccountScope: account.id } };
    let result: T | undefined;
    await strapi.requestContext.run(scope as never, async () => {
      result = await work();
    });
    return result as T;
  },
});
