// A host-app route that acts for the active account: what the README's example shows.
module.exports = {
  async list(ctx) {
    const { account, permissions } = ctx.state.multiAccount;
    const invoices = await strapi.db.query('api::invoice.invoice').findMany({
      where: { accountDocumentId: account.documentId },
    });
    ctx.body = { data: invoices, meta: { account: account.documentId, permissions } };
  },
};
