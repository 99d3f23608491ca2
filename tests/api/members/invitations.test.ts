import { useTestApp } from '../../helpers/strapi';
import { API, as, logIn, signUp, tokenFrom, type Session } from '../../helpers/users';

let owner: Session;

const invitations = () => app.strapi.db.query('plugin::multi-account.invitation');
const memberships = () => app.strapi.db.query('plugin::multi-account.membership');

/** Invites `email` from the owner's account and answers the API answer and the emailed token. */
const invite = async (email: string, permissions: string[] = ['support']) => {
  const since = app.smtp.messages.length;
  const res = await as(app, owner).post(`${API}/invitations`).send({ email, permissions });
  expect(res.status).toBe(201);
  const mail = await app.smtp.waitFor(email, since);
  return { member: res.body.data, mail, token: tokenFrom(mail) };
};

const accountRef = ({ account }: Session) => ({
  documentId: account.documentId,
  number: account.number,
  name: account.name,
});

const app = useTestApp();

beforeAll(async () => {
  owner = await signUp(app, 'ophelia');
});

describe('inviting', () => {
  test('sends the email through the mail server and answers the member as invited', async () => {
    await signUp(app, 'gina');
    const { member, mail } = await invite('gina@example.com', ['billing', 'support']);
    expect(member).toMatchObject({
      type: 'guest',
      status: 'invited',
      permissions: ['billing', 'support'],
      email: 'gina@example.com',
      user: null,
      account: accountRef(owner),
    });
    expect(mail.subject).toBe('You are invited to act for ophelia');
    expect(mail.html).toContain('<strong>ophelia</strong>');
    expect(mail.text).toContain(`(no. ${owner.account.number})`);
    expect(mail.text).toMatch(
      /http:\/\/localhost:3000\/invitations\/accept\?token=[A-Za-z0-9_-]{43}/
    );
  });

  test('answers the same for a registered and an unknown email', async () => {
    await signUp(app, 'known');
    const registered = await invite('known@example.com');
    const unknown = await invite('nobody-yet@example.com');
    const shape = (m: Record<string, unknown>) => ({
      ...m,
      documentId: 'x',
      email: 'x',
      createdAt: 'x',
    });
    expect(shape(registered.member)).toEqual(shape(unknown.member));
  });

  test('stores only the SHA-256 of the token and never shows it', async () => {
    const { token, member } = await invite('hash-check@example.com');
    const row = await invitations().findOne({ where: { email: 'hash-check@example.com' } });
    const { createHash } = await import('node:crypto');
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(member)).not.toContain(token);
    expect(JSON.stringify(member)).not.toContain(row.tokenHash);
  });

  test('answers 409 for an email that already has access or an open invitation', async () => {
    await invite('fran@example.com');
    const again = await as(app, owner)
      .post(`${API}/invitations`)
      .send({ email: 'FRAN@example.com', permissions: [] });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      'This email already has an open invitation to the account'
    );
    const self = await as(app, owner)
      .post(`${API}/invitations`)
      .send({ email: 'ophelia@example.com', permissions: [] });
    expect(self.status).toBe(409);
    expect(self.body.error.message).toBe('This email already has access to the account');
  });

  test('validates the body: email, known keys, nothing else', async () => {
    for (const body of [
      { email: 'nope', permissions: [] },
      { email: 'x@example.com', permissions: ['root'] },
      { email: 'x@example.com', permissions: [], type: 'owner' },
      { permissions: [] },
    ]) {
      const res = await as(app, owner).post(`${API}/invitations`).send(body);
      expect(res.status).toBe(400);
    }
    expect(await memberships().count({ where: { email: 'x@example.com' } })).toBe(0);
  });
});

