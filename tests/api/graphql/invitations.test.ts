import { asAdmin, createSuperAdmin } from '../../helpers/admin';
import { graphql, MEMBER, MY_ACCOUNT, PAGE_INFO, refusal } from '../../helpers/graphql';
import { JWT_MODES, useTestApp } from '../../helpers/strapi';
import { addGuest, API, as, signUp, tokenFrom, type Session } from '../../helpers/users';

// Invitations through GraphQL, in both users-permissions JWT modes: sending, the invitee's
// answers, and what only the user may do.
describe.each(JWT_MODES)('in %s mode', (jwtMode) => {
  let seq = 0;
  const newUser = (name: string) => signUp(app, `${name}${++seq}`);
  const memberships = () => app.strapi.db.query('plugin::multi-account.membership');

  const app = useTestApp(
    {
      rateLimits: {
        window: 600,
        invitationsPerAccount: 3,
        invitationsPerInviter: 1000,
        invitationsPerIp: 1000,
        acceptsPerIp: 1000,
      },
    },
    { jwtMode }
  );

  const INVITE = `mutation ($email: String!, $permissions: [String!]) {
  multiAccountInvite(email: $email, permissions: $permissions) {
    member { ${MEMBER} } invitation { documentId expiresAt } emailSent } }`;
  const MINE = `query ($pagination: MultiAccountPaginationArg) {
  multiAccountMyInvitations(pagination: $pagination) {
    nodes { documentId account { documentId number name } permissions invitedBy { username } expiresAt }
    ${PAGE_INFO} } }`;
  const ACCEPT = `mutation ($documentId: ID!) { multiAccountAcceptInvitation(documentId: $documentId) { ${MY_ACCOUNT} } }`;
  const REJECT = `mutation ($documentId: ID!) { multiAccountRejectInvitation(documentId: $documentId) { documentId status } }`;
  const REJECT_BY_TOKEN = `mutation ($token: String!) {
  multiAccountRejectInvitationByToken(token: $token) { documentId status } }`;
  const BY_TOKEN = `mutation ($token: String!) { multiAccountAcceptInvitationByToken(token: $token) { ${MY_ACCOUNT} } }`;

  /** `owner` invites `email` through GraphQL; answers the delivery and the emailed token. */
  const invite = async (owner: Session, email: string, permissions = ['support']) => {
    const since = app.smtp.messages.length;
    const res = await graphql(app, owner, INVITE, { email, permissions });
    if (res.errors) throw new Error(`invite ${email}: ${res.text}`);
    const token = tokenFrom(await app.smtp.waitFor(email, since));
    return { delivery: res.data.multiAccountInvite, token };
  };

  test('multiAccountInvite invites a guest and emails them; a second invitation is a CONFLICT', async () => {
    const owner = await newUser('ginv');
    const guest = await newUser('gguest');
    const { delivery } = await invite(owner, guest.user.email.toUpperCase(), ['billing']);
    expect(delivery).toMatchObject({
      member: {
        type: 'guest',
        status: 'invited',
        permissions: ['billing'],
        email: guest.user.email,
        user: null,
        account: { documentId: owner.account.documentId },
      },
      invitation: { documentId: expect.any(String), expiresAt: expect.any(String) },
      emailSent: true,
    });
    const again = await graphql(app, owner, INVITE, { email: guest.user.email });
    expect(refusal(again)).toEqual({
      code: 'CONFLICT',
      status: 409,
      name: 'ConflictError',
      message: 'This email already has an open invitation to the account',
    });
    for (const input of [{ email: 'nope' }, { email: 'x@example.com', permissions: ['root'] }]) {
      expect(refusal(await graphql(app, owner, INVITE, input))).toMatchObject({
        code: 'BAD_USER_INPUT',
        status: 400,
      });
    }
  });

  test('X-Account takes an invitation to the account it names, for that request only', async () => {
    const owner = await newUser('gxinv');
    const mia = await newUser('gxmia');
    await addGuest(app, owner, mia, ['contacts', 'support']);
    const email = `gxguest${seq}@example.com`;
    const res = await graphql(app, mia, INVITE, { email }, owner.account.documentId);
    expect(res.errors).toBeUndefined();
    expect(res.data.multiAccountInvite.member.account.documentId).toBe(owner.account.documentId);
    // the next request, without the header, invites to mia's own account
    const mine = await graphql(app, mia, INVITE, { email });
    expect(mine.data.multiAccountInvite.member.account.documentId).toBe(mia.account.documentId);
    const stranger = await newUser('gxstranger');
    const refused = await graphql(
      app,
      stranger,
      INVITE,
      { email: `x${email}` },
      owner.account.documentId
    );
    expect(refusal(refused)).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(await memberships().count({ where: { email: `x${email}` } })).toBe(0);
  });

  test('sending is capped per account: TOO_MANY_REQUESTS (429), with Retry-After', async () => {
    const owner = await newUser('gcap');
    for (let i = 0; i < 3; i++) await invite(owner, `gcap${seq}-${i}@example.com`);
    const res = await app
      .http()
      .post('/graphql')
      .set('Authorization', `Bearer ${owner.jwt}`)
      .send({ query: INVITE, variables: { email: `gcap${seq}-3@example.com` } });
    const [error] = res.body.errors;
    expect(error.extensions).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      status: 429,
      error: { name: 'RateLimitError' },
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await memberships().count({ where: { email: `gcap${seq}-3@example.com` } })).toBe(0);
  });

  test('multiAccountMyInvitations lists the open invitations addressed to me', async () => {
    const owner = await newUser('ginv');
    const guest = await newUser('gguest');
    const { delivery } = await invite(owner, guest.user.email, ['support']);
    const res = await graphql(app, guest, MINE);
    expect(res.errors).toBeUndefined();
    expect(res.data.multiAccountMyInvitations).toEqual({
      nodes: [
        {
          documentId: delivery.invitation.documentId,
          account: {
            documentId: owner.account.documentId,
            number: owner.account.number,
            name: owner.account.name,
          },
          permissions: ['support'],
          invitedBy: { username: owner.user.username },
          expiresAt: delivery.invitation.expiresAt,
        },
      ],
      pageInfo: { page: 1, pageSize: 25, pageCount: 1, total: 1 },
    });
    // the inviter sees none of them as their own
    expect((await graphql(app, owner, MINE)).data.multiAccountMyInvitations.nodes).toEqual([]);
  });

  test('the invitee accepts or rejects by documentId; another user finds nothing', async () => {
    const owner = await newUser('ginv');
    const guest = await newUser('gguest');
    const other = await newUser('gother');
    const first = await invite(owner, guest.user.email, ['support']);
    const notMine = await graphql(app, other, ACCEPT, {
      documentId: first.delivery.invitation.documentId,
    });
    expect(refusal(notMine)).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const accepted = await graphql(app, guest, ACCEPT, {
      documentId: first.delivery.invitation.documentId,
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.multiAccountAcceptInvitation).toEqual({
      ...owner.account,
      type: 'guest',
      permissions: ['support'],
    });
    const twice = await graphql(app, guest, ACCEPT, {
      documentId: first.delivery.invitation.documentId,
    });
    expect(refusal(twice)).toMatchObject({ code: 'GONE', status: 410 });

    const second = await invite(owner, other.user.email, []);
    const rejected = await graphql(app, other, REJECT, {
      documentId: second.delivery.invitation.documentId,
    });
    expect(rejected.data.multiAccountRejectInvitation).toEqual({
      documentId: second.delivery.invitation.documentId,
      status: 'rejected',
    });
    const row = await memberships().findOne({
      where: { documentId: second.delivery.member.documentId },
    });
    expect(row.status).toBe('rejected');
  });

  test('multiAccountAcceptInvitationByToken: the invitee accepts; someone else is FORBIDDEN', async () => {
    const owner = await newUser('ginv');
    const guest = await newUser('gguest');
    const other = await newUser('gother');
    const { token } = await invite(owner, guest.user.email, ['billing']);
    const wrongUser = await graphql(app, other, BY_TOKEN, { token });
    expect(refusal(wrongUser)).toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
      message: 'This invitation was sent to another email address',
    });
    const wrongToken = await graphql(app, guest, BY_TOKEN, { token: 'x'.repeat(43) });
    expect(refusal(wrongToken)).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const short = await graphql(app, guest, BY_TOKEN, { token: 'short' });
    expect(refusal(short)).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
    const res = await graphql(app, guest, BY_TOKEN, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data.multiAccountAcceptInvitationByToken).toEqual({
      ...owner.account,
      type: 'guest',
      permissions: ['billing'],
    });
  });

  test('multiAccountRejectInvitationByToken: the invitee rejects; someone else is FORBIDDEN', async () => {
    const owner = await newUser('ginv');
    const guest = await newUser('gguest');
    const other = await newUser('gother');
    const { delivery, token } = await invite(owner, guest.user.email, []);
    const wrongUser = await graphql(app, other, REJECT_BY_TOKEN, { token });
    expect(refusal(wrongUser)).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    const res = await graphql(app, guest, REJECT_BY_TOKEN, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data.multiAccountRejectInvitationByToken).toEqual({
      documentId: delivery.invitation.documentId,
      status: 'rejected',
    });
    const again = await graphql(app, guest, BY_TOKEN, { token });
    expect(refusal(again)).toMatchObject({ code: 'GONE', status: 410 });
  });

  test('answering by token is capped per address, before the token is read', async () => {
    const owner = await newUser('ginv');
    const guest = await newUser('gguest');
    const { delivery, token } = await invite(owner, guest.user.email, []);
    const key = 'plugin::multi-account.rateLimits';
    const limits = app.strapi.config.get<Record<string, number>>(key);
    app.strapi.config.set(key, { ...limits, acceptsPerIp: 0 });
    try {
      for (const [query, variables] of [
        [BY_TOKEN, { token }],
        [REJECT_BY_TOKEN, { token }],
        [BY_TOKEN, { token: 'short' }],
      ] as const) {
        const res = await graphql(app, guest, query, variables);
        expect(refusal(res)).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429 });
      }
    } finally {
      app.strapi.config.set(key, limits);
    }
    const row = await memberships().findOne({ where: { documentId: delivery.member.documentId } });
    expect(row.status).toBe('invited');
  });

  describe("an admin's impersonation token", () => {
    test('acts for its one account, and may not do what only the user may', async () => {
      const owner = await newUser('gimp');
      const guest = await newUser('gimpguest');
      const { token } = await invite(owner, guest.user.email, ['contacts']);
      await graphql(app, guest, BY_TOKEN, { token });
      const pending = await invite(owner, `gimppending${seq}@example.com`, []);
      expect(pending.delivery.member.status).toBe('invited');
      const admin = asAdmin(app, await createSuperAdmin(app));
      const started = await admin
        .post('/impersonations')
        .send({ user: guest.user.documentId, account: owner.account.documentId });
      expect(started.status).toBe(201);
      const impersonation = { jwt: started.body.data.jwt as string };

      const me = await graphql(
        app,
        impersonation,
        '{ multiAccountMe { account { documentId } impersonatedBy { name } } }'
      );
      expect(me.data.multiAccountMe.account.documentId).toBe(owner.account.documentId);
      expect(me.data.multiAccountMe.impersonatedBy.name).toEqual(expect.any(String));
      // managing contacts is the member's daily work, which support may do for them
      const contacts = await graphql(
        app,
        impersonation,
        '{ multiAccountContacts { nodes { email } } }'
      );
      expect(contacts.errors).toBeUndefined();

      const before = await as(app, owner).get(`${API}/contacts?pageSize=100`);
      const userOnly: [string, Record<string, unknown>][] = [
        [
          'mutation ($account: ID!) { multiAccountSwitch(account: $account) { jwt } }',
          { account: guest.account.documentId },
        ],
        [
          'mutation ($account: ID!) { multiAccountLeave(account: $account) }',
          { account: owner.account.documentId },
        ],
        [ACCEPT, { documentId: pending.delivery.invitation.documentId }],
        [REJECT, { documentId: pending.delivery.invitation.documentId }],
        [BY_TOKEN, { token: pending.token }],
        [REJECT_BY_TOKEN, { token: pending.token }],
      ];
      for (const [query, variables] of userOnly) {
        const res = await graphql(app, impersonation, query, variables);
        expect(refusal(res)).toMatchObject({
          code: 'FORBIDDEN',
          status: 403,
          message: 'Not allowed with an impersonation token: only the user can do this',
        });
      }
      const after = await as(app, owner).get(`${API}/contacts?pageSize=100`);
      expect(after.body.data).toEqual(before.body.data);
    });
  });
});
