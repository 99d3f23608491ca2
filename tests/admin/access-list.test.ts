import type { AccessEntry, MemberUser } from '../../shared/contracts';
import { useTestApp } from '../helpers/strapi';
import { asAdmin, auditOf, createSuperAdmin } from '../helpers/admin';
import { addGuest, API, as, signUp, type Session } from '../helpers/users';

describe("admin: a user's access list", () => {
  let admin: ReturnType<typeof asAdmin>;
  let adminId: number;
  let acme: Session;
  let globex: Session;
  let guest: Session;

  const app = useTestApp();

  beforeAll(async () => {
    const session = await createSuperAdmin(app);
    admin = asAdmin(app, session);
    adminId = session.id;
    acme = await signUp(app, 'acme');
    globex = await signUp(app, 'globex');
    guest = await signUp(app, 'freelancer');
    await addGuest(app, acme, guest, ['billing', 'support']);
    await addGuest(app, globex, guest, ['reports']);
  });

  it('finds users by username or email', async () => {
    const byName = await admin.get('/users?q=FREE');
    expect(byName.status).toBe(200);
    expect(byName.body.data).toEqual([
      {
        id: guest.user.id,
        documentId: guest.user.documentId,
        username: 'freelancer',
        email: 'freelancer@example.com',
      },
    ]);
    const all = await admin.get('/users?pageSize=2');
    expect(all.body.data.map((u: MemberUser) => u.username)).toEqual(['acme', 'freelancer']);
    expect(all.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 3 });
    expect((await admin.get('/users?pageSize=0')).status).toBe(400);
  });

  it('lists the accounts a user reaches as guest or contact, not the one they own', async () => {
    const res = await admin.get(`/users/${guest.user.documentId}/access`);
    expect(res.status).toBe(200);
    const entries = res.body.data as AccessEntry[];
    expect(entries.map((e) => [e.account.name, e.type, e.status, e.permissions])).toEqual([
      ['globex', 'guest', 'active', ['reports']],
      ['acme', 'guest', 'active', ['billing', 'support']],
    ]);
    expect(entries[0].account.number).toBe(globex.account.number);
    expect(entries[0].createdAt).toEqual(expect.any(String));
    expect(res.body.meta.pagination.total).toBe(2);
  });

  it('shows a suspended access as inactive', async () => {
    const entry = (await admin.get(`/users/${guest.user.documentId}/access`)).body
      .data[1] as AccessEntry;
    await admin
      .put(`/accounts/${entry.account.documentId}/members/${entry.documentId}`)
      .send({ status: 'inactive' });
    const after = (await admin.get(`/users/${guest.user.documentId}/access`)).body
      .data[1] as AccessEntry;
    expect(after).toMatchObject({ documentId: entry.documentId, status: 'inactive' });
  });

  it('removes one access from the list: the user loses that account only', async () => {
    const [globexEntry] = (await admin.get(`/users/${guest.user.documentId}/access`)).body
      .data as AccessEntry[];
    const res = await admin.delete(
      `/accounts/${globexEntry.account.documentId}/members/${globexEntry.documentId}`
    );
    expect(res.status).toBe(204);

    const left = (await admin.get(`/users/${guest.user.documentId}/access`)).body
      .data as AccessEntry[];
    expect(left.map((e) => e.account.name)).toEqual(['acme']);
    const denied = await as(app, guest, globex.account.documentId).get(`${API}/me`);
    expect(denied.body.data.account).toBeNull();
    expect((await auditOf(app, globex.account.documentId)).at(-1)).toMatchObject({
      action: 'membership.removed',
      actorType: 'admin',
      actorId: adminId,
    });
  });

  it('answers 404 for an unknown user and 400 for unknown query keys', async () => {
    expect((await admin.get('/users/nosuchuser000/access')).status).toBe(404);
    expect((await admin.get(`/users/${guest.user.documentId}/access?type=guest`)).status).toBe(400);
    const user = await admin.get(`/users/${guest.user.documentId}`);
    expect(user.body.data).toMatchObject({
      username: 'freelancer',
      email: 'freelancer@example.com',
    });
  });
});
