import { ADMIN_API, createSuperAdmin } from '../../helpers/admin';
import { useTestApp } from '../../helpers/strapi';
import { addGuest, API, as, signUp } from '../../helpers/users';

// Only GET routes read a query string, DELETE routes take no body and the others take JSON: a
// 400, never read another way or ignored.
let names = 0;

const app = useTestApp();

const ownerWithGuest = async () => {
  const n = ++names;
  const owner = await signUp(app, `sina${n}`);
  const guest = await signUp(app, `sigi${n}`);
  const member = await addGuest(app, owner, guest, ['support']);
  return { owner, guest, member };
};

const expect400 = (res: { status: number; body: { error?: { name?: string } } }) => {
  expect(res.status).toBe(400);
  expect(res.body.error?.name).toBe('ValidationError');
};

test('a query string on a POST route is refused', async () => {
  const { owner, guest } = await ownerWithGuest();
  expect400(
    await as(app, guest)
      .post(`${API}/switch?populate=*`)
      .send({ account: owner.account.documentId })
  );
  const me = await as(app, guest).get(`${API}/me`);
  expect(me.body.data.account.documentId).toBe(guest.account.documentId);
});

test('a query string on a PATCH route is refused, and nothing changes', async () => {
  const { owner, member } = await ownerWithGuest();
  expect400(
    await as(app, owner)
      .patch(`${API}/contacts/${member.documentId}?filters[status]=active`)
      .send({ status: 'inactive' })
  );
  const row = await as(app, owner).get(`${API}/contacts/${member.documentId}`);
  expect(row.body.data.status).toBe('active');
});

test("a query key named like an object's own members is refused, not dropped unseen", async () => {
  const { owner, guest } = await ownerWithGuest();
  for (const url of [
    `${API}/contacts?toString=1`,
    `${API}/me/accounts?hasOwnProperty=1`,
    `${API}/me?__proto__=1`,
    `${API}/me?constructor[x]=1`,
  ]) {
    const res = await as(app, owner).get(url);
    expect([url, res.status, res.body.error?.name]).toEqual([url, 400, 'ValidationError']);
  }
  const switched = await as(app, guest)
    .post(`${API}/switch?toString=x`)
    .send({ account: owner.account.documentId });
  expect400(switched);
  expect((await as(app, guest).get(`${API}/me`)).body.data.account.documentId).toBe(
    guest.account.documentId
  );
});

test('a body on a DELETE route is refused, and the member stays', async () => {
  const { owner, member } = await ownerWithGuest();
  expect400(
    await as(app, owner).delete(`${API}/contacts/${member.documentId}`).send({ force: true })
  );
  expect((await as(app, owner).get(`${API}/contacts/${member.documentId}`)).status).toBe(200);
  expect((await as(app, owner).delete(`${API}/contacts/${member.documentId}`)).status).toBe(204);
});

test('a form or multipart body is refused, and nothing changes', async () => {
  const { owner, member } = await ownerWithGuest();
  const path = `${API}/contacts/${member.documentId}`;
  const members = async () =>
    (await as(app, owner).get(`${API}/contacts`)).body.meta.pagination.total as number;
  const before = await members();
  const form = await as(app, owner).patch(path).type('form').send({ status: 'inactive' });
  expect400(form);
  expect(form.body.error.message).toBe(
    'This route takes a JSON body (Content-Type: application/json)'
  );
  expect400(await as(app, owner).patch(path).field('status', 'inactive'));
  expect400(
    await as(app, owner)
      .post(`${API}/invitations`)
      .field('email', `formed${names}@example.com`)
      .attach('file', Buffer.from('not read'), 'note.txt')
  );
  expect((await as(app, owner).get(path)).body.data.status).toBe('active');
  expect(await members()).toBe(before);
  // the same change as JSON goes through
  expect((await as(app, owner).patch(path).send({ status: 'inactive' })).status).toBe(200);
});

test('the admin API refuses them too', async () => {
  const { owner, member } = await ownerWithGuest();
  const admin = await createSuperAdmin(app, `strict${names}@example.com`);
  const path = `${ADMIN_API}/accounts/${owner.account.documentId}/members/${member.documentId}`;
  const withBody = await app
    .http()
    .delete(path)
    .set('Authorization', `Bearer ${admin.token}`)
    .send({ force: true });
  expect400(withBody);
  const withQuery = await app
    .http()
    .put(`${path}?sort=id`)
    .set('Authorization', `Bearer ${admin.token}`)
    .send({ status: 'inactive' });
  expect400(withQuery);
  expect((await as(app, owner).get(`${API}/contacts/${member.documentId}`)).body.data.status).toBe(
    'active'
  );
});
