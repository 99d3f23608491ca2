import type { GraphqlError } from '../../helpers/graphql';
import { useTestApp } from '../../helpers/strapi';
import { accountRowOf, addGuest, as, signUp, type Session } from '../../helpers/users';

// Host content types that opt in with pluginOptions['multi-account'].scoped, served by Strapi's
// core router, controller and service unchanged: each account sees and writes its own documents.
let names = 0;

const app = useTestApp();

const projects = () => app.strapi.db.query('api::project.project');

/** Two owners of two accounts, each with two projects of their own. */
const twoAccounts = async () => {
  const n = ++names;
  const alice = await signUp(app, `alice${n}`);
  const bob = await signUp(app, `bob${n}`);
  const create = async (owner: Session, name: string) => {
    const res = await as(app, owner).post('/api/projects').send({ data: { name } });
    expect(res.status).toBe(201);
    return res.body.data.documentId as string;
  };
  const aliceProjects = [await create(alice, `A1-${n}`), await create(alice, `A2-${n}`)];
  const bobProjects = [await create(bob, `B1-${n}`), await create(bob, `B2-${n}`)];
  return { alice, bob, aliceProjects, bobProjects };
};

/** Two accounts, and two guests of alice's: bob holding `configuration`, carol `support` too. */
const guestsWithAndWithoutSupport = async () => {
  const accounts = await twoAccounts();
  const carol = await signUp(app, `carol${names}`);
  await addGuest(app, accounts.alice, accounts.bob, ['configuration']);
  await addGuest(app, accounts.alice, carol, ['configuration', 'support']);
  return { ...accounts, carol };
};

/** Each GraphQL error of an answer: its message, its code and the name of its error. */
const graphqlErrors = (res: { body: { errors?: GraphqlError[] } }) =>
  res.body.errors?.map((e) => [e.message, e.extensions.code, e.extensions.error?.name]);

test("a list and its total hold only the active account's documents", async () => {
  const { alice, aliceProjects } = await twoAccounts();
  const res = await as(app, alice).get('/api/projects?pagination[pageSize]=100');
  expect(res.status).toBe(200);
  expect(res.body.data.map((p: { documentId: string }) => p.documentId).sort()).toEqual(
    [...aliceProjects].sort()
  );
  expect(res.body.meta.pagination.total).toBe(2);
});

test("another account's document is a 404 to read, update and delete, and stays as it was", async () => {
  const { alice, bobProjects } = await twoAccounts();
  const [target] = bobProjects;
  expect((await as(app, alice).get(`/api/projects/${target}`)).status).toBe(404);
  expect(
    (
      await as(app, alice)
        .put(`/api/projects/${target}`)
        .send({ data: { name: 'stolen' } })
    ).status
  ).toBe(404);
  expect((await as(app, alice).delete(`/api/projects/${target}`)).status).toBe(404);
  const row = await projects().findOne({ where: { documentId: target } });
  expect(row.name).toMatch(/^B1-/);
});

test('the owner reads, updates and deletes their own documents', async () => {
  const { alice, aliceProjects } = await twoAccounts();
  const [mine] = aliceProjects;
  expect((await as(app, alice).get(`/api/projects/${mine}`)).status).toBe(200);
  const updated = await as(app, alice)
    .put(`/api/projects/${mine}`)
    .send({ data: { name: 'renamed' } });
  expect(updated.status).toBe(200);
  expect(updated.body.data.name).toBe('renamed');
  expect((await as(app, alice).delete(`/api/projects/${mine}`)).status).toBe(204);
});

test('create files the document under the active account; a body naming the account is a 400, on create and update', async () => {
  const { alice, bob } = await twoAccounts();
  const created = await as(app, alice)
    .post('/api/projects')
    .send({ data: { name: 'new' } });
  const row = await projects().findOne({ where: { documentId: created.body.data.documentId } });
  const aliceAccount = await accountRowOf(app, alice.account);
  expect(row.multiAccountId).toBe(aliceAccount.id);
  const bobAccount = await accountRowOf(app, bob.account);
  const forged = await as(app, alice)
    .post('/api/projects')
    .send({ data: { name: 'forged', multiAccountId: bobAccount.id } });
  expect(forged.status).toBe(400);
  expect(forged.body.error).toMatchObject({
    name: 'ValidationError',
    message: 'Invalid key multiAccountId',
  });
  expect(await projects().count({ where: { name: 'forged' } })).toBe(0);

  // nor can an update move the client's own document to another account
  const moved = await as(app, alice)
    .put(`/api/projects/${created.body.data.documentId}`)
    .send({ data: { name: 'moved', multiAccountId: bobAccount.id } });
  expect(moved.status).toBe(400);
  const after = await projects().findOne({ where: { documentId: created.body.data.documentId } });
  expect(after).toMatchObject({ name: 'new', multiAccountId: aliceAccount.id });
});

