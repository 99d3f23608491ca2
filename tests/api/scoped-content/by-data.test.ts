import { useTestApp } from '../../helpers/strapi';
import { addGuest, as, signUp, type Session } from '../../helpers/users';

// Isolation follows the data: a request that starts at a type shared by every account (Tag, not
// scoped) and reaches the scoped Project and Task through its relations sees, filters and links
// only the active account's documents, whatever shape its references take.
let n = 0;

const app = useTestApp();

const UNKNOWN_DOCUMENT = 'zzzzzzzzzzzzzzzzzzzzzzzz';
const UNKNOWN_ID = 987654321;
type Res = { status: number; body: { error?: { status: number; name: string; message: string } } };

/** The error an answer carries, with the document it names replaced, to compare two answers. */
const errorOf = (res: Res, named: string | number) => ({
  status: res.status,
  error: res.body.error && {
    ...res.body.error,
    message: res.body.error.message.split(String(named)).join('<named>'),
    details: undefined,
  },
});

const rowId = async (uid: string, documentId: string) =>
  (await app.strapi.db.query(uid as never).findOne({ where: { documentId } })).id as number;

/** Every link of the shared tags to projects and tasks, as the database holds them. */
const links = async () => {
  const tags = await app.strapi.db.query('api::tag.tag').findMany({
    populate: { projects: { select: ['id'] }, tasks: { select: ['id'] } },
    orderBy: { id: 'asc' },
  });
  return tags.map((tag: { id: number; projects: { id: number }[]; tasks: { id: number }[] }) => ({
    id: tag.id,
    projects: tag.projects.map((p) => p.id).sort(),
    tasks: tag.tasks.map((t) => t.id).sort(),
  }));
};

/**
 * Two owners of two accounts, each with a project and a task, and one shared tag that an admin
 * (code outside a request) linked to both accounts' projects and tasks.
 */
const twoAccountsAndATag = async () => {
  const i = ++n;
  const alice = await signUp(app, `dalice${i}`);
  const bob = await signUp(app, `dbob${i}`);
  const make = async (owner: Session, type: string, data: Record<string, unknown>) => {
    const res = await as(app, owner).post(`/api/${type}`).send({ data });
    expect(res.status).toBe(201);
    return res.body.data.documentId as string;
  };
  const own = {
    project: await make(alice, 'projects', { name: `Own project ${i}` }),
    task: await make(alice, 'tasks', { title: `Own task ${i}` }),
  };
  const secret = {
    project: await make(bob, 'projects', { name: `Secret project ${i}` }),
    task: await make(bob, 'tasks', { title: `Secret task ${i}` }),
  };
  const tag = await app.strapi.documents('api::tag.tag').create({
    data: {
      name: `shared ${i}`,
      projects: [secret.project, own.project],
      tasks: [secret.task, own.task],
    } as never,
  });
  return { alice, bob, own, secret, tag: tag.documentId as string, i };
};

/**
 * Four shared tags to sort by their projects' names, as alice sees them: tag A holds alice's
 * projects "M" and "C" and bob's "A"; tag B alice's "B" and "C" and bob's "Z"; tag C only bob's
 * "0"; tag D nothing. By alice's projects, B comes before A in ascending order and after it in
 * descending order; bob's projects would turn both around.
 */
const tagsToSort = async () => {
  const { alice, bob, i } = await twoAccountsAndATag();
  const prefix = `sort${i}-`;
  const project = async (owner: Session, name: string) => {
    const res = await as(app, owner)
      .post('/api/projects')
      .send({ data: { name: `${prefix}${name}` } });
    expect(res.status).toBe(201);
    return res.body.data.documentId as string;
  };
  const m = await project(alice, 'M');
  const b = await project(alice, 'B');
  const c = await project(alice, 'C');
  const [hiddenA, hiddenZ, hidden0] = [
    await project(bob, 'A'),
    await project(bob, 'Z'),
    await project(bob, '0'),
  ];
  const tag = async (name: string, projects: string[]) =>
    (
      await app.strapi.documents('api::tag.tag').create({
        data: { name: `${prefix}${name}`, projects } as never,
      })
    ).documentId as string;
  const tags = {
    a: await tag('a', [m, hiddenA, c]),
    b: await tag('b', [b, hiddenZ, c]),
    c: await tag('c', [hidden0]),
    d: await tag('d', []),
  };
  return { alice, prefix, tags, both: c };
};

