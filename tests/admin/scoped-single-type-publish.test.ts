import { createSuperAdmin } from '../helpers/admin';
import { copyOfTestApp, useTestApp } from '../helpers/strapi';
import { accountRowOf, signUp } from '../helpers/users';

// A scoped single type with draft and publish, which the test app does not have: a copy of it
// with one more type. Its view's publish creates the account's document when it has none.
const NOTICE = 'api::notice.notice';
const copy = copyOfTestApp({
  'src/api/notice/content-types/notice/schema.json': {
    kind: 'singleType',
    collectionName: 'notices',
    info: { singularName: 'notice', pluralName: 'notices', displayName: 'Notice' },
    options: { draftAndPublish: true },
    pluginOptions: { 'multi-account': { scoped: true } },
    attributes: { text: { type: 'string' } },
  },
});
const app = useTestApp({}, { appDir: copy.dir });
afterAll(() => copy.remove());

let auth: string;
beforeAll(async () => {
  auth = `Bearer ${(await createSuperAdmin(app)).token}`;
});

// as the Content Manager sends `plugins[multi-account][account]` of the view's URL
const view = (accountId: number, action = '') =>
  `/content-manager/single-types/${NOTICE}${action}?account=${accountId}`;

/** Each account's notice as stored: its text and whether it is the draft or the published one. */
const notices = async () => {
  const rows = await app.strapi.db.query(NOTICE).findMany({
    select: ['documentId', 'text', 'publishedAt', 'multiAccountId'],
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({
    account: row.multiAccountId,
    documentId: row.documentId,
    text: row.text,
    published: row.publishedAt !== null,
  }));
};

test("a scoped single type's view with draft and publish saves, publishes and unpublishes each account's own document, and its publish creates one where the account has none", async () => {
  const [alice, bob] = await Promise.all(
    ['alice', 'bob'].map((name) => signUp(app, `notice-${name}`))
  );
  const [aliceAccount, bobAccount] = await Promise.all(
    [alice, bob].map((session) => accountRowOf(app, session.account))
  );
  const send = (method: 'put' | 'post', path: string, body: object = {}) =>
    app.http()[method](path).set('Authorization', auth).send(body);

  const draft = await send('put', view(aliceAccount.id), { text: 'Alice drafts' });
  expect([draft.status, draft.body.data.multiAccountId]).toEqual([200, aliceAccount.id]);
  // bob's account has none: the publish creates it, as a draft and its published version
  const published = await send('post', view(bobAccount.id, '/actions/publish'), {
    text: 'Bob publishes',
  });
  expect([published.status, published.body.data.multiAccountId]).toEqual([200, bobAccount.id]);
  const aliceDocument = draft.body.data.documentId;
  const bobDocument = published.body.data.documentId;
  expect(aliceDocument).not.toBe(bobDocument);
  expect(await notices()).toEqual([
    { account: aliceAccount.id, documentId: aliceDocument, text: 'Alice drafts', published: false },
    { account: bobAccount.id, documentId: bobDocument, text: 'Bob publishes', published: false },
    { account: bobAccount.id, documentId: bobDocument, text: 'Bob publishes', published: true },
  ]);

  // publishing alice's account's draft publishes hers, and leaves bob's as it was
  const alicePublished = await send('post', view(aliceAccount.id, '/actions/publish'), {
    text: 'Alice publishes',
  });
  expect([alicePublished.status, alicePublished.body.data.documentId]).toEqual([
    200,
    aliceDocument,
  ]);
  const read = (accountId: number) =>
    app
      .http()
      .get(`${view(accountId)}&status=published`)
      .set('Authorization', auth);
  for (const [account, text] of [
    [aliceAccount, 'Alice publishes'],
    [bobAccount, 'Bob publishes'],
  ] as const) {
    const res = await read(account.id);
    expect([res.status, res.body.data.text, res.body.data.multiAccountId]).toEqual([
      200,
      text,
      account.id,
    ]);
  }

  const unpublished = await send('post', view(bobAccount.id, '/actions/unpublish'));
  expect([unpublished.status, unpublished.body.data.documentId]).toEqual([200, bobDocument]);
  expect((await notices()).filter((row) => row.published)).toEqual([
    {
      account: aliceAccount.id,
      documentId: aliceDocument,
      text: 'Alice publishes',
      published: true,
    },
  ]);
  // the view of bob's account has no published version to show: Strapi's empty form
  const unpublishedView = await read(bobAccount.id);
  expect([unpublishedView.status, unpublishedView.body.data]).toEqual([200, {}]);
});
