import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedFile } from '../../helpers/files';
import { graphql } from '../../helpers/graphql';
import { useTestApp } from '../../helpers/strapi';
import { addGuest, as, signUp, type Session } from '../../helpers/users';

// A file a member uploads is their account's, and one that a document out of the member's reach
// uses (another account's) is out of reach itself: the upload plugin's routes, GraphQL and the
// query engine neither list, read, rename, replace, delete nor link it for another account's
// members. A file filed under no account (an admin's upload) is shared: every member reads and
// links it, and none changes it.
let n = 0;

const app = useTestApp();

const FILE = 'plugin::upload.file';
type FileRow = { id: number; name: string; hash: string; ext: string; url: string };

const rowId = async (uid: string, documentId: string) =>
  (await app.strapi.db.query(uid as never).findOne({ where: { documentId } })).id as number;

const fileRow = (id: number): Promise<FileRow | null> =>
  app.strapi.db.query(FILE).findOne({ where: { id } });

/** Where the local provider keeps a file's bytes. */
const bytesOf = (file: FileRow) =>
  readFileSync(path.join(app.strapi.dirs.static.public, file.url), 'utf8');

/** An owner of an account with one project of their own. */
const ownerWithProject = async (name: string) => {
  const owner = await signUp(app, `${name}${++n}`);
  const res = await as(app, owner)
    .post('/api/projects')
    .send({ data: { name: `${name} project ${n}` } });
  expect(res.status).toBe(201);
  return { owner, project: res.body.data.documentId as string };
};

/** A file uploaded by `session` as the cover of `project` (a documentId of its own account). */
const uploadCover = async (session: Session, project: string, name: string) => {
  const res = await as(app, session)
    .post('/api/upload')
    .field('ref', 'api::project.project')
    .field('refId', String(await rowId('api::project.project', project)))
    .field('field', 'cover')
    .attach('files', Buffer.from(`bytes of ${name}`), `${name}.txt`);
  expect([res.status, res.body.error]).toEqual([201, undefined]);
  return res.body[0].id as number;
};

const listedIds = async (session: Session) => {
  const res = await as(app, session).get('/api/upload/files');
  expect(res.status).toBe(200);
  return (res.body as { id: number }[]).map((file) => file.id);
};

/**
 * What `session` gets when it lists, reads, renames, replaces and deletes `file`, and links it as
 * the cover of `project`, a project of its own account.
 */
const everyUse = async (session: Session, file: number, project: string) => {
  const read = await as(app, session).get(`/api/upload/files/${file}`);
  const renamed = await as(app, session)
    .post(`/api/upload?id=${file}`)
    .field('fileInfo', JSON.stringify({ name: 'renamed.txt' }));
  const replaced = await as(app, session)
    .post(`/api/upload?id=${file}`)
    .attach('files', Buffer.from('replaced bytes'), 'replaced.txt');
  const deleted = await as(app, session).delete(`/api/upload/files/${file}`);
  const linked = await as(app, session)
    .put(`/api/projects/${project}`)
    .send({ data: { cover: file } });
  return {
    listed: (await listedIds(session)).includes(file),
    read: read.status,
    renamed: renamed.status,
    replaced: replaced.status,
    deleted: deleted.status,
    linked: linked.status,
  };
};
const OUT_OF_REACH = {
  listed: false,
  read: 404,
  renamed: 404,
  replaced: 404,
  deleted: 404,
  linked: 400,
};

/** What the upload plugin's GraphQL mutations answer `session` renaming and deleting `file`. */
const graphqlChanges = async (session: Session, file: number) => {
  const renamed = await graphql(
    app,
    session,
    'mutation($id: ID!) { updateUploadFile(id: $id, info: { name: "renamed.txt" }) { name } }',
    { id: file }
  );
  const deleted = await graphql(
    app,
    session,
    'mutation($id: ID!) { deleteUploadFile(id: $id) { name } }',
    { id: file }
  );
  return {
    renamed: [renamed.data, renamed.errors?.map((e) => e.extensions.error?.name)],
    deleted: [deleted.data, deleted.errors],
  };
};
/** A file out of reach, to GraphQL: not found to rename, nothing to delete. */
const GRAPHQL_NOT_FOUND = {
  renamed: [null, ['NotFoundError']],
  deleted: [{ deleteUploadFile: null }, undefined],
};

beforeAll(async () => {
  // members may delete files too, as a host may let them
  const role = await app.strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'authenticated' } });
  await app.strapi.db.query('plugin::users-permissions.permission').create({
    data: { action: 'plugin::upload.content-api.destroy', role: role.id },
  });
});

