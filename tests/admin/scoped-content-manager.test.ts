import { asAdmin, auditOf, contentManager, createSuperAdmin } from '../helpers/admin';
import { useTestApp } from '../helpers/strapi';
import { accountRowOf, as, signUp, type Session } from '../helpers/users';

// The Content Manager on a scoped type: admins see every account's documents with their
// account, file new ones under an account they choose, and move them, in the audit trail.
const TYPE = 'api::project.project';

let admin: Awaited<ReturnType<typeof createSuperAdmin>>;
let names = 0;

const app = useTestApp();

beforeAll(async () => {
  admin = await createSuperAdmin(app);
});

const cm = () => contentManager(app, admin, TYPE);

const accountOf = (session: Session) => accountRowOf(app, session.account);

const clientSees = async (session: Session, documentId: string) =>
  (await as(app, session).get(`/api/projects/${documentId}`)).status === 200;

/** Two account owners, each with one project filed through the content API. */
const twoAccounts = async () => {
  const n = ++names;
  const alice = await signUp(app, `cm-alice${n}`);
  const bob = await signUp(app, `cm-bob${n}`);
  const create = async (owner: Session, name: string) => {
    const res = await as(app, owner).post('/api/projects').send({ data: { name } });
    expect(res.status).toBe(201);
    return res.body.data.documentId as string;
  };
  return {
    alice,
    bob,
    aliceProject: await create(alice, `Alice project ${n}`),
    bobProject: await create(bob, `Bob project ${n}`),
    aliceAccount: await accountOf(alice),
    bobAccount: await accountOf(bob),
  };
};

test("the list shows each document's account, which the admin API names, and filters by it", async () => {
  const { aliceProject, bobProject, aliceAccount, bobAccount } = await twoAccounts();
  const list = await cm().get('?pageSize=100');
  expect(list.status).toBe(200);
  const accountIdOf = (documentId: string) =>
    list.body.results.find((r: { documentId: string }) => r.documentId === documentId)
      ?.multiAccountId;
  expect(accountIdOf(aliceProject)).toBe(aliceAccount.id);
  expect(accountIdOf(bobProject)).toBe(bobAccount.id);

  const named = await asAdmin(app, admin).get(`/accounts?ids=${aliceAccount.id},${bobAccount.id}`);
  expect(named.status).toBe(200);
  expect(named.body.data).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ id: aliceAccount.id, number: aliceAccount.number }),
      expect.objectContaining({ id: bobAccount.id, number: bobAccount.number }),
    ])
  );
  expect(named.body.meta.pagination.total).toBe(2);

  const filtered = await cm().get(
    `?pageSize=100&filters[$and][0][multiAccountId][$eq]=${bobAccount.id}`
  );
  expect(filtered.status).toBe(200);
  expect(filtered.body.results.map((r: { documentId: string }) => r.documentId)).toEqual([
    bobProject,
  ]);
});

test("the edit view shows the document's account", async () => {
  const { aliceProject, aliceAccount } = await twoAccounts();
  const res = await cm().get(`/${aliceProject}`);
  expect(res.status).toBe(200);
  expect(res.body.data.multiAccountId).toBe(aliceAccount.id);
});

test('creating a document asks for its account and files it there', async () => {
  const { alice, bob, aliceAccount } = await twoAccounts();
  const before = await app.strapi.db.query(TYPE).count({});

  const missing = await cm().create({ name: 'No account' });
  expect(missing.status).toBe(400);
  expect(missing.body.error).toMatchObject({
    name: 'ValidationError',
    message: 'Choose the account this document belongs to',
  });
  const unknown = await cm().create({ name: 'Nowhere', multiAccountId: 999_999 });
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.message).toBe('This account does not exist');
  expect(await app.strapi.db.query(TYPE).count({})).toBe(before);

  const created = await cm().create({ name: 'Filed by an admin', multiAccountId: aliceAccount.id });
  expect(created.status).toBe(201);
  const { documentId } = created.body.data;
  expect(await clientSees(alice, documentId)).toBe(true);
  expect(await clientSees(bob, documentId)).toBe(false);
});