describe('accepting', () => {
  test('through the emailed link, logged in as the invitee: the account is theirs to act for', async () => {
    const hal = await signUp(app, 'hal');
    const { token, member } = await invite('hal@example.com', ['billing']);
    const res = await as(app, hal).post(`${API}/invitations/accept`).send({ token });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ...owner.account, type: 'guest', permissions: ['billing'] });
    const row = await memberships().findOne({ where: { documentId: member.documentId } });
    expect(row).toMatchObject({ userId: hal.user.id, status: 'active' });
    const login = await logIn(app, 'hal');
    expect(login.body.accounts.map((a: { documentId: string }) => a.documentId)).toContain(
      owner.account.documentId
    );
  });

  test('by another user is refused, and the invitation stays open', async () => {
    const ivy = await signUp(app, 'ivy');
    const mallory = await signUp(app, 'mallory');
    const { token } = await invite('ivy@example.com');
    const res = await as(app, mallory).post(`${API}/invitations/accept`).send({ token });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('This invitation was sent to another email address');
    const open = await invitations().findOne({ where: { email: 'ivy@example.com' } });
    expect(open.status).toBe('open');
    const byDocumentId = await as(app, mallory)
      .post(`${API}/me/invitations/${open.documentId}/accept`)
      .send({});
    expect(byDocumentId.status).toBe(404);
    const accepted = await as(app, ivy).post(`${API}/invitations/accept`).send({ token });
    expect(accepted.status).toBe(200);
  });

  test('matches the email case-insensitively', async () => {
    const { token } = await invite('Jack.Mixed@Example.com');
    const res = await app
      .http()
      .post('/api/auth/local/register')
      .send({ username: 'jack', email: 'jack.mixed@example.COM', password: 'Password123' });
    const accepted = await as(app, { jwt: res.body.jwt })
      .post(`${API}/invitations/accept`)
      .send({ token });
    expect(accepted.status).toBe(200);
  });

  test('an unknown invitee sees the invitation after signing up with that email', async () => {
    const { member } = await invite('kate@example.com', ['provisioning']);
    const kate = await signUp(app, 'kate');
    const mine = await as(app, kate).get(`${API}/me/invitations`);
    expect(mine.status).toBe(200);
    expect(mine.body.data).toEqual([
      {
        documentId: expect.any(String),
        account: accountRef(owner),
        permissions: ['provisioning'],
        invitedBy: { username: 'ophelia' },
        expiresAt: expect.any(String),
      },
    ]);
    expect(mine.body.meta.pagination.total).toBe(1);
    const accepted = await as(app, kate)
      .post(`${API}/me/invitations/${mine.body.data[0].documentId}/accept`)
      .send({});
    expect(accepted.status).toBe(200);
    expect((await memberships().findOne({ where: { documentId: member.documentId } })).userId).toBe(
      kate.user.id
    );
    expect((await as(app, kate).get(`${API}/me/invitations`)).body.data).toEqual([]);
  });

  test('a used invitation cannot be accepted again', async () => {
    const leo = await signUp(app, 'leo');
    const { token } = await invite('leo@example.com');
    expect((await as(app, leo).post(`${API}/invitations/accept`).send({ token })).status).toBe(200);
    const again = await as(app, leo).post(`${API}/invitations/accept`).send({ token });
    expect(again.status).toBe(410);
    expect(again.body.error).toMatchObject({
      status: 410,
      message: 'This invitation has expired or is no longer open',
    });
  });

  test('an expired invitation cannot be accepted', async () => {
    const max = await signUp(app, 'max');
    const { token } = await invite('max@example.com');
    await invitations().update({
      where: { email: 'max@example.com' },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const res = await as(app, max).post(`${API}/invitations/accept`).send({ token });
    expect(res.status).toBe(410);
    expect(
      await memberships().findOne({ where: { email: 'max@example.com', type: 'guest' } })
    ).toMatchObject({ status: 'invited', userId: null });
  });

  test('a revoked invitation cannot be accepted', async () => {
    const ned = await signUp(app, 'ned');
    const { token, member } = await invite('ned@example.com');
    expect((await as(app, owner).delete(`${API}/contacts/${member.documentId}`)).status).toBe(204);
    const res = await as(app, ned).post(`${API}/invitations/accept`).send({ token });
    expect(res.status).toBe(410);
    expect(
      await memberships().findOne({ where: { email: 'ned@example.com', type: 'guest' } })
    ).toBeNull();
  });

  test('a rejected invitation cannot be accepted, and can be sent again', async () => {
    const ola = await signUp(app, 'ola');
    const { token, member } = await invite('ola@example.com');
    const mine = await as(app, ola).get(`${API}/me/invitations`);
    const rejected = await as(app, ola)
      .post(`${API}/me/invitations/${mine.body.data[0].documentId}/reject`)
      .send({});
    expect(rejected.status).toBe(200);
    expect(rejected.body.data).toEqual({
      documentId: mine.body.data[0].documentId,
      status: 'rejected',
    });
    expect((await as(app, owner).get(`${API}/contacts?status=rejected`)).body.data[0].email).toBe(
      'ola@example.com'
    );
    expect((await as(app, ola).post(`${API}/invitations/accept`).send({ token })).status).toBe(410);
    const second = await invite('ola@example.com');
    expect(second.member.documentId).toBe(member.documentId);
    expect(
      (await as(app, ola).post(`${API}/invitations/accept`).send({ token: second.token })).status
    ).toBe(200);
  });

  test('needs a confirmed email', async () => {
    const uma = await signUp(app, 'uma');
    const { token } = await invite('uma@example.com');
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: uma.user.id }, data: { confirmed: false } });
    const res = await as(app, uma).post(`${API}/invitations/accept`).send({ token });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Confirm your email address before accepting an invitation'
    );
    expect(await invitations().findOne({ where: { email: 'uma@example.com' } })).toMatchObject({
      status: 'open',
    });
  });

  test('an unconfirmed address neither sees nor rejects the invitations sent to it', async () => {
    const una = await signUp(app, 'una');
    const { token } = await invite('una@example.com');
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: una.user.id }, data: { confirmed: false } });
    const invitation = await invitations().findOne({ where: { email: 'una@example.com' } });
    const unconfirmed = [
      403,
      'Confirm your email address to see or answer the invitations sent to it',
    ];
    for (const res of [
      await as(app, una).get(`${API}/me/invitations`),
      await as(app, una).post(`${API}/me/invitations/${invitation.documentId}/reject`),
      await as(app, una).post(`${API}/invitations/reject`).send({ token }),
    ]) {
      expect([res.status, res.body.error?.message]).toEqual(unconfirmed);
    }
    expect(await invitations().findOne({ where: { id: invitation.id } })).toMatchObject({
      status: 'open',
    });
    // once the address is proved, the same user sees and answers it
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: una.user.id }, data: { confirmed: true } });
    const listed = await as(app, una).get(`${API}/me/invitations`);
    expect(listed.body.data.map((i: { documentId: string }) => i.documentId)).toEqual([
      invitation.documentId,
    ]);
  });

  test('an unknown token is a 404 and a malformed one a 400', async () => {
    const pat = await signUp(app, 'pat');
    expect(
      (
        await as(app, pat)
          .post(`${API}/invitations/accept`)
          .send({ token: 'A'.repeat(43) })
      ).status
    ).toBe(404);
    expect((await as(app, pat).post(`${API}/invitations/accept`).send({ token: 42 })).status).toBe(
      400
    );
    expect((await as(app, pat).post(`${API}/invitations/accept`).send({})).status).toBe(400);
  });
});