test('filters, sort and fields on the account reference are refused', async () => {
  const { alice } = await twoAccounts();
  for (const query of [
    'filters[multiAccountId][$ne]=0',
    'filters[$or][0][multiAccountId][$gt]=0',
    'sort=multiAccountId',
    'fields[0]=multiAccountId',
  ]) {
    const res = await as(app, alice).get(`/api/projects?${query}`);
    expect(res.status).toBe(400);
  }
});

test('a filter that would match another account finds nothing', async () => {
  const { alice, bobProjects } = await twoAccounts();
  const bobName = (await projects().findOne({ where: { documentId: bobProjects[0] } })).name;
  const res = await as(app, alice).get(`/api/projects?filters[$or][0][name][$eq]=${bobName}`);
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual([]);
  expect(res.body.meta.pagination.total).toBe(0);
});

test("a member acts for the account they switched to, and a type's keys are required", async () => {
  const { alice, bob, aliceProjects } = await twoAccounts();
  await addGuest(app, alice, bob, ['billing']);
  const asGuest = await as(app, bob, alice.account.documentId).get('/api/projects');
  expect(asGuest.body.data.map((p: { documentId: string }) => p.documentId).sort()).toEqual(
    [...aliceProjects].sort()
  );
  // tasks need `support`, which this guest lacks
  const tasks = await as(app, bob, alice.account.documentId).get('/api/tasks');
  expect(tasks.status).toBe(403);
  expect(tasks.body.error.message).toBe('This action needs the permission: support');
  expect((await as(app, alice).get('/api/tasks')).status).toBe(200);
});

test("a type's write keys guard its writes and its read keys its reads", async () => {
  // articles: `support` reads, `configuration` writes
  const { alice, bob } = await twoAccounts();
  const carol = await signUp(app, `carol${names}`);
  await addGuest(app, alice, bob, ['support']);
  await addGuest(app, alice, carol, ['configuration']);
  const reader = (path: string) => as(app, bob, alice.account.documentId).get(path);
  const writer = () => as(app, carol, alice.account.documentId);

  const written = await writer()
    .post('/api/articles')
    .send({ data: { title: 'by the writer' } });
  expect(written.status).toBe(201);
  const { documentId } = written.body.data;
  const refusedWrite = await as(app, bob, alice.account.documentId)
    .put(`/api/articles/${documentId}`)
    .send({ data: { title: 'by the reader' } });
  expect(refusedWrite.status).toBe(403);
  expect(refusedWrite.body.error.message).toBe('This action needs the permission: configuration');
  const refusedCreate = await as(app, bob, alice.account.documentId)
    .post('/api/articles')
    .send({ data: { title: 'by the reader' } });
  expect(refusedCreate.status).toBe(403);

  expect((await reader(`/api/articles/${documentId}?status=draft`)).status).toBe(200);
  const refusedRead = await writer().get(`/api/articles/${documentId}?status=draft`);
  expect(refusedRead.status).toBe(403);
  expect(refusedRead.body.error.message).toBe('This action needs the permission: support');
  const rows = await app.strapi.db
    .query('api::article.article')
    .findMany({ where: { documentId } });
  // the draft and the published version alike
  expect(new Set(rows.map((row: { title: string }) => row.title))).toEqual(
    new Set(['by the writer'])
  );
});

