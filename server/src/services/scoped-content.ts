import type { Core } from '@strapi/strapi';
import type { ScopedDocumentCount } from '../../../shared/contracts';
import { ACCOUNT_ATTRIBUTE, isScoped } from '../scoped-content/options';
import { getService } from '../utils';
import { documentsOf } from '../utils/by-uid';

/** Account-scoped content for code that runs outside a request: a job writing into one account. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Runs `work` as the given account: every Document Service call it makes on a scoped type reads
   * and writes that account's documents only, as a member's request would (without keys checks).
   */
  async runAsAccount<T>(accountDocumentId: string, work: () => Promise<T>): Promise<T> {
    const account = await getService('accounts').findByDocumentId(accountDocumentId);
    return getService('acting-account').runAsAccount(account.id, work);
  },

  /** The scoped content types, by display name. */
  scopedTypes() {
    return Object.values(strapi.contentTypes)
      .filter((contentType) => isScoped(contentType))
      .map((contentType) => ({
        uid: String(contentType.uid),
        displayName: contentType.info.displayName,
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  },

  /** How many documents of each scoped type the account holds (one locale and version each). */
  async countByType(accountId: number): Promise<ScopedDocumentCount[]> {
    return Promise.all(
      this.scopedTypes().map(async (type) => ({
        ...type,
        count: await documentsOf(strapi, type.uid).count({
          filters: { [ACCOUNT_ATTRIBUTE]: accountId },
        }),
      }))
    );
  },
});
