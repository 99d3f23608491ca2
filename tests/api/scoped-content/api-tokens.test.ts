import { useTestApp, type TestApp } from '../../helpers/strapi';
import { as, signUp } from '../../helpers/users';

// Strapi's API tokens have no user and no account: scoped types refuse them, unless
// `scopedContent.allowApiTokens` lets trusted server-side integrations through to every account,
// within what each token itself may do.
const tokenOf = async (app: TestApp, type: 'read-only' | 'full-access') => {
  const { accessKey } = await app.strapi.service('admin::api-token').create({
    name: `${type} ${Date.now()}`,
    description: '',
    type,
    lifespan: null,
  });
  return accessKey as string;
};

/** Two accounts with a project each, made by their owners. */
const twoProjects = async (app: TestApp, prefix: string) => {
  const projects: string[] = [];
  for (const name of [`${prefix}-alice`, `${prefix}-bob`]) {
    const owner = await signUp(app, name);
    const res = await as(app, owner)
      .post('/api/projects')
      .send({ data: { name: `${name}'s project` } });
    expect(res.status).toBe(201);
    projects.push(res.body.data.documentId);
  }
  return projects;
};

const withToken = (app: TestApp, token: string) => as(app, { jwt: token });

describe('by default', () => {
  const app = useTestApp();

  test('an API token, read-only or full-access, gets a 403 with the reason on a scoped type', async () => {
    const [project] = await twoProjects(app, 'deny');
    for (const type of ['read-only', 'full-access'] as const) {
      const token = await tokenOf(app, type);
      for (const res of [
        await withToken(app, token).get('/api/projects'),
        await withToken(app, token).get(`/api/projects/${project}`),
      ]) {
        expect([type, res.status, res.body.error.message]).toEqual([
          type,
          403,
          'These routes act for a signed-in user: send a users-permissions JWT, not an API token',
        ]);
      }
    }
    const full = await tokenOf(app, 'full-access');
    const renamed = await withToken(app, full)
      .put(`/api/projects/${project}`)
      .send({ data: { name: 'renamed by a token' } });
    expect(renamed.status).toBe(403);
    const row = await app.strapi.db
      .query('api::project.project')
      .findOne({ where: { documentId: project } });
    expect(row.name).toBe("deny-alice's project");
  });
});

describe('with scopedContent.allowApiTokens', () => {
  const app = useTestApp({ scopedContent: { allowApiTokens: true } });

  test("an API token reads every account's documents, within the token's own permissions", async () => {
    const projects = await twoProjects(app, 'allow');
    const readOnly = await tokenOf(app, 'read-only');
    const list = await withToken(app, readOnly).get('/api/projects?pagination[pageSize]=100');
    expect(list.status).toBe(200);
    const listed = list.body.data.map((p: { documentId: string }) => p.documentId);
    expect(listed).toEqual(expect.arrayContaining(projects));
    for (const project of projects) {
      expect((await withToken(app, readOnly).get(`/api/projects/${project}`)).status).toBe(200);
    }
    // a read-only token writes nothing, as Strapi decides for it
    const refused = await withToken(app, readOnly)
      .put(`/api/projects/${projects[1]}`)
      .send({ data: { name: 'changed' } });
    expect(refused.status).toBe(403);

    const full = await tokenOf(app, 'full-access');
    const changed = await withToken(app, full)
      .put(`/api/projects/${projects[1]}`)
      .send({ data: { name: 'changed by the integration' } });
    expect(changed.status).toBe(200);
    expect(changed.body.data.name).toBe('changed by the integration');
  });

  test('members are still held to their own account', async () => {
    const [aliceProject, bobProject] = await twoProjects(app, 'members');
    const alice = await signUp(app, 'members-carol');
    const res = await as(app, alice).get('/api/projects?pagination[pageSize]=100');
    const listed = res.body.data.map((p: { documentId: string }) => p.documentId);
    expect(listed).not.toContain(aliceProject);
    expect(listed).not.toContain(bobProject);
  });
});