test("a type's read keys hold through relations, and a write keeps what they hide", async () => {
  // tasks: `support` reads; bob holds `configuration` only, so he writes articles, not tasks
  const { alice, bob, aliceProjects } = await twoAccounts();
  await addGuest(app, alice, bob, ['configuration']);
  const [project] = aliceProjects;
  const task = await as(app, alice)
    .post('/api/tasks')
    .send({ data: { title: `Hidden task ${names}`, project } });
  expect(task.status).toBe(201);
  const taskId = task.body.data.documentId as string;
  const article = await as(app, alice)
    .post('/api/articles')
    .send({ data: { title: 'about a task', tasks: [taskId] } });
  expect(article.status).toBe(201);
  const member = () => as(app, bob, alice.account.documentId);
  const documentIds = (list: { documentId: string }[]) => list.map((d) => d.documentId);

  const populated = `/api/projects/${project}?populate=tasks`;
  expect(documentIds((await as(app, alice).get(populated)).body.data.tasks)).toEqual([taskId]);
  const seen = await member().get(populated);
  expect(seen.status).toBe(200);
  expect(seen.body.data.tasks).toEqual([]);

  // a task named to sort first, on the other project: alice's sort by task title turns the two
  // projects around, the member's, which sees no task, keeps them in the order of their ids
  const first = await as(app, alice)
    .post('/api/tasks')
    .send({ data: { title: `A task ${names}`, project: aliceProjects[1] } });
  expect(first.status).toBe(201);
  const sorted = '/api/projects?sort=tasks.title:asc';
  expect(documentIds((await as(app, alice).get(sorted)).body.data)).toEqual([
    aliceProjects[1],
    project,
  ]);
  expect(documentIds((await member().get(sorted)).body.data)).toEqual(aliceProjects);

  const filtered = `/api/projects?filters[tasks][documentId][$eq]=${taskId}`;
  expect(documentIds((await as(app, alice).get(filtered)).body.data)).toEqual([project]);
  expect((await member().get(filtered)).body.data).toEqual([]);

  const graphql = await member()
    .post('/graphql')
    .send({
      query: `{ project(documentId: "${project}") { tasks { documentId } tasks_connection { nodes { documentId } } } }`,
    });
  expect([graphql.status, graphql.body.errors]).toEqual([200, undefined]);
  expect(graphql.body.data.project).toEqual({
    tasks: [],
    tasks_connection: { nodes: [] },
  });

  // publishing copies the draft's relations into the published version: it keeps the task
  const published = await member()
    .put(`/api/articles/${article.body.data.documentId}?status=published`)
    .send({ data: { title: 'about a task, published' } });
  expect(published.status).toBe(200);
  const rows = await app.strapi.db.query('api::article.article').findMany({
    where: { documentId: article.body.data.documentId },
    populate: { tasks: { select: ['documentId'] } },
  });
  expect(rows.map((row: { publishedAt: unknown }) => row.publishedAt !== null).sort()).toEqual([
    false,
    true,
  ]);
  for (const row of rows) expect(documentIds(row.tasks)).toEqual([taskId]);
});

test('a write links and answers only the related types whose read keys the member holds', async () => {
  // tasks: `support` reads; projects need no key. bob holds `configuration`, carol `support` too
  const { alice, bob, carol, aliceProjects } = await guestsWithAndWithoutSupport();
  const [project, other] = aliceProjects;
  const newTask = async (title: string, onProject: string) => {
    const res = await as(app, alice)
      .post('/api/tasks')
      .send({ data: { title: `${title} ${names}`, project: onProject } });
    expect(res.status).toBe(201);
    return res.body.data.documentId as string;
  };
  const linked = await newTask('Linked', project);
  const loose = await newTask('Loose', other);
  const parts = { milestones: [{ title: 'm', task: linked }] };
  const blocks = [{ __component: MILESTONE, title: 'b', task: linked }];
  expect(
    (
      await as(app, alice)
        .put(`/api/projects/${project}`)
        .send({ data: { ...parts, blocks } })
    ).status
  ).toBe(200);
  const asBob = () => as(app, bob, alice.account.documentId);
  const asCarol = () => as(app, carol, alice.account.documentId);
  const tasksOf = async (documentId: string) => {
    const res = await as(app, alice).get(`/api/projects/${documentId}?populate=tasks`);
    return res.body.data.tasks.map((task: { documentId: string }) => task.documentId).sort();
  };

  // the answer of a write populates what a read would: no task for bob, and his write keeps them
  const populate =
    'populate[tasks]=true&populate[milestones][populate]=task&populate[blocks][on][planning.milestone][populate]=task';
  const answers = async (member: () => ReturnType<typeof as>) => {
    const res = await member()
      .put(`/api/projects/${project}?${populate}`)
      .send({ data: { name: `Renamed ${names}` } });
    expect(res.status).toBe(200);
    const { tasks, milestones, blocks: zone } = res.body.data;
    const idOf = (task: { documentId: string } | null) => task?.documentId ?? null;
    return [tasks.map(idOf), idOf(milestones[0].task), idOf(zone[0].task)];
  };
  expect(await answers(asBob)).toEqual([[], null, null]);
  expect(await answers(asCarol)).toEqual([[linked], linked, linked]);
  expect(await tasksOf(project)).toEqual([linked]);

  // linking, unlinking or replacing tasks, in any shape and in components, needs `support`
  for (const data of [
    { tasks: { connect: [loose] } },
    { tasks: { disconnect: [linked] } },
    { tasks: [] },
    { milestones: [{ title: 'with a task', task: loose }] },
    { blocks: [{ __component: MILESTONE, title: 'with a task', task: loose }] },
  ]) {
    const refused = await asBob().put(`/api/projects/${project}`).send({ data });
    expect([refused.status, refused.body.error?.message]).toEqual([
      403,
      'This action needs the permission: support',
    ]);
  }
  const created = await asBob()
    .post('/api/projects')
    .send({ data: { name: `New ${names}`, tasks: [loose] } });
  expect([created.status, created.body.error?.message]).toEqual([
    403,
    'This action needs the permission: support',
  ]);
  // a shared type's write too
  const tag = await asBob()
    .post('/api/tags')
    .send({ data: { name: `Tag ${names}` } });
  expect(tag.status).toBe(201);
  const tagged = await asBob()
    .put(`/api/tags/${tag.body.data.documentId}`)
    .send({ data: { tasks: [loose] } });
  expect([tagged.status, tagged.body.error?.message]).toEqual([
    403,
    'This action needs the permission: support',
  ]);
  const mutation = await asBob()
    .post('/graphql')
    .send({
      query: `mutation { updateProject(documentId: "${project}", data: { tasks: ["${loose}"] }) { documentId } }`,
    });
  expect(mutation.body.errors?.map((e: { message: string }) => e.message)).toEqual([
    'This action needs the permission: support',
  ]);
  expect([await tasksOf(project), await tasksOf(other)]).toEqual([[linked], [loose]]);

  // with the key, the same write links
  const moved = await asCarol()
    .put(`/api/projects/${project}`)
    .send({ data: { tasks: { connect: [loose] } } });
  expect(moved.status).toBe(200);
  expect(await tasksOf(project)).toEqual([linked, loose].sort());
});

