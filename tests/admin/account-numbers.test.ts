import { useTestApp } from '../helpers/strapi';
import { asAdmin, createSuperAdmin } from '../helpers/admin';
import { signUp, type Session } from '../helpers/users';

// Account numbers: 8 random digits by default, or what the host's `accountNumber()` draws, drawn
// again when the number is taken. The generator is a function, so it cannot travel through the
// JSON config the test app boots with: the tests set it on the running app's config.
describe('account numbers', () => {
  const app = useTestApp();
  let admin: ReturnType<typeof asAdmin>;
  let owner: Session;
  const CONFIG_KEY = 'plugin::multi-account.accountNumber';

  beforeAll(async () => {
    admin = asAdmin(app, await createSuperAdmin(app));
    owner = await signUp(app, 'numbered');
  });
  afterEach(() => {
    app.strapi.config.set(CONFIG_KEY, undefined);
  });

  /** A generator answering `numbers` in turn, counting its calls. */
  const drawing = (...numbers: unknown[]) => {
    const generator = Object.assign(async () => numbers[generator.calls++], { calls: 0 });
    app.strapi.config.set(CONFIG_KEY, generator);
    return generator;
  };

  const counts = async () => ({
    accounts: await app.strapi.db.query('plugin::multi-account.account').count(),
    memberships: await app.strapi.db.query('plugin::multi-account.membership').count(),
    audit: await app.strapi.db.query('plugin::multi-account.audit-log').count(),
  });

  const openAccount = (name: string) =>
    admin.post('/accounts').send({ name, owner: owner.user.documentId });

  test('a sign-up gets 8 random digits when the host draws none', () => {
    expect(owner.account.number).toMatch(/^\d{8}$/);
  });

  test("a new account takes the number the host's accountNumber() draws", async () => {
    const generator = drawing('C-000123');
    const res = await openAccount('Numbered by the host');
    expect(res.status).toBe(201);
    expect(res.body.data.number).toBe('C-000123');
    expect(generator.calls).toBe(1);
  });

  test('a number already taken is drawn again, and only the new account is written', async () => {
    const before = await counts();
    const generator = drawing(owner.account.number, 'C-000456');
    const res = await openAccount('Second draw');
    expect(res.status).toBe(201);
    expect(res.body.data.number).toBe('C-000456');
    expect(generator.calls).toBe(2);
    expect(await counts()).toEqual({
      accounts: before.accounts + 1,
      memberships: before.memberships + 1,
      audit: before.audit + 1,
    });
    const holders = await app.strapi.db
      .query('plugin::multi-account.account')
      .findMany({ where: { number: owner.account.number }, select: ['name'] });
    expect(holders).toEqual([{ name: 'numbered' }]);
  });

  test('five taken numbers in a row answer 503 and write nothing', async () => {
    const before = await counts();
    const taken = owner.account.number;
    const generator = drawing(taken, taken, taken, taken, taken, 'never-reached');
    const res = await openAccount('No room left');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/No free account number after 5 draws/);
    expect(generator.calls).toBe(5);
    expect(await counts()).toEqual(before);
  });

  test('a sign-up whose account gets no number answers 503 and leaves no user behind', async () => {
    const before = await counts();
    const users = () => app.strapi.db.query('plugin::users-permissions.user');
    const sessions = () => app.strapi.db.query('admin::session');
    const sessionsBefore = await sessions().count();
    const taken = owner.account.number;
    drawing(taken, taken, taken, taken, taken);
    const signUpAs = () =>
      app.http().post('/api/auth/local/register').send({
        username: 'unnumbered',
        email: 'unnumbered@example.com',
        password: 'Password123',
      });
    const res = await signUpAs();
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/No free account number after 5 draws/);
    expect(await users().count({ where: { email: 'unnumbered@example.com' } })).toBe(0);
    expect(await sessions().count()).toBe(sessionsBefore);
    expect(await counts()).toEqual(before);
    // the address is free again: signing up once numbers can be drawn works
    app.strapi.config.set(CONFIG_KEY, undefined);
    const again = await signUpAs();
    expect(again.status).toBe(200);
    expect(again.body.activeAccount).toMatchObject({ type: 'owner', name: 'unnumbered' });
  });

  test.each([[''], ['   '], ['x'.repeat(17)], [42], [null]])(
    'a generator answering %j is refused before anything is written',
    async (number) => {
      const before = await counts();
      drawing(number);
      const res = await openAccount('Badly numbered');
      expect(res.status).toBe(500);
      expect(await counts()).toEqual(before);
    }
  );

  test('the config validator takes a function and refuses anything else', async () => {
    const { default: plugin } = await import('../../server/src');
    const validate = (accountNumber: unknown) => () =>
      plugin.config.validator({ ...plugin.config.default, accountNumber });
    expect(validate(() => 'A-1')).not.toThrow();
    expect(validate('A-1')).toThrow(/accountNumber: must be a function/);
  });
});
