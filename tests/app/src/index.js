module.exports = {
  register() {},
  // The host app lets signed-in users reach its invoice route; the plugin's policy does the rest.
  async bootstrap({ strapi }) {
    const role = await strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'authenticated' } });
    const action = 'api::invoice.invoice.list';
    const permissions = strapi.db.query('plugin::users-permissions.permission');
    if (!(await permissions.findOne({ where: { action, role: { id: role.id } } }))) {
      await permissions.create({ data: { action, role: role.id } });
    }
  },
};
