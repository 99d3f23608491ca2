import { createSuperAdmin } from '../helpers/admin';
import { useTestApp } from '../helpers/strapi';
import { accountRowOf, addGuest, signUp, type Session } from '../helpers/users';

// Users deleted together in the Content Manager's bulk delete, whose deletions run at once in
// one transaction: the last-owner rule counts every user it deletes as leaving.
const USERS = 'plugin::users-permissions.user';

let admin: Awaited<ReturnType<typeof createSuperAdmin>>;
let names = 0;

const app = useTestApp();

beforeAll(async () => {
  admin = await createSuperAdmin(app);
});

const bulkDelete = (sessions: Session[]) =>
  app
    .http()
    .post(`/content-manager/collection-types/${USERS}/actions/bulkDelete`)
    .set('Authorization', `Bearer ${admin.token}`)
    .send({ documentIds: sessions.map((session) => session.user.documentId) });

const usersLeft = (sessions: Session[]) =>
  app.strapi.db.query(USERS).count({ where: { id: { $in: sessions.map((s) => s.user.id) } } });

const membershipsOf = (sessions: Session[]) =>
  app.strapi.db
    .query('plugin::multi-account.membership')
    .count({ where: { userId: { $in: sessions.map((s) => s.user.id) } } });

/** An owner and their account's guests, each guest with an account of their own. */
const ownerWithGuests = async (guests: number) => {
  const n = ++names;
  const owner = await signUp(app, `bulk-owner${n}`);
  const invited: Session[] = [];
  for (let i = 1; i <= guests; i++) {
    const guest = await signUp(app, `bulk-guest${n}-${i}`);
    await addGuest(app, owner, guest, []);
    invited.push(guest);
  }
  return { owner, guests: invited };
};

test.each([
  ['the owner first', true],
  ['the guest first', false],
])(
  'an owner deleted together with the only other member of their account closes it (%s)',
  async (_, ownerFirst) => {
    const { owner, guests } = await ownerWithGuests(1);
    const both = ownerFirst ? [owner, ...guests] : [...guests, owner];
    const res = await bulkDelete(both);
    expect([res.status, res.body.count]).toEqual([200, 2]);
    expect(await usersLeft(both)).toBe(0);
    expect(await membershipsOf(both)).toBe(0);
    expect(await accountRowOf(app, owner.account)).toBeNull();
    expect(await accountRowOf(app, guests[0].account)).toBeNull();
  }
);

test('an owner deleted with some of the other members of their account is refused, and nobody is deleted', async () => {
  const { owner, guests } = await ownerWithGuests(2);
  const some = [guests[0], owner];
  const account = await accountRowOf(app, owner.account);
  const res = await bulkDelete(some);
  expect([res.status, res.body.error?.message]).toEqual([
    403,
    `This user is the last owner of account ${account.number}, which has other members: an account cannot be left without an owner`,
  ]);
  const everyone = [owner, ...guests];
  expect(await usersLeft(everyone)).toBe(3);
  expect(await membershipsOf(everyone)).toBe(5);
  expect(await accountRowOf(app, owner.account)).not.toBeNull();
});
