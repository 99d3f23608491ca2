const { factories } = require('@strapi/strapi');
const { pluginEnabled } = require('../../../plugin-enabled');

// the list asks for an active account (the policy), like a scoped type's does
module.exports = factories.createCoreRouter('api::note.note', {
  only: ['find'],
  config: {
    find: {
      policies: pluginEnabled()
        ? [{ name: 'plugin::multi-account.has-permission', config: { permissions: [] } }]
        : [],
    },
  },
});
