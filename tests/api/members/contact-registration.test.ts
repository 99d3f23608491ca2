import { useTestApp } from '../../helpers/strapi';
import { addGuest, API, as, logIn, signUp, tokenFrom, type Session } from '../../helpers/users';

// POST /contacts creates users-permissions users: by users-permissions' own rules, no weaker.
let names = 0;

const app = useTestApp();

const users = () => app.strapi.db.query('plugin::users-permissions.user');
const upAdvanced = () =>
  app.strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });

const register = (owner: Session, body: Record<string, unknown>) =>
  as(app, owner)
    .post(`${API}/contacts`)
    .send({ password: 'Password123', permissions: [], ...body });

const freshOwner = async () => signUp(app, `rita${++names}`);

describe('identifiers', () => {
  test("a username that is another user's email is refused, and no user is created", async () => {
    const owner = await freshOwner();
    const before = await users().count();
    const res = await register(owner, { email: 'new1@example.com', username: owner.user.email });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('Email or Username are already taken');
    expect(await users().count()).toBe(before);
  });

  test("an email that is another user's username is refused", async () => {
    const owner = await freshOwner();
    const squatter = await signUp(app, `sq${names}`);
    // a username that looks like an email, as users-permissions allows
    await users().update({
      where: { id: squatter.user.id },
      data: { username: `victim${names}@example.com` },
    });
    const res = await register(owner, {
      email: `Victim${names}@example.com`,
      username: `victim${names}`,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('Email or Username are already taken');
  });

  test('a taken email and a taken username answer the same message', async () => {
    const owner = await freshOwner();
    const email = await register(owner, { email: owner.user.email, username: `free${names}` });
    const username = await register(owner, {
      email: `free${names}@example.com`,
      username: owner.user.username,
    });
    expect(email.status).toBe(409);
    expect(username.status).toBe(409);
    expect(email.body.error.message).toBe(username.body.error.message);
  });
});

describe('passwords', () => {
  test('a password over 72 bytes is refused, even under 73 characters', async () => {
    const owner = await freshOwner();
    const res = await register(owner, {
      email: `long${names}@example.com`,
      username: `long${names}`,
      password: 'é'.repeat(72),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['password']);
    expect(await users().count({ where: { username: `long${names}` } })).toBe(0);
  });

  test('a password of exactly 72 bytes logs in, and only with all its bytes', async () => {
    const owner = await freshOwner();
    const password = 'é'.repeat(36);
    const res = await register(owner, {
      email: `exact${names}@example.com`,
      username: `exact${names}`,
      password,
    });
    expect(res.status).toBe(201);
    expect((await logIn(app, `exact${names}`, password)).status).toBe(200);
    expect((await logIn(app, `exact${names}`, 'é'.repeat(35))).status).toBe(400);
  });
});

describe("users-permissions' validatePassword", () => {
  const VALIDATE = 'plugin::users-permissions.validatePassword';
  afterEach(() => {
    app.strapi.config.set(VALIDATE, undefined);
  });

  test('a password it refuses, by answering false or by throwing, registers no contact', async () => {
    app.strapi.config.set(VALIDATE, (password: string) => {
      if (password.includes('throw')) throw new Error('No "throw" in passwords');
      return !password.startsWith('Weak');
    });
    const owner = await freshOwner();
    for (const [password, message] of [
      ['Weak12345', 'Password validation failed.'],
      ['throw12345', 'No "throw" in passwords'],
    ]) {
      const username = `validated${++names}`;
      const res = await register(owner, { email: `${username}@example.com`, username, password });
      expect([res.status, res.body.error?.message]).toEqual([400, message]);
      expect(res.body.error.details.errors[0].path).toEqual(['password']);
      expect(await users().count({ where: { username } })).toBe(0);
    }
    const accepted = await register(owner, {
      email: `strong${names}@example.com`,
      username: `strong${names}`,
      password: 'Strong12345',
    });
    expect(accepted.status).toBe(201);
  });
});

describe('with email confirmation on', () => {
  // signed up while confirmation was off, so they are confirmed
  let owner: Session;
  let victimAccountOwner: Session;
  beforeAll(async () => {
    owner = await freshOwner();
    victimAccountOwner = await freshOwner();
    const advanced = (await upAdvanced().get()) as Record<string, unknown>;
    await upAdvanced().set({ value: { ...advanced, email_confirmation: true } });
  });
  afterAll(async () => {
    const advanced = (await upAdvanced().get()) as Record<string, unknown>;
    await upAdvanced().set({ value: { ...advanced, email_confirmation: false } });
  });

  test('a new contact is unconfirmed, gets the confirmation email and cannot log in before it', async () => {
    const since = app.smtp.messages.length;
    const res = await register(owner, {
      email: `conf${names}@example.com`,
      username: `conf${names}`,
    });
    expect(res.status).toBe(201);
    const user = await users().findOne({ where: { username: `conf${names}` } });
    expect(user.confirmed).toBe(false);
    const mail = await app.smtp.waitFor(`conf${names}@example.com`, since);
    expect(mail.text).toMatch(/confirmation/i);
    const login = await logIn(app, `conf${names}`);
    expect(login.status).toBe(400);
    expect(login.body.error.message).toBe('Your account email is not confirmed');
  });

  test("a contact made for someone else's address cannot take that address's invitations", async () => {
    const target = `target${names}@example.com`;
    const since = app.smtp.messages.length;
    const invited = await as(app, victimAccountOwner)
      .post(`${API}/invitations`)
      .send({ email: target, permissions: ['billing'] });
    expect(invited.status).toBe(201);
    const token = tokenFrom(await app.smtp.waitFor(target, since));

    const created = await register(owner, { email: target, username: `thief${names}` });
    expect(created.status).toBe(201);
    // the attacker chose the password, but the unconfirmed user can neither log in nor accept
    expect((await logIn(app, `thief${names}`)).status).toBe(400);
    const invitation = await app.strapi.db
      .query('plugin::multi-account.invitation')
      .findOne({ where: { email: target } });
    expect(invitation.status).toBe('open');
    expect(token).toEqual(expect.any(String));
  });
});

describe('who may register contacts', () => {
  test('a member holding contacts registers only with keys they hold', async () => {
    const owner = await freshOwner();
    const manager = await signUp(app, `mgr${names}`);
    await addGuest(app, owner, manager, ['contacts', 'support']);
    const asManager = { jwt: manager.jwt };
    const res = await as(app, asManager, owner.account.documentId)
      .post(`${API}/contacts`)
      .send({
        email: `contact${names}@example.com`,
        username: `contact${names}`,
        password: 'Password123',
        permissions: ['billing'],
      });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/billing/);
  });
});
