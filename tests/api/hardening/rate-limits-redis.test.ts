import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { bootTestApp, useTestApp } from '../../helpers/strapi';
import { accountRowOf, API, as, signUp } from '../../helpers/users';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `multi-account-test-${randomBytes(4).toString('hex')}:`;

let redis: Redis;

beforeAll(() => {
  redis = new Redis(REDIS_URL);
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('with the Redis store', () => {
  const app = useTestApp({
    rateLimits: {
      window: 600,
      invitationsPerAccount: 2,
      invitationsPerInviter: 100,
      acceptsPerIp: 100,
      store: { type: 'redis', url: REDIS_URL, prefix },
    },
  });

  test('counters live in Redis and expire with their window', async () => {
    const owner = await signUp(app, 'wren');
    for (const email of ['a@example.com', 'b@example.com']) {
      expect(
        (await as(app, owner).post(`${API}/invitations`).send({ email, permissions: [] })).status
      ).toBe(201);
    }
    const capped = await as(app, owner)
      .post(`${API}/invitations`)
      .send({ email: 'c@example.com', permissions: [] });
    expect(capped.status).toBe(429);
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(0);

    const account = await accountRowOf(app, owner.account);
    const key = `${prefix}invite:account:${account.id}`;
    expect(await redis.get(key)).toBe('3');
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600_000);

    // a new window starts when Redis expires the counter
    await redis.del(key);
    expect(
      (
        await as(app, owner)
          .post(`${API}/invitations`)
          .send({ email: 'c@example.com', permissions: [] })
      ).status
    ).toBe(201);
  });
});

test('when Redis cannot be reached, requests are let through at once, and shutting down leaves nothing running', async () => {
  // what keeps the process alive: Strapi must leave none of its own behind when it stops
  const running = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = running();
  const offline = await bootTestApp({
    rateLimits: {
      window: 600,
      invitationsPerAccount: 1,
      invitationsPerInviter: 1,
      acceptsPerIp: 1,
      store: { type: 'redis', url: 'redis://127.0.0.1:1', prefix },
    },
  });
  try {
    const owner = await signUp(offline, 'yara');
    for (const email of ['d@example.com', 'e@example.com', 'f@example.com']) {
      const started = Date.now();
      const res = await as(offline, owner)
        .post(`${API}/invitations`)
        .send({ email, permissions: [] });
      expect(res.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(2000);
    }
  } finally {
    await offline.close();
  }
  // a moment later: a timer still pending then (ioredis waited 2 s) would keep a worker alive
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(running()).toBe(before);
});