test("a file another account's document uses is not listed, read, renamed, replaced, deleted or linked, and stays as it was", async () => {
  const alice = await ownerWithProject('alice');
  const bob = await ownerWithProject('bob');
  const bobsFile = await uploadCover(bob.owner, bob.project, `bob${n}`);
  const before = (await fileRow(bobsFile))!;

  expect(await everyUse(alice.owner, bobsFile, alice.project)).toEqual(OUT_OF_REACH);

  expect(await fileRow(bobsFile)).toEqual(before);
  expect(bytesOf(before)).toBe(`bytes of bob${n}`);
  const cover = await as(app, bob.owner).get(`/api/projects/${bob.project}?populate=cover`);
  expect(cover.body.data.cover.id).toBe(bobsFile);
});

test("the owner lists, reads, renames, replaces and deletes the files of the account's own documents", async () => {
  const alice = await ownerWithProject('alice');
  const bob = await ownerWithProject('bob');
  await uploadCover(bob.owner, bob.project, `bob${n}`);
  const own = await uploadCover(alice.owner, alice.project, `alice${n}`);

  expect(await listedIds(alice.owner)).toContain(own);
  const read = await as(app, alice.owner).get(`/api/upload/files/${own}`);
  // the account it is filed under is not the content API's to show
  expect([read.status, read.body.id, 'multiAccountId' in read.body]).toEqual([200, own, false]);
  const renamed = await as(app, alice.owner)
    .post(`/api/upload?id=${own}`)
    .field('fileInfo', JSON.stringify({ name: 'renamed.txt' }));
  expect([renamed.status, renamed.body.name]).toEqual([200, 'renamed.txt']);
  const replaced = await as(app, alice.owner)
    .post(`/api/upload?id=${own}`)
    .attach('files', Buffer.from('replaced bytes'), 'replaced.txt');
  expect(replaced.status).toBe(200);
  expect(bytesOf((await fileRow(own))!)).toBe('replaced bytes');
  expect((await as(app, alice.owner).delete(`/api/upload/files/${own}`)).status).toBe(200);
  expect(await fileRow(own)).toBeNull();
});

test("a file the account's document shares with another account's is out of reach, and the document still publishes with it", async () => {
  const alice = await ownerWithProject('alice');
  const bob = await ownerWithProject('bob');
  const bobsFile = await uploadCover(bob.owner, bob.project, `bob${n}`);
  const article = await as(app, alice.owner)
    .post('/api/articles')
    .send({ data: { title: `Shared cover ${n}` } });
  expect(article.status).toBe(201);
  const { documentId } = article.body.data;
  // code outside a request (an admin's choice, say) gives alice's draft bob's file as its cover
  await app.strapi.db.query('api::article.article').update({
    where: { documentId, publishedAt: null },
    data: { cover: bobsFile },
  });

  expect(await listedIds(alice.owner)).not.toContain(bobsFile);
  expect((await as(app, alice.owner).get(`/api/upload/files/${bobsFile}`)).status).toBe(404);
  const published = await as(app, alice.owner)
    .put(`/api/articles/${documentId}?status=published&populate=cover`)
    .send({ data: { title: `Shared cover ${n}, published` } });
  expect([published.status, published.body.error]).toEqual([200, undefined]);
  expect(published.body.data.cover.id).toBe(bobsFile);
  const read = await as(app, alice.owner).get(`/api/articles/${documentId}?populate=cover`);
  expect([read.body.data.publishedAt === null, read.body.data.cover.id]).toEqual([false, bobsFile]);
});

test("GraphQL neither lists, renames nor deletes a file another account's document uses", async () => {
  const alice = await ownerWithProject('alice');
  const bob = await ownerWithProject('bob');
  const bobsFile = await uploadCover(bob.owner, bob.project, `bob${n}`);
  const own = await uploadCover(alice.owner, alice.project, `alice${n}`);
  const before = (await fileRow(bobsFile))!;

  const listed = await graphql(
    app,
    alice.owner,
    '{ uploadFiles(pagination: { limit: 100 }) { name } }'
  );
  const names = (listed.data?.uploadFiles as { name: string }[]).map((file) => file.name);
  expect(names).toContain(`alice${n}.txt`);
  expect(names).not.toContain(`bob${n}.txt`);
  const hidden = await graphql(app, alice.owner, '{ uploadFiles { multiAccountId } }');
  expect(hidden.errors?.[0].message).toBe(
    'Cannot query field "multiAccountId" on type "UploadFile".'
  );
  expect(await graphqlChanges(alice.owner, bobsFile)).toEqual(GRAPHQL_NOT_FOUND);
  expect(await fileRow(bobsFile)).toEqual(before);
  expect(existsSync(path.join(app.strapi.dirs.static.public, before.url))).toBe(true);
  expect(await fileRow(own)).not.toBeNull();
});