/** The order Strapi gives outside any account, where every account's projects count. */
const unscopedOrder = async (prefix: string, direction: 'asc' | 'desc') =>
  (
    await app.strapi.db.query('api::tag.tag').findMany({
      where: { name: { $startsWith: prefix } },
      orderBy: { projects: { name: direction } },
    })
  ).map((t: { documentId: string }) => t.documentId);

describe('reading through a shared type', () => {
  test("populate, named, * and nested, answers only the active account's documents", async () => {
    const { alice, own, tag } = await twoAccountsAndATag();
    for (const query of [
      'populate=projects',
      'populate=*',
      'populate[projects][populate][tags][populate]=projects',
      'populate[0]=projects.tags.projects',
      'populate[tasks][fields][0]=title',
    ]) {
      const res = await as(app, alice).get(`/api/tags/${tag}?${query}`);
      expect([query, res.status]).toEqual([query, 200]);
      const { projects, tasks } = res.body.data;
      if (projects) {
        expect([query, projects.map((p: { documentId: string }) => p.documentId)]).toEqual([
          query,
          [own.project],
        ]);
        type Back = { projects?: { documentId: string }[] };
        const backs: Back[] = projects.flatMap((p: { tags?: Back[] }) => p.tags ?? []);
        for (const back of backs) {
          expect((back.projects ?? []).map((p) => p.documentId)).toEqual([own.project]);
        }
      }
      if (tasks) {
        expect(tasks.map((t: { documentId: string }) => t.documentId)).toEqual([own.task]);
      }
    }
  });

  test("a populated count counts the active account's documents only", async () => {
    const { alice, tag } = await twoAccountsAndATag();
    const res = await as(app, alice).get(`/api/tags/${tag}?populate[projects][count]=true`);
    expect(res.status).toBe(200);
    expect(res.body.data.projects).toEqual({ count: 1 });
    // a file's related documents are of many types: their count is refused, not leaked
    const files = await as(app, alice).get('/api/upload/files?populate[related][count]=true');
    expect(files.status).toBe(400);
  });

  test("a filter through a shared type matches by the active account's documents only", async () => {
    const { alice, tag, i } = await twoAccountsAndATag();
    const found = (query: string) =>
      as(app, alice)
        .get(`/api/tags?${query}`)
        .then((res) => {
          expect([query, res.status]).toEqual([query, 200]);
          return res.body.data.map((t: { documentId: string }) => t.documentId);
        });
    expect(await found(`filters[projects][name][$eq]=Own project ${i}`)).toEqual([tag]);
    expect(await found(`filters[projects][name][$eq]=Secret project ${i}`)).toEqual([]);
    expect(await found(`filters[tasks][title][$startsWith]=Secret task ${i}`)).toEqual([]);
    expect(
      await found(
        `filters[$or][0][projects][name][$eq]=Secret project ${i}&filters[$or][1][name][$eq]=none`
      )
    ).toEqual([]);
  });

  test('a negated filter through a relation tells nothing of the documents it cannot see', async () => {
    const { alice, bob, i } = await twoAccountsAndATag();
    const project = async (owner: Session, name: string) => {
      const res = await as(app, owner)
        .post('/api/projects')
        .send({ data: { name: `${name} ${i}` } });
      expect(res.status).toBe(201);
      return res.body.data.documentId as string;
    };
    const [p1, p3, hidden] = [
      await project(alice, 'Not P1'),
      await project(alice, 'Not P3'),
      await project(bob, 'Not hidden'),
    ];
    const prefix = `not${i}-`;
    const tag = async (name: string, projects: string[]) =>
      (
        await app.strapi.documents('api::tag.tag').create({
          data: { name: `${prefix}${name}`, projects } as never,
        })
      ).documentId as string;
    // as alice sees them: t1 and t2 hold P1 alone, t3 and t4 nothing, t5 P1 and P3
    const t1 = await tag('t1', [p1]);
    const t2 = await tag('t2', [p1, hidden]);
    const t3 = await tag('t3', [hidden]);
    const t4 = await tag('t4', []);
    const t5 = await tag('t5', [p1, p3]);
    const answer = (filter: string) =>
      as(app, alice).get(
        `/api/tags?filters[name][$startsWith]=${prefix}&${filter}&pagination[pageSize]=100`
      );
    const found = async (filter: string) => {
      const res = await answer(filter);
      expect([filter, res.status]).toEqual([filter, 200]);
      const ids: string[] = res.body.data.map((t: { documentId: string }) => t.documentId);
      return [t1, t2, t3, t4, t5].filter((t) => ids.includes(t));
    };
    // Strapi tests a negated filter on each related row, where a hidden one would pass it
    for (const filter of [
      `filters[$not][projects][documentId][$eq]=${p1}`,
      `filters[$not][projects][name][$eq]=Not P1 ${i}`,
      'filters[$not][projects][id][$notNull]=true',
      `filters[$not][projects][$eq]=${await rowId('api::project.project', p1)}`,
      `filters[$not][$or][0][projects][documentId][$eq]=${p1}&filters[$not][$or][1][name][$eq]=x`,
    ]) {
      const res = await answer(filter);
      expect([filter, res.status, res.body.error?.message]).toEqual([
        filter,
        400,
        'projects: a filter through a relation to account-scoped documents cannot be negated ($not)',
      ]);
    }
    // twice negated, it is a filter as any other; whether there is any related document is
    // tested on the visible ones alone, so t2 is t1 and t3 is t4
    expect(await found(`filters[$not][$not][projects][documentId][$eq]=${p1}`)).toEqual([
      t1,
      t2,
      t5,
    ]);
    expect(await found('filters[$not][projects][$null]=true')).toEqual([t1, t2, t5]);
    expect(await found('filters[$not][projects][$notNull]=true')).toEqual([t3, t4]);
  });

  test("sorting through a relation orders by the active account's documents only", async () => {
    const { alice, prefix, tags, both } = await tagsToSort();
    const { a, b, c, d } = tags;
    // the fixture means something: with bob's projects counted, the order is the other way
    expect((await unscopedOrder(prefix, 'asc')).filter((t) => t === a || t === b)).toEqual([a, b]);
    expect((await unscopedOrder(prefix, 'desc')).filter((t) => t === a || t === b)).toEqual([b, a]);

    const order = async (query: string) => {
      const res = await as(app, alice).get(
        `/api/tags?filters[name][$startsWith]=${prefix}&${query}`
      );
      expect([query, res.status, res.body.error]).toEqual([query, 200, undefined]);
      return res.body.data.map((t: { documentId: string }) => t.documentId);
    };
    // tags with no project alice can see sort as tags with none at all, where the database
    // puts empty values
    const withNone = (linked: string[], none = [c, d]) => [
      [...linked, ...none],
      [...none, ...linked],
    ];
    expect(withNone([b, a])).toContainEqual(await order('sort=projects.name:asc'));
    expect(withNone([a, b])).toContainEqual(await order('sort[0]=projects.name:desc'));
    expect(withNone([b, a], [d, c])).toContainEqual(
      await order('sort[0]=projects.name&sort[1]=name:desc')
    );
    // A reaches M, C and through C's tags B; B reaches B and C: a tie, broken by id
    expect(withNone([a, b])).toContainEqual(await order('sort=projects.tags.projects.name:asc'));

    // a page is cut from that order, and the total is the account's
    const page = await as(app, alice).get(
      `/api/tags?filters[name][$startsWith]=${prefix}&sort=projects.name:asc&pagination[pageSize]=1&pagination[page]=2`
    );
    expect(page.body.meta.pagination.total).toBe(4);
    expect([[a], [d]]).toContainEqual(
      page.body.data.map((t: { documentId: string }) => t.documentId)
    );

    // from a scoped type, through a shared one: M reaches C, B and C reach B, with bob's
    // projects M and C would reach A
    const projects = await as(app, alice).get(
      `/api/projects?filters[name][$startsWith]=${prefix}&sort=tags.projects.name:asc`
    );
    expect(projects.status).toBe(200);
    expect(projects.body.data.map((p: { name: string }) => p.name)).toEqual(
      ['B', 'C', 'M'].map((name) => `${prefix}${name}`)
    );

    // a populated list sorts by the account's documents too, in REST and in GraphQL
    const populated = await as(app, alice).get(
      `/api/projects/${both}?populate[tags][sort][0]=projects.name:asc`
    );
    expect([populated.status, populated.body.error]).toEqual([200, undefined]);
    expect(populated.body.data.tags.map((t: { documentId: string }) => t.documentId)).toEqual([
      b,
      a,
    ]);
    const field = await as(app, alice)
      .post('/graphql')
      .send({
        query: `{ project(documentId: "${both}") {
          ascending: tags(sort: "projects.name:asc") { documentId }
          descending: tags(sort: "projects.name:desc") { documentId }
          first: tags(sort: "projects.name:asc", pagination: { limit: 1 }) { documentId }
          second: tags(sort: "projects.name:asc", pagination: { start: 1, limit: 1 }) { documentId }
        } }`,
      });
    expect([field.status, field.body.errors]).toEqual([200, undefined]);
    const ids = (list: { documentId: string }[]) => list.map((t) => t.documentId);
    expect(ids(field.body.data.project.ascending)).toEqual([b, a]);
    expect(ids(field.body.data.project.descending)).toEqual([a, b]);
    expect(ids(field.body.data.project.first)).toEqual([b]);
    expect(ids(field.body.data.project.second)).toEqual([a]);

    // sorting through a type that is not scoped is Strapi's own
    const ordered = await as(app, alice).get('/api/projects?sort=tags.name:asc');
    expect(ordered.status).toBe(200);
  });

  test('relation filter operators answer 200 or 400, never 5xx', async () => {
    const { alice } = await twoAccountsAndATag();
    for (const query of [
      'filters[projects][$null]=true',
      'filters[projects][$notNull]=true',
      'filters[projects][$in][0]=abc',
      'filters[projects][$in][0]=1',
      'filters[projects][$eq]=1',
      'filters[projects]=abc',
      'filters[projects][$contains]=1',
      'filters[projects][$null]=true&filters[projects][$eq]=1',
      'filters[$and][0][projects][$null]=false',
      'filters[$not][projects][name][$eq]=x',
    ]) {
      const res = await as(app, alice).get(`/api/tags?${query}`);
      expect([query, [200, 400].includes(res.status)]).toEqual([query, true]);
    }
    // refused rather than answered in a way that would tell hidden documents apart
    for (const query of [
      'filters[projects]=abc',
      'filters[projects][$in][0]=abc',
      'filters[projects][$contains]=1',
      'filters[projects][$null]=true&filters[projects][$eq]=1',
    ]) {
      const res = await as(app, alice).get(`/api/tags?${query}`);
      expect([query, res.status, res.body.error?.name]).toEqual([query, 400, 'ValidationError']);
    }
    for (const query of ['filters[project][$null]=true', 'filters[project][$notNull]=true']) {
      const res = await as(app, alice).get(`/api/tasks?${query}`);
      expect([query, res.status]).toEqual([query, 200]);
    }
  });

  test("$null on a list means no document of the active account's, hidden ones counting as none", async () => {
    const { alice, prefix, tags } = await tagsToSort();
    const found = async (query: string) => {
      const res = await as(app, alice).get(
        `/api/tags?filters[name][$startsWith]=${prefix}&${query}&sort=name`
      );
      expect([query, res.status, res.body.error]).toEqual([query, 200, undefined]);
      return res.body.data.map((t: { documentId: string }) => t.documentId);
    };
    const none = [tags.c, tags.d];
    const some = [tags.a, tags.b];
    expect(await found('filters[projects][$null]=true')).toEqual(none);
    expect(await found('filters[projects][$null]=false')).toEqual(some);
    expect(await found('filters[projects][$notNull]=true')).toEqual(some);
    expect(await found('filters[$not][projects][$null]=true')).toEqual(some);
    expect(
      await found('filters[$or][0][projects][$null]=true&filters[$or][1][name][$eq]=x')
    ).toEqual(none);
  });

  test("$null on a scoped type's own list counts another account's documents as none", async () => {
    const { alice, own, secret } = await twoAccountsAndATag();
    // a link across accounts that only code outside a request could make: alice's project's
    // only task is bob's
    await app.strapi.db.query('api::task.task').update({
      where: { documentId: secret.task },
      data: { project: await rowId('api::project.project', own.project) },
    });
    const found = async (filter: string) => {
      const res = await as(app, alice).get(
        `/api/projects?filters[documentId][$eq]=${own.project}&${filter}`
      );
      expect([filter, res.status]).toEqual([filter, 200]);
      return res.body.data.map((p: { documentId: string }) => p.documentId);
    };
    expect(await found('filters[tasks][$null]=true')).toEqual([own.project]);
    expect(await found('filters[tasks][$notNull]=true')).toEqual([]);
  });

  test("a to-one relation to another account's document reads as no document, $null included", async () => {
    const { alice, bob, own, secret } = await twoAccountsAndATag();
    // a link across accounts that only code outside a request could make
    await app.strapi.db.query('api::task.task').update({
      where: { documentId: own.task },
      data: { project: await rowId('api::project.project', secret.project) },
    });
    const res = await as(app, alice).get(`/api/tasks/${own.task}?populate=project`);
    expect(res.body.data.project).toBeNull();
    const none = await as(app, alice).get(
      `/api/tasks?filters[project][$null]=true&filters[documentId][$eq]=${own.task}`
    );
    expect(none.body.data.map((t: { documentId: string }) => t.documentId)).toEqual([own.task]);
    const some = await as(app, alice).get(
      `/api/tasks?filters[project][$notNull]=true&filters[documentId][$eq]=${own.task}`
    );
    expect(some.body.data).toEqual([]);
    expect(
      (await as(app, bob).get(`/api/projects/${secret.project}?populate=tasks`)).body.data.tasks
    ).toEqual([]);
  });

  test('anonymous visitors and API tokens see no scoped document through a shared type', async () => {
    const { tag } = await twoAccountsAndATag();
    const { accessKey } = await app.strapi.service('admin::api-token').create({
      name: `reader ${n}`,
      description: '',
      type: 'read-only',
      lifespan: null,
    });
    for (const bearer of [undefined, accessKey as string]) {
      const req = app.http().get(`/api/tags/${tag}?populate=*`);
      const res = await (bearer ? req.set('Authorization', `Bearer ${bearer}`) : req);
      expect(res.status).toBe(200);
      expect(res.body.data.projects).toEqual([]);
      expect(res.body.data.tasks).toEqual([]);
    }
  });
});

