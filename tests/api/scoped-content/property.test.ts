import fc from 'fast-check';
import { useTestApp } from '../../helpers/strapi';
import { accountRowOf, as, signUp, type Session } from '../../helpers/users';

// A property of account-scoped content, whatever a member sends: random sequences of content-API
// calls by members of two accounts never answer a documentId of the other account's scoped
// documents, and never change the other account's rows, checked in the database after each call.
let accounts: { session: Session; id: number }[];

const TYPES = { projects: 'api::project.project', tasks: 'api::task.task' } as const;
type Plural = keyof typeof TYPES;

const app = useTestApp();

beforeAll(async () => {
  accounts = [];
  for (const name of ['prop-alice', 'prop-bob']) {
    const session = await signUp(app, name);
    const account = await accountRowOf(app, session.account);
    accounts.push({ session, id: account.id });
    for (const n of [1, 2]) {
      const project = await as(app, session)
        .post('/api/projects')
        .send({ data: { name: `${name} project ${n}`, code: `c${n}` } });
      await as(app, session)
        .post('/api/tasks')
        .send({ data: { title: `${name} task ${n}`, project: project.body.data.documentId } });
    }
  }
  await tagBothAccounts();
});

const TAG = 'api::tag.tag';

/** Shared tags (a type no account owns), linked by code outside any request to both accounts. */
const tagBothAccounts = async () => {
  const projects = await app.strapi.db.query(TYPES.projects).findMany({ select: ['documentId'] });
  const tasks = await app.strapi.db.query(TYPES.tasks).findMany({ select: ['documentId'] });
  for (const name of ['red', 'blue']) {
    await app.strapi.documents(TAG).create({
      data: {
        name,
        projects: projects.map((p: { documentId: string }) => p.documentId),
        tasks: tasks.slice(name === 'red' ? 0 : 2).map((t: { documentId: string }) => t.documentId),
      } as never,
    });
  }
};

/** Each tag's links to the documents of `accountId`'s other account, as the database holds them. */
const tagLinksOutside = async (accountId: number) => {
  const tags = await app.strapi.db.query(TAG).findMany({
    populate: {
      projects: { select: ['documentId', 'multiAccountId'] },
      tasks: { select: ['documentId', 'multiAccountId'] },
    },
  });
  return tags
    .flatMap((tag: Record<string, unknown>) =>
      [...(tag.projects as Record<string, unknown>[]), ...(tag.tasks as Record<string, unknown>[])]
        .filter((doc) => doc.multiAccountId !== accountId)
        .map((doc) => `${tag.documentId} -> ${doc.documentId}`)
    )
    .sort();
};

/** The first document of a type in an account, made (outside any request) if there is none. */
const firstOf = async (uid: string, accountId: number) =>
  ((await app.strapi.db
    .query(uid as never)
    .findOne({ where: { multiAccountId: accountId }, orderBy: { id: 'asc' } })) ??
    (await app.strapi.db.query(uid as never).create({
      data: {
        ...(uid === TYPES.projects ? { name: 'again' } : { title: 'again' }),
        multiAccountId: accountId,
      } as never,
    }))) as { id: number };

/**
 * Links across accounts that only code outside a request could make, both ways, made again
 * before each run: populate and relation filters must not follow them.
 */
const linkAcrossAccounts = async () => {
  for (const [from, to] of [
    [accounts[1].id, accounts[0].id],
    [accounts[0].id, accounts[1].id],
  ]) {
    const task = await firstOf(TYPES.tasks, from);
    const project = await firstOf(TYPES.projects, to);
    await app.strapi.db
      .query(TYPES.tasks)
      .update({ where: { id: task.id }, data: { project: project.id } });
  }
};

/** Every scoped row, with its account, as the database holds it. */
const rowsOf = async (): Promise<Record<string, unknown>[]> => {
  const rows: Record<string, unknown>[] = [];
  for (const uid of Object.values(TYPES)) {
    const found = await app.strapi.db.query(uid).findMany({
      populate: { project: true, tasks: true } as never,
    });
    rows.push(...found.map((row: Record<string, unknown>) => ({ uid, ...row })));
  }
  // relations as the other side's documentIds, so that either side's change shows
  return rows.map((row) => ({
    ...row,
    project: (row.project as { documentId?: string } | null)?.documentId ?? null,
    tasks: ((row.tasks as { documentId: string }[] | undefined) ?? []).map((t) => t.documentId),
  }));
};

/**
 * The other account's rows, and their links to the acting account's documents apart: deleting
 * one of its own documents rightly unlinks it from the other account's, but no call may add one.
 */
const foreignRows = (rows: Record<string, unknown>[], accountId: number) => {
  const foreign = rows.filter((row) => row.multiAccountId !== accountId);
  const ids = new Set(foreign.map((row) => row.documentId));
  const linksOut = new Set<string>();
  const kept = foreign
    .map((row): Record<string, unknown> => {
      const targets = [row.project, ...(row.tasks as string[])].filter(Boolean) as string[];
      for (const target of targets.filter((t) => !ids.has(t))) {
        linksOut.add(`${row.documentId} -> ${target}`);
      }
      return {
        ...row,
        project: ids.has(row.project) ? row.project : null,
        tasks: (row.tasks as string[]).filter((documentId) => ids.has(documentId)),
      };
    })
    .sort((a, b) => `${a.uid}${a.id}`.localeCompare(`${b.uid}${b.id}`));
  return { rows: JSON.stringify(kept), linksOut };
};

