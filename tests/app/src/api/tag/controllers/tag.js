const { factories } = require('@strapi/strapi');

module.exports = factories.createCoreController('api::tag.tag', ({ strapi }) => ({
  /**
   * `?populate=notes` keeps each account to its own notes by hand, with the `where` the plugin
   * adds to a scoped type's populate (Memo's): the benchmark's reference for a shared type.
   */
  async findOne(ctx) {
    // a route without the plugin's policy asks for the account the request acts for
    const active = await strapi.plugin('multi-account').service('acting-account').active(ctx);
    if (ctx.query.populate !== 'notes' || !active) return super.findOne(ctx);
    await this.validateQuery(ctx);
    const query = await this.sanitizeQuery(ctx);
    const accountRef = active.account.id;
    const tag = await strapi.service('api::tag.tag').findOne(ctx.params.id, {
      ...query,
      populate: { notes: { filters: { accountRef } } },
    });
    if (!tag) return ctx.notFound();
    return this.transformResponse(await this.sanitizeOutput(tag, ctx));
  },

  /** Links projects by row id with `strapi.db.query`, as host code may. */
  async linkProjects(ctx) {
    const ids = ctx.request.body?.ids ?? [];
    await strapi.db.query('api::tag.tag').update({
      where: { documentId: ctx.params.id },
      data: { projects: { connect: ids.map((id) => ({ id })) } },
    });
    ctx.body = { data: { linked: ids.length } };
  },
}));