test('an admin moves a document to another account, in both audit trails', async () => {
  const { alice, bob, aliceProject, aliceAccount, bobAccount } = await twoAccounts();
  const moved = await cm().update(aliceProject, {
    name: 'Now Bob’s',
    multiAccountId: bobAccount.id,
  });
  expect(moved.status).toBe(200);
  expect(await clientSees(alice, aliceProject)).toBe(false);
  expect(await clientSees(bob, aliceProject)).toBe(true);

  const entry = {
    action: 'document.moved',
    actorType: 'admin',
    actorId: admin.id,
    details: {
      contentType: TYPE,
      documentId: aliceProject,
      from: { number: aliceAccount.number, name: aliceAccount.name },
      to: { number: bobAccount.number, name: bobAccount.name },
    },
  };
  expect(await auditOf(app, alice.account.documentId)).toEqual(
    expect.arrayContaining([expect.objectContaining(entry)])
  );
  expect(await auditOf(app, bob.account.documentId)).toEqual(
    expect.arrayContaining([expect.objectContaining(entry)])
  );
});

test('a move takes every version and locale of the document: draft, published and translations', async () => {
  const { alice, bobAccount } = await twoAccounts();
  const written = await as(app, alice)
    .post('/api/articles?status=published')
    .send({ data: { title: 'Published', code: `A-${names}` } });
  expect(written.status).toBe(201);
  const { documentId } = written.body.data;
  const translated = await as(app, alice)
    .put(`/api/articles/${documentId}?locale=fr&status=published`)
    .send({ data: { title: 'Publié' } });
  expect(translated.status).toBe(200);
  const accountsOf = async () =>
    (
      await app.strapi.db
        .query('api::article.article')
        .findMany({ where: { documentId }, select: ['locale', 'publishedAt', 'multiAccountId'] })
    ).map((row: { locale: string; publishedAt: string | null; multiAccountId: number }) => [
      row.locale,
      row.publishedAt ? 'published' : 'draft',
      row.multiAccountId,
    ]);
  expect(await accountsOf()).toHaveLength(4);

  const moved = await app
    .http()
    .put(`/content-manager/collection-types/api::article.article/${documentId}?locale=en`)
    .set('Authorization', `Bearer ${admin.token}`)
    .send({ title: 'Published', multiAccountId: bobAccount.id });
  expect(moved.status).toBe(200);
  const after = await accountsOf();
  expect(after).toHaveLength(4);
  expect(new Set(after.map(([, , account]) => account))).toEqual(new Set([bobAccount.id]));
});

test('an edit that keeps the account records no move, and an unknown account is refused', async () => {
  const { alice, aliceProject, aliceAccount } = await twoAccounts();
  const kept = await cm().update(aliceProject, {
    name: 'Renamed',
    multiAccountId: aliceAccount.id,
  });
  expect(kept.status).toBe(200);
  const refused = await cm().update(aliceProject, { name: 'Lost', multiAccountId: 999_999 });
  expect(refused.status).toBe(400);
  const row = await app.strapi.db.query(TYPE).findOne({ where: { documentId: aliceProject } });
  expect(row).toMatchObject({ name: 'Renamed', multiAccountId: aliceAccount.id });
  const moves = (await auditOf(app, alice.account.documentId)).filter(
    (entry) => entry.action === 'document.moved'
  );
  expect(moves).toEqual([]);
});

test('the account is named by its id as a whole number: no other value is read as one', async () => {
  const { aliceProject, bobAccount } = await twoAccounts();
  for (const value of [true, [bobAccount.id], ` ${bobAccount.id} `, `${bobAccount.id}.0`, {}]) {
    const res = await cm().update(aliceProject, { multiAccountId: value });
    expect([JSON.stringify(value), res.status]).toEqual([JSON.stringify(value), 400]);
  }
  const moved = await cm().update(aliceProject, { multiAccountId: String(bobAccount.id) });
  expect(moved.status).toBe(200);
});

test('a move keeps a unique value unique within the account it goes to', async () => {
  const { alice, bob, aliceProject, bobProject, bobAccount } = await twoAccounts();
  const code = `DUP-${names}`;
  expect(
    (await as(app, alice).put(`/api/projects/${aliceProject}`).send({ data: { code } })).status
  ).toBe(200);
  expect(
    (await as(app, bob).put(`/api/projects/${bobProject}`).send({ data: { code } })).status
  ).toBe(200);
  const refused = await cm().update(aliceProject, { multiAccountId: bobAccount.id });
  expect([refused.status, refused.body.error?.message]).toEqual([
    400,
    'This attribute must be unique',
  ]);
  const row = await app.strapi.db.query(TYPE).findOne({ where: { documentId: aliceProject } });
  expect(row.multiAccountId).not.toBe(bobAccount.id);
});

