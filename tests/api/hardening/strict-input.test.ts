import { ADMIN_API, createSuperAdmin } from '../../helpers/admin';
import { useTestApp } from '../../helpers/strapi';
import { addGuest, API, as, signUp } from '../../helpers/users';

// Only GET routes read a query string and DELETE routes take no body: a 400, never ignored.
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

test('a body on a DELETE route is refused, and the member stays', async () => {
  const { owner, member } = await ownerWithGuest();
  expect400(
    await as(app, owner).delete(`${API}/contacts/${member.documentId}`).send({ force: true })
  );
  expect((await as(app, owner).get(`${API}/contacts/${member.documentId}`)).status).toBe(200);
  expect((await as(app, owner).delete(`${API}/contacts/${member.documentId}`)).status).toBe(204);
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
