const { pluginEnabled } = require('../../../plugin-enabled');

// A host-app route that acts for the active account: what the README's example shows.
module.exports = {
  async list(ctx) {
    // Without the plugin (the benchmark's baseline) a user's invoices are filed under the
    // user's own documentId; with it, under the active account's, which the policy guarantees.
    const { account, permissions } = pluginEnabled()
      ? ctx.state.multiAccount
      : { account: { documentId: ctx.state.user.documentId }, permissions: [] };
    const invoices = await strapi.db.query('api::invoice.invoice').findMany({
      where: { accountDocumentId: account.documentId },
    });
    ctx.body = { data: invoices, meta: { account: account.documentId, permissions } };
  },
};