describe('writing through a shared type', () => {
  const FORMS: [string, (ref: string | number) => unknown][] = [
    ['a documentId', (ref) => [ref]],
    ['a documentId in a list of one', (ref) => ({ documentId: [ref] })],
    ['connect by documentId', (ref) => ({ connect: [ref] })],
    ['connect by { documentId: [id] }', (ref) => ({ connect: [{ documentId: [ref] }] })],
    ['set by { documentId }', (ref) => ({ set: [{ documentId: ref }] })],
  ];
  const NUMERIC_FORMS: [string, (ref: number) => unknown][] = [
    ['a numeric id', (ref) => [ref]],
    ['a numeric string', (ref) => [String(ref)]],
    ['connect by { id }', (ref) => ({ connect: [{ id: ref }] })],
    ['set by number', (ref) => ({ set: [ref] })],
  ];

  test("linking another account's document answers what an unknown id answers, in every form, and changes nothing", async () => {
    const { alice, secret, tag } = await twoAccountsAndATag();
    const before = await links();
    const secretId = await rowId('api::project.project', secret.project);
    const attempt = (projects: unknown) =>
      Promise.all([
        as(app, alice)
          .post('/api/tags')
          .send({ data: { name: `new ${n}`, projects } }),
        as(app, alice).put(`/api/tags/${tag}`).send({ data: { projects } }),
      ]);
    for (const [form, shape] of FORMS) {
      const foreign = await attempt(shape(secret.project));
      const unknown = await attempt(shape(UNKNOWN_DOCUMENT));
      for (const [k, res] of foreign.entries()) {
        expect([form, res.status]).toEqual([form, 400]);
        expect([form, errorOf(res, secret.project)]).toEqual([
          form,
          errorOf(unknown[k], UNKNOWN_DOCUMENT),
        ]);
      }
    }
    for (const [form, shape] of NUMERIC_FORMS) {
      const foreign = await attempt(shape(secretId));
      const unknown = await attempt(shape(UNKNOWN_ID));
      for (const [k, res] of foreign.entries()) {
        expect([form, res.status]).toEqual([form, 400]);
        expect([form, errorOf(res, secretId)]).toEqual([form, errorOf(unknown[k], UNKNOWN_ID)]);
      }
    }
    expect(await links()).toEqual(before);
  });

  test("positioning against another account's document answers what an unknown id answers", async () => {
    const { alice, own, secret, tag } = await twoAccountsAndATag();
    const before = await links();
    const positioned = (before: string) =>
      as(app, alice)
        .put(`/api/tags/${tag}`)
        .send({
          data: { projects: { connect: [{ documentId: own.project, position: { before } }] } },
        });
    const foreign = await positioned(secret.project);
    const unknown = await positioned(UNKNOWN_DOCUMENT);
    expect(foreign.status).toBe(400);
    expect(errorOf(foreign, secret.project)).toEqual(errorOf(unknown, UNKNOWN_DOCUMENT));
    expect(await links()).toEqual(before);
  });

  test("unlinking another account's document answers what an unknown id answers and unlinks nothing", async () => {
    const { alice, secret, tag } = await twoAccountsAndATag();
    const before = await links();
    const secretId = await rowId('api::project.project', secret.project);
    const disconnect = (ref: unknown) =>
      as(app, alice)
        .put(`/api/tags/${tag}`)
        .send({ data: { projects: { disconnect: [ref] } } });
    const byId = await disconnect({ id: secretId });
    const unknownId = await disconnect({ id: UNKNOWN_ID });
    expect([byId.status, unknownId.status]).toEqual([200, 200]);
    const byDocument = await disconnect(secret.project);
    expect(errorOf(byDocument, secret.project)).toEqual(
      errorOf(await disconnect(UNKNOWN_DOCUMENT), UNKNOWN_DOCUMENT)
    );
    expect(await links()).toEqual(before);
  });

  test("replacing a shared type's list keeps the links of other accounts", async () => {
    const { alice, own, secret, tag } = await twoAccountsAndATag();
    const secretProject = await rowId('api::project.project', secret.project);
    const secretTask = await rowId('api::task.task', secret.task);
    const res = await as(app, alice)
      .put(`/api/tags/${tag}`)
      .send({ data: { projects: [], tasks: { set: [] } } });
    expect(res.status).toBe(200);
    const [row] = (await links()).filter((l: { id: number }) => l.id === res.body.data.id);
    expect(row).toMatchObject({ projects: [secretProject], tasks: [secretTask] });
    const relinked = await as(app, alice)
      .put(`/api/tags/${tag}`)
      .send({ data: { projects: { set: [own.project] } } });
    expect(relinked.status).toBe(200);
    const [after] = (await links()).filter((l: { id: number }) => l.id === res.body.data.id);
    expect(after.projects).toEqual(
      [secretProject, await rowId('api::project.project', own.project)].sort()
    );
  });

  test("host code writing with the query engine cannot link another account's document either", async () => {
    const { alice, own, secret, tag } = await twoAccountsAndATag();
    const before = await links();
    const link = (id: number) =>
      as(app, alice)
        .post(`/api/tags/${tag}/projects`)
        .send({ ids: [id] });
    const foreign = await link(await rowId('api::project.project', secret.project));
    expect(errorOf(foreign, await rowId('api::project.project', secret.project))).toEqual(
      errorOf(await link(UNKNOWN_ID), UNKNOWN_ID)
    );
    expect(foreign.status).toBe(400);
    expect(await links()).toEqual(before);
    expect((await link(await rowId('api::project.project', own.project))).status).toBe(200);
  });

  test("an id written as the database may still read it (' 2', '2.0', '+2', '2e0') links no other account's document", async () => {
    const { alice, secret, tag } = await twoAccountsAndATag();
    const before = await links();
    const secretId = await rowId('api::project.project', secret.project);
    for (const id of [` ${secretId}`, `${secretId}.0`, `+${secretId}`, `${secretId}e0`]) {
      const res = await as(app, alice)
        .post(`/api/tags/${tag}/projects`)
        .send({ ids: [id] });
      expect([id, res.status, res.body.error?.message]).toEqual([
        id,
        400,
        '1 relation(s) of type api::project.project associated with this entity do not exist',
      ]);
    }
    expect(await links()).toEqual(before);
  });

  test("the inverse side cannot write into another account's document", async () => {
    const { alice, bob, secret } = await twoAccountsAndATag();
    const secretId = await rowId('api::project.project', secret.project);
    const res = await as(app, alice)
      .post('/api/tags')
      .send({ data: { name: `intruder ${n}`, projects: { connect: [{ id: secretId }] } } });
    expect(res.status).toBe(400);
    const seen = await as(app, bob).get(`/api/projects/${secret.project}?populate=tags`);
    expect(seen.body.data.tags.map((t: { name: string }) => t.name)).not.toContain(`intruder ${n}`);
  });
});

