const { factories } = require('@strapi/strapi');

module.exports = factories.createCoreRouter('api::memo.memo', { only: ['find'] });
