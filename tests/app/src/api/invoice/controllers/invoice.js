const { pluginEnabled } = require('../../../plugin-enabled');

// A host-app route that acts for the active account: what the README's example shows.
module.exports = {
  async list(ctx) {
    if (!pluginEnabled()) {
      // the benchmark's baseline, without the plugin: a user's invoices are filed under the
      // user's own documentId, and the controller keeps to them by hand
      const invoices = await strapi.documents('api::invoice.invoice').findMany({
        filters: { accountDocumentId: ctx.state.user.documentId },
      });
      ctx.body = { data: invoices, meta: { account: ctx.state.user.documentId, permissions: [] } };
      return;
    }
    // invoices are account-scoped: the plugin holds the list to the active account's
    const { account, permissions } = ctx.state.multiAccount;
    const invoices = await strapi.documents('api::invoice.invoice').findMany();
    ctx.body = { data: invoices, meta: { account: account.documentId, permissions } };
  },
};
