import { client, type Call } from '../../../scripts/demo-seed';
import type { AccountRef, MemberUser } from '../../../shared/contracts';

export { client };

export const PASSWORD = 'E2eUser123';

export const ADMIN = {
  email: 'admin@example.com',
  password: 'E2eAdmin123',
  firstname: 'Ada',
  lastname: 'Admin',
};
export const EDITOR = {
  email: 'editor@example.com',
  password: 'E2eEditor123',
  firstname: 'Eddie',
  lastname: 'Editor',
};

/** The motto of each seeded account's profile (the test app's scoped single type). */
export const PROFILE_MOTTOS = { acme: 'Acme builds', globex: 'Globex grows' };

/** An account, with the row id that a scoped document's `multiAccountId` holds. */
export type SeededAccount = AccountRef & { id: number };

/** A project of the test app's scoped type `api::project.project`. */
export type SeededProject = { documentId: string; name: string; code: string };

/** A file of the Media Library. */
export type SeededFile = { id: number; name: string };

export type E2EState = {
  url: string;
  accounts: Record<'acme' | 'globex' | 'initech', SeededAccount>;
  users: Record<'alice' | 'bob' | 'grace', MemberUser>;
  projects: Record<'apollo' | 'borealis' | 'zephyr' | 'cypress' | 'dynamo', SeededProject>;
  files: Record<'priceList' | 'brochure', SeededFile>;
};

/**
 * A content-API write as a member of `account` (`X-Account` names the account to act for), which
 * must answer `status`: the plugin files what it creates under that account.
 */
const writeAsMember = async (
  url: string,
  jwt: string,
  account: AccountRef,
  { method, path, status }: { method: 'POST' | 'PUT'; path: string; status: number },
  data: Record<string, unknown>
) => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${jwt}`,
      'X-Account': account.documentId,
    },
    body: JSON.stringify({ data }),
  });
  const body = (await response.json()) as {
    data?: Record<string, string>;
    error?: { message: string };
  };
  if (response.status !== status || !body.data)
    throw new Error(`${method} ${path} answered ${response.status}: ${body.error?.message}`);
  return body.data;
};

/** Creates a project through the content API as a member of `account`. */
export const createProject = async (
  url: string,
  jwt: string,
  account: AccountRef,
  data: { name: string; code: string }
): Promise<SeededProject> => {
  const project = await writeAsMember(
    url,
    jwt,
    account,
    { method: 'POST', path: '/api/projects', status: 201 },
    data
  );
  return { documentId: project.documentId, name: project.name, code: project.code };
};

/** A file an admin uploads to the Media Library: filed under no account, shared by every one. */
const uploadSharedFile = async (url: string, token: string, name: string): Promise<SeededFile> => {
  const form = new FormData();
  form.append('files', new Blob([`The bytes of ${name}`], { type: 'text/plain' }), name);
  const response = await fetch(`${url}/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await response.json()) as SeededFile[];
  if (!response.ok || !body[0]) throw new Error(`POST /upload answered ${response.status}`);
  return { id: body[0].id, name: body[0].name };
};

/** Writes the account's profile, the test app's scoped single type, as a member of `account`. */
const saveProfile = (url: string, jwt: string, account: AccountRef, motto: string) =>
  writeAsMember(url, jwt, account, { method: 'PUT', path: '/api/profile', status: 200 }, { motto });

/** Logs in a users-permissions user and accepts the open invitation to `account`. */
export const acceptInvitation = async (call: Call, email: string, account: AccountRef) => {
  const { jwt } = await call<{ jwt: string }>('POST', '/api/auth/local', {
    body: { identifier: email, password: PASSWORD },
  });
  const { data } = await call<{ data: { documentId: string; account: AccountRef }[] }>(
    'GET',
    '/api/multi-account/me/invitations',
    { token: jwt }
  );
  const invitation = data.find((i) => i.account.documentId === account.documentId);
  if (!invitation) throw new Error(`${email} sees no invitation to ${account.name}`);
  await call('POST', `/api/multi-account/me/invitations/${invitation.documentId}/accept`, {
    token: jwt,
    body: {},
  });
};

/**
 * The data the browser tests start from, made through the app's own HTTP API: the first admin,
 * an Editor admin without the plugin's actions, users, three accounts opened by the admin, a
 * contact, a guest (bob) of two accounts, an open invitation, and projects (the test app's
 * scoped type) of Acme Corp and Globex, created by each account's owner.
 */