describe('GraphQL relation fields', () => {
  const graphql = (session: Session, query: string) =>
    as(app, session).post('/graphql').send({ query });

  test('filters, sort and pagination of a relation field run after scoping', async () => {
    const { alice, own, tag, i } = await twoAccountsAndATag();
    const res = await graphql(
      alice,
      `{ tag(documentId: "${tag}") {
          hidden: projects(filters: { name: { startsWith: "Secret" } }) { documentId }
          first: projects(pagination: { limit: 1 }, sort: "name:desc") { documentId }
          connection: projects_connection { nodes { documentId } }
        } }`
    );
    expect([res.status, res.body.errors]).toEqual([200, undefined]);
    expect(res.body.data.tag.hidden).toEqual([]);
    expect(res.body.data.tag.first).toEqual([{ documentId: own.project }]);
    expect(res.body.data.tag.connection.nodes).toEqual([{ documentId: own.project }]);
    const root = await graphql(
      alice,
      `{ tags(filters: { projects: { name: { eq: "Secret project ${i}" } } }) { documentId } }`
    );
    expect(root.body.data.tags).toEqual([]);
  });
});

describe('GraphQL fields read side by side', () => {
  // GraphQL resolves a query's root fields at once: on SQLite's one connection, the shared type's
  // read (in its transaction) must not wait for the account that the scoped type's read started
  // to look up outside it, nor the other way round
  test('a shared type and a scoped type in one query answer at once, in either order', async () => {
    const { alice, own } = await twoAccountsAndATag();
    const ask = async (query: string) => {
      const res = await as(app, alice)
        .post('/graphql')
        .send({ query })
        .timeout({ response: 10_000 });
      expect([res.status, res.body.errors]).toEqual([200, undefined]);
      return res.body.data;
    };
    const { tags } = await ask('{ tags { documentId } }');
    expect(tags.length).toBeGreaterThan(0);
    const projects = [{ documentId: own.project }];
    expect(await ask('{ tags { documentId } projects { documentId } }')).toEqual({
      tags,
      projects,
    });
    expect(await ask('{ projects { documentId } tags { documentId } }')).toEqual({
      projects,
      tags,
    });
  });
});

