const { pluginEnabled } = require('../../../plugin-enabled');

// A host route on none of the scoped types: only the plugin's policy guards it.
module.exports = {
  routes: [
    {
      method: 'GET',
      path: '/reports/summary',
      handler: 'report.summary',
      config: {
        policies: pluginEnabled()
          ? [{ name: 'plugin::multi-account.has-permission', config: { permissions: ['reports'] } }]
          : [],
      },
    },
  ],
};