export const seed = async (url: string): Promise<E2EState> => {
  const call = client(url);
  const { data: session } = await call<{ data: { token: string } }>(
    'POST',
    '/admin/register-admin',
    { body: ADMIN }
  );
  const token = session.token;

  const { data: roles } = await call<{ data: { id: number; code: string }[] }>(
    'GET',
    '/admin/roles',
    { token }
  );
  const editorRole = roles.find((r) => r.code === 'strapi-editor');
  if (!editorRole) throw new Error('no Editor role');
  const { data: editor } = await call<{ data: { registrationToken: string } }>(
    'POST',
    '/admin/users',
    {
      token,
      body: {
        email: EDITOR.email,
        firstname: EDITOR.firstname,
        lastname: EDITOR.lastname,
        roles: [editorRole.id],
      },
    }
  );
  await call('POST', '/admin/register', {
    body: {
      registrationToken: editor.registrationToken,
      userInfo: {
        firstname: EDITOR.firstname,
        lastname: EDITOR.lastname,
        password: EDITOR.password,
      },
    },
  });

  const users = {} as Record<string, MemberUser>;
  for (const username of ['alice', 'bob', 'carol', 'dave', 'grace']) {
    const { user } = await call<{ user: MemberUser }>('POST', '/api/auth/local/register', {
      body: { username, email: `${username}@example.com`, password: PASSWORD },
    });
    users[username] = {
      id: user.id,
      documentId: user.documentId,
      username: user.username,
      email: user.email,
    };
  }

  const open = async (name: string, owner: string): Promise<SeededAccount> => {
    const { data } = await call<{ data: SeededAccount }>('POST', '/multi-account/accounts', {
      token,
      body: { name, owner: users[owner].documentId },
    });
    return { id: data.id, documentId: data.documentId, number: data.number, name: data.name };
  };
  const accounts = {
    acme: await open('Acme Corp', 'alice'),
    globex: await open('Globex', 'carol'),
    initech: await open('Initech', 'dave'),
  };

  await call('POST', `/multi-account/accounts/${accounts.acme.documentId}/contacts`, {
    token,
    body: {
      username: 'acme-support',
      email: 'support@acme.example',
      password: PASSWORD,
      permissions: ['support', 'contacts'],
    },
  });
  const invite = (account: AccountRef, email: string, permissions: string[]) =>
    call('POST', `/multi-account/accounts/${account.documentId}/invitations`, {
      token,
      body: { email, permissions },
    });
  await invite(accounts.acme, 'bob@example.com', ['billing', 'support']);
  await acceptInvitation(call, 'bob@example.com', accounts.acme);
  await invite(accounts.globex, 'bob@example.com', ['reports']);
  await acceptInvitation(call, 'bob@example.com', accounts.globex);
  await invite(accounts.acme, 'frank@example.com', ['billing']);

  const ownerToken = async (email: string) =>
    (
      await call<{ jwt: string }>('POST', '/api/auth/local', {
        body: { identifier: email, password: PASSWORD },
      })
    ).jwt;
  const alice = await ownerToken('alice@example.com');
  const carol = await ownerToken('carol@example.com');
  const projects = {
    apollo: await createProject(url, alice, accounts.acme, { name: 'Apollo', code: 'ACME-1' }),
    borealis: await createProject(url, alice, accounts.acme, { name: 'Borealis', code: 'ACME-2' }),
    zephyr: await createProject(url, alice, accounts.acme, { name: 'Zephyr', code: 'ACME-3' }),
    cypress: await createProject(url, carol, accounts.globex, { name: 'Cypress', code: 'GLX-1' }),
    dynamo: await createProject(url, carol, accounts.globex, { name: 'Dynamo', code: 'GLX-2' }),
  };
  await saveProfile(url, alice, accounts.acme, PROFILE_MOTTOS.acme);
  await saveProfile(url, carol, accounts.globex, PROFILE_MOTTOS.globex);

  return {
    url,
    accounts,
    users: { alice: users.alice, bob: users.bob, grace: users.grace },
    projects,
    files: {
      priceList: await uploadSharedFile(url, token, 'price-list.txt'),
      brochure: await uploadSharedFile(url, token, 'brochure.txt'),
    },
  };
};