/** A call, built from the ids of every document (both accounts') when it runs. */
type Method = 'get' | 'post' | 'put' | 'delete';
type Call = (
  pick: (plural: Plural | 'tags', offset?: number) => string,
  rowIdOf: (documentId: string) => number
) => { method: Method; url: string; body?: object };

/**
 * Every shape Strapi accepts for a relation reference, built from a document's documentId, its
 * row id and another document of the same type (for a position: one placed before itself is a
 * 500 of Strapi's own, whatever the account).
 */
const SHAPES: ((documentId: string, id: number, other: string) => unknown)[] = [
  (documentId) => documentId,
  (documentId) => [documentId],
  (documentId) => ({ documentId }),
  (documentId) => ({ documentId: [documentId] }),
  (_, id) => id,
  (_, id) => [String(id)],
  (_, id) => ({ id }),
  (documentId) => ({ connect: [documentId] }),
  (documentId) => ({ connect: [{ documentId: [documentId] }] }),
  (_, id) => ({ connect: [{ id }] }),
  (_, id) => ({ set: [id] }),
  (documentId) => ({ set: [{ documentId }] }),
  (_, id) => ({ disconnect: [{ id }] }),
  (documentId) => ({ disconnect: [documentId] }),
  (documentId, _, other) => ({
    connect: [{ documentId: other, position: { before: documentId } }],
  }),
  (_, id, other) => ({ connect: [{ documentId: other, position: { after: id } }] }),
];
const shape = fc.nat({ max: SHAPES.length - 1 });

const plural = fc.constantFrom<Plural>('projects', 'tasks');
const tagListCall: fc.Arbitrary<Call> = fc
  .record({
    filter: fc.option(
      fc.constantFrom(
        'filters[projects][name][$contains]',
        'filters[tasks][title][$contains]',
        'filters[projects][code][$eq]',
        'filters[$or][0][projects][name][$eq]',
        'filters[projects][$notNull]',
        'filters[projects][$in][0]'
      ),
      { nil: null }
    ),
    value: fc.oneof(fc.constantFrom('prop-alice', 'prop-bob', 'c1', '1', 'true'), fc.string()),
    populate: fc.constantFrom(
      '',
      'populate=*',
      'populate[projects][populate]=tasks',
      'populate[0]=projects.tags.projects',
      'populate[tasks][populate][project][populate]=tags'
    ),
    sort: fc.constantFrom('', 'sort=name', 'sort=projects.name:asc', 'sort=tasks.title:desc'),
    one: fc.boolean(),
  })
  .map(({ filter, value, populate, sort, one }) => (pick) => ({
    method: 'get' as const,
    url: `/api/tags${one ? `/${pick('tags')}` : ''}?${[filter && `${filter}=${encodeURIComponent(value)}`, populate, sort].filter(Boolean).join('&')}`,
  }));
const tagWriteCall: fc.Arbitrary<Call> = fc
  .record({ create: fc.boolean(), relation: plural, shape })
  .map(({ create, relation, shape: form }) => (pick, rowIdOf) => {
    const target = pick(relation);
    const reference = SHAPES[form](target, rowIdOf(target), pick(relation, 1));
    const data = { [relation]: reference, ...(create ? { name: 'made' } : {}) };
    return create
      ? { method: 'post' as const, url: '/api/tags', body: { data } }
      : { method: 'put' as const, url: `/api/tags/${pick('tags')}`, body: { data } };
  });
const taskLinkCall: fc.Arbitrary<Call> = shape.map((form) => (pick, rowIdOf) => {
  const project = pick('projects');
  return {
    method: 'put' as const,
    url: `/api/tasks/${pick('tasks')}`,
    body: { data: { project: SHAPES[form](project, rowIdOf(project), pick('projects', 1)) } },
  };
});
const filterValue = fc.oneof(fc.constantFrom('prop-alice', 'prop-bob', 'c1', '0', ''), fc.string());
const listCall: fc.Arbitrary<Call> = fc
  .record({
    type: plural,
    filter: fc.option(
      fc.constantFrom(
        'filters[name][$contains]',
        'filters[title][$contains]',
        'filters[$or][0][name][$eq]',
        'filters[$not][name][$eq]',
        'filters[tasks][title][$contains]',
        'filters[project][name][$contains]',
        'filters[project][documentId][$eq]'
      ),
      { nil: null }
    ),
    value: filterValue,
    populate: fc.constantFrom('', 'populate=*', 'populate[0]=tasks.project', 'populate=project'),
    sort: fc.constantFrom('', 'sort=name:desc', 'sort=title', 'sort=createdAt:asc'),
  })
  .map(({ type, filter, value, populate, sort }) => () => ({
    method: 'get' as const,
    url: `/api/${type}?${[filter && `${filter}=${encodeURIComponent(value)}`, populate, sort].filter(Boolean).join('&')}`,
  }));
