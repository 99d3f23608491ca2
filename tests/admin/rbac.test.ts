import { useTestApp } from '../helpers/strapi';
import {
  ACTIONS,
  asAdmin,
  auditOf,
  createAdmin,
  createRole,
  createSuperAdmin,
} from '../helpers/admin';
import { signUp, type Session } from '../helpers/users';

/** Every admin route, with a body that would be valid, and the action it needs. */
const routes = (account: string, member: string, user: string) =>
  [
    ['get', '/accounts', undefined, 'read'],
    ['post', '/accounts', { name: 'New', owner: user }, 'manage'],
    ['get', `/accounts/${account}`, undefined, 'read'],
    ['get', `/accounts/${account}/audit`, undefined, 'read'],
    ['get', `/accounts/${account}/files`, undefined, 'read'],
    ['post', `/accounts/${account}/files`, { files: [1] }, 'manage'],
    ['delete', `/accounts/${account}/files/1`, undefined, 'manage'],
    ['get', `/accounts/${account}/members`, undefined, 'read'],
    [
      'post',
      `/accounts/${account}/contacts`,
      { email: 'c@example.com', username: 'cc', password: 'secret123', permissions: [] },
      'manage',
    ],
    [
      'post',
      `/accounts/${account}/invitations`,
      { email: 'g@example.com', permissions: [] },
      'manage',
    ],
    ['put', `/accounts/${account}/members/${member}`, { permissions: [] }, 'manage'],
    ['delete', `/accounts/${account}/members/${member}`, undefined, 'manage'],
    ['post', `/accounts/${account}/members/${member}/resend`, {}, 'manage'],
    ['get', '/users', undefined, 'read'],
    ['get', `/users/${user}`, undefined, 'read'],
    ['get', `/users/${user}/access`, undefined, 'read'],
    ['get', '/permissions', undefined, 'read'],
    ['get', '/settings', undefined, 'settings'],
    ['put', '/settings', { invitationTtlHours: 24, permissionLabels: {} }, 'settings'],
    ['get', '/settings/email-template', undefined, 'settings'],
    ['put', '/settings/email-template', { subject: 'S', html: '<p>H</p>', text: 'T' }, 'settings'],
    [
      'post',
      '/settings/email-template/preview',
      { subject: 'S', html: '<p>H</p>', text: 'T' },
      'settings',
    ],
    ['post', '/settings/email-template/test', { to: 'test@example.com' }, 'settings'],
  ] as const;

describe('admin routes and RBAC', () => {
  let owner: Session;
  let guestMember: string;

  const app = useTestApp();

  beforeAll(async () => {
    owner = await signUp(app, 'rbacowner');
    const superAdmin = asAdmin(app, await createSuperAdmin(app));
    const invited = await superAdmin
      .post(`/accounts/${owner.account.documentId}/invitations`)
      .send({ email: 'invitee@example.com', permissions: ['billing'] });
    guestMember = invited.body.data.documentId;
  });

  it('refuses every admin route to a caller without an admin token (401)', async () => {
    for (const [method, path] of routes(
      owner.account.documentId,
      guestMember,
      owner.user.documentId
    )) {
      const res = await app.http()[method](`/multi-account${path}`).send();
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
  });

  it("refuses every admin route to a users-permissions user's JWT", async () => {
    for (const [method, path] of routes(
      owner.account.documentId,
      guestMember,
      owner.user.documentId
    )) {
      const res = await app
        .http()
        [method](`/multi-account${path}`)
        .set('Authorization', `Bearer ${owner.jwt}`)
        .send();
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
  });

  it("answers 403 to an admin whose role holds none of the plugin's actions, and changes nothing", async () => {
    const role = await createRole(app, 'Editor without plugin', ['plugin::upload.read']);
    const limited = asAdmin(app, await createAdmin(app, 'limited@example.com', [role.id]));
    const auditBefore = (await auditOf(app, owner.account.documentId)).length;
    for (const [method, path, body] of routes(
      owner.account.documentId,
      guestMember,
      owner.user.documentId
    )) {
      const res = await limited[method](path).send(body);
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
    expect(await auditOf(app, owner.account.documentId)).toHaveLength(auditBefore);
    expect(app.smtp.messages.filter((m) => m.to.includes('test@example.com'))).toHaveLength(0);
  });

  it('lets each action open exactly its own routes', async () => {
    const sessions = {
      read: asAdmin(
        app,
        await createAdmin(app, 'reader@example.com', [
          (await createRole(app, 'Reader', [ACTIONS.read])).id,
        ])
      ),
      manage: asAdmin(
        app,
        await createAdmin(app, 'manager@example.com', [
          (await createRole(app, 'Manager', [ACTIONS.manage])).id,
        ])
      ),
      settings: asAdmin(
        app,
        await createAdmin(app, 'settler@example.com', [
          (await createRole(app, 'Settler', [ACTIONS.settings])).id,
        ])
      ),
    };
    for (const [method, path, , needed] of routes(
      owner.account.documentId,
      guestMember,
      owner.user.documentId
    )) {
      for (const [action, session] of Object.entries(sessions)) {
        if (action === needed) continue;
        const res = await session[method](path).send();
        expect([action, method, path, res.status]).toEqual([action, method, path, 403]);
      }
    }
    // the reader reads, the manager manages, the settings editor edits settings
    expect((await sessions.read.get('/accounts')).status).toBe(200);
    expect((await sessions.settings.get('/settings')).status).toBe(200);
    const changed = await sessions.manage
      .put(`/accounts/${owner.account.documentId}/members/${guestMember}`)
      .send({ permissions: ['support'] });
    expect(changed.status).toBe(200);
    expect(changed.body.data.permissions).toEqual(['support']);
  });
});
