// The host app lets signed-in users reach its own routes, as an admin would tick them under
// Settings → Users & Permissions → Roles; the plugin's policy and scoping do the rest.
const AUTHENTICATED_ACTIONS = [
  'api::invoice.invoice.list',
  'api::memo.memo.find',
  'api::note.note.find',
  'plugin::upload.content-api.find',
  'plugin::upload.content-api.findOne',
  'plugin::upload.content-api.upload',
  'api::article.article.translate',
  'api::report.report.summary',
  'api::tag.tag.linkProjects',
  'api::profile.profile.find',
  'api::profile.profile.update',
  'api::profile.profile.delete',
  ...['project', 'task', 'tag', 'article'].flatMap((type) =>
    ['find', 'findOne', 'create', 'update', 'delete'].map(
      (action) => `api::${type}.${type}.${action}`
    )
  ),
  // a host route with neither the policy nor a scoped type, for the benchmark
  'api::label.label.find',
];

// anonymous visitors read the shared tags, and through them nothing of any account
const PUBLIC_ACTIONS = [
  'api::tag.tag.find',
  'api::tag.tag.findOne',
  'api::project.project.find',
  'api::task.task.find',
  'api::label.label.find',
];

const grant = async (strapi, roleType, actions) => {
  const role = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: roleType } });
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  for (const action of actions) {
    if (!(await permissions.findOne({ where: { action, role: { id: role.id } } }))) {
      await permissions.create({ data: { action, role: role.id } });
    }
  }
};

module.exports = {
  register() {},
  async bootstrap({ strapi }) {
    await grant(strapi, 'authenticated', AUTHENTICATED_ACTIONS);
    await grant(strapi, 'public', PUBLIC_ACTIONS);
    const locales = strapi.plugin('i18n').service('locales');
    if (!(await locales.findByCode('fr')))
      await locales.create({ code: 'fr', name: 'French (fr)' });
  },
};