describe('media', () => {
  test("the upload plugin's files never show another account's documents in related, nor link one", async () => {
    const { alice, bob, own, secret } = await twoAccountsAndATag();
    const upload = (session: Session, project: string, name: string) =>
      as(app, session)
        .post('/api/upload')
        .field('ref', 'api::project.project')
        .field('refId', String(project))
        .field('field', 'cover')
        .attach('files', Buffer.from(`file of ${name}`), `${name}.txt`);
    const bobsFile = await upload(
      bob,
      String(await rowId('api::project.project', secret.project)),
      `bob${n}`
    );
    expect([bobsFile.status, bobsFile.body.error]).toEqual([201, undefined]);
    const files = await as(app, alice).get('/api/upload/files?populate=related');
    expect(files.status).toBe(200);
    // related documents of several types cannot be sorted through scoped relations
    for (const url of [
      '/api/projects?populate[blocks][on][planning.milestone][sort]=task.title:asc',
    ]) {
      const res = await as(app, alice).get(url);
      expect([url, res.status, res.body.error?.name]).toEqual([url, 400, 'ValidationError']);
    }
    const related = files.body.flatMap(
      (f: { related?: { documentId: string }[] }) => f.related ?? []
    );
    expect(related.map((r: { documentId: string }) => r.documentId)).not.toContain(secret.project);
    const bobSees = await as(app, bob).get('/api/upload/files?populate=related');
    const bobRelated = bobSees.body.flatMap(
      (f: { related?: { documentId: string }[] }) => f.related ?? []
    );
    expect(bobRelated.map((r: { documentId: string }) => r.documentId)).toContain(secret.project);

    // alice attaches her upload to bob's project: the file is hers, the link is not made
    const aliceFile = await upload(
      alice,
      String(await rowId('api::project.project', secret.project)),
      `alice${n}`
    );
    expect(aliceFile.status).toBe(201);
    const cover = await as(app, bob).get(`/api/projects/${secret.project}?populate=cover`);
    expect(cover.body.data.cover.name).toBe(`bob${n}.txt`);
    const mine = await upload(
      alice,
      String(await rowId('api::project.project', own.project)),
      `own${n}`
    );
    expect(mine.status).toBe(201);
    const ownCover = await as(app, alice).get(`/api/projects/${own.project}?populate=cover`);
    expect(ownCover.body.data.cover.name).toBe(`own${n}.txt`);
  });
});

