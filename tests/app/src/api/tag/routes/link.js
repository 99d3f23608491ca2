// A host route writing relations with Strapi's query engine, below the Document Service.
module.exports = {
  routes: [{ method: 'POST', path: '/tags/:id/projects', handler: 'tag.linkProjects' }],
};
