import { graphql, MY_ACCOUNT, PAGE_INFO, refusal } from '../../helpers/graphql';
import { JWT_MODES, useTestApp } from '../../helpers/strapi';
import {
  addGuest,
  API,
  as,
  newSession,
  REFRESH_COOKIE,
  signUp,
  type Session,
} from '../../helpers/users';

const PASSWORD = 'Password123';

// The GraphQL operations of "who I am and where I act", in both users-permissions JWT modes.
describe.each(JWT_MODES)('in %s mode', (jwtMode) => {
  let names = 0;
  const app = useTestApp({}, { jwtMode });

  /** An owner, and a user who owns an account of their own and is a guest of the owner's. */
  const ownerAndGuest = async (permissions = ['billing', 'support']) => {
    const n = `${jwtMode[0]}${++names}`;
    const owner = await signUp(app, `gqlowner${n}`);
    const guest = await signUp(app, `gqlguest${n}`);
    await addGuest(app, owner, guest, permissions);
    return { owner, guest };
  };

  /** The account a token acts for, as REST's /me says. */
  const restAccountOf = async (session: Pick<Session, 'jwt'>) =>
    (await as(app, session).get(`${API}/me`)).body.data.account?.documentId ?? null;

  const ME = `{ multiAccountMe { user { id documentId username email }
    account { ${MY_ACCOUNT} } permissions impersonatedBy { name } } }`;

  test('multiAccountMe answers the user and the account the request acts for', async () => {
    const { owner, guest } = await ownerAndGuest();
    const res = await graphql(app, guest, ME);
    expect(res.errors).toBeUndefined();
    expect(res.data.multiAccountMe).toEqual({
      user: {
        id: String(guest.user.id),
        documentId: guest.user.documentId,
        username: guest.user.username,
        email: guest.user.email,
      },
      account: guest.account,
      permissions: guest.account.permissions,
      impersonatedBy: null,
    });
    // X-Account: this request only, checked like the session's account
    const there = await graphql(app, guest, ME, undefined, owner.account.documentId);
    expect(there.data.multiAccountMe.account).toEqual({
      ...owner.account,
      type: 'guest',
      permissions: ['billing', 'support'],
    });
    const stranger = await signUp(app, `gqlstranger${jwtMode[0]}${++names}`);
    const refused = await graphql(app, stranger, ME, undefined, owner.account.documentId);
    expect(refused.data.multiAccountMe.account).toBeNull();
  });

  test('multiAccountMyAccounts lists the accounts I can act for, paginated', async () => {
    const { owner, guest } = await ownerAndGuest();
    const query = `query ($pagination: MultiAccountPaginationArg) {
      multiAccountMyAccounts(pagination: $pagination) { nodes { ${MY_ACCOUNT} status } ${PAGE_INFO} } }`;
    const all = await graphql(app, guest, query);
    expect(all.errors).toBeUndefined();
    const rest = await as(app, guest).get(`${API}/me/accounts`);
    expect(all.data.multiAccountMyAccounts.nodes).toEqual(rest.body.data);
    expect(all.data.multiAccountMyAccounts.pageInfo).toEqual(rest.body.meta.pagination);
    expect(
      all.data.multiAccountMyAccounts.nodes.map((a: { number: string }) => a.number).sort()
    ).toEqual([owner.account.number, guest.account.number].sort());
    const second = await graphql(app, guest, query, { pagination: { page: 2, pageSize: 1 } });
    expect(second.data.multiAccountMyAccounts.pageInfo).toEqual({
      page: 2,
      pageSize: 1,
      pageCount: 2,
      total: 2,
    });
    expect(second.data.multiAccountMyAccounts.nodes).toHaveLength(1);
    for (const pagination of [{ page: 0 }, { pageSize: 101 }, { page: -1, pageSize: 5 }]) {
      const bad = await graphql(app, guest, query, { pagination });
      expect(refusal(bad)).toMatchObject({
        code: 'BAD_USER_INPUT',
        status: 400,
        name: 'ValidationError',
      });
    }
  });

  describe('multiAccountSwitch', () => {
    const SWITCH = `mutation ($account: ID!) { multiAccountSwitch(account: $account) { jwt account { ${MY_ACCOUNT} } } }`;

    test('answers a token acting for the other account', async () => {
      const { owner, guest } = await ownerAndGuest();
      const res = await graphql(app, guest, SWITCH, { account: owner.account.documentId });
      expect(res.errors).toBeUndefined();
      expect(res.data.multiAccountSwitch.account).toEqual({
        ...owner.account,
        type: 'guest',
        permissions: ['billing', 'support'],
      });
      expect(await restAccountOf({ jwt: res.data.multiAccountSwitch.jwt })).toBe(
        owner.account.documentId
      );
      if (jwtMode === 'refresh') {
        // the session switched: the token it used before acts for the new account too
        expect(await restAccountOf(guest)).toBe(owner.account.documentId);
      } else {
        expect(await restAccountOf(guest)).toBe(guest.account.documentId);
      }
    });

    test('refuses an account I am not an active member of, and leaves mine as it was', async () => {
      const { owner, guest } = await ownerAndGuest();
      const stranger = await signUp(app, `gqlstranger${jwtMode[0]}${++names}`);
      for (const account of [owner.account.documentId, 'no-such-account']) {
        const res = await graphql(app, stranger, SWITCH, { account });
        expect(res.data).toBeNull();
        expect(refusal(res)).toEqual({
          code: 'FORBIDDEN',
          status: 403,
          name: 'ForbiddenError',
          message: 'You are not an active member of this account',
        });
      }
      expect(await restAccountOf(stranger)).toBe(stranger.account.documentId);
      const bad = await graphql(app, guest, SWITCH, { account: 'not a documentId!' });
      expect(refusal(bad)).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
    });
  });

  describe('multiAccountLeave', () => {
    const LEAVE = 'mutation ($account: ID!) { multiAccountLeave(account: $account) }';

    test('a guest leaves an account, which is no longer theirs', async () => {
      const { owner, guest } = await ownerAndGuest();
      const res = await graphql(app, guest, LEAVE, { account: owner.account.documentId });
      expect(res.errors).toBeUndefined();
      expect(res.data.multiAccountLeave).toBe(true);
      const again = await graphql(app, guest, LEAVE, { account: owner.account.documentId });
      expect(refusal(again)).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    });

    test('the fields after a leave, in the same request, no longer act for the account', async () => {
      const email = `after-leave-${jwtMode}-${names}@example.com`;
      const followUps = {
        multiAccountInvite: `multiAccountInvite(email: "${email}") { emailSent }`,
        createProject: 'createProject(data: { name: "after leave" }) { documentId }',
      };
      for (const [field, followUp] of Object.entries(followUps)) {
        const { owner, guest } = await ownerAndGuest(['billing', 'contacts']);
        const account = owner.account.documentId;
        const res = await graphql(
          app,
          guest,
          `mutation ($account: ID!) { multiAccountLeave(account: $account) ${followUp} }`,
          { account },
          account
        );
        expect(res.errors?.map((e) => [e.path?.[0], e.message, e.extensions.error?.name])).toEqual([
          [field, 'You are not an active member of this account', 'ForbiddenError'],
        ]);
        expect((await as(app, owner).get(`${API}/contacts`)).body.meta.pagination.total).toBe(1);
      }
      const projects = await app.strapi.db
        .query('api::project.project')
        .count({ where: { name: 'after leave' } });
      expect(projects).toBe(0);
    });

    test('in one operation, a refused mutation ends it: those before it went through, those after it did not run', async () => {
      const { owner, guest } = await ownerAndGuest();
      const second = await signUp(app, `gqlowner${jwtMode[0]}${++names}b`);
      await addGuest(app, second, guest, ['billing']);
      const res = await graphql(
        app,
        guest,
        `
          mutation ($first: ID!, $after: ID!) {
            first: multiAccountLeave(account: $first)
            refused: multiAccountLeave(account: "no-such-account")
            after: multiAccountLeave(account: $after)
          }
        `,
        { first: owner.account.documentId, after: second.account.documentId }
      );
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => [e.path, e.extensions.code])).toEqual([
        [['refused'], 'NOT_FOUND'],
      ]);
      const mine = await as(app, guest).get(`${API}/me/accounts`);
      expect(mine.body.data.map((a: { documentId: string }) => a.documentId).sort()).toEqual(
        [guest.account.documentId, second.account.documentId].sort()
      );
    });

    test("the last owner cannot leave, and another account's id is not found", async () => {
      const { owner } = await ownerAndGuest();
      const last = await graphql(app, owner, LEAVE, { account: owner.account.documentId });
      expect(refusal(last)).toMatchObject({
        code: 'FORBIDDEN',
        status: 403,
        message: 'An account must keep at least one owner',
      });
      const stranger = await signUp(app, `gqlstranger${jwtMode[0]}${++names}`);
      const theirs = await graphql(app, stranger, LEAVE, { account: owner.account.documentId });
      expect(refusal(theirs)).toMatchObject({ code: 'NOT_FOUND', status: 404 });
      expect(await restAccountOf(owner)).toBe(owner.account.documentId);
    });
  });

  test('bad input names the argument as the operation takes it, not the REST field', async () => {
    const { guest } = await ownerAndGuest();
    const LIST = `query ($pagination: MultiAccountPaginationArg) {
      multiAccountMyAccounts(pagination: $pagination) { ${PAGE_INFO} } }`;
    const cases: [string, Record<string, unknown>, string[], string][] = [
      [LIST, { pagination: { page: 0 } }, ['pagination', 'page'], 'must be a positive integer'],
      [LIST, { pagination: { pageSize: 101 } }, ['pagination', 'pageSize'], 'must be at most 100'],
      [
        'mutation ($account: ID!) { multiAccountLeave(account: $account) }',
        { account: 'not a documentId!' },
        ['account'],
        'must be a documentId',
      ],
      [
        'mutation ($account: ID!) { multiAccountSwitch(account: $account) { jwt } }',
        { account: 'not a documentId!' },
        ['account'],
        'must be a documentId',
      ],
    ];
    for (const [query, variables, path, message] of cases) {
      const [error] = (await graphql(app, guest, query, variables)).errors ?? [];
      expect(error?.message).toBe(`${path.join('.')}: ${message}`);
      expect(error?.extensions.error?.details).toEqual({
        errors: [{ path, message, name: 'ValidationError' }],
      });
    }
  });

  describe("users-permissions' login and register", () => {
    const PAYLOAD = `jwt user { id username } accounts { ${MY_ACCOUNT} } activeAccount { ${MY_ACCOUNT} }`;

    test('register answers the new account, active, and its token acts for it', async () => {
      const username = `gqlsignup${jwtMode[0]}${++names}`;
      const res = await graphql(
        app,
        null,
        `mutation ($input: UsersPermissionsRegisterInput!) { register(input: $input) { ${PAYLOAD} } }`,
        { input: { username, email: `${username}@example.com`, password: PASSWORD } }
      );
      expect(res.errors).toBeUndefined();
      const { register } = res.data;
      expect(register.activeAccount).toMatchObject({ name: username, type: 'owner' });
      expect(register.accounts).toEqual([register.activeAccount]);
      expect(await restAccountOf(register)).toBe(register.activeAccount.documentId);
    });

    test('changePassword answers the accounts as a login does, and its token keeps to its own', async () => {
      const { owner, guest } = await ownerAndGuest();
      await as(app, guest).post(`${API}/switch`).send({ account: owner.account.documentId });
      const res = await graphql(
        app,
        guest,
        `mutation { changePassword(currentPassword: "${PASSWORD}", password: "Password456", passwordConfirmation: "Password456") { ${PAYLOAD} } }`
      );
      expect(res.errors).toBeUndefined();
      const { changePassword } = res.data;
      expect(changePassword.activeAccount.documentId).toBe(owner.account.documentId);
      expect(changePassword.accounts).toHaveLength(2);
      const other = await newSession(app, guest.user.email, 'Password456');
      await as(app, other).post(`${API}/switch`).send({ account: guest.account.documentId });
      expect(await restAccountOf(changePassword)).toBe(owner.account.documentId);
    });

    test('login answers every account the user can act for, and the active one', async () => {
      const { owner, guest } = await ownerAndGuest();
      const res = await graphql(
        app,
        null,
        `mutation ($input: UsersPermissionsLoginInput!) { login(input: $input) { ${PAYLOAD} } }`,
        { input: { identifier: guest.user.email, password: PASSWORD } }
      );
      expect(res.errors).toBeUndefined();
      const { login } = res.data;
      expect(login.accounts.map((a: { number: string }) => a.number).sort()).toEqual(
        [owner.account.number, guest.account.number].sort()
      );
      expect(login.activeAccount).toEqual(guest.account);
      expect(await restAccountOf(login)).toBe(guest.account.documentId);
      const wrong = await graphql(
        app,
        null,
        `
          mutation ($input: UsersPermissionsLoginInput!) {
            login(input: $input) {
              jwt
            }
          }
        `,
        { input: { identifier: guest.user.email, password: 'nope-nope' } }
      );
      expect(wrong.errors?.[0].message).toBe('Invalid identifier or password');
    });
  });

  test('only a signed-in user: nobody is refused, an API token is a 403', async () => {
    const anonymous = await graphql(app, null, ME);
    // no public permission: the GraphQL plugin's authentication answers 401 before any resolver
    if (anonymous.http === 200) expect(refusal(anonymous)).toMatchObject({ status: 401 });
    else expect(anonymous.http).toBe(401);
    const { accessKey } = await app.strapi.service('admin::api-token').create({
      name: `gql-${jwtMode}`,
      description: '',
      type: 'full-access',
      lifespan: null,
    });
    const token = await graphql(app, { jwt: accessKey }, ME);
    expect(refusal(token)).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });

  if (jwtMode === 'refresh') {
    test('a session ended by logout is refused with UNAUTHENTICATED, acting for no account', async () => {
      const { guest } = await ownerAndGuest();
      const session = await newSession(app, guest.user.email);
      const out = await as(app, session)
        .post('/api/auth/logout')
        .set('Cookie', `${REFRESH_COOKIE}=${session.refreshToken}`)
        .send({});
      expect(out.status).toBe(200);
      const res = await graphql(app, session, ME);
      expect(refusal(res)).toMatchObject({
        code: 'UNAUTHENTICATED',
        status: 401,
        message: 'This login session has ended: log in again',
      });
    });
  }
});