test('replacing a component or a dynamic zone that can link a type needs its read keys', async () => {
  // tasks: `support` reads; bob holds `configuration`, carol `support` too
  const { alice, bob, carol, aliceProjects } = await guestsWithAndWithoutSupport();
  const [project] = aliceProjects;
  const task = await as(app, alice)
    .post('/api/tasks')
    .send({ data: { title: `Held ${names}`, project } });
  expect(task.status).toBe(201);
  const linked = task.body.data.documentId as string;
  const held = {
    milestones: [{ title: 'm', task: linked }],
    blocks: [{ __component: MILESTONE, title: 'b', task: linked }],
  };
  expect((await as(app, alice).put(`/api/projects/${project}`).send({ data: held })).status).toBe(
    200
  );
  const tasksHeld = async () => {
    const populate =
      'populate[milestones][populate]=task&populate[blocks][on][planning.milestone][populate]=task';
    const res = await as(app, alice).get(`/api/projects/${project}?${populate}`);
    const { milestones, blocks } = res.body.data;
    return [milestones, blocks].map((parts: { task: { documentId: string } | null }[]) =>
      parts.map((part) => part.task?.documentId ?? null)
    );
  };
  expect(await tasksHeld()).toEqual([[linked], [linked]]);

  // what bob cannot see he would drop: the write names no task, and still replaces them
  for (const data of [
    { milestones: [{ title: 'no task' }] },
    { milestones: [] },
    { blocks: [{ __component: MILESTONE, title: 'no task' }] },
    { blocks: [] },
  ]) {
    const refused = await as(app, bob, alice.account.documentId)
      .put(`/api/projects/${project}`)
      .send({ data });
    expect([refused.status, refused.body.error?.message]).toEqual([
      403,
      'This action needs the permission: support',
    ]);
  }
  const mutation = await as(app, bob, alice.account.documentId)
    .post('/graphql')
    .send({
      query: `mutation { updateProject(documentId: "${project}", data: { milestones: [{ title: "no task" }] }) { documentId } }`,
    });
  expect(graphqlErrors(mutation)).toEqual([
    ['This action needs the permission: support', 'STRAPI_FORBIDDEN_ERROR', 'ForbiddenError'],
  ]);
  expect(await tasksHeld()).toEqual([[linked], [linked]]);

  // a new document drops nothing: bob may give it parts that link no task
  const created = await as(app, bob, alice.account.documentId)
    .post('/api/projects')
    .send({ data: { name: `New ${names}`, milestones: [{ title: 'no task' }] } });
  expect(created.status).toBe(201);

  // with the key, the same write replaces them
  const replaced = await as(app, carol, alice.account.documentId)
    .put(`/api/projects/${project}`)
    .send({ data: { milestones: [{ title: 'no task' }] } });
  expect(replaced.status).toBe(200);
  expect(await tasksHeld()).toEqual([[null], [linked]]);
});