describe('rejecting through the emailed link', () => {
  test('the invitee rejects by token: the owner sees Rejected, and the link no longer accepts', async () => {
    const rae = await signUp(app, 'rae');
    const { token, member } = await invite('rae@example.com');
    const res = await as(app, rae).post(`${API}/invitations/reject`).send({ token });
    expect(res.status).toBe(200);
    const invitation = await invitations().findOne({ where: { email: 'rae@example.com' } });
    expect(res.body.data).toEqual({ documentId: invitation.documentId, status: 'rejected' });
    expect(invitation.status).toBe('rejected');
    expect(await memberships().findOne({ where: { documentId: member.documentId } })).toMatchObject(
      { status: 'rejected', userId: null }
    );
    expect((await as(app, rae).post(`${API}/invitations/accept`).send({ token })).status).toBe(410);
    expect((await as(app, rae).post(`${API}/invitations/reject`).send({ token })).status).toBe(410);
  });

  test('by another user is refused, and the invitation stays open', async () => {
    await signUp(app, 'sol');
    const eve = await signUp(app, 'eve');
    const { token } = await invite('sol@example.com');
    const res = await as(app, eve).post(`${API}/invitations/reject`).send({ token });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('This invitation was sent to another email address');
    expect(await invitations().findOne({ where: { email: 'sol@example.com' } })).toMatchObject({
      status: 'open',
    });
  });

  test('an unknown token is a 404, a malformed body a 400, no token at all a 401', async () => {
    const tia = await signUp(app, 'tia');
    const reject = (body: object) => as(app, tia).post(`${API}/invitations/reject`).send(body);
    expect((await reject({ token: 'B'.repeat(43) })).status).toBe(404);
    expect((await reject({ token: 42 })).status).toBe(400);
    expect((await reject({ token: 'B'.repeat(43), extra: 1 })).status).toBe(400);
    expect(
      (
        await app
          .http()
          .post(`${API}/invitations/reject`)
          .send({ token: 'B'.repeat(43) })
      ).status
    ).toBe(401);
  });
});

