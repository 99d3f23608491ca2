import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  createClient,
  memoryStore,
  MultiAccountError,
  type ClientOptions,
  type MultiAccountClient,
} from '../../client';
import { useTestApp, JWT_MODES, type JwtMode } from '../helpers/strapi';
import { tokenFrom } from '../helpers/users';

// The typed client against the real test app over real HTTP, in both users-permissions JWT modes.
const PASSWORD = 'Password123';

/** A `fetch` that keeps the cookies the app sets, as a browser does for its origin. */
const fetchWithCookies = (): typeof fetch => {
  const jar = new Map<string, string>();
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(input, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair.split('=');
      if (value.join('=')) jar.set(name, value.join('='));
      else jar.delete(name);
    }
    return response;
  };
};

describe.each(JWT_MODES)('the typed client, users-permissions in %s mode', (jwtMode: JwtMode) => {
  let baseUrl: string;
  let names = 0;

  const app = useTestApp({}, { jwtMode });

  beforeAll(async () => {
    const server = app.strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  const client = (options: Partial<ClientOptions> = {}) =>
    createClient({ baseUrl, fetch: fetchWithCookies(), ...options });

  /** A new user signed up through a new client: they own an account of their own. */
  const signedUp = async (name: string) => {
    const c = client();
    const username = `${name}${++names}`;
    const answer = await c.signUp({
      username,
      email: `${username}@example.com`,
      password: PASSWORD,
    });
    return { client: c, ...answer };
  };

  /** `owner` invites `guest` with `permissions`; the guest accepts through the emailed token. */
  const addGuest = async (
    owner: { client: MultiAccountClient },
    guest: { client: MultiAccountClient; user: { email: string } },
    permissions: string[]
  ) => {
    const since = app.smtp.messages.length;
    const member = await owner.client.invite({ email: guest.user.email, permissions });
    const token = tokenFrom(await app.smtp.waitFor(guest.user.email, since));
    const account = await guest.client.invitations.acceptByToken(token);
    return { member, account };
  };

  test('sign-up and login answer the accounts and the active account, and me() follows', async () => {
    const owner = await signedUp('owner');
    expect(owner.accounts).toEqual([owner.activeAccount]);
    expect(owner.activeAccount).toMatchObject({ type: 'owner', name: owner.user.username });

    const again = client();
    const login = await again.logIn({ identifier: owner.user.email, password: PASSWORD });
    expect(login.activeAccount?.documentId).toBe(owner.activeAccount?.documentId);
    expect((await again.me()).account?.documentId).toBe(owner.activeAccount?.documentId);
  });

  test('switchTo keeps the token of the new account; forAccount acts for one account per call', async () => {
    const owner = await signedUp('acme');
    const guest = await signedUp('guest');
    const { account: shared } = await addGuest(owner, guest, ['contacts']);
    const own = guest.activeAccount!.documentId;

    const mine = await guest.client.myAccounts({ pageSize: 1 });
    expect(mine.meta.pagination).toMatchObject({ total: 2, pageSize: 1, pageCount: 2 });

    expect((await guest.client.switchTo(shared.documentId)).documentId).toBe(shared.documentId);
    expect((await guest.client.me()).account?.documentId).toBe(shared.documentId);

    // two tabs of one login, each acting for its own account
    const [inShared, inOwn] = await Promise.all([
      guest.client.forAccount(shared.documentId).me(),
      guest.client.forAccount(own).me(),
    ]);
    expect(inShared.account?.documentId).toBe(shared.documentId);
    expect(inOwn.account?.documentId).toBe(own);
    const listed = await guest.client.forAccount(shared.documentId).contacts.list();
    expect(listed.data.map((m) => m.email)).toContain(owner.user.email);
  });

  test('contacts: create, list with filters, update, resend and remove', async () => {
    const owner = await signedUp('boss');
    const contact = await owner.client.contacts.create({
      email: `staff${names}@example.com`,
      username: `staff${names}`,
      password: PASSWORD,
      permissions: ['billing'],
    });
    expect(contact).toMatchObject({ type: 'contact', status: 'active', permissions: ['billing'] });
    const invited = await owner.client.invite({
      email: `later${names}@example.com`,
      permissions: ['support'],
    });
    expect(invited.status).toBe('invited');

    const contacts = await owner.client.contacts.list({ type: 'contact' });
    expect(contacts.data.map((m) => m.documentId)).toEqual([contact.documentId]);
    const updated = await owner.client.contacts.update(contact.documentId, { status: 'inactive' });
    expect(updated.status).toBe('inactive');
    expect((await owner.client.contacts.resend(invited.documentId)).documentId).toBe(
      invited.documentId
    );
    await owner.client.contacts.remove(contact.documentId);
    await expect(owner.client.contacts.get(contact.documentId)).rejects.toMatchObject({
      status: 404,
    });
  });

  test('invitations: mine, accept and reject as the invitee', async () => {
    const first = await signedUp('first');
    const second = await signedUp('second');
    const invitee = await signedUp('invitee');
    await first.client.invite({ email: invitee.user.email, permissions: ['billing'] });
    await second.client.invite({ email: invitee.user.email, permissions: [] });

    const open = await invitee.client.invitations.mine();
    expect(open.data.map((i) => i.account.name).sort()).toEqual(
      [first.user.username, second.user.username].sort()
    );
    const fromFirst = open.data.find((i) => i.account.name === first.user.username)!;
    const fromSecond = open.data.find((i) => i.account.name === second.user.username)!;
    expect(await invitee.client.invitations.accept(fromFirst.documentId)).toMatchObject({
      documentId: first.activeAccount!.documentId,
      type: 'guest',
      permissions: ['billing'],
    });
    expect(await invitee.client.invitations.reject(fromSecond.documentId)).toEqual({
      documentId: fromSecond.documentId,
      status: 'rejected',
    });
    const rejected = await second.client.contacts.list({ status: 'rejected' });
    expect(rejected.data.map((m) => m.email)).toEqual([invitee.user.email]);

    await invitee.client.leave(first.activeAccount!.documentId);
    expect((await invitee.client.myAccounts()).meta.pagination.total).toBe(1);
  });

  test('invitations: reject through the emailed token', async () => {
    const owner = await signedUp('linkowner');
    const invitee = await signedUp('linkinvitee');
    const since = app.smtp.messages.length;
    const member = await owner.client.invite({ email: invitee.user.email, permissions: [] });
    const token = tokenFrom(await app.smtp.waitFor(invitee.user.email, since));
    expect(await invitee.client.invitations.rejectByToken(token)).toMatchObject({
      status: 'rejected',
    });
    expect(await owner.client.contacts.get(member.documentId)).toMatchObject({
      status: 'rejected',
    });
  });

  test("errors carry Strapi's status, name, message and details", async () => {
    const owner = await signedUp('strict');
    const error = await owner.client.contacts
      .create({ email: 'not an email', username: 'x', password: PASSWORD, permissions: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MultiAccountError);
    expect(error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect((error as MultiAccountError).details).toHaveProperty('errors');

    const stranger = await signedUp('stranger');
    await expect(stranger.client.switchTo(owner.activeAccount!.documentId)).rejects.toMatchObject({
      status: 403,
      name: 'ForbiddenError',
    });
    await expect(
      client().logIn({ identifier: owner.user.email, password: 'wrong password' })
    ).rejects.toMatchObject({ status: 400, message: 'Invalid identifier or password' });
  });

  test('an id is sent as one path segment: it cannot lead the call to another route', async () => {
    const owner = await signedUp('pathowner');
    const guest = await signedUp('pathguest');
    const { account: shared } = await addGuest(owner, guest, []);
    const steered = await guest.client.contacts
      .remove(`../me/accounts/${shared.documentId}`)
      .catch((e: unknown) => e);
    expect(steered).toMatchObject({ status: 400, name: 'ValidationError' });
    const mine = await guest.client.myAccounts();
    expect(mine.data.map((a) => a.documentId)).toContain(shared.documentId);
  });

  test('logOut forgets the tokens, and ends the session in refresh mode', async () => {
    const owner = await signedUp('leaver');
    const before = owner.client.token();
    await owner.client.logOut();
    expect(owner.client.token()).toBeNull();
    await expect(owner.client.me()).rejects.toMatchObject({ status: 401 });
    // the access token of the ended session, still valid for users-permissions until it expires
    const kept = client({ token: memoryStore(before) });
    if (jwtMode === 'refresh') {
      await expect(kept.me()).rejects.toMatchObject({ status: 401 });
    } else {
      expect((await kept.me()).account).toEqual(expect.objectContaining({ type: 'owner' }));
    }
  });

  if (jwtMode === 'refresh') {
    test('logOut ends the session even when the access token has expired', async () => {
      const cookies = fetchWithCookies();
      const { user } = await signedUp('late');
      // a browser's login: the refresh token in the httpOnly cookie
      const answer = await client({ fetch: cookies }).logIn({
        identifier: user.email,
        password: PASSWORD,
      });
      const sessions = () =>
        app.strapi.db.query('admin::session').count({
          where: { userId: String(user.id), origin: 'users-permissions', status: 'active' },
        });
      // the sign-up's session and the login's
      expect(await sessions()).toBe(2);
      // the session's access token as it is ten minutes later: signed as Strapi signs it, expired
      const { sessionId } = JSON.parse(
        Buffer.from(answer.jwt.split('.')[1], 'base64url').toString()
      );
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({
        userId: user.id,
        sessionId,
        type: 'access',
        iat: now - 660,
        exp: now - 60,
      })}`;
      const secret = app.strapi.config.get('plugin::users-permissions.jwtSecret') as string;
      const expired = `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;

      const late = client({ token: memoryStore(expired), fetch: cookies });
      await expect(late.me()).rejects.toMatchObject({ status: 401 });
      await late.logOut();
      expect(late.token()).toBeNull();
      // the login's session is over: its row is gone, as after a logout in time
      expect(await sessions()).toBe(1);
    });
  }

  if (jwtMode === 'refresh') {
    test('refresh, from the httpOnly cookie, gives a new token of the same session and account', async () => {
      const owner = await signedUp('busy');
      const guest = await signedUp('helper');
      const { account: shared } = await addGuest(owner, guest, []);
      const again = client();
      await again.logIn({ identifier: guest.user.email, password: PASSWORD });
      await again.switchTo(shared.documentId);
      const before = again.token();
      expect(await again.refresh()).not.toBe(before);
      expect((await again.me()).account?.documentId).toBe(shared.documentId);
    });

    test('calls that refresh at once share one refresh: the session is not lost', async () => {
      const user = await signedUp('racer');
      const c = client();
      await c.logIn({ identifier: user.user.email, password: PASSWORD });
      const [first, second] = await Promise.all([c.refresh(), c.refresh()]);
      expect(second).toBe(first);
      expect(c.token()).toBe(first);
      expect((await c.me()).user.email).toBe(user.user.email);
      expect(await c.refresh()).not.toBe(first);
    });
  }
});

describe('the typed client with the refresh token in the body', () => {
  let baseUrl: string;

  const app = useTestApp({}, { jwtMode: 'refresh', refreshCookie: false });

  beforeAll(async () => {
    const server = app.strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  test('keeps the refresh token in its store, refreshes from it and logs out with it', async () => {
    const refreshToken = memoryStore();
    const c = createClient({ baseUrl, refreshToken });
    await c.signUp({ username: 'bodymode', email: 'bodymode@example.com', password: PASSWORD });
    const login = await c.logIn({ identifier: 'bodymode@example.com', password: PASSWORD });
    expect(login.refreshToken).toEqual(expect.any(String));
    expect(refreshToken.get()).toBe(login.refreshToken);

    await c.refresh();
    // users-permissions rotates the refresh token at each refresh
    expect(refreshToken.get()).not.toBe(login.refreshToken);
    expect((await c.me()).account?.name).toBe('bodymode');

    await c.logOut();
    expect(refreshToken.get()).toBeNull();
  });
});