test("a write's filters, and the filters, sorts and media of its answer, hold to the read keys too", async () => {
  // tasks and articles: `support` reads them; bob holds `configuration` only, carol `support` too
  const { alice, bob, carol, aliceProjects } = await guestsWithAndWithoutSupport();
  const [project, other] = aliceProjects;
  const title = `Secret ${names}`;
  const task = await as(app, alice).post('/api/tasks').send({ data: { title, project } });
  expect(task.status).toBe(201);
  const tag = await app.strapi.documents('api::tag.tag').create({
    data: { name: `t${names}`, projects: [project], tasks: [task.body.data.documentId] } as never,
  });
  const asBob = () => as(app, bob, alice.account.documentId);
  const asCarol = () => as(app, carol, alice.account.documentId);
  const refusal = (res: { status: number; body: { error?: { message: string } } }) => [
    res.status,
    res.body.error?.message,
  ];
  const needsSupport = [403, 'This action needs the permission: support'];

  // a read filters as if bob's account had no task; a write would see them: it is refused
  const filtered = `populate[tags][filters][tasks][title][$eq]=${encodeURIComponent(title)}`;
  const read = await asBob().get(`/api/projects/${project}?${filtered}`);
  expect([read.status, read.body.data.tags]).toEqual([200, []]);
  for (const [method, url] of [
    ['put', `/api/projects/${project}?${filtered}`],
    ['put', `/api/tags/${tag.documentId}?populate[projects][sort]=tasks.title:asc`],
    ['delete', `/api/projects/${project}?filters[tasks][title][$eq]=${encodeURIComponent(title)}`],
  ] as const) {
    const res = await asBob()
      [method](url)
      .send({ data: { name: `Renamed ${names}` } });
    expect([url, ...refusal(res)]).toEqual([url, ...needsSupport]);
  }
  expect((await projects().findOne({ where: { documentId: project } })).name).not.toBe(
    `Renamed ${names}`
  );
  const withKey = await asCarol()
    .put(`/api/projects/${project}?${filtered}`)
    .send({ data: { name: `Renamed ${names}` } });
  expect([withKey.status, withKey.body.data.tags.length]).toEqual([200, 1]);

  // a file's related documents, in a write's answer, as a read shows them
  const article = await as(app, alice)
    .post('/api/articles?status=published')
    .send({ data: { title: `Support only ${names}` } });
  expect(article.status).toBe(201);
  const published = await app.strapi.db.query('api::article.article').findOne({
    where: { documentId: article.body.data.documentId, publishedAt: { $notNull: true } },
  });
  const file = await as(app, alice)
    .post('/api/upload')
    .field('ref', 'api::article.article')
    .field('refId', String(published.id))
    .field('field', 'cover')
    .attach('files', Buffer.from('cover'), `cover-${names}.txt`);
  expect(file.status).toBe(201);
  const covered = await as(app, alice)
    .put(`/api/projects/${other}`)
    .send({ data: { cover: file.body[0].id } });
  expect(covered.status).toBe(200);
  const related = async (res: {
    status: number;
    body: { data: { cover: { related: { documentId: string }[] } } };
  }) => {
    expect(res.status).toBe(200);
    return res.body.data.cover.related.map((r) => r.documentId).sort();
  };
  const populate = 'populate[cover][populate][related]=true';
  expect(await related(await asBob().get(`/api/projects/${other}?${populate}`))).toEqual([other]);
  expect(
    await related(
      await asBob()
        .put(`/api/projects/${other}?${populate}`)
        .send({ data: { name: `Bob ${names}` } })
    )
  ).toEqual([other]);
  expect(
    await related(
      await asCarol()
        .put(`/api/projects/${other}?${populate}`)
        .send({ data: { name: `Carol ${names}` } })
    )
  ).toEqual([article.body.data.documentId, other].sort());
});

test('removal holds on the very next request, and no active account is a 403', async () => {
  const { alice, bob } = await twoAccounts();
  const member = await addGuest(app, alice, bob, ['support']);
  expect((await as(app, bob, alice.account.documentId).get('/api/projects')).status).toBe(200);
  await as(app, alice).delete(`/api/multi-account/contacts/${member.documentId}`);
  const refused = await as(app, bob, alice.account.documentId).get('/api/projects');
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toBe('You are not an active member of this account');
});

test('suspension holds on the very next request, and the refusal gives the reason', async () => {
  const { alice, bob } = await twoAccounts();
  const member = await addGuest(app, alice, bob, ['support']);
  await as(app, alice)
    .patch(`/api/multi-account/contacts/${member.documentId}`)
    .send({ status: 'inactive' });
  const refused = await as(app, bob, alice.account.documentId).get('/api/projects');
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toBe('You are not an active member of this account');
});

