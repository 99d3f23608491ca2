import type { TestApp } from './strapi';
import { accountRowOf } from './users';

export const ADMIN_API = '/multi-account';

const PASSWORD = 'AdminPassword1';

export const ACTIONS = {
  read: 'plugin::multi-account.read',
  manage: 'plugin::multi-account.manage',
  settings: 'plugin::multi-account.settings',
} as const;

type AdminSession = { token: string; id: number; email: string };

/**
 * An admin role holding exactly these actions, made through Strapi's own admin services. With no
 * plugin action it stands for an admin who was not given access to the plugin.
 */
export const createRole = async (app: TestApp, name: string, actions: string[]) => {
  const roles = app.strapi.service('admin::role');
  const role = await roles.create({ name, description: `${name} (test)` });
  await roles.assignPermissions(
    role.id,
    actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] }))
  );
  return role as { id: number };
};

/** An active admin user in the given roles, logged in through POST /admin/login. */
export const createAdmin = async (
  app: TestApp,
  email: string,
  roleIds: number[]
): Promise<AdminSession> => {
  const created = await app.strapi.service('admin::user').create({
    email,
    firstname: email.split('@')[0],
    lastname: 'Admin',
    password: PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: roleIds,
  });
  const res = await app.http().post('/admin/login').send({ email, password: PASSWORD });
  if (res.status !== 200)
    throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.data.token, id: created.id, email };
};

export const createSuperAdmin = async (app: TestApp, email = 'super@example.com') => {
  const superAdmin = await app.strapi.service('admin::role').getSuperAdmin();
  return createAdmin(app, email, [superAdmin.id]);
};

/** A supertest agent preset with an admin's token. */
export const asAdmin = (app: TestApp, session: Pick<AdminSession, 'token'>) => {
  const withAuth = <T extends { set: (name: string, value: string) => T }>(req: T) =>
    req.set('Authorization', `Bearer ${session.token}`);
  return {
    get: (url: string) => withAuth(app.http().get(`${ADMIN_API}${url}`)),
    post: (url: string) => withAuth(app.http().post(`${ADMIN_API}${url}`)),
    put: (url: string) => withAuth(app.http().put(`${ADMIN_API}${url}`)),
    delete: (url: string) => withAuth(app.http().delete(`${ADMIN_API}${url}`)),
  };
};

/** The Content Manager's routes of a collection type, called as an admin. */
export const contentManager = (app: TestApp, session: Pick<AdminSession, 'token'>, uid: string) => {
  const at = (path: string) => `/content-manager/collection-types/${uid}${path}`;
  const withAuth = <T extends { set: (name: string, value: string) => T }>(req: T) =>
    req.set('Authorization', `Bearer ${session.token}`);
  return {
    get: (path = '') => withAuth(app.http().get(at(path))),
    create: (body: object) => withAuth(app.http().post(at(''))).send(body),
    update: (documentId: string, body: object) =>
      withAuth(app.http().put(at(`/${documentId}`))).send(body),
    publish: (documentId: string) =>
      withAuth(app.http().post(at(`/${documentId}/actions/publish`))).send({}),
  };
};

/** Audit entries written for an account, oldest first, read straight from the database. */
export const auditOf = async (app: TestApp, accountDocumentId: string) => {
  const account = await accountRowOf(app, { documentId: accountDocumentId });
  return app.strapi.db.query('plugin::multi-account.audit-log').findMany({
    where: { accountId: account.id },
    orderBy: [{ id: 'asc' }],
  }) as Promise<
    {
      action: string;
      actorType: string;
      actorId: number | null;
      details: Record<string, unknown>;
    }[]
  >;
};
