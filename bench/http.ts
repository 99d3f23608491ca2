import http from 'node:http';
import type { Login } from './seed';
import { API } from './settings';
import { App } from './processes';
import type { Target } from './rounds';

/** HTTP, one request at a time, over a kept-alive loopback connection. */

export const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export type Answer = { status: number; body: Record<string, unknown>; ms: number };

export const send = (
  port: number,
  method: string,
  url: string,
  { jwt, body }: { jwt?: string; body?: unknown } = {}
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent,
        timeout: 30_000,
        headers: {
          ...(jwt ? { authorization: `Bearer ${jwt}` } : {}),
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const ms = performance.now() - started;
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Record<string, unknown> = {};
          try {
            parsed = text ? JSON.parse(text) : {};
          } catch {
            parsed = { text };
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, ms });
        });
      }
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });

export const expectStatus = (answer: Answer, status: number, what: string) => {
  if (answer.status !== status)
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
  return answer;
};

/** A target's route, read with its caller's token: a 200, or the run stops. */
export const getOk = async ({ app, jwt, route }: Target) =>
  expectStatus(
    await send(app.port, 'GET', route, { jwt }),
    200,
    `${route} on the ${app.variant} app`
  );

export const logIn = async (app: App, login: Login) => {
  const res = expectStatus(
    await send(app.port, 'POST', '/api/auth/local', { body: login }),
    200,
    `login of ${login.identifier} on the ${app.variant} app`
  );
  return res.body as { jwt: string; activeAccount?: { documentId: string } | null };
};

/** Moves a session to an account, answering the token that acts for it. */
export const switchTo = async (app: App, jwt: string, account: string) => {
  const res = expectStatus(
    await send(app.port, 'POST', `${API}/switch`, { jwt, body: { account } }),
    200,
    `switch to ${account} on the ${app.variant} app`
  );
  return res.body as { jwt: string };
};