test("a scoped single type's document moves only to an account that has none", async () => {
  const alice = await signUp(app, `cm-single-alice${++names}`);
  const bob = await signUp(app, `cm-single-bob${names}`);
  for (const [owner, motto] of [
    [alice, 'A'],
    [bob, 'B'],
  ] as const) {
    expect((await as(app, owner).put('/api/profile').send({ data: { motto } })).status).toBe(200);
  }
  const profiles = () =>
    app.strapi.db.query('api::profile.profile').findMany({ select: ['multiAccountId'] });
  const before = await profiles();
  const single = '/content-manager/single-types/api::profile.profile';
  const auth = `Bearer ${admin.token}`;
  // the Content Manager saves to the first document the database gives: moved to the other
  // account, which has its own
  const profileRows = app.strapi.db.query('api::profile.profile');
  const { documentId } = await profileRows.findOne({ select: ['documentId'] });
  const edited = await profileRows.findOne({ where: { documentId }, select: ['multiAccountId'] });
  const [aliceAccount, bobAccount] = [await accountOf(alice), await accountOf(bob)];
  const other = edited.multiAccountId === aliceAccount.id ? bobAccount : aliceAccount;
  const res = await app
    .http()
    .put(single)
    .set('Authorization', auth)
    .send({ motto: 'admin', multiAccountId: other.id });
  expect([res.status, res.body.error?.message]).toEqual([
    400,
    'This account already has a document of this single type',
  ]);
  expect(await profiles()).toEqual(before);
});

test("the single-type view named an account reads, edits, creates and deletes that account's document", async () => {
  const n = ++names;
  const [alice, bob, carol, dave] = await Promise.all(
    ['alice', 'bob', 'carol', 'dave'].map((name) => signUp(app, `cm-view-${name}${n}`))
  );
  for (const [owner, motto] of [
    [alice, 'A'],
    [bob, 'B'],
  ] as const) {
    expect((await as(app, owner).put('/api/profile').send({ data: { motto } })).status).toBe(200);
  }
  const [aliceAccount, bobAccount, carolAccount, daveAccount] = await Promise.all(
    [alice, bob, carol, dave].map(accountOf)
  );
  // as the Content Manager sends `plugins[multi-account][account]` of the view's URL
  const view = (accountId: unknown) =>
    `/content-manager/single-types/api::profile.profile?account=${accountId}`;
  const auth = `Bearer ${admin.token}`;
  const read = (accountId: unknown) => app.http().get(view(accountId)).set('Authorization', auth);
  const save = (accountId: unknown, body: object) =>
    app.http().put(view(accountId)).set('Authorization', auth).send(body);
  const mottoOf = async (owner: Session) =>
    (await as(app, owner).get('/api/profile')).body.data?.motto ?? null;

  for (const [account, motto] of [
    [aliceAccount, 'A'],
    [bobAccount, 'B'],
  ] as const) {
    const res = await read(account.id);
    expect([res.status, res.body.data.motto, res.body.data.multiAccountId]).toEqual([
      200,
      motto,
      account.id,
    ]);
  }
  const edited = await save(bobAccount.id, { motto: 'B2' });
  expect([edited.status, edited.body.data.multiAccountId]).toEqual([200, bobAccount.id]);
  expect([await mottoOf(alice), await mottoOf(bob)]).toEqual(['A', 'B2']);

  // an account with no document of the type: none to read, and a save creates it there
  expect((await read(carolAccount.id)).status).toBe(404);
  const created = await save(carolAccount.id, { motto: 'C' });
  expect([created.status, created.body.data.multiAccountId]).toEqual([200, carolAccount.id]);
  expect(await mottoOf(carol)).toBe('C');
  expect([await mottoOf(alice), await mottoOf(bob)]).toEqual(['A', 'B2']);

  // the form naming another account, which has its document: no second one there
  const profiles = () =>
    app.strapi.db
      .query('api::profile.profile')
      .findMany({ select: ['documentId', 'motto', 'multiAccountId'], orderBy: { id: 'asc' } });
  const before = await profiles();
  const intoAlice = await save(daveAccount.id, { motto: 'D', multiAccountId: aliceAccount.id });
  expect([intoAlice.status, intoAlice.body.error?.message]).toEqual([
    400,
    'This account already has a document of this single type',
  ]);
  for (const account of ['abc', '1.5', '']) {
    const bad = await read(account);
    expect([bad.status, bad.body.error?.message]).toEqual([
      400,
      'The account is named by its id, a whole number',
    ]);
  }
  expect(await profiles()).toEqual(before);
  expect(await mottoOf(dave)).toBeNull();

  const deleted = await app.http().delete(view(bobAccount.id)).set('Authorization', auth);
  expect(deleted.status).toBe(200);
  expect([await mottoOf(alice), await mottoOf(bob), await mottoOf(carol)]).toEqual([
    'A',
    null,
    'C',
  ]);
});

