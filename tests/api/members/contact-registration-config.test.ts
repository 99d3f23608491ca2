import { useTestApp } from '../../helpers/strapi';
import { API, as, signUp, type Session } from '../../helpers/users';

// Contact registration under the plugin's config: its rate limits, and the switch that turns it off.
describe('limits', () => {
  const limited = useTestApp({
    rateLimits: {
      window: 3600,
      invitationsPerAccount: 50,
      invitationsPerInviter: 50,
      acceptsPerIp: 30,
      contactsPerAccount: 2,
      contactsPerIp: 4,
    },
  });

  const registerIn = (owner: Session, name: string) =>
    as(limited, owner)
      .post(`${API}/contacts`)
      .send({ email: `${name}@example.com`, username: name, password: 'Password123' });

  test('registering contacts is capped per account and per IP address, with Retry-After', async () => {
    const first = await signUp(limited, 'limit1');
    const second = await signUp(limited, 'limit2');
    expect((await registerIn(first, 'la1')).status).toBe(201);
    expect((await registerIn(first, 'la2')).status).toBe(201);
    const perAccount = await registerIn(first, 'la3');
    expect(perAccount.status).toBe(429);
    expect(Number(perAccount.headers['retry-after'])).toBeGreaterThan(0);
    // another account from the same address: its own count is 1, the address's (refusals count) 4, then 5
    expect((await registerIn(second, 'lb1')).status).toBe(201);
    const perIp = await registerIn(second, 'lb2');
    expect(perIp.status).toBe(429);
    expect(
      await limited.strapi.db.query('plugin::users-permissions.user').count({
        where: { username: { $in: ['la3', 'lb2'] } },
      })
    ).toBe(0);
  });
});

describe('turned off', () => {
  const closed = useTestApp({ contactRegistration: false });

  test('members cannot register contacts, and invitations still work', async () => {
    const owner = await signUp(closed, 'closedowner');
    const res = await as(closed, owner)
      .post(`${API}/contacts`)
      .send({ email: 'cxx@example.com', username: 'cxx', password: 'Password123' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Registering contacts is turned off');
    const invited = await as(closed, owner)
      .post(`${API}/invitations`)
      .send({ email: 'cxx@example.com', permissions: [] });
    expect(invited.status).toBe(201);
  });
});