test("a host controller's own Document Service call is held to the active account", async () => {
  const { alice, bob } = await twoAccounts();
  const scoped = app.strapi.plugin('multi-account').service('scoped-content');
  for (const owner of [alice, bob]) {
    await scoped.runAsAccount(owner.account.documentId, () =>
      app.strapi.documents('api::invoice.invoice').create({ data: { title: owner.user.username } })
    );
  }
  // GET /api/invoices: a custom controller calling strapi.documents() with no filter of its own
  const res = await as(app, alice).get('/api/invoices');
  expect(res.status).toBe(200);
  expect(res.body.data.map((i: { title: string }) => i.title)).toEqual([alice.user.username]);
});

test('code outside a request sees every account, and runAsAccount sees one', async () => {
  const { alice, aliceProjects, bobProjects } = await twoAccounts();
  const all = await app.strapi.documents('api::project.project').findMany({ limit: 1000 } as never);
  const ids = all.map((p: { documentId: string }) => p.documentId);
  expect(ids).toEqual(expect.arrayContaining([...aliceProjects, ...bobProjects]));
  const scoped = app.strapi.plugin('multi-account').service('scoped-content');
  const inAlice = await scoped.runAsAccount(alice.account.documentId, async () => {
    await app.strapi.documents('api::project.project').create({ data: { name: 'from a job' } });
    return app.strapi.documents('api::project.project').findMany({ limit: 1000 } as never);
  });
  expect(inAlice.map((p: { name: string }) => p.name).sort()).toEqual(
    [
      ...(await Promise.all(
        aliceProjects.map(
          async (d) => (await projects().findOne({ where: { documentId: d } })).name
        )
      )),
      'from a job',
    ].sort()
  );
});

