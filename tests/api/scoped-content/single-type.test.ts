import { useTestApp } from '../../helpers/strapi';
import { as, signUp } from '../../helpers/users';

// A scoped single type (Profile) holds one document per account.
const app = useTestApp();

test('each account has its own, which no other account reads, writes or deletes', async () => {
  const alice = await signUp(app, 'single-alice');
  const bob = await signUp(app, 'single-bob');
  expect((await as(app, alice).get('/api/profile')).status).toBe(404);
  const written = await as(app, alice)
    .put('/api/profile')
    .send({ data: { motto: "alice's motto" } });
  expect(written.status).toBe(200);
  // bob's account has none yet: alice's is not his to read, and his write makes his own
  expect((await as(app, bob).get('/api/profile')).status).toBe(404);
  const his = await as(app, bob)
    .put('/api/profile')
    .send({ data: { motto: "bob's motto" } });
  expect(his.status).toBe(200);
  expect(his.body.data.documentId).not.toBe(written.body.data.documentId);
  expect((await as(app, bob).delete('/api/profile')).status).toBe(204);
  const hers = await as(app, alice).get('/api/profile');
  expect(hers.status).toBe(200);
  expect(hers.body.data.motto).toBe("alice's motto");
});