describe('resending', () => {
  test('rotates the token and restarts the lifetime: the old link fails, the new one works', async () => {
    const quinn = await signUp(app, 'quinn');
    const first = await invite('quinn@example.com');
    // an invitation about to expire: the resend must give it a whole lifetime again
    const before = await invitations().update({
      where: { email: 'quinn@example.com' },
      data: { expiresAt: new Date(Date.now() + 60_000) },
    });
    const since = app.smtp.messages.length;
    const resentAt = Date.now();
    const res = await as(app, owner)
      .post(`${API}/contacts/${first.member.documentId}/resend`)
      .send({});
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('invited');
    const newToken = tokenFrom(await app.smtp.waitFor('quinn@example.com', since));
    expect(newToken).not.toBe(first.token);
    const after = await invitations().findOne({ where: { email: 'quinn@example.com' } });
    const expiry = new Date(after.expiresAt).getTime();
    expect(expiry).toBeGreaterThan(new Date(before.expiresAt).getTime());
    const ttl = app.strapi.config.get<number>('plugin::multi-account.invitationTtl') * 1000;
    expect(Math.abs(expiry - (resentAt + ttl))).toBeLessThan(10_000);
    expect(
      (await as(app, quinn).post(`${API}/invitations/accept`).send({ token: first.token })).status
    ).toBe(404);
    expect(
      (await as(app, quinn).post(`${API}/invitations/accept`).send({ token: newToken })).status
    ).toBe(200);
  });

  test('an active member is not an invitation to resend', async () => {
    const list = await as(app, owner).get(`${API}/contacts?type=owner`);
    const res = await as(app, owner)
      .post(`${API}/contacts/${list.body.data[0].documentId}/resend`)
      .send({});
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Only an open invitation can be resent');
  });
});

describe('when the mail server refuses', () => {
  test('the answer says the email was not sent, the member stays pending and a resend sends it', async () => {
    app.smtp.failDeliveries(true);
    const res = await as(app, owner)
      .post(`${API}/invitations`)
      .send({ email: 'rita@example.com', permissions: [] });
    expect(res.status).toBe(201);
    expect(res.body.data.status).toBe('pending');
    expect(res.body.meta.email).toEqual({ sent: false });
    const stored = await invitations().findOne({ where: { email: 'rita@example.com' } });
    expect(stored).toMatchObject({ status: 'open' });
    // the answer names the invitation apart from the member: the invitee's routes take its id
    expect(res.body.meta.invitation).toEqual({
      documentId: stored.documentId,
      expiresAt: new Date(stored.expiresAt).toISOString(),
    });
    expect(res.body.meta.invitation.documentId).not.toBe(res.body.data.documentId);

    // a resend while the server still refuses says so again
    const refused = await as(app, owner)
      .post(`${API}/contacts/${res.body.data.documentId}/resend`)
      .send({});
    expect([refused.status, refused.body.data.status, refused.body.meta.email]).toEqual([
      200,
      'pending',
      { sent: false },
    ]);
    app.smtp.failDeliveries(false);

    const since = app.smtp.messages.length;
    const resent = await as(app, owner)
      .post(`${API}/contacts/${res.body.data.documentId}/resend`)
      .send({});
    expect([resent.body.data.status, resent.body.meta.email]).toEqual(['invited', { sent: true }]);
    const rita = await signUp(app, 'rita');
    const token = tokenFrom(await app.smtp.waitFor('rita@example.com', since));
    expect((await as(app, rita).post(`${API}/invitations/accept`).send({ token })).status).toBe(
      200
    );
  });

  test('an invitation that was sent goes back to pending when its resend is refused', async () => {
    const { member } = await invite('rick@example.com');
    app.smtp.failDeliveries(true);
    const refused = await as(app, owner)
      .post(`${API}/contacts/${member.documentId}/resend`)
      .send({});
    app.smtp.failDeliveries(false);
    expect([refused.body.data.status, refused.body.meta.email]).toEqual([
      'pending',
      { sent: false },
    ]);
    const list = await as(app, owner).get(`${API}/contacts?status=pending`);
    expect(list.body.data.map((m: { email: string }) => m.email)).toContain('rick@example.com');
  });
});

test('events are emitted on the event hub for each change', async () => {
  const seen: string[] = [];
  const names = [
    'multi-account.invitation.created',
    'multi-account.invitation.accepted',
    'multi-account.account.switched',
    'multi-account.membership.removed',
  ];
  const listeners = names.map((name) => {
    const listener = async () => {
      seen.push(name);
    };
    app.strapi.eventHub.on(name, listener);
    return () => app.strapi.eventHub.off(name, listener);
  });
  const sky = await signUp(app, 'sky');
  const { token, member } = await invite('sky@example.com');
  await as(app, sky).post(`${API}/invitations/accept`).send({ token });
  await as(app, sky).post(`${API}/switch`).send({ account: owner.account.documentId });
  await as(app, owner).delete(`${API}/contacts/${member.documentId}`);
  listeners.forEach((off) => off());
  expect(seen).toEqual(names);
});