const findOneCall: fc.Arbitrary<Call> = fc
  .record({ type: plural, populate: fc.constantFrom('', '?populate=*') })
  .map(({ type, populate }) => (pick) => ({
    method: 'get' as const,
    url: `/api/${type}/${pick(type)}${populate}`,
  }));
const createCall: fc.Arbitrary<Call> = fc
  .record({ type: plural, linked: fc.boolean(), connect: fc.boolean() })
  .map(({ type, linked, connect }) => (pick) => {
    const other = type === 'projects' ? 'tasks' : 'projects';
    const target = pick(other);
    const relation = connect ? { connect: [target] } : target;
    const data =
      type === 'projects'
        ? { name: 'made', ...(linked ? { tasks: [target] } : {}) }
        : { title: 'made', ...(linked ? { project: relation } : {}) };
    return { method: 'post' as const, url: `/api/${type}`, body: { data } };
  });
const updateCall: fc.Arbitrary<Call> = fc
  .record({ type: plural, linked: fc.boolean() })
  .map(({ type, linked }) => (pick) => {
    const data =
      type === 'projects'
        ? { name: 'changed', ...(linked ? { tasks: { connect: [pick('tasks')] } } : {}) }
        : { title: 'changed', ...(linked ? { project: pick('projects') } : {}) };
    return { method: 'put' as const, url: `/api/${type}/${pick(type)}`, body: { data } };
  });
const deleteCall: fc.Arbitrary<Call> = plural.map((type) => (pick) => ({
  method: 'delete',
  url: `/api/${type}/${pick(type)}`,
}));

const step = fc.record({
  actor: fc.constantFrom(0, 1),
  call: fc.oneof(
    listCall,
    findOneCall,
    createCall,
    updateCall,
    deleteCall,
    tagListCall,
    // references in every shape, where a slip would link or unlink another account's document
    { arbitrary: tagWriteCall, weight: 4 },
    { arbitrary: taskLinkCall, weight: 2 }
  ),
  // which document a call names, among every document of both accounts
  index: fc.nat(),
});

test("random calls by two accounts' members never reach the other account's documents", async () => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  console.log(`fast-check seed ${seed}: FUZZ_SEED=${seed} replays this run`);
  let probes = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
      await linkAcrossAccounts();
      for (const { actor, call, index } of steps) {
        const { session, id } = accounts[actor];
        const before = await rowsOf();
        const documentIdsOf = (uid: string, mine: boolean) =>
          before
            .filter((row) => row.uid === uid && (row.multiAccountId === id) === mine)
            .map((row) => row.documentId as string);
        // half the calls aim at the other account's documents
        const tags = (await app.strapi.db.query(TAG).findMany({ select: ['documentId'] })).map(
          (tag: { documentId: string }) => tag.documentId
        );
        // the call's document, or with an offset another of the same type
        const pick = (type: Plural | 'tags', offset = 0) => {
          const pool =
            type === 'tags'
              ? tags
              : [...documentIdsOf(TYPES[type], false), ...documentIdsOf(TYPES[type], true)];
          return pool[(index + offset) % pool.length] ?? 'none';
        };
        const rowIdOf = (documentId: string) =>
          (before.find((row) => row.documentId === documentId)?.id as number | undefined) ?? 0;
        const tagLinks = await tagLinksOutside(id);
        const { method, url, body } = call(pick, rowIdOf);
        const request = as(app, session)[method](url);
        const res = await (body ? request.send(body) : request);
        const answer = JSON.stringify(res.body ?? null);
        const foreign = [
          ...documentIdsOf(TYPES.projects, false),
          ...documentIdsOf(TYPES.tasks, false),
        ];
        if (
          foreign.some(
            (documentId) =>
              url.includes(documentId) || JSON.stringify(body ?? '').includes(documentId)
          )
        ) {
          probes++;
        }
        // an answer may repeat what the request itself named (an unknown id's error does)
        const named = `${url} ${JSON.stringify(body ?? '')}`;
        expect({
          url,
          status: res.status,
          leaked: foreign.filter((d) => answer.includes(d) && !named.includes(d)),
        }).toEqual({
          url,
          status: res.status,
          leaked: [],
        });
        expect(res.status).toBeLessThan(500);
        const [was, now] = [foreignRows(before, id), foreignRows(await rowsOf(), id)];
        expect(now.rows).toBe(was.rows);
        expect([...now.linksOut].filter((link) => !was.linksOut.has(link))).toEqual([]);
        // a shared tag's links to the other account's documents are neither made nor undone
        expect(await tagLinksOutside(id)).toEqual(tagLinks);
      }
    }),
    { numRuns: 40, seed }
  );
  // the run aimed at the other account's documents, not only at its own
  expect(probes).toBeGreaterThan(10);
}, 300_000);
