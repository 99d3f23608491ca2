import { graphql, MEMBER, PAGE_INFO, refusal } from '../../helpers/graphql';
import { JWT_MODES, useTestApp } from '../../helpers/strapi';
import { addGuest, API, as, logIn, signUp, switchTo, type Session } from '../../helpers/users';

// The active account's contacts through GraphQL, in both users-permissions JWT modes: the REST
// rules, the REST errors.
describe.each(JWT_MODES)('in %s mode', (jwtMode) => {
  let seq = 0;
  const memberships = () => app.strapi.db.query('plugin::multi-account.membership');
  const users = () => app.strapi.db.query('plugin::users-permissions.user');
  const newUser = (name: string) => signUp(app, `${name}${++seq}`);

  // every request comes from one address: the per-IP caps would count the whole file
  const app = useTestApp(
    {
      rateLimits: {
        window: 3600,
        invitationsPerAccount: 1000,
        invitationsPerInviter: 1000,
        invitationsPerIp: 1000,
        contactsPerIp: 1000,
        acceptsPerIp: 1000,
      },
    },
    { jwtMode }
  );

  /** An owner, and a manager: a guest of the owner's account holding `contacts` and `support`. */
  const accountWithManager = async () => {
    const owner = await newUser('gowen');
    const mia = await newUser('gmia');
    await addGuest(app, owner, mia, ['contacts', 'support']);
    return { owner, manager: await switchTo(app, mia, owner.account.documentId) };
  };

  const CONTACTS = `query ($status: MultiAccountMemberStatus, $type: MultiAccountMemberType,
  $pagination: MultiAccountPaginationArg) {
  multiAccountContacts(status: $status, type: $type, pagination: $pagination) {
    nodes { ${MEMBER} } ${PAGE_INFO} } }`;
  const CREATE = `mutation ($email: String!, $username: String!, $password: String!, $permissions: [String!]) {
  multiAccountCreateContact(email: $email, username: $username, password: $password,
    permissions: $permissions) { ${MEMBER} } }`;
  const UPDATE = `mutation ($documentId: ID!, $permissions: [String!], $status: MultiAccountMemberStatus,
  $type: MultiAccountMemberType) {
  multiAccountUpdateContact(documentId: $documentId, permissions: $permissions, status: $status,
    type: $type) { ${MEMBER} } }`;
  const REMOVE =
    'mutation ($documentId: ID!) { multiAccountRemoveContact(documentId: $documentId) }';
  const RESEND = `mutation ($documentId: ID!) { multiAccountResendInvitation(documentId: $documentId) {
  member { ${MEMBER} } invitation { documentId expiresAt } emailSent } }`;

  const addContact = async (owner: Session, name: string, permissions: string[]) => {
    const username = `${name}${++seq}`;
    const res = await graphql(app, owner, CREATE, {
      email: `${username}@example.com`,
      username,
      password: 'Password123',
      permissions,
    });
    if (res.errors) throw new Error(`contact ${username}: ${res.text}`);
    return res.data.multiAccountCreateContact as { documentId: string; email: string };
  };

  const rowOf = async (session: Session, email: string) => {
    const res = await as(app, session).get(`${API}/contacts?pageSize=100`);
    return res.body.data.find((m: { email: string }) => m.email === email);
  };

  describe('multiAccountContacts', () => {
    test("lists the active account's members as the REST route does, filtered", async () => {
      const { owner, manager } = await accountWithManager();
      const res = await graphql(app, owner, CONTACTS);
      expect(res.errors).toBeUndefined();
      const rest = await as(app, owner).get(`${API}/contacts`);
      const { nodes, pageInfo } = res.data.multiAccountContacts;
      expect(pageInfo).toEqual(rest.body.meta.pagination);
      expect(nodes).toEqual(
        rest.body.data.map((m: { user: { id: number } | null }) => ({
          ...m,
          user: m.user && { ...m.user, id: String(m.user.id) },
        }))
      );
      expect(nodes.map((m: { email: string }) => m.email)).toEqual([
        owner.user.email,
        manager.user.email,
      ]);
      const owners = await graphql(app, owner, CONTACTS, { type: 'owner' });
      expect(owners.data.multiAccountContacts.nodes.map((m: { type: string }) => m.type)).toEqual([
        'owner',
      ]);
      const inactive = await graphql(app, owner, CONTACTS, { status: 'inactive' });
      expect(inactive.data.multiAccountContacts.nodes).toEqual([]);
      const bad = await graphql(app, owner, CONTACTS, { pagination: { pageSize: 0 } });
      expect(refusal(bad)).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
    });

    test('needs the contacts permission, in the account X-Account names', async () => {
      const owner = await newUser('gowen');
      const sue = await newUser('gsue');
      await addGuest(app, owner, sue, ['support']);
      const res = await graphql(app, sue, CONTACTS, undefined, owner.account.documentId);
      expect(res.data).toBeNull();
      expect(refusal(res)).toEqual({
        code: 'FORBIDDEN',
        status: 403,
        name: 'ForbiddenError',
        message: 'This action needs the permission: contacts',
      });
      // an account they are not a member of
      const stranger = await newUser('gstranger');
      const theirs = await graphql(app, stranger, CONTACTS, undefined, owner.account.documentId);
      expect(refusal(theirs)).toMatchObject({
        code: 'FORBIDDEN',
        message: 'You are not an active member of this account',
      });
    });
  });

  describe('multiAccountCreateContact', () => {
    test('creates an active contact user who can log in and act for the account', async () => {
      const owner = await newUser('gowen');
      const username = `gcarl${++seq}`;
      const res = await graphql(app, owner, CREATE, {
        email: `${username.toUpperCase()}@Example.com`,
        username,
        password: 'Password123',
        permissions: ['billing'],
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.multiAccountCreateContact).toMatchObject({
        type: 'contact',
        status: 'active',
        permissions: ['billing'],
        email: `${username}@example.com`,
        user: { username, email: `${username}@example.com` },
        account: { documentId: owner.account.documentId },
      });
      const login = await logIn(app, `${username}@example.com`);
      expect(login.body.activeAccount).toMatchObject({ documentId: owner.account.documentId });
    });

    test('a taken email is CONFLICT (409); bad input is BAD_USER_INPUT and writes nothing', async () => {
      const owner = await newUser('gowen');
      const other = await newUser('gotto');
      const taken = await graphql(app, owner, CREATE, {
        email: other.user.email,
        username: `${other.user.username}x`,
        password: 'Password123',
      });
      expect(refusal(taken)).toEqual({
        code: 'CONFLICT',
        status: 409,
        name: 'ConflictError',
        message: 'Email or Username are already taken',
      });
      const before = await memberships().count();
      for (const input of [
        { email: 'not-an-email', username: 'gvalid', password: 'Password123' },
        { email: 'x@example.com', username: 'ab', password: 'Password123' },
        { email: 'x@example.com', username: 'gvalid', password: '123' },
        {
          email: 'x@example.com',
          username: 'gvalid',
          password: 'Password123',
          permissions: ['root'],
        },
      ]) {
        const res = await graphql(app, owner, CREATE, input);
        expect(refusal(res)).toMatchObject({
          code: 'BAD_USER_INPUT',
          status: 400,
          name: 'ValidationError',
        });
      }
      expect(await memberships().count()).toBe(before);
      expect(await users().count({ where: { username: 'gvalid' } })).toBe(0);
    });

    test('X-Account names the account a mutation acts for, for that request only', async () => {
      const owner = await newUser('gxowner');
      const mia = await newUser('gxmia');
      await addGuest(app, owner, mia, ['contacts', 'support']);
      // mia's session acts for her own account; the header takes one request to the owner's
      const username = `gxcontact${++seq}`;
      const res = await graphql(
        app,
        mia,
        CREATE,
        {
          email: `${username}@example.com`,
          username,
          password: 'Password123',
          permissions: ['support'],
        },
        owner.account.documentId
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.multiAccountCreateContact.account.documentId).toBe(owner.account.documentId);
      expect(await rowOf(owner, `${username}@example.com`)).toMatchObject({ type: 'contact' });
      expect(await rowOf(mia, `${username}@example.com`)).toBeUndefined();
      // the next request, without the header, acts for mia's own account again
      const mine = await graphql(app, mia, CONTACTS, {});
      expect(mine.errors).toBeUndefined();
      expect(mine.data.multiAccountContacts.nodes.map((m: { email: string }) => m.email)).toEqual([
        mia.user.email,
      ]);
    });

    test('a member cannot grant keys they do not hold', async () => {
      const { manager } = await accountWithManager();
      const username = `geve${++seq}`;
      const res = await graphql(app, manager, CREATE, {
        email: `${username}@example.com`,
        username,
        password: 'Password123',
        permissions: ['billing'],
      });
      expect(refusal(res)).toMatchObject({ code: 'FORBIDDEN', status: 403 });
      expect(await users().count({ where: { username } })).toBe(0);
    });
  });

  describe('multiAccountUpdateContact', () => {
    test('changes permissions, suspends and reactivates', async () => {
      const owner = await newUser('gowen');
      const carl = await addContact(owner, 'gcarl', ['billing']);
      const res = await graphql(app, owner, UPDATE, {
        documentId: carl.documentId,
        permissions: ['billing', 'support'],
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.multiAccountUpdateContact.permissions).toEqual(['billing', 'support']);
      const suspended = await graphql(app, owner, UPDATE, {
        documentId: carl.documentId,
        status: 'inactive',
      });
      expect(suspended.data.multiAccountUpdateContact.status).toBe('inactive');
      const back = await graphql(app, owner, UPDATE, {
        documentId: carl.documentId,
        status: 'active',
      });
      expect(back.data.multiAccountUpdateContact.status).toBe('active');
    });

    test("refuses the owner's row, one's own row and keys the actor lacks, changing nothing", async () => {
      const { owner, manager } = await accountWithManager();
      const carl = await addContact(owner, 'gcarl', ['billing', 'support']);
      const ownerRow = await rowOf(owner, owner.user.email);
      const own = await rowOf(owner, manager.user.email);
      const cases = [
        [ownerRow.documentId, { permissions: [] }, "An owner's access cannot be changed here"],
        [own.documentId, { permissions: ['contacts'] }, 'You cannot change your own access'],
        [
          carl.documentId,
          { status: 'inactive' },
          'This member holds permissions you do not hold: billing',
        ],
      ] as const;
      for (const [documentId, change, message] of cases) {
        const res = await graphql(app, manager, UPDATE, { documentId, ...change });
        expect(refusal(res)).toMatchObject({ code: 'FORBIDDEN', status: 403, message });
      }
      for (const change of [
        {},
        { status: 'pending' },
        { type: 'guest' },
        { permissions: ['root'] },
      ]) {
        const res = await graphql(app, owner, UPDATE, { documentId: carl.documentId, ...change });
        expect(refusal(res)).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
      }
      const unchanged = await memberships().findOne({ where: { documentId: carl.documentId } });
      expect(unchanged).toMatchObject({ status: 'active', permissions: ['billing', 'support'] });
    });

    test('an owner makes a member co-owner and unmakes them; a manager cannot', async () => {
      const { owner, manager } = await accountWithManager();
      const carl = await addContact(owner, 'gcarl', []);
      const refused = await graphql(app, manager, UPDATE, {
        documentId: carl.documentId,
        type: 'owner',
      });
      expect(refusal(refused)).toMatchObject({ code: 'FORBIDDEN', status: 403 });
      const made = await graphql(app, owner, UPDATE, {
        documentId: carl.documentId,
        type: 'owner',
      });
      expect(made.data.multiAccountUpdateContact.type).toBe('owner');
      const unmade = await graphql(app, owner, UPDATE, {
        documentId: carl.documentId,
        type: 'contact',
      });
      expect(unmade.data.multiAccountUpdateContact.type).toBe('contact');
    });
  });

  describe('multiAccountRemoveContact and multiAccountResendInvitation', () => {
    test('removes a member; one cannot remove oneself', async () => {
      const owner = await newUser('gowen');
      const carl = await addContact(owner, 'gcarl', []);
      const res = await graphql(app, owner, REMOVE, { documentId: carl.documentId });
      expect(res.errors).toBeUndefined();
      expect(res.data.multiAccountRemoveContact).toBe(true);
      expect(await memberships().count({ where: { documentId: carl.documentId } })).toBe(0);
      const ownerRow = await rowOf(owner, owner.user.email);
      const last = await graphql(app, owner, REMOVE, { documentId: ownerRow.documentId });
      expect(refusal(last)).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    });

    test('resends an open invitation with a new expiry; a member is not an invitation', async () => {
      const owner = await newUser('gowen');
      const invited = await as(app, owner)
        .post(`${API}/invitations`)
        .send({ email: `gnew${++seq}@example.com`, permissions: [] });
      const res = await graphql(app, owner, RESEND, { documentId: invited.body.data.documentId });
      expect(res.errors).toBeUndefined();
      expect(res.data.multiAccountResendInvitation).toMatchObject({
        member: { documentId: invited.body.data.documentId, status: 'invited' },
        invitation: { documentId: invited.body.meta.invitation.documentId },
        emailSent: true,
      });
      const ownerRow = await rowOf(owner, owner.user.email);
      const notOpen = await graphql(app, owner, RESEND, { documentId: ownerRow.documentId });
      expect(refusal(notOpen)).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
    });

    test('X-Account takes updating, resending and removing to the account it names, for that request only', async () => {
      const owner = await newUser('gxowner');
      const mia = await newUser('gxmia');
      await addGuest(app, owner, mia, ['contacts', 'support']);
      const carl = await addContact(owner, 'gxcarl', ['support']);
      const invited = await as(app, owner)
        .post(`${API}/invitations`)
        .send({ email: `gxnew${++seq}@example.com`, permissions: [] });
      // mia's session acts for her own account, where neither is a member
      const cases = [
        [UPDATE, { documentId: carl.documentId, permissions: [] }],
        [RESEND, { documentId: invited.body.data.documentId }],
        [REMOVE, { documentId: carl.documentId }],
      ] as const;
      for (const [query, variables] of cases) {
        const res = await graphql(app, mia, query, variables);
        expect(refusal(res)).toMatchObject({ code: 'NOT_FOUND', message: 'Member not found' });
      }
      const account = owner.account.documentId;
      const updated = await graphql(app, mia, UPDATE, cases[0][1], account);
      expect(updated.errors).toBeUndefined();
      expect(updated.data.multiAccountUpdateContact).toMatchObject({
        documentId: carl.documentId,
        permissions: [],
        account: { documentId: account },
      });
      const resent = await graphql(app, mia, RESEND, cases[1][1], account);
      expect(resent.errors).toBeUndefined();
      expect(resent.data.multiAccountResendInvitation.member.account.documentId).toBe(account);
      const removed = await graphql(app, mia, REMOVE, cases[2][1], account);
      expect(removed.data.multiAccountRemoveContact).toBe(true);
      expect(await memberships().count({ where: { documentId: carl.documentId } })).toBe(0);
      // the header held for those requests only: the next one acts for mia's account again
      const again = await graphql(app, mia, RESEND, cases[1][1]);
      expect(refusal(again)).toMatchObject({ code: 'NOT_FOUND' });
    });

    test("another account's member is NOT_FOUND to every operation, and changes nothing", async () => {
      const owner = await newUser('gowen');
      const other = await newUser('gotto');
      const theirs = await addContact(other, 'gtheirs', ['billing']);
      const before = JSON.stringify(await memberships().findMany({ orderBy: { id: 'asc' } }));
      for (const [query, extra] of [
        [UPDATE, { permissions: [] }],
        [UPDATE, { status: 'inactive' }],
        [REMOVE, {}],
        [RESEND, {}],
      ] as const) {
        const res = await graphql(app, owner, query, { documentId: theirs.documentId, ...extra });
        expect(refusal(res)).toEqual({
          code: 'NOT_FOUND',
          status: 404,
          name: 'NotFoundError',
          message: 'Member not found',
        });
      }
      expect(JSON.stringify(await memberships().findMany({ orderBy: { id: 'asc' } }))).toBe(before);
    });
  });
});