describe('media, whatever the populate', () => {
  test("no shape of a file's related populate reaches another account's documents", async () => {
    const { alice, bob, own, secret } = await twoAccountsAndATag();
    const upload = async (session: Session, project: string, name: string) => {
      const res = await as(app, session)
        .post('/api/upload')
        .field('ref', 'api::project.project')
        .field('refId', String(await rowId('api::project.project', project)))
        .field('field', 'cover')
        .attach('files', Buffer.from(`file of ${name}`), `${name}.txt`);
      expect(res.status).toBe(201);
      return res.body[0].id as number;
    };
    const bobsFile = await upload(bob, secret.project, `bob-shapes${n}`);
    await upload(alice, own.project, `alice-shapes${n}`);
    const fragment = 'populate[related][on][api::project.project]';
    // a file another account's document uses is not found at all, whatever it populates
    for (const url of [
      `/api/upload/files/${bobsFile}?populate=related`,
      `/api/upload/files/${bobsFile}?${fragment}=true`,
      `/api/upload/files/${bobsFile}?${fragment}=false`,
      `/api/upload/files/${bobsFile}?${fragment}[fields][0]=name`,
    ]) {
      const res = await as(app, alice).get(url);
      expect([url, res.status]).toEqual([url, 404]);
    }
    const listed = await as(app, alice).get(
      `/api/upload/files?filters[id][$eq]=${bobsFile}&${fragment}=false`
    );
    expect([listed.status, listed.body]).toEqual([200, []]);
    // and through a scoped document's own media
    const cover = `populate[cover][populate][related][on][api::project.project]`;
    for (const value of ['false', 'true']) {
      const res = await as(app, alice).get(`/api/projects/${own.project}?${cover}=${value}`);
      expect(res.status).toBe(200);
      const related = (res.body.data.cover?.related ?? []).map(
        (r: { documentId: string }) => r.documentId
      );
      expect([value, related]).toEqual([value, [own.project]]);
    }
  });
});

