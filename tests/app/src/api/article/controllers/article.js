const { factories } = require('@strapi/strapi');

module.exports = factories.createCoreController('api::article.article', ({ strapi }) => ({
  /** Adds a locale to a document through the Document Service, as a custom controller would. */
  async translate(ctx) {
    const { documentId, locale } = ctx.params;
    const created = await strapi.documents('api::article.article').create({
      locale,
      data: { ...ctx.request.body?.data, documentId },
    });
    ctx.body = { data: { documentId: created.documentId, locale: created.locale } };
  },
}));
