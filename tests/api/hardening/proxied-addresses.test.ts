import { bootTestApp, copyOfTestApp, type TestApp } from '../../helpers/strapi';
import { API, as, signUp } from '../../helpers/users';

// Behind a reverse proxy, configured as the README says (Strapi 5 reads `server.proxy.koa`), the
// per-IP limits count the address the proxy adds, whatever a client writes before it, and one
// address in any of its spellings.
const copy = copyOfTestApp({
  'config/env/test/server.json': { proxy: { koa: true, maxIpsCount: 1 } },
});
let app: TestApp;

beforeAll(async () => {
  app = await bootTestApp(
    {
      rateLimits: {
        window: 600,
        invitationsPerAccount: 3,
        invitationsPerInviter: 100,
        acceptsPerIp: 3,
      },
    },
    { appDir: copy.dir }
  );
}, 120_000);
afterAll(async () => {
  await app?.close();
  copy.remove();
});

test('the limit counts the address the proxy adds, in any spelling, not what the client wrote', async () => {
  const user = await signUp(app, 'proxied');
  const accept = (forwardedFor: string) =>
    as(app, user)
      .post(`${API}/invitations/accept`)
      .set('X-Forwarded-For', forwardedFor)
      .send({ token: 'A'.repeat(43) });
  const statuses = [];
  for (const forwardedFor of [
    '1.1.1.1, 198.51.100.7',
    '2.2.2.2, ::ffff:198.51.100.7',
    '3.3.3.3, 0:0:0:0:0:ffff:c633:6407',
    '4.4.4.4, 198.51.100.7',
  ]) {
    statuses.push((await accept(forwardedFor)).status);
  }
  expect(statuses).toEqual([404, 404, 404, 429]);
  // another client behind the same proxy has a count of its own
  expect((await accept('198.51.100.7, 198.51.100.8')).status).toBe(404);
});
