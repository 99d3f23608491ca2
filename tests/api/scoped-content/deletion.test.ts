import { useTestApp, type TestApp } from '../../helpers/strapi';
import { accountRowOf, as, signUp } from '../../helpers/users';

// What becomes of an account's scoped documents when the account closes (its last member deleted).
const deleteUser = (app: TestApp, id: number) =>
  app.strapi.plugin('users-permissions').service('user').remove({ id }) as Promise<unknown>;

const closeAccountWithAProject = async (app: TestApp, name: string) => {
  const owner = await signUp(app, name);
  const created = await as(app, owner)
    .post('/api/projects')
    .send({ data: { name: `${name}-p` } });
  expect(created.status).toBe(201);
  const account = await accountRowOf(app, owner.account);
  await deleteUser(app, owner.user.id);
  return { documentId: created.body.data.documentId as string, accountId: account.id as number };
};

describe('by default', () => {
  const app = useTestApp();

  test('they are kept, for an admin to reassign, and no client sees them', async () => {
    const { documentId, accountId } = await closeAccountWithAProject(app, 'keeper');
    const row = await app.strapi.db
      .query('api::project.project')
      .findOne({ where: { documentId } });
    expect(row.multiAccountId).toBe(accountId);
    const stranger = await signUp(app, 'stranger');
    const list = await as(app, stranger).get('/api/projects');
    expect(list.body.data).toEqual([]);
  });
});

describe("with scopedContent.onAccountDeleted: 'delete'", () => {
  const app = useTestApp({ scopedContent: { onAccountDeleted: 'delete' } });

  test('they are deleted with the account, and the audit trail says how many', async () => {
    const { documentId, accountId } = await closeAccountWithAProject(app, 'deleter');
    expect(await app.strapi.db.query('api::project.project').count({ where: { documentId } })).toBe(
      0
    );
    const entry = await app.strapi.db
      .query('plugin::multi-account.audit-log')
      .findOne({ where: { accountId, action: 'account.deleted' } });
    expect(entry.details.scopedDocuments).toEqual({
      deleted: {
        'api::article.article': 0,
        'api::invoice.invoice': 0,
        'api::memo.memo': 0,
        'api::profile.profile': 0,
        'api::project.project': 1,
        'api::task.task': 0,
      },
    });
  });

  test('every locale and version of a localized document goes with the account', async () => {
    const owner = await signUp(app, 'polyglot');
    const created = await as(app, owner)
      .post('/api/articles?status=published')
      .send({ data: { title: 'English' } });
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;
    const french = await as(app, owner)
      .put(`/api/articles/${documentId}?locale=fr&status=published`)
      .send({ data: { title: 'Français' } });
    expect(french.status).toBe(200);
    const rows = () => app.strapi.db.query('api::article.article').count({ where: { documentId } });
    expect(await rows()).toBe(4);
    await deleteUser(app, owner.user.id);
    expect(await rows()).toBe(0);
  });
});
