import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { TestApp } from './strapi';

/** A person as the provider knows them. */
export type ProviderUser = { id: string; login: string; email: string };

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });

/**
 * A small OAuth 2 authorization server on a free loopback port, as Google or GitHub would be.
 * `/authorize` signs in whoever `signIn` named and sends the browser back to the client's
 * redirect URI with a code; `/token` exchanges a code, once, for an access token, checking the
 * client's credentials and the redirect URI; `/userinfo` answers the profile behind a token.
 */
export const startOAuthProvider = async ({
  clientId,
  clientSecret,
}: {
  clientId: string;
  clientSecret: string;
}) => {
  let signedIn: ProviderUser | null = null;
  const codes = new Map<string, { user: ProviderUser; redirectUri: string }>();
  const tokens = new Map<string, ProviderUser>();
  let exchanges = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };

    if (req.method === 'GET' && url.pathname === '/authorize') {
      const query = url.searchParams;
      const redirectUri = query.get('redirect_uri');
      if (query.get('client_id') !== clientId || query.get('response_type') !== 'code') {
        return json(400, { error: 'invalid_request' });
      }
      if (!redirectUri) return json(400, { error: 'invalid_request' });
      if (!signedIn) return json(401, { error: 'login_required' });
      const code = randomBytes(16).toString('hex');
      codes.set(code, { user: signedIn, redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      const state = query.get('state');
      if (state) back.searchParams.set('state', state);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }

    if (req.method === 'POST' && url.pathname === '/token') {
      readBody(req)
        .then((raw) => {
          const body = new URLSearchParams(raw);
          if (body.get('client_id') !== clientId || body.get('client_secret') !== clientSecret) {
            return json(401, { error: 'invalid_client' });
          }
          const code = body.get('code') ?? '';
          const grant = codes.get(code);
          codes.delete(code);
          if (
            body.get('grant_type') !== 'authorization_code' ||
            !grant ||
            grant.redirectUri !== body.get('redirect_uri')
          ) {
            return json(400, { error: 'invalid_grant' });
          }
          exchanges += 1;
          const accessToken = randomBytes(24).toString('hex');
          tokens.set(accessToken, grant.user);
          return json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 3600 });
        })
        .catch(() => json(500, { error: 'server_error' }));
      return;
    }

    if (req.method === 'GET' && url.pathname === '/userinfo') {
      const [scheme, token] = (req.headers.authorization ?? '').split(' ');
      const user = scheme === 'Bearer' ? tokens.get(token) : undefined;
      if (!user) return json(401, { error: 'invalid_token' });
      return json(200, {
        sub: user.id,
        login: user.login,
        email: user.email,
        email_verified: true,
      });
    }

    return json(404, { error: 'not_found' });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    /** The person signed in at the provider, whom the next authorization is for. */
    signIn(user: ProviderUser) {
      signedIn = user;
    },
    /** How many codes were exchanged for tokens. */
    get exchanges() {
      return exchanges;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export type OAuthProvider = Awaited<ReturnType<typeof startOAuthProvider>>;

/** The front-end page users-permissions sends the browser to once the provider has answered. */
export const frontEndCallback = (name: string) => `http://localhost:3000/connect/${name}/redirect`;

/**
 * Registers `provider` as a users-permissions sign-in provider called `name` and enables it,
 * through users-permissions' own registry and its `grant` settings, as an app's code or an admin
 * in Settings → Providers would.
 */
export const enableProvider = async (
  app: TestApp,
  name: string,
  provider: OAuthProvider,
  { clientId, clientSecret }: { clientId: string; clientSecret: string }
) => {
  const grantConfig = {
    key: clientId,
    secret: clientSecret,
    callback: frontEndCallback(name),
    scope: ['profile', 'email'],
    authorize_url: `${provider.url}/authorize`,
    access_url: `${provider.url}/token`,
    oauth: 2,
  };
  app.strapi
    .plugin('users-permissions')
    .service('providers-registry')
    .add(name, {
      enabled: true,
      icon: '',
      grantConfig,
      async authCallback({ accessToken }: { accessToken: string }) {
        const res = await fetch(`${provider.url}/userinfo`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        if (!res.ok) throw new Error(`The provider answered ${res.status}`);
        const profile = (await res.json()) as {
          login: string;
          email: string;
          email_verified: boolean;
        };
        if (profile.email_verified !== true) throw new Error('Email not verified');
        return { username: profile.login, email: profile.email };
      },
    });
  const store = app.strapi.store({ type: 'plugin', name: 'users-permissions', key: 'grant' });
  const grant = ((await store.get({})) ?? {}) as Record<string, unknown>;
  await store.set({ value: { ...grant, [name]: { enabled: true, icon: '', ...grantConfig } } });
};

/**
 * Signs `user` in with the provider `name` as a browser would, keeping cookies: Strapi's connect
 * route sends it to the provider's authorize page, the provider sends it back to Strapi with a
 * code, Strapi exchanges the code and keeps the tokens in its session, and the front end then asks
 * `GET /api/auth/<name>/callback` with that session. Answers that last response.
 */
export const signInWithProvider = async (
  app: TestApp,
  name: string,
  provider: OAuthProvider,
  user: ProviderUser
) => {
  provider.signIn(user);
  const browser = request.agent(app.strapi.server.httpServer);

  const start = await browser.get(`/api/connect/${name}`);
  const authorizeUrl = new URL(start.headers.location ?? 'about:blank');
  if (start.status !== 302 || !authorizeUrl.href.startsWith(`${provider.url}/authorize?`))
    throw new Error(`connect did not send to the provider: ${start.status} ${start.text}`);

  const authorized = await fetch(authorizeUrl, { redirect: 'manual' });
  const back = new URL(authorized.headers.get('location') ?? 'about:blank');
  if (authorized.status !== 302 || back.pathname !== `/api/connect/${name}/callback`)
    throw new Error(`the provider did not send back: ${authorized.status}`);

  const connected = await browser.get(back.pathname + back.search);
  const landing = new URL(connected.headers.location ?? 'about:blank');
  if (
    connected.status !== 302 ||
    `${landing.origin}${landing.pathname}` !== frontEndCallback(name) ||
    landing.searchParams.has('error')
  )
    throw new Error(`the connect callback failed: ${connected.status} ${landing.search}`);

  return browser.get(`/api/auth/${name}/callback`);
};