test("an admin links a document to another account's document of the same type, which the member still does not reach", async () => {
  const n = ++names;
  const alice = await signUp(app, `cm-link-alice${n}`);
  const bob = await signUp(app, `cm-link-bob${n}`);
  const memos = contentManager(app, admin, 'api::memo.memo');
  const memoOf = async (owner: Session, title: string) => {
    const res = await memos.create({ title, multiAccountId: (await accountOf(owner)).id });
    expect(res.status).toBe(201);
    return res.body.data.documentId as string;
  };
  const [aliceMemo, bobMemo] = [await memoOf(alice, 'A'), await memoOf(bob, 'B')];
  const res = await memos.update(aliceMemo, { follows: { connect: [{ documentId: bobMemo }] } });
  expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
  const row = await app.strapi.db
    .query('api::memo.memo')
    .findOne({ where: { documentId: aliceMemo }, populate: ['follows'] });
  expect(row.follows?.documentId).toBe(bobMemo);
  const seen = await as(app, alice).get('/api/memos?populate=follows');
  expect(seen.status).toBe(200);
  expect(seen.body.data).toEqual([
    expect.objectContaining({ documentId: aliceMemo, follows: null }),
  ]);
});

test("a clone is filed under an account that exists, its source's unless it names one, and audited", async () => {
  const { alice, bob, aliceProject, aliceAccount, bobAccount } = await twoAccounts();
  const clone = (body: object) =>
    app
      .http()
      .post(`/content-manager/collection-types/${TYPE}/clone/${aliceProject}`)
      .set('Authorization', `Bearer ${admin.token}`)
      .send(body);
  const before = await app.strapi.db.query(TYPE).count({});
  for (const multiAccountId of [999_999, '', null]) {
    const refused = await clone({ name: 'Copy', multiAccountId });
    expect([multiAccountId, refused.status]).toEqual([multiAccountId, 400]);
  }
  expect(await app.strapi.db.query(TYPE).count({})).toBe(before);

  const same = await clone({ name: 'Copy kept' });
  expect(same.status).toBe(200);
  expect(await clientSees(alice, same.body.data.documentId)).toBe(true);
  const moved = await clone({ name: 'Copy for Bob', multiAccountId: bobAccount.id });
  expect(moved.status).toBe(200);
  expect(await clientSees(bob, moved.body.data.documentId)).toBe(true);
  expect(await clientSees(alice, moved.body.data.documentId)).toBe(false);

  const cloned = (documentId: string) =>
    expect.objectContaining({
      action: 'document.cloned',
      actorType: 'admin',
      actorId: admin.id,
      details: expect.objectContaining({ contentType: TYPE, documentId, source: aliceProject }),
    });
  expect(await auditOf(app, alice.account.documentId)).toEqual(
    expect.arrayContaining([cloned(same.body.data.documentId)])
  );
  expect(await auditOf(app, bob.account.documentId)).toEqual(
    expect.arrayContaining([cloned(moved.body.data.documentId)])
  );
  expect(aliceAccount.id).not.toBe(bobAccount.id);
});