describe('relations', () => {
  const idOf = async (uid: string, documentId: string) =>
    (await app.strapi.db.query(uid as never).findOne({ where: { documentId } })).id as number;

  const createTask = (owner: Session, data: Record<string, unknown>) =>
    as(app, owner)
      .post('/api/tasks')
      .send({ data: { title: `t${++names}`, ...data } });

  test("connecting a relation to another account's document is a 400, in every form", async () => {
    const { alice, aliceProjects, bobProjects } = await twoAccounts();
    const theirs = bobProjects[0];
    const theirId = await idOf('api::project.project', theirs);
    for (const project of [
      theirs,
      theirId,
      { documentId: theirs },
      { connect: [theirs] },
      { connect: [{ documentId: theirs }] },
      { connect: [{ id: theirId }] },
      { set: [theirs] },
    ]) {
      const res = await createTask(alice, { project });
      expect(res.status).toBe(400);
    }
    expect((await createTask(alice, { project: aliceProjects[0] })).status).toBe(201);
    const mine = await createTask(alice, {});
    const moved = await as(app, alice)
      .put(`/api/tasks/${mine.body.data.documentId}`)
      .send({ data: { project: { connect: [theirs] } } });
    expect(moved.status).toBe(400);
  });

  /**
   * An account's project with a task of its own and one of another account's, linked by a raw
   * query: a link across accounts that only a bug or code outside a request could make.
   */
  const crossLinked = async () => {
    const { alice, bob, aliceProjects, bobProjects } = await twoAccounts();
    const own = await createTask(alice, { project: aliceProjects[0] });
    const foreign = await createTask(bob, { project: bobProjects[0] });
    await app.strapi.db.query('api::task.task').update({
      where: { documentId: foreign.body.data.documentId },
      data: { project: await idOf('api::project.project', aliceProjects[0]) },
    });
    return { alice, aliceProjects, own };
  };

  test("populate, named, * and nested, never returns another account's documents", async () => {
    const { alice, aliceProjects, own } = await crossLinked();
    for (const query of [
      'populate=tasks',
      'populate=*',
      'populate[tasks]=true',
      'populate[tasks][populate][project]=true',
      'populate[0]=tasks.project',
    ]) {
      const res = await as(app, alice).get(`/api/projects/${aliceProjects[0]}?${query}`);
      expect(res.status).toBe(200);
      expect(res.body.data.tasks.map((t: { documentId: string }) => t.documentId)).toEqual([
        own.body.data.documentId,
      ]);
    }
  });

  test("populate two levels down, back through the relation, holds no other account's document", async () => {
    const { alice, own } = await crossLinked();
    for (const query of [
      'populate[project][populate][tasks]=true',
      'populate[project][populate]=*',
      'populate[0]=project.tasks',
    ]) {
      const res = await as(app, alice).get(`/api/tasks/${own.body.data.documentId}?${query}`);
      expect([query, res.status]).toEqual([query, 200]);
      expect([
        query,
        res.body.data.project.tasks.map((t: { documentId: string }) => t.documentId),
      ]).toEqual([query, [own.body.data.documentId]]);
    }
  });

  test("a filter through a relation cannot probe another account's documents", async () => {
    const { alice, bob, aliceProjects, bobProjects } = await twoAccounts();
    const secret = `secret${names}`;
    const foreign = await createTask(bob, { project: bobProjects[0], title: secret });
    await app.strapi.db.query('api::task.task').update({
      where: { documentId: foreign.body.data.documentId },
      data: { project: await idOf('api::project.project', aliceProjects[0]) },
    });
    const own = `own${names}`;
    await createTask(alice, { project: aliceProjects[1], title: own });
    // the same filter finds a project through the account's own task
    const found = await as(app, alice).get(`/api/projects?filters[tasks][title][$eq]=${own}`);
    expect(found.body.data.map((p: { documentId: string }) => p.documentId)).toEqual([
      aliceProjects[1],
    ]);
    const res = await as(app, alice).get(`/api/projects?filters[tasks][title][$eq]=${secret}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
  });
});

const MILESTONE = 'planning.milestone';

const createTask = async (owner: Session) => {
  const res = await as(app, owner)
    .post('/api/tasks')
    .send({ data: { title: `t${++names}` } });
  expect(res.status).toBe(201);
  return res.body.data.documentId as string;
};

/**
 * An account's project whose milestones and blocks (a component and a dynamic zone) link a task
 * of the account's and one of another account's: a link that only code outside a request (or a
 * bug) could make.
 */
const mixedParts = async () => {
  const { alice, bob } = await twoAccounts();
  const ownTask = await createTask(alice);
  const theirTask = await createTask(bob);
  const aliceAccount = await accountRowOf(app, alice.account);
  const parts = [
    { title: 'own', task: ownTask },
    { title: 'foreign', task: theirTask },
  ];
  const project = await app.strapi.documents('api::project.project').create({
    data: {
      name: 'mixed parts',
      multiAccountId: aliceAccount.id,
      milestones: parts,
      blocks: parts.map((part) => ({ __component: MILESTONE, ...part })),
    } as never,
  });
  return { alice, project, ownTask, theirTask };
};

describe('components and dynamic zones', () => {
  test("a relation inside a component or a dynamic zone to another account's document is a 400", async () => {
    const { alice, bob, aliceProjects } = await twoAccounts();
    const ownTask = await createTask(alice);
    const theirTask = await createTask(bob);
    const before = await projects().count({});
    for (const data of [
      {
        milestones: [
          { title: 'ok', task: ownTask },
          { title: 'theirs', task: theirTask },
        ],
      },
      { milestones: [{ title: 'theirs', task: { connect: [theirTask] } }] },
      { blocks: [{ __component: MILESTONE, title: 'theirs', task: theirTask }] },
    ]) {
      const res = await as(app, alice)
        .post('/api/projects')
        .send({ data: { name: 'with parts', ...data } });
      expect(res.status).toBe(400);
      // what Strapi answers for a document it does not have
      expect(res.body.error.message).toBe(
        `Document with id "${theirTask}", locale "null" not found`
      );
      const update = await as(app, alice).put(`/api/projects/${aliceProjects[0]}`).send({ data });
      expect(update.status).toBe(400);
    }
    expect(await projects().count({})).toBe(before);
    const own = await as(app, alice)
      .post('/api/projects')
      .send({
        data: {
          name: 'own parts',
          milestones: [{ title: 'mine', task: ownTask }],
          blocks: [{ __component: MILESTONE, title: 'mine', task: ownTask }],
        },
      });
    expect(own.status).toBe(201);
  });

  test("populate through a component or a dynamic zone never returns another account's documents", async () => {
    const { alice, project, ownTask } = await mixedParts();
    const tasksOf = (items: { title: string; task?: { documentId: string } | null }[]) =>
      Object.fromEntries(items.map((item) => [item.title, item.task?.documentId ?? null]));
    for (const [query, field] of [
      ['populate[milestones][populate]=task', 'milestones'],
      ['populate[milestones][populate]=*', 'milestones'],
      ['populate[0]=milestones.task', 'milestones'],
      [`populate[blocks][on][${MILESTONE}][populate]=task`, 'blocks'],
      [`populate[blocks][on][${MILESTONE}][populate]=*`, 'blocks'],
      ['populate[blocks][populate]=*', 'blocks'],
    ]) {
      const res = await as(app, alice).get(`/api/projects/${project.documentId}?${query}`);
      expect([query, res.status]).toEqual([query, 200]);
      expect([query, tasksOf(res.body.data[field])]).toEqual([
        query,
        { own: ownTask, foreign: null },
      ]);
    }
  });
});

describe('GraphQL', () => {
  const graphql = (session: Session, query: string, account?: string) =>
    as(app, session, account).post('/graphql').send({ query });

  test("root queries list and count only the active account's documents", async () => {
    const { alice, aliceProjects, bobProjects } = await twoAccounts();
    const res = await graphql(
      alice,
      '{ projects(pagination: { pageSize: 100 }) { documentId } projects_connection { pageInfo { total } } }'
    );
    expect(res.status).toBe(200);
    const ids = res.body.data.projects.map((p: { documentId: string }) => p.documentId);
    expect(ids.sort()).toEqual([...aliceProjects].sort());
    expect(res.body.data.projects_connection.pageInfo.total).toBe(2);
    const theirs = await graphql(alice, `{ project(documentId: "${bobProjects[0]}") { name } }`);
    expect(theirs.body.data?.project ?? null).toBeNull();
  });

  test("another account's document answers a mutation as an unknown one does, in the GraphQL plugin's codes", async () => {
    const { alice, bobProjects } = await twoAccounts();
    const unknown = 'a'.repeat(24);
    const refusal = async (mutation: string) => {
      const res = await graphql(alice, `mutation { ${mutation} { documentId } }`);
      expect(res.status).toBe(200);
      const [error] = res.body.errors;
      return { message: error.message, code: error.extensions.code, data: res.body.data };
    };
    for (const mutation of [
      (id: string) => `updateProject(documentId: "${id}", data: { name: "Renamed" })`,
      (id: string) => `deleteProject(documentId: "${id}")`,
    ]) {
      const theirs = await refusal(mutation(bobProjects[0]));
      expect(theirs).toEqual(await refusal(mutation(unknown)));
      expect(theirs).toMatchObject({ code: 'STRAPI_NOT_FOUND_ERROR', message: 'Not Found' });
    }
    const kept = await app.strapi.db
      .query('api::project.project')
      .findOne({ where: { documentId: bobProjects[0] } });
    expect(kept.name).toMatch(/^B1-/);

    // acting for an account one is not a member of
    const { alice: stranger, bob: other } = await twoAccounts();
    const refused = await graphql(
      stranger,
      '{ projects { documentId } }',
      other.account.documentId
    );
    expect(graphqlErrors(refused)).toEqual([
      ['You are not an active member of this account', 'STRAPI_FORBIDDEN_ERROR', 'ForbiddenError'],
    ]);
    // Strapi's own refusal (the public role may not list memos) has its own code, and the same
    // error name
    const anonymous = await app.http().post('/graphql').send({ query: '{ memos { documentId } }' });
    expect(graphqlErrors(anonymous)).toEqual([['Forbidden access', 'FORBIDDEN', 'ForbiddenError']]);
  });

  test("relation fields never answer another account's documents", async () => {
    const { alice, bob, aliceProjects, bobProjects } = await twoAccounts();
    const create = async (owner: Session, project: string) =>
      (
        await as(app, owner)
          .post('/api/tasks')
          .send({ data: { title: `g${names}`, project } })
      ).body.data.documentId as string;
    const own = await create(alice, aliceProjects[0]);
    const foreign = await create(bob, bobProjects[0]);
    await app.strapi.db.query('api::task.task').update({
      where: { documentId: foreign },
      data: {
        project: (
          await app.strapi.db
            .query('api::project.project')
            .findOne({ where: { documentId: aliceProjects[0] } })
        ).id,
      },
    });
    const res = await graphql(
      alice,
      `{ project(documentId: "${aliceProjects[0]}") { tasks { documentId } tasks_connection { nodes { documentId } } } }`
    );
    expect(res.status).toBe(200);
    expect(res.body.data.project.tasks.map((t: { documentId: string }) => t.documentId)).toEqual([
      own,
    ]);
    expect(
      res.body.data.project.tasks_connection.nodes.map((t: { documentId: string }) => t.documentId)
    ).toEqual([own]);
    // bob reaches his task's project only if it is his: it is alice's now
    const back = await graphql(
      bob,
      `{ task(documentId: "${foreign}") { project { documentId } } }`
    );
    expect(back.body.data.task.project).toBeNull();
  });

  test("relation fields in components and dynamic zones never answer another account's documents", async () => {
    const { alice, project, ownTask } = await mixedParts();
    const res = await graphql(
      alice,
      `{ project(documentId: "${project.documentId}") {
          milestones { title task { documentId } }
          blocks { ... on ComponentPlanningMilestone { title task { documentId } } }
        } }`
    );
    expect(res.status).toBe(200);
    const tasksOf = (items: { title: string; task: { documentId: string } | null }[]) =>
      Object.fromEntries(items.map((item) => [item.title, item.task?.documentId ?? null]));
    expect(tasksOf(res.body.data.project.milestones)).toEqual({ own: ownTask, foreign: null });
    expect(tasksOf(res.body.data.project.blocks)).toEqual({ own: ownTask, foreign: null });
  });
});
