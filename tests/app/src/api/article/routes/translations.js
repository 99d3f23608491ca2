// A custom route of the host's own, as apps write them: it names the document and the locale.
module.exports = {
  routes: [
    {
      method: 'POST',
      path: '/articles/:documentId/translations/:locale',
      handler: 'article.translate',
    },
  ],
};
