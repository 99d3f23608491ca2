import { useTestApp } from '../helpers/strapi';
import { asAdmin, createSuperAdmin } from '../helpers/admin';
import { accountRowOf, addGuest, API, as, signUp } from '../helpers/users';

const CM = '/content-manager';
const HOST_TYPE = 'api::invoice.invoice';

const PLUGIN_TYPES = {
  'plugin::multi-account.account': 'multi_account_accounts',
  'plugin::multi-account.membership': 'multi_account_memberships',
  'plugin::multi-account.invitation': 'multi_account_invitations',
  'plugin::multi-account.audit-log': 'multi_account_audit_logs',
  'plugin::multi-account.ownership-transfer': 'multi_account_ownership_transfers',
} as const;
type PluginType = keyof typeof PLUGIN_TYPES;

type Method = 'get' | 'post' | 'put' | 'delete';

/**
 * Every Content Manager admin endpoint that names a model, aimed at `uid` and at a real
 * documentId of it, with a body that would be valid for a host type.
 */
const endpoints = (uid: string, documentId: string) =>
  [
    ['get', `/collection-types/${uid}`, undefined],
    ['get', `/collection-types/${uid}/${documentId}`, undefined],
    ['post', `/collection-types/${uid}`, { status: 'active', name: 'side door' }],
    ['put', `/collection-types/${uid}/${documentId}`, { status: 'active' }],
    ['delete', `/collection-types/${uid}/${documentId}`, undefined],
    ['post', `/collection-types/${uid}/clone/${documentId}`, {}],
    ['post', `/collection-types/${uid}/actions/bulkDelete`, { documentIds: [documentId] }],
    ['post', `/collection-types/${uid}/actions/bulkPublish`, { documentIds: [documentId] }],
    ['post', `/collection-types/${uid}/${documentId}/actions/publish`, {}],
    ['get', `/collection-types/${uid}/${documentId}/actions/countDraftRelations`, undefined],
    [
      'get',
      `/collection-types/${uid}/actions/countManyEntriesDraftRelations?documentIds[0]=${documentId}`,
      undefined,
    ],
    ['get', `/single-types/${uid}`, undefined],
    ['put', `/single-types/${uid}`, { status: 'active' }],
    ['get', `/relations/${uid}/accountId`, undefined],
    ['get', `/relations/${uid}/${documentId}/accountId`, undefined],
    ['get', `/content-types/${uid}/configuration`, undefined],
    ['put', `/content-types/${uid}/configuration`, { layouts: {}, metadatas: {}, settings: {} }],
    ['post', '/uid/check-availability', { contentTypeUID: uid, field: 'email', value: 'x' }],
    ['post', '/uid/generate', { contentTypeUID: uid, field: 'email', data: {} }],
    ['get', `/preview/url/${uid}?documentId=${documentId}`, undefined],
  ] as [Method, string, object | undefined][];