describe('media and drafts', () => {
  test("a file's related documents show only published versions of a type with drafts", async () => {
    const i = ++n;
    const alice = await signUp(app, `dmedia${i}`);
    const article = await as(app, alice)
      .post('/api/articles?status=published')
      .send({ data: { title: `Published ${i}` } });
    expect(article.status).toBe(201);
    const rows = await app.strapi.db.query('api::article.article').findMany({
      where: { documentId: article.body.data.documentId },
      select: ['id', 'publishedAt'],
    });
    const upload = (row: { id: number }, name: string) =>
      as(app, alice)
        .post('/api/upload')
        .field('ref', 'api::article.article')
        .field('refId', String(row.id))
        .field('field', 'cover')
        .attach('files', Buffer.from(name), `${name}.txt`);
    const draft = rows.find((row: { publishedAt: string | null }) => !row.publishedAt);
    const published = rows.find((row: { publishedAt: string | null }) => row.publishedAt);
    const draftFile = await upload(draft, `draft-cover-${i}`);
    const publishedFile = await upload(published, `published-cover-${i}`);
    expect([draftFile.status, publishedFile.status]).toEqual([201, 201]);
    const relatedOf = async (fileId: number) =>
      (await as(app, alice).get(`/api/upload/files/${fileId}?populate=related`)).body.related.map(
        (r: { id: number }) => r.id
      );
    expect(await relatedOf(draftFile.body[0].id)).toEqual([]);
    expect(await relatedOf(publishedFile.body[0].id)).toEqual([published.id]);
  });
});

