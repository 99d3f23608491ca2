import { asAdmin, auditOf, createSuperAdmin } from '../helpers/admin';
import { sharedFile } from '../helpers/files';
import { useTestApp } from '../helpers/strapi';
import { accountRowOf, as, signUp, type Session } from '../helpers/users';

// Admins file Strapi's files under an account, whose members alone then reach them and change
// them, move them to another account, and take them out again (shared by every account, changed
// by none of their members), each change in the accounts' audit trails.
const FILE = 'plugin::upload.file';
let admin: ReturnType<typeof asAdmin>;
let n = 0;
let renamed = 0;

const app = useTestApp();

beforeAll(async () => {
  admin = asAdmin(app, await createSuperAdmin(app));
});

const filedUnder = async (file: number) =>
  (await app.strapi.db.query(FILE).findOne({ where: { id: file } }))?.multiAccountId ?? null;

const renames = async (session: Session, file: number) =>
  (
    await as(app, session)
      .post(`/api/upload?id=${file}`)
      .field('fileInfo', JSON.stringify({ name: `renamed${++renamed}.txt` }))
  ).status;

const reads = async (session: Session, file: number) =>
  (await as(app, session).get(`/api/upload/files/${file}`)).status;

const filesOf = (owner: Session) => `/accounts/${owner.account.documentId}/files`;

/** The audit entries of the account about files, as action and file id. */
const fileTrail = async (owner: Session) =>
  (await auditOf(app, owner.account.documentId))
    .filter((entry) => entry.action.startsWith('file.'))
    .map((entry) => [entry.action, (entry.details as { file: { id: number } }).file.id]);

/** Two owners, each of an account of their own, and a shared file. */
const twoOwnersAndAFile = async () => {
  const alice = await signUp(app, `files-alice${++n}`);
  const bob = await signUp(app, `files-bob${n}`);
  return { alice, bob, file: await sharedFile(app, `admin-file${n}`) };
};

test("a shared file filed under an account is its members' to change, and out of other accounts' reach", async () => {
  const { alice, bob, file } = await twoOwnersAndAFile();
  expect([await reads(bob, file), await renames(alice, file)]).toEqual([200, 404]);

  const filed = await admin.post(filesOf(alice)).send({ files: [file] });
  expect(filed.status).toBe(204);
  expect(await filedUnder(file)).toBe((await accountRowOf(app, alice.account)).id);
  const listed = await admin.get(filesOf(alice));
  expect(listed.status).toBe(200);
  expect(listed.body.data).toEqual([
    expect.objectContaining({ id: file, name: `admin-file${n}.txt`, mime: 'text/plain' }),
  ]);
  expect(listed.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 1 });
  expect((await admin.get(`/accounts/${alice.account.documentId}`)).body.data.files).toBe(1);

  expect([await renames(alice, file), await reads(bob, file)]).toEqual([200, 404]);
  expect(await fileTrail(alice)).toEqual([['file.filed', file]]);
});

test('a file moved to another account is in both trails, a list naming an unknown file files none, and the list is searched by name', async () => {
  const { alice, bob, file } = await twoOwnersAndAFile();
  const other = await sharedFile(app, `other${n}`);
  expect((await admin.post(filesOf(alice)).send({ files: [file] })).status).toBe(204);

  const unknown = await admin.post(filesOf(bob)).send({ files: [file, other, 987654321] });
  expect([unknown.status, unknown.body.error?.message]).toEqual([
    404,
    'No file with the id 987654321',
  ]);
  expect([await filedUnder(file), await filedUnder(other)]).toEqual([
    (await accountRowOf(app, alice.account)).id,
    null,
  ]);

  expect((await admin.post(filesOf(bob)).send({ files: [file, other] })).status).toBe(204);
  const bobs = (await accountRowOf(app, bob.account)).id;
  expect([await filedUnder(file), await filedUnder(other)]).toEqual([bobs, bobs]);
  expect(await fileTrail(alice)).toEqual([
    ['file.filed', file],
    ['file.moved', file],
  ]);
  expect(await fileTrail(bob)).toEqual([
    ['file.moved', file],
    ['file.filed', other],
  ]);
  expect([await reads(alice, file), await renames(bob, file)]).toEqual([404, 200]);
  const searched = await admin.get(`${filesOf(bob)}?q=OTHER`);
  expect(searched.body.data.map((listed: { id: number }) => listed.id)).toEqual([other]);
});

test('a file taken out of its account is shared again: read by every account, changed by no member', async () => {
  const { alice, bob, file } = await twoOwnersAndAFile();
  expect((await admin.post(filesOf(bob)).send({ files: [file] })).status).toBe(204);
  expect((await admin.delete(`${filesOf(alice)}/${file}`)).status).toBe(404);

  expect((await admin.delete(`${filesOf(bob)}/${file}`)).status).toBe(204);
  expect(await filedUnder(file)).toBeNull();
  expect((await admin.delete(`${filesOf(bob)}/${file}`)).status).toBe(404);
  expect(await fileTrail(bob)).toEqual([
    ['file.filed', file],
    ['file.unfiled', file],
  ]);
  expect([await reads(alice, file), await reads(bob, file)]).toEqual([200, 200]);
  expect([await renames(alice, file), await renames(bob, file)]).toEqual([404, 404]);
  expect((await admin.get(filesOf(bob))).body.data).toEqual([]);
});

test('the files routes refuse what is not a list of file ids, and an unknown account', async () => {
  const { alice, file } = await twoOwnersAndAFile();
  for (const body of [
    {},
    { files: [] },
    { files: ['x'] },
    { files: [file, file] },
    { files: [0] },
  ]) {
    const res = await admin.post(filesOf(alice)).send(body);
    expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
  }
  const extra = await admin.post(filesOf(alice)).send({ files: [file], account: 1 });
  expect(extra.status).toBe(400);
  expect((await admin.delete(`${filesOf(alice)}/abc`)).status).toBe(400);
  expect((await admin.get(`${filesOf(alice)}?pageSize=0`)).status).toBe(400);
  expect((await admin.post('/accounts/no-such-account/files').send({ files: [file] })).status).toBe(
    404
  );
  expect(await filedUnder(file)).toBeNull();
  expect(await fileTrail(alice)).toEqual([]);
});
