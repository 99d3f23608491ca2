const { pluginEnabled } = require('../../../plugin-enabled');

const UID = 'api::invoice.invoice';

/** `?page=&pageSize=` as Strapi's REST lists read them: 25 a page by default, 100 at most. */
const pageOf = (query) => {
  const page = Math.max(1, Number.parseInt(query.page, 10) || 1);
  const pageSize = Math.min(100, Math.max(1, Number.parseInt(query.pageSize, 10) || 25));
  return { page, pageSize };
};

/** One page of invoices, newest due date first, with Strapi's pagination meta. */
const listPage = async (query, filters) => {
  const { page, pageSize } = pageOf(query);
  const [data, total] = await Promise.all([
    strapi.documents(UID).findMany({
      filters,
      sort: [{ dueDate: 'desc' }, { id: 'desc' }],
      start: (page - 1) * pageSize,
      limit: pageSize,
    }),
    strapi.documents(UID).count({ filters }),
  ]);
  return { data, pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } };
};

// A host-app route that acts for the active account: what the README's example shows.
module.exports = {
  async list(ctx) {
    if (!pluginEnabled()) {
      // the benchmark's baseline, without the plugin: a user's invoices are filed under the
      // user's own documentId, and the controller keeps to them by hand
      const scope = ctx.state.user.documentId;
      const { data, pagination } = await listPage(ctx.query, { accountDocumentId: scope });
      ctx.body = { data, meta: { account: scope, permissions: [], pagination } };
      return;
    }
    // invoices are account-scoped: the plugin holds the list to the active account's
    const { account, permissions } = ctx.state.multiAccount;
    const { data, pagination } = await listPage(ctx.query);
    ctx.body = { data, meta: { account: account.documentId, permissions, pagination } };
  },
};