describe('media and read keys', () => {
  test("the upload plugin links a file to a type's document only for a member holding its read keys", async () => {
    // articles: `support` reads them; dave holds no key, carol holds `support`
    const i = ++n;
    const alice = await signUp(app, `kmedia${i}`);
    const dave = await signUp(app, `kdave${i}`);
    const carol = await signUp(app, `kcarol${i}`);
    await addGuest(app, alice, dave, []);
    await addGuest(app, alice, carol, ['support']);
    const article = await as(app, alice)
      .post('/api/articles')
      .send({ data: { title: `Keyed ${i}` } });
    expect(article.status).toBe(201);
    const row = await rowId('api::article.article', article.body.data.documentId);
    const upload = (member: Session, name: string) =>
      as(app, member, alice.account.documentId)
        .post('/api/upload')
        .field('ref', 'api::article.article')
        .field('refId', String(row))
        .field('field', 'cover')
        .attach('files', Buffer.from(name), `${name}.txt`);
    const coverOf = async () =>
      (
        await app.strapi.db
          .query('api::article.article')
          .findOne({ where: { id: row }, populate: { cover: { select: ['name'] } } })
      ).cover?.name ?? null;

    // the file is dave's, the link is not made: what a member may not read, they may not link
    expect((await upload(dave, `dave-cover-${i}`)).status).toBe(201);
    expect(await coverOf()).toBeNull();
    expect((await upload(carol, `carol-cover-${i}`)).status).toBe(201);
    expect(await coverOf()).toBe(`carol-cover-${i}.txt`);
  });
});

describe('unique attributes', () => {
  test('a unique value is unique within an account: another account holding it is no conflict', async () => {
    const { alice, bob, i } = await twoAccountsAndATag();
    const create = (owner: Session, name: string) =>
      as(app, owner)
        .post('/api/projects')
        .send({ data: { name, code: `CODE-${i}` } });
    expect((await create(bob, 'first')).status).toBe(201);
    // the value exists in bob's account: alice is told nothing of it
    expect((await create(alice, 'second')).status).toBe(201);
    const again = await create(alice, 'third');
    expect(again.status).toBe(400);
    expect(again.body.error.message).toBe('This attribute must be unique');
  });
});
