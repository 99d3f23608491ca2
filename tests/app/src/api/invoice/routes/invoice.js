const { pluginEnabled } = require('../../../plugin-enabled');

module.exports = {
  routes: [
    {
      method: 'GET',
      path: '/invoices',
      handler: 'invoice.list',
      config: {
        // without the plugin (the benchmark's baseline) the route is for any signed-in user
        policies: pluginEnabled()
          ? [{ name: 'plugin::multi-account.has-permission', config: { permissions: ['billing'] } }]
          : [],
      },
    },
  ],
};