describe("admin: the Content Manager's API does not serve the plugin's content types", () => {
  let superAdmin: { token: string };
  let owner: Awaited<ReturnType<typeof signUp>>;

  const cm = (method: Method, path: string, body?: object) => {
    const req = app
      .http()
      [method](`${CM}${path}`)
      .set('Authorization', `Bearer ${superAdmin.token}`);
    return body === undefined ? req : req.send(body);
  };

  /** Every row of the plugin's tables, to compare before and after. */
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all(
        Object.values(PLUGIN_TYPES).map((table) =>
          app.strapi.db.connection(table).select('*').orderBy('id')
        )
      )
    );

  /** A real documentId of each plugin type, and the secrets that must not leak. */
  const records = async () => {
    const [account, membership, invitation, auditLog, transfer] = await Promise.all(
      Object.keys(PLUGIN_TYPES).map((uid) =>
        app.strapi.db.query(uid as PluginType).findOne({ orderBy: { id: 'desc' } })
      )
    );
    return { account, membership, invitation, auditLog, transfer };
  };

  const app = useTestApp();

  beforeAll(async () => {
    superAdmin = await createSuperAdmin(app);
    owner = await signUp(app, 'cmowner');
    const guest = await signUp(app, 'cmguest');
    const guestRow = await addGuest(app, owner, guest, ['support']);
    const offered = await as(app, owner)
      .post(`${API}/ownership-transfers`)
      .send({ member: guestRow.documentId });
    expect(offered.status).toBe(201);
    const invited = await as(app, owner)
      .post(`${API}/invitations`)
      .send({ email: 'cm-invitee@example.com', permissions: ['billing'] });
    expect(invited.status).toBe(201);
  });

  it.each(Object.keys(PLUGIN_TYPES) as PluginType[])(
    '%s: every endpoint answers 403 or 404, shows nothing and changes nothing',
    async (uid) => {
      const { account, membership, invitation, auditLog, transfer } = await records();
      const documentId = {
        'plugin::multi-account.account': account.documentId,
        'plugin::multi-account.membership': membership.documentId,
        'plugin::multi-account.invitation': invitation.documentId,
        'plugin::multi-account.audit-log': auditLog.documentId,
        'plugin::multi-account.ownership-transfer': transfer.documentId,
      }[uid];
      const secrets = [invitation.tokenHash, owner.account.number, 'cm-invitee@example.com'];
      const before = await snapshot();

      for (const [method, path, body] of endpoints(uid, documentId)) {
        const res = await cm(method, path, body);
        // writes already stop at the Content Manager's own permission check (no admin role can
        // hold them for a hidden type); reads, which a super admin passes, stop at the guard
        if (method === 'get') {
          expect([method, path, res.status]).toEqual([method, path, 404]);
          expect(res.body.error).toMatchObject({
            name: 'NotFoundError',
            message: 'Content type not found',
          });
        } else {
          expect([method, path, [403, 404].includes(res.status)]).toEqual([method, path, true]);
        }
        expect(res.body).toMatchObject({ data: null, error: { status: res.status } });
        for (const secret of secrets) expect(res.text).not.toContain(secret);
      }
      expect(await snapshot()).toBe(before);
    }
  );

  it('refuses the uid however it is sent: in the history query or body, or as an array', async () => {
    const uid = 'plugin::multi-account.invitation';
    const { invitation } = await records();
    for (const res of [
      await cm('get', `/collection-types/${encodeURIComponent(uid)}`),
      await cm('get', `/history-versions?contentType=${uid}&documentId=${invitation.documentId}`),
      await cm('get', `/history-versions?contentType[0]=${uid}`),
      await cm('post', '/uid/check-availability', {
        contentTypeUID: [uid],
        field: 'email',
        value: 'x',
      }),
    ]) {
      // the history routes exist only with Strapi's paid features: 404 either way
      expect(res.status).toBe(404);
      expect(res.text).not.toContain(invitation.tokenHash);
    }
  });

  it("still serves the host app's content types, and other plugins' ones, to the same admin", async () => {
    const ownerAccount = await accountRowOf(app, owner.account);
    const created = await cm('post', `/collection-types/${HOST_TYPE}`, {
      title: 'March',
      multiAccountId: ownerAccount.id,
    });
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;

    const list = await cm('get', `/collection-types/${HOST_TYPE}`);
    expect(list.status).toBe(200);
    expect(list.body.results.map((r: { title: string }) => r.title)).toEqual(['March']);
    expect(
      (await cm('get', `/collection-types/${HOST_TYPE}/${documentId}`)).body.data
    ).toMatchObject({ title: 'March' });
    const updated = await cm('put', `/collection-types/${HOST_TYPE}/${documentId}`, {
      title: 'April',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data.title).toBe('April');
    expect((await cm('get', `/content-types/${HOST_TYPE}/configuration`)).status).toBe(200);
    expect((await cm('delete', `/collection-types/${HOST_TYPE}/${documentId}`)).status).toBe(200);
    expect(await app.strapi.db.query(HOST_TYPE).count()).toBe(0);

    const users = await cm('get', '/collection-types/plugin::users-permissions.user');
    expect(users.status).toBe(200);
    expect(users.body.results.map((u: { username: string }) => u.username).sort()).toEqual([
      'cmguest',
      'cmowner',
    ]);
  });

  it("serves the plugin's records through the plugin's own admin API", async () => {
    const members = await asAdmin(app, superAdmin).get(
      `/accounts/${owner.account.documentId}/members`
    );
    expect(members.status).toBe(200);
    expect(members.body.data.map((m: { email: string }) => m.email)).toEqual([
      'cmowner@example.com',
      'cmguest@example.com',
      'cm-invitee@example.com',
    ]);
    expect(JSON.stringify(members.body)).not.toMatch(/tokenHash|token_hash/);
  });

  it('still closes them, and only them, after Strapi boots again in the process', async () => {
    await app.restart();
    superAdmin = await createSuperAdmin(app, 'super2@example.com');
    expect((await cm('get', '/collection-types/plugin::multi-account.invitation')).status).toBe(
      404
    );
    expect((await cm('get', `/collection-types/${HOST_TYPE}`)).status).toBe(200);
  });
});
