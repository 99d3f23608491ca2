import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { API, tokenFrom, type Session } from '../helpers/users';
import { as, signUp, startCluster, type Cluster, type Instance } from './cluster';

// The same sequences against two clusters: one with the Redis store, whose counters both
// processes share, and one with the default memory store, where each process counts alone.
// Every request comes from 127.0.0.1, so both processes see one client IP.

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMIT = 4;
const WINDOW = 600;

const limits = { window: WINDOW, invitationsPerAccount: LIMIT, invitationsPerInviter: 100 };

const invite = (node: Instance, owner: Session, email: string) =>
  as(node, owner).post(`${API}/invitations`).send({ email, permissions: [] });

/** Invites invitee-n@example.com on each node in turn; answers the statuses. */
const inviteInTurn = async (owner: Session, steps: (readonly [Instance, number])[]) => {
  const statuses: number[] = [];
  for (const [node, n] of steps)
    statuses.push((await invite(node, owner, `invitee-${n}@example.com`)).status);
  return statuses;
};

/** An accept by a token that matches no invitation: counted, then answered 404. */
const acceptUnknown = (node: Instance, user: Session) =>
  as(node, user)
    .post(`${API}/invitations/accept`)
    .send({ token: randomBytes(32).toString('base64url') });

const invitationCount = async (cluster: Cluster, accountDocumentId: string) => {
  const [row] = await cluster.query<{ count: string }>(
    `select count(*) from multi_account_invitations i
       join multi_account_accounts a on a.id = i.account_id
      where a.document_id = $1`,
    [accountDocumentId]
  );
  return Number(row.count);
};

/** A user with an open invitation to `owner`'s account, and the token from its email. */
const invited = async (cluster: Cluster, owner: Session, name: string) => {
  const since = cluster.smtp.messages.length;
  const guest = await signUp(cluster.b, name);
  expect((await invite(cluster.a, owner, guest.user.email)).status).toBe(201);
  return { guest, token: tokenFrom(await cluster.smtp.waitFor(guest.user.email, since)) };
};

const expectRetryAfter = (res: { headers: Record<string, string> }) => {
  const seconds = Number(res.headers['retry-after']);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(WINDOW);
};

describe('with the Redis store, the caps hold across both instances', () => {
  const prefix = `multi-account-cluster-${randomBytes(4).toString('hex')}:`;
  let cluster: Cluster;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    cluster = await startCluster({
      rateLimits: {
        ...limits,
        acceptsPerIp: LIMIT,
        store: { type: 'redis', url: REDIS_URL, prefix },
      },
    });
  }, 400_000);
  afterAll(async () => {
    await cluster?.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }, 60_000);

  test('invitations per account: two on A and two on B pass, the fifth on either is 429', async () => {
    const { a, b } = cluster;
    const owner = await signUp(a, 'rhea');
    const sent = await inviteInTurn(owner, [
      [a, 1],
      [a, 2],
      [b, 3],
      [b, 4],
    ]);
    expect(sent).toEqual([201, 201, 201, 201]);

    const fifthOnB = await invite(b, owner, 'invitee-5@example.com');
    expect(fifthOnB.status).toBe(429);
    expectRetryAfter(fifthOnB);
    const fifthOnA = await invite(a, owner, 'invitee-6@example.com');
    expect(fifthOnA.status).toBe(429);
    expectRetryAfter(fifthOnA);

    expect(await invitationCount(cluster, owner.account.documentId)).toBe(LIMIT);
    const [{ id }] = await cluster.query<{ id: number }>(
      'select id from multi_account_accounts where document_id = $1',
      [owner.account.documentId]
    );
    expect(await redis.get(`${prefix}invite:account:${id}`)).toBe('6');
  });

  test('accepts by token per IP: two on A and two on B, then a valid link on B is 429', async () => {
    const { a, b } = cluster;
    const owner = await signUp(a, 'remi');
    const { guest, token } = await invited(cluster, owner, 'rosalie');
    const answered = [];
    for (const node of [a, a, b, b]) answered.push((await acceptUnknown(node, guest)).status);
    expect(answered).toEqual([404, 404, 404, 404]);

    const fifth = await as(b, guest).post(`${API}/invitations/accept`).send({ token });
    expect(fifth.status).toBe(429);
    expectRetryAfter(fifth);
    const sixth = await as(a, guest).post(`${API}/invitations/accept`).send({ token });
    expect(sixth.status).toBe(429);

    // refused before it was looked at: the invitation is still open
    const mine = await as(a, guest).get(`${API}/me/invitations`);
    expect(mine.body.data).toEqual([
      expect.objectContaining({
        account: expect.objectContaining({ documentId: owner.account.documentId }),
      }),
    ]);
    const keys = await redis.keys(`${prefix}accept:ip:*`);
    expect(keys).toHaveLength(1);
    expect(await redis.get(keys[0])).toBe('6');
  });
});

describe('control: with the default memory store, each instance counts alone', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster({ rateLimits: { ...limits, acceptsPerIp: LIMIT } });
  }, 400_000);
  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  test('invitations per account: the same sequence is not capped across instances', async () => {
    const { a, b } = cluster;
    const owner = await signUp(a, 'mona');
    const sent = await inviteInTurn(owner, [
      [a, 1],
      [a, 2],
      [b, 3],
      [b, 4],
      [b, 5], // the fifth, 429 with a shared store
      [a, 6],
      [b, 7], // B's own fourth
    ]);
    expect(sent).toEqual([201, 201, 201, 201, 201, 201, 201]);
    expect(await invitationCount(cluster, owner.account.documentId)).toBe(7);

    // the limit is in force, per process: B's fifth is refused
    const fifthOnB = await invite(b, owner, 'invitee-8@example.com');
    expect(fifthOnB.status).toBe(429);
    expectRetryAfter(fifthOnB);
  });

  test('accepts by token per IP: the same sequence is not capped across instances', async () => {
    const { a, b } = cluster;
    const owner = await signUp(a, 'milo');
    const { guest, token } = await invited(cluster, owner, 'maelle');
    const answered = [];
    for (const node of [a, a, b, b]) answered.push((await acceptUnknown(node, guest)).status);
    expect(answered).toEqual([404, 404, 404, 404]);

    // the fifth accept overall is B's third: it goes through
    const fifth = await as(b, guest).post(`${API}/invitations/accept`).send({ token });
    expect(fifth.status).toBe(200);
    expect(fifth.body.data).toMatchObject({ documentId: owner.account.documentId });

    // the limit is in force, per process: B's fifth is refused
    expect((await acceptUnknown(b, guest)).status).toBe(404);
    const fifthOnB = await acceptUnknown(b, guest);
    expect(fifthOnB.status).toBe(429);
    expectRetryAfter(fifthOnB);
  });
});
