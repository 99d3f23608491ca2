import type { MyAccount } from '../../shared/contracts';
import type { TestApp } from './strapi';

/**
 * One login session: its access token, and in refresh mode its refresh token (sign-up answers it
 * in the body, login in the httpOnly `strapi_up_refresh` cookie).
 */
export type Session = {
  jwt: string;
  refreshToken?: string;
  user: { id: number; documentId: string; username: string; email: string };
  account: MyAccount;
};

/** An account's row, by the documentId a session names it by: its id is what rows are filed under. */
export const accountRowOf = (app: TestApp, account: { documentId: string }) =>
  app.strapi.db
    .query('plugin::multi-account.account')
    .findOne({ where: { documentId: account.documentId } }) as Promise<{
    id: number;
    number: string;
    name: string;
  }>;

const PASSWORD = 'Password123';
export const REFRESH_COOKIE = 'strapi_up_refresh';

/** Signs a user up through users-permissions; they own a new account, active in the session. */
export const signUp = async (app: TestApp, name: string): Promise<Session> => {
  const res = await app
    .http()
    .post('/api/auth/local/register')
    .send({ username: name, email: `${name}@example.com`, password: PASSWORD });
  if (res.status !== 200)
    throw new Error(`sign-up of ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    jwt: res.body.jwt,
    refreshToken: res.body.refreshToken,
    user: res.body.user,
    account: res.body.activeAccount,
  };
};

export const logIn = async (app: TestApp, identifier: string, password = PASSWORD) =>
  app.http().post('/api/auth/local').send({ identifier, password });

/** The value of a cookie an answer sets. */
export const cookieFrom = (res: { headers: Record<string, unknown> }, name: string) => {
  const cookies = ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []);
  const cookie = cookies.find((c) => c.startsWith(`${name}=`));
  return cookie ? decodeURIComponent(cookie.slice(name.length + 1).split(';')[0]) : undefined;
};

/** Logs in once more: a new login session of the same user. */
export const newSession = async (
  app: TestApp,
  identifier: string,
  password = PASSWORD
): Promise<Session> => {
  const res = await logIn(app, identifier, password);
  if (res.status !== 200)
    throw new Error(`login of ${identifier} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    jwt: res.body.jwt,
    refreshToken: res.body.refreshToken ?? cookieFrom(res, REFRESH_COOKIE),
    user: res.body.user,
    account: res.body.activeAccount,
  };
};

/** A supertest agent preset with a user's token (and optionally an `X-Account` header). */
export const as = (app: TestApp, session: Pick<Session, 'jwt'>, account?: string) => {
  const withAuth = <T extends { set: (name: string, value: string) => T }>(req: T) => {
    const authed = req.set('Authorization', `Bearer ${session.jwt}`);
    return account ? authed.set('X-Account', account) : authed;
  };
  return {
    get: (url: string) => withAuth(app.http().get(url)),
    post: (url: string) => withAuth(app.http().post(url)),
    patch: (url: string) => withAuth(app.http().patch(url)),
    put: (url: string) => withAuth(app.http().put(url)),
    delete: (url: string) => withAuth(app.http().delete(url)),
  };
};

export const API = '/api/multi-account';

/** The token in an invitation email's accept link. */
export const tokenFrom = (mail: { text: string }) => {
  const match = mail.text.match(/[?&]token=([A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no accept link in: ${mail.text}`);
  return match[1];
};

/**
 * `owner` invites `guest` (an existing user) to their active account with `permissions`, and the
 * guest accepts through the emailed link. Answers the guest's membership as the owner lists it.
 */
export const addGuest = async (
  app: TestApp,
  owner: Session,
  guest: Session,
  permissions: string[]
) => {
  const since = app.smtp.messages.length;
  const invited = await as(app, owner)
    .post(`${API}/invitations`)
    .send({ email: guest.user.email, permissions });
  if (invited.status !== 201)
    throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const token = tokenFrom(await app.smtp.waitFor(guest.user.email, since));
  const accepted = await as(app, guest).post(`${API}/invitations/accept`).send({ token });
  if (accepted.status !== 200)
    throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return invited.body.data as { documentId: string };
};

/** Switches a session to another account, answering the session with the new token. */
export const switchTo = async (
  app: TestApp,
  session: Session,
  accountDocumentId: string
): Promise<Session> => {
  const res = await as(app, session).post(`${API}/switch`).send({ account: accountDocumentId });
  if (res.status !== 200)
    throw new Error(`switch failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...session, jwt: res.body.jwt, account: res.body.account };
};
