const { factories } = require('@strapi/strapi');

// The hand-written scoping that account-scoped types spare a host: the core `find`, with the
// same `where` the plugin adds to Memo's list added here, after the client's query is checked.
module.exports = factories.createCoreController('api::note.note', ({ strapi }) => ({
  async find(ctx) {
    await this.validateQuery(ctx);
    const query = await this.sanitizeQuery(ctx);
    const accountRef = ctx.state.multiAccount.account.id;
    const filters = query.filters ? { $and: [query.filters, { accountRef }] } : { accountRef };
    const { results, pagination } = await strapi
      .service('api::note.note')
      .find({ ...query, filters });
    return this.transformResponse(await this.sanitizeOutput(results, ctx), { pagination });
  },
}));
