import { contentManager, createSuperAdmin } from '../helpers/admin';
import { copyOfTestApp, useTestApp } from '../helpers/strapi';
import { accountRowOf, as, signUp, type Session } from '../helpers/users';

// A scoped type's unique values are unique within each account, in the admin panel as in the
// content API: Strapi's own check, on an admin's create, edit or publish, meets the documents of
// the account the document is filed under, not another account's.
const COUPON = 'api::coupon.coupon';
const copy = copyOfTestApp({
  // a scoped type with drafts, whose unique values Strapi checks when a version is published
  'src/api/coupon/content-types/coupon/schema.json': {
    kind: 'collectionType',
    collectionName: 'coupons',
    info: { singularName: 'coupon', pluralName: 'coupons', displayName: 'Coupon' },
    options: { draftAndPublish: true },
    pluginOptions: { 'multi-account': { scoped: true } },
    attributes: { code: { type: 'string', unique: true } },
  },
});
const app = useTestApp({}, { appDir: copy.dir });
afterAll(() => copy.remove());

let admin: Awaited<ReturnType<typeof createSuperAdmin>>;
let names = 0;

beforeAll(async () => {
  admin = await createSuperAdmin(app);
});

const cm = (uid: string) => contentManager(app, admin, uid);
const accountIdOf = async (session: Session) => (await accountRowOf(app, session.account)).id;

const refusal = (res: { status: number; body: { error?: { message?: string } } }) => [
  res.status,
  res.body.error?.message,
];
const NOT_UNIQUE = [400, 'This attribute must be unique'];

test("an admin's edit meets the unique values of the document's own account only", async () => {
  const n = ++names;
  const code = `SAME-${n}`;
  const owners = [await signUp(app, `unique-a${n}`), await signUp(app, `unique-b${n}`)];
  const [aliceProject] = await Promise.all(
    owners.map(async (owner) => {
      const res = await as(app, owner)
        .post('/api/projects')
        .send({ data: { name: `${owner.user.username}'s`, code } });
      expect(res.status).toBe(201);
      return res.body.data.documentId as string;
    })
  );
  // the edit view sends every field, the unique one among them
  const edited = await cm('api::project.project').update(aliceProject, {
    name: 'Edited by an admin',
    code,
  });
  expect(edited.status).toBe(200);
  expect(edited.body.data).toMatchObject({ name: 'Edited by an admin', code });

  // within an account the value stays unique
  const bobAccount = await accountIdOf(owners[1]);
  const second = await cm('api::project.project').create({
    name: 'Second',
    code,
    multiAccountId: bobAccount,
  });
  expect(refusal(second)).toEqual(NOT_UNIQUE);
  expect(await app.strapi.db.query('api::project.project').count({ where: { code } })).toBe(2);
  const carol = await signUp(app, `unique-c${n}`);
  const elsewhere = await cm('api::project.project').create({
    name: 'Carol',
    code,
    multiAccountId: await accountIdOf(carol),
  });
  expect(elsewhere.status).toBe(201);
});

test("an admin publishes a document whose unique value another account's published document holds", async () => {
  const n = ++names;
  const code = `PUBLISHED-${n}`;
  const [alice, bob] = [await signUp(app, `publish-a${n}`), await signUp(app, `publish-b${n}`)];
  const draftOf = async (owner: Session) => {
    const res = await cm(COUPON).create({ code, multiAccountId: await accountIdOf(owner) });
    expect(res.status).toBe(201);
    return res.body.data.documentId as string;
  };
  const bobs = await draftOf(bob);
  expect((await cm(COUPON).publish(bobs)).status).toBe(200);
  const alices = await draftOf(alice);
  const published = await cm(COUPON).publish(alices);
  expect(published.status).toBe(200);

  // a second published coupon of alice's with the value is a conflict within her account
  const again = await draftOf(alice);
  expect(refusal(await cm(COUPON).publish(again))).toEqual(NOT_UNIQUE);
  const publishedRows = await app.strapi.db
    .query(COUPON)
    .findMany({ where: { code, publishedAt: { $notNull: true } }, select: ['documentId'] });
  expect(publishedRows.map((row) => row.documentId).sort()).toEqual([alices, bobs].sort());
});
