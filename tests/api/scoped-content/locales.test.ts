import { useTestApp } from '../../helpers/strapi';
import { as, signUp, type Session } from '../../helpers/users';

// A localized scoped type with drafts (Article): no locale operation, from Strapi's core
// controller or from a host's custom one, moves another account's document or joins it.
let n = 0;

const app = useTestApp();

const ARTICLE = 'api::article.article';
const rowsOf = (documentId: string) =>
  app.strapi.db.query(ARTICLE).findMany({
    where: { documentId },
    select: ['id', 'locale', 'title', 'code', 'publishedAt', 'multiAccountId'],
    orderBy: { id: 'asc' },
  });

const twoAccounts = async () => {
  const i = ++n;
  const alice = await signUp(app, `lalice${i}`);
  const bob = await signUp(app, `lbob${i}`);
  const write = async (owner: Session, title: string) => {
    const res = await as(app, owner)
      .post('/api/articles?status=published')
      .send({ data: { title, code: `${title}-code` } });
    expect(res.status).toBe(201);
    return res.body.data.documentId as string;
  };
  return { alice, bob, own: await write(alice, `own${i}`), secret: await write(bob, `secret${i}`) };
};

test("a custom controller's new locale of another account's document is a 404 and changes nothing", async () => {
  const { alice, secret } = await twoAccounts();
  const before = await rowsOf(secret);
  const res = await as(app, alice)
    .post(`/api/articles/${secret}/translations/fr`)
    .send({ data: { title: 'intrus', code: 'taken' } });
  expect(res.status).toBe(404);
  expect(await rowsOf(secret)).toEqual(before);
});

test("the core controller's new locale of another account's document is a 404 and changes nothing", async () => {
  const { alice, secret } = await twoAccounts();
  const before = await rowsOf(secret);
  const res = await as(app, alice)
    .put(`/api/articles/${secret}?locale=fr`)
    .send({ data: { title: 'intrus', code: 'taken' } });
  expect(res.status).toBe(404);
  expect(await rowsOf(secret)).toEqual(before);
});

test('a new locale of an own document joins it, in the same account, by either controller', async () => {
  const { alice, own } = await twoAccounts();
  const [original] = await rowsOf(own);
  const custom = await as(app, alice)
    .post(`/api/articles/${own}/translations/fr`)
    .send({ data: { title: 'le mien', code: 'shared-code' } });
  expect(custom.status).toBe(200);
  const rows = await rowsOf(own);
  expect(new Set(rows.map((row: { multiAccountId: number }) => row.multiAccountId))).toEqual(
    new Set([original.multiAccountId])
  );
  expect(rows.map((row: { locale: string }) => row.locale)).toContain('fr');
  const listed = await as(app, alice).get('/api/articles?locale=fr&status=draft');
  expect(listed.body.data.map((a: { documentId: string }) => a.documentId)).toEqual([own]);
});

test("a document's drafts and locales stay out of another account's lists and reads", async () => {
  const { alice, bob, own, secret } = await twoAccounts();
  await as(app, alice)
    .put(`/api/articles/${own}?locale=fr&status=draft`)
    .send({ data: { title: 'brouillon' } });
  for (const query of ['', '?status=draft', '?locale=fr', '?locale=fr&status=draft', '?locale=*']) {
    const res = await as(app, bob).get(`/api/articles${query}`);
    expect([query, res.status]).toEqual([query, 200]);
    const ids = res.body.data.map((a: { documentId: string }) => a.documentId);
    expect([query, ids.includes(own)]).toEqual([query, false]);
    expect([query, ids.filter((id: string) => id !== secret)]).toEqual([query, []]);
  }
  expect((await as(app, bob).get(`/api/articles/${own}?status=draft`)).status).toBe(404);
});
