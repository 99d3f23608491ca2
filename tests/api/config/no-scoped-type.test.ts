import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { asAdmin, createSuperAdmin } from '../../helpers/admin';
import { APP_DIR, copyOfTestApp, useTestApp } from '../../helpers/strapi';
import { as, signUp } from '../../helpers/users';

// An app none of whose types is scoped: Strapi's files stay as Strapi has them, shared by every
// user and filed under no account, and the admin panel shows no Documents or Files of an account.
const API_DIR = path.join(APP_DIR, 'src/api');

/** Every schema of the test app that opts in to scoping, written back without the option. */
const unscopedSchemas = () => {
  const files: Record<string, unknown> = {};
  for (const api of readdirSync(API_DIR)) {
    const types = path.join(API_DIR, api, 'content-types');
    // an API of routes alone has no content type
    for (const type of existsSync(types) ? readdirSync(types) : []) {
      const file = path.join('src/api', api, 'content-types', type, 'schema.json');
      const schema = JSON.parse(readFileSync(path.join(APP_DIR, file), 'utf8'));
      if (!schema.pluginOptions?.['multi-account']) continue;
      delete schema.pluginOptions['multi-account'];
      files[file] = schema;
    }
  }
  return files;
};

const copy = copyOfTestApp(unscopedSchemas());
const app = useTestApp({}, { appDir: copy.dir });
afterAll(() => copy.remove());

test("an account's admin page has no documents nor files, whose routes answer 404", async () => {
  const admin = asAdmin(app, await createSuperAdmin(app));
  const alice = await signUp(app, 'unscoped-alice');
  const page = await admin.get(`/accounts/${alice.account.documentId}`);
  expect(page.status).toBe(200);
  expect([page.body.data.documents, page.body.data.files]).toEqual([[], null]);
  const files = await admin.get(`/accounts/${alice.account.documentId}/files`);
  expect([files.status, files.body.error?.message]).toEqual([
    404,
    'Files are shared by every account here: the app has no account-scoped type',
  ]);
});

test("a member's upload is filed under no account: another account's member reads and renames it, as in Strapi", async () => {
  const alice = await signUp(app, 'unscoped-owner');
  const bob = await signUp(app, 'unscoped-other');
  const uploaded = await as(app, alice)
    .post('/api/upload')
    .attach('files', Buffer.from('bytes'), 'unscoped.txt');
  expect(uploaded.status).toBe(201);
  const file = uploaded.body[0].id as number;
  expect((await as(app, bob).get(`/api/upload/files/${file}`)).status).toBe(200);
  const renamed = await as(app, bob)
    .post(`/api/upload?id=${file}`)
    .field('fileInfo', JSON.stringify({ name: 'renamed.txt' }));
  expect([renamed.status, renamed.body.name]).toEqual([200, 'renamed.txt']);
});
