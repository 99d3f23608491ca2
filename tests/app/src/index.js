// The host app lets signed-in users reach its own routes, as an admin would tick them under
// Settings → Users & Permissions → Roles; the plugin's policy and scoping do the rest.
const AUTHENTICATED_ACTIONS = [
  'api::invoice.invoice.list',
  'api::memo.memo.find',
  'api::note.note.find',
  ...['project', 'task'].flatMap((type) =>
    ['find', 'findOne', 'create', 'update', 'delete'].map(
      (action) => `api::${type}.${type}.${action}`
    )
  ),
];

module.exports = {
  register() {},
  async bootstrap({ strapi }) {
    const role = await strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'authenticated' } });
    const permissions = strapi.db.query('plugin::users-permissions.permission');
    for (const action of AUTHENTICATED_ACTIONS) {
      if (!(await permissions.findOne({ where: { action, role: { id: role.id } } }))) {
        await permissions.create({ data: { action, role: role.id } });
      }
    }
  },
};
