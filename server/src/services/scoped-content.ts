import type { Core } from '@strapi/strapi';
import type { ScopedDocumentCount } from '../../../shared/contracts';
import { ACCOUNT_ATTRIBUTE, isScoped } from '../scoped-content/options';
import type { PluginConfig } from '../config';
import { getService, pluginConfig } from '../utils';
import { documentsOf, queryOf } from '../utils/by-uid';
import { unscoped } from '../utils/request-context';

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
        kind: contentType.kind,
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  },

  /**
   * A closed account's scoped documents are kept by default, invisible to every client, for an
   * admin to reassign (deleting is irreversible); `scopedContent.onAccountDeleted: 'delete'`
   * deletes them with the account. Answers what was done, for the audit trail.
   */
  async settleClosedAccount(accountId: number) {
    const options = pluginConfig<PluginConfig['scopedContent']>('scopedContent');
    if (options?.onAccountDeleted !== 'delete') return { kept: true };
    const deleted: Record<string, number> = {};
    for (const type of this.scopedTypes()) {
      const rows = await queryOf(strapi, type.uid).findMany({
        where: { [ACCOUNT_ATTRIBUTE]: accountId },
        select: ['documentId'],
      });
      const documentIds = [...new Set(rows.map((row) => String(row.documentId)))];
      const documents = documentsOf(strapi, type.uid);
      // through the Document Service, which also removes their relations and other locales, and
      // outside the request that closes the account, which may be scoped to another account
      await unscoped(strapi, async () => {
        // every locale: without one, the Document Service deletes the default locale only
        for (const documentId of documentIds) await documents.delete({ documentId, locale: '*' });
      });
      deleted[type.uid] = documentIds.length;
    }
    return { deleted };
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
