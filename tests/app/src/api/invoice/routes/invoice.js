module.exports = {
  routes: [
    {
      method: 'GET',
      path: '/invoices',
      handler: 'invoice.list',
      config: {
        policies: [
          { name: 'plugin::multi-account.has-permission', config: { permissions: ['billing'] } },
        ],
      },
    },
  ],
};