test("linking a file another account's document uses answers what an unknown file id answers, and links nothing", async () => {
  const alice = await ownerWithProject('alice');
  const bob = await ownerWithProject('bob');
  const bobsFile = await uploadCover(bob.owner, bob.project, `bob${n}`);
  const UNKNOWN_FILE = 987654321;
  /** The error of an answer, the file it names left out, to compare two answers. */
  const refusal = (res: { status: number; body: { error?: { message: string } } }) => ({
    status: res.status,
    message: res.body.error?.message,
  });
  const projectsBefore = await app.strapi.db.query('api::project.project').count({});
  for (const cover of [bobsFile, UNKNOWN_FILE]) {
    const updated = await as(app, alice.owner)
      .put(`/api/projects/${alice.project}`)
      .send({ data: { cover } });
    const created = await as(app, alice.owner)
      .post('/api/projects')
      .send({ data: { name: `with cover ${cover}`, cover } });
    expect([cover, refusal(updated), refusal(created)]).toEqual([
      cover,
      {
        status: 400,
        message:
          '1 relation(s) of type plugin::upload.file associated with this entity do not exist',
      },
      {
        status: 400,
        message:
          '1 relation(s) of type plugin::upload.file associated with this entity do not exist',
      },
    ]);
  }
  expect(await app.strapi.db.query('api::project.project').count({})).toBe(projectsBefore);
  const own = await as(app, alice.owner).get(`/api/projects/${alice.project}?populate=cover`);
  expect(own.body.data.cover).toBeNull();

  // a file filed under no account (an admin's upload, say) is shared
  const shared = await sharedFile(app, `shared${n}`);
  const linked = await as(app, alice.owner)
    .put(`/api/projects/${alice.project}?populate=cover`)
    .send({ data: { cover: shared } });
  expect([linked.status, linked.body.data?.cover?.id]).toEqual([200, shared]);
});

test("a file a member uploads is their account's, even when no document uses it: only its members reach it; a file filed under no account is shared", async () => {
  const alice = await ownerWithProject('alice');
  const bob = await ownerWithProject('bob');
  const carol = await signUp(app, `carol${n}`);
  await addGuest(app, bob.owner, carol, []);
  const loose = await as(app, bob.owner)
    .post('/api/upload')
    .attach('files', Buffer.from(`loose ${n}`), `loose${n}.txt`);
  expect(loose.status).toBe(201);
  const bobsFile = loose.body[0].id as number;
  const before = (await fileRow(bobsFile))!;

  expect(await everyUse(alice.owner, bobsFile, alice.project)).toEqual(OUT_OF_REACH);
  expect(await fileRow(bobsFile)).toEqual(before);
  expect(bytesOf(before)).toBe(`loose ${n}`);

  // a member of bob's account, acting for it, reaches it
  const asCarol = () => as(app, carol, bob.owner.account.documentId);
  expect(
    (await asCarol().get('/api/upload/files')).body.map((f: { id: number }) => f.id)
  ).toContain(bobsFile);
  const carolRenames = await asCarol()
    .post(`/api/upload?id=${bobsFile}`)
    .field('fileInfo', JSON.stringify({ name: 'by carol.txt' }));
  expect([carolRenames.status, carolRenames.body.name]).toEqual([200, 'by carol.txt']);
  // and acting for her own account, she does not
  expect((await as(app, carol).get(`/api/upload/files/${bobsFile}`)).status).toBe(404);

  const shared = await sharedFile(app, `shared${n}`);
  for (const session of [alice.owner, bob.owner, carol]) {
    expect(await listedIds(session)).toContain(shared);
  }
});

test('a shared file is read and linked by every account, and renamed, replaced or deleted by no member', async () => {
  const alice = await ownerWithProject('alice');
  const shared = await sharedFile(app, `shared${n}`);
  const before = (await fileRow(shared))!;

  expect(await everyUse(alice.owner, shared, alice.project)).toEqual({
    ...OUT_OF_REACH,
    listed: true,
    read: 200,
    linked: 200,
  });
  expect(await graphqlChanges(alice.owner, shared)).toEqual(GRAPHQL_NOT_FOUND);
  expect(await fileRow(shared)).toEqual(before);
  expect(bytesOf(before)).toBe(`shared${n}`);
  const cover = await as(app, alice.owner).get(`/api/projects/${alice.project}?populate=cover`);
  expect(cover.body.data.cover.id).toBe(shared);
});