test("creating and editing a document are in its account's audit trail, with the admin", async () => {
  const { alice, aliceProject, aliceAccount } = await twoAccounts();
  const created = await cm().create({ name: 'Audited', multiAccountId: aliceAccount.id });
  expect(created.status).toBe(201);
  const edited = await cm().update(aliceProject, { name: 'Edited' });
  expect(edited.status).toBe(200);
  const trail = await auditOf(app, alice.account.documentId);
  expect(trail).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        action: 'document.created',
        actorId: admin.id,
        details: expect.objectContaining({ documentId: created.body.data.documentId }),
      }),
      expect.objectContaining({
        action: 'document.updated',
        actorId: admin.id,
        details: expect.objectContaining({ documentId: aliceProject }),
      }),
    ])
  );
});

test('a document with no account is seen by no client until an admin assigns it', async () => {
  const { alice, bob, aliceAccount } = await twoAccounts();
  // as rows are when a type that held data becomes scoped
  const orphan = await app.strapi.db.query(TYPE).create({ data: { name: 'From before scoping' } });
  expect(await clientSees(alice, orphan.documentId)).toBe(false);
  expect(await clientSees(bob, orphan.documentId)).toBe(false);

  const assigned = await cm().update(orphan.documentId, {
    name: 'From before scoping',
    multiAccountId: aliceAccount.id,
  });
  expect(assigned.status).toBe(200);
  expect(await clientSees(alice, orphan.documentId)).toBe(true);
  expect(await clientSees(bob, orphan.documentId)).toBe(false);
  expect(await auditOf(app, alice.account.documentId)).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        action: 'document.moved',
        details: expect.objectContaining({ from: null, documentId: orphan.documentId }),
      }),
    ])
  );
});

test("an account's admin page counts its documents of each scoped type", async () => {
  const { alice } = await twoAccounts();
  await as(app, alice)
    .post('/api/projects')
    .send({ data: { name: 'Second' } });
  const res = await asAdmin(app, admin).get(`/accounts/${alice.account.documentId}`);
  expect(res.status).toBe(200);
  expect(res.body.data.documents).toEqual([
    { uid: 'api::article.article', displayName: 'Article', kind: 'collectionType', count: 0 },
    { uid: 'api::invoice.invoice', displayName: 'Invoice', kind: 'collectionType', count: 0 },
    { uid: 'api::memo.memo', displayName: 'Memo', kind: 'collectionType', count: 0 },
    { uid: 'api::profile.profile', displayName: 'Profile', kind: 'singleType', count: 0 },
    { uid: TYPE, displayName: 'Project', kind: 'collectionType', count: 2 },
    { uid: 'api::task.task', displayName: 'Task', kind: 'collectionType', count: 0 },
  ]);
});

test('the account reference is labelled "Account" in the edit view, the list and its filters, unless an admin relabelled it', async () => {
  const path = `/content-manager/content-types/${TYPE}/configuration`;
  const configuration = async () => {
    const res = await app.http().get(path).set('Authorization', `Bearer ${admin.token}`);
    expect(res.status).toBe(200);
    return res.body.data.contentType as {
      metadatas: Record<string, { edit: { label: string }; list: { label: string } }>;
    };
  };
  const { metadatas } = await configuration();
  expect(metadatas.multiAccountId.edit.label).toBe('Account');
  expect(metadatas.multiAccountId.list.label).toBe('Account');
  // another scoped type too, and an attribute of the host's own keeps its name
  const memo = await app
    .http()
    .get('/content-manager/content-types/api::memo.memo/configuration')
    .set('Authorization', `Bearer ${admin.token}`);
  expect(memo.body.data.contentType.metadatas.multiAccountId.list.label).toBe('Account');
  expect(metadatas.name.list.label).toBe('name');

  // an admin's own label survives the next boot
  const store = app.strapi.plugin('content-manager').service('content-types');
  const rest = await store.findConfiguration({ uid: TYPE });
  await store.updateConfiguration(
    { uid: TYPE },
    {
      ...rest,
      metadatas: {
        ...rest.metadatas,
        multiAccountId: {
          edit: { ...rest.metadatas.multiAccountId.edit, label: 'Client' },
          list: { ...rest.metadatas.multiAccountId.list, label: 'Client' },
        },
      },
    }
  );
  await app.restart();
  expect((await configuration()).metadatas.multiAccountId.list.label).toBe('Client');
});
