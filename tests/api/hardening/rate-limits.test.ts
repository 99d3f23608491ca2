import { useTestApp } from '../../helpers/strapi';
import { API, as, signUp } from '../../helpers/users';

const app = useTestApp({
  rateLimits: {
    window: 600,
    invitationsPerAccount: 3,
    invitationsPerInviter: 100,
    acceptsPerIp: 4,
  },
});

test('invitation sending is capped per account, with Retry-After on the 429', async () => {
  const owner = await signUp(app, 'tess');
  for (let i = 0; i < 3; i++) {
    const res = await as(app, owner)
      .post(`${API}/invitations`)
      .send({ email: `g${i}@example.com`, permissions: [] });
    expect(res.status).toBe(201);
  }
  const capped = await as(app, owner)
    .post(`${API}/invitations`)
    .send({ email: 'g3@example.com', permissions: [] });
  expect(capped.status).toBe(429);
  expect(capped.body.error).toMatchObject({ status: 429, name: 'RateLimitError' });
  const retryAfter = Number(capped.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(600);
  expect(
    await app.strapi.db
      .query('plugin::multi-account.membership')
      .count({ where: { email: 'g3@example.com' } })
  ).toBe(0);

  const list = await as(app, owner).get(`${API}/contacts?status=invited`);
  const resend = await as(app, owner)
    .post(`${API}/contacts/${list.body.data[0].documentId}/resend`)
    .send({});
  expect(resend.status).toBe(429);

  // another account has its own allowance
  const other = await signUp(app, 'theo');
  expect(
    (
      await as(app, other)
        .post(`${API}/invitations`)
        .send({ email: 'h@example.com', permissions: [] })
    ).status
  ).toBe(201);
});

test('accepting or rejecting by emailed token is capped per IP, the two together', async () => {
  const user = await signUp(app, 'uma');
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await as(app, user)
      .post(`${API}/invitations/${i % 2 ? 'reject' : 'accept'}`)
      .send({ token: `guess-${i}-${'x'.repeat(40)}` });
    statuses.push(res.status);
  }
  expect(statuses).toEqual([404, 404, 404, 404, 429]);
});
