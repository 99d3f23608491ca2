import { useTestApp } from '../../helpers/strapi';
import { API, as, signUp, tokenFrom } from '../../helpers/users';

// Invitation rules that depend on the plugin's config: the sending caps that keep sign-ups from
// turning the app into a mail relay, and accepting only through the emailed link.
describe('sending caps', () => {
  const app = useTestApp({
    rateLimits: {
      window: 3600,
      invitationsPerAccount: 50,
      invitationsPerInviter: 50,
      invitationsPerIp: 3,
      invitationsTotal: 1000,
      acceptsPerIp: 30,
    },
  });

  test('invitations from one IP address are capped across accounts, with Retry-After', async () => {
    const first = await signUp(app, 'capone');
    const second = await signUp(app, 'captwo');
    const send = (jwt: string, email: string) =>
      as(app, { jwt }).post(`${API}/invitations`).send({ email, permissions: [] });
    expect((await send(first.jwt, 'a1@example.com')).status).toBe(201);
    expect((await send(first.jwt, 'a2@example.com')).status).toBe(201);
    expect((await send(second.jwt, 'b1@example.com')).status).toBe(201);
    const refused = await send(second.jwt, 'b2@example.com');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const sent = await app.strapi.db
      .query('plugin::multi-account.invitation')
      .count({ where: { email: 'b2@example.com' } });
    expect(sent).toBe(0);
  });
});

describe('the whole app', () => {
  const app = useTestApp({
    rateLimits: {
      window: 3600,
      invitationsPerAccount: 50,
      invitationsPerInviter: 50,
      invitationsPerIp: 50,
      invitationsTotal: 2,
      acceptsPerIp: 30,
    },
  });

  test('sends no more invitations than invitationsTotal per window, whoever sends them', async () => {
    const users = [await signUp(app, 'totone'), await signUp(app, 'tottwo')];
    const answers = [];
    for (const [i, user] of [...users, ...users].entries()) {
      answers.push(
        (
          await as(app, user)
            .post(`${API}/invitations`)
            .send({ email: `t${i}@example.com`, permissions: [] })
        ).status
      );
    }
    expect(answers).toEqual([201, 201, 429, 429]);
  });
});

describe('acceptInvitationsByTokenOnly', () => {
  const app = useTestApp({ acceptInvitationsByTokenOnly: true });

  test('an invitation is accepted only through the emailed link, never by its id', async () => {
    const owner = await signUp(app, 'tokowner');
    const invitee = await signUp(app, 'tokguest');
    const since = app.smtp.messages.length;
    await as(app, owner)
      .post(`${API}/invitations`)
      .send({ email: invitee.user.email, permissions: [] });
    const token = tokenFrom(await app.smtp.waitFor(invitee.user.email, since));
    const invitation = await app.strapi.db
      .query('plugin::multi-account.invitation')
      .findOne({ where: { email: invitee.user.email } });
    for (const action of ['accept', 'reject']) {
      const res = await as(app, invitee)
        .post(`${API}/me/invitations/${invitation.documentId}/${action}`)
        .send({});
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/link in the invitation email/);
    }
    const accepted = await as(app, invitee).post(`${API}/invitations/accept`).send({ token });
    expect(accepted.status).toBe(200);
  });
});
