import type { LargeFixture } from './seed';
import { percentiles, type Percentiles } from './stats';
import { SETTINGS, API } from './settings';
import { App } from './processes';
import { type Answer, send, expectStatus, getOk, logIn } from './http';

/** The plugin's routes on a large data set, timed one request at a time. */

export type Operation = Percentiles & { method: string; path: string; note: string };

export const WARMUP_CALLS = 5;

/** `count` timed calls after a few untimed ones; each call must answer `status`. */
export const timeCalls = async (
  count: number,
  status: number,
  call: (i: number) => Promise<Answer>,
  what: string
) => {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP_CALLS + count; i++) {
    const answer = expectStatus(await call(i), status, what);
    if (i >= WARMUP_CALLS) samples.push(answer.ms);
  }
  return percentiles(samples);
};

export const timeOperations = async (app: App, fixture: LargeFixture) => {
  const member = await logIn(app, fixture.member);
  const owner = await logIn(app, fixture.owner);
  if (owner.activeAccount?.documentId !== fixture.bigAccount)
    throw new Error('the owner should act for the big account after login');
  const operations: Record<string, Operation> = {};
  const n = SETTINGS.samples;

  const list = async (key: string, jwt: string, url: string, note: string) => {
    const stats = await timeCalls(n, 200, () => send(app.port, 'GET', url, { jwt }), url);
    operations[key] = { method: 'GET', path: url, note, ...stats };
  };
  const middlePage = async (jwt: string, url: string) => {
    const first = await getOk({ app, jwt, route: url });
    const { pageCount, total } = (first.body.meta as { pagination: Record<string, number> })
      .pagination;
    return { page: Math.max(1, Math.ceil(pageCount / 2)), total };
  };

  await list('me', member.jwt, `${API}/me`, 'the smallest authenticated route, for reference');
  const mine = await middlePage(member.jwt, `${API}/me/accounts?pageSize=25`);
  await list('myAccounts', member.jwt, `${API}/me/accounts`, `first page of ${mine.total}`);
  await list(
    'myAccountsMiddlePage',
    member.jwt,
    `${API}/me/accounts?page=${mine.page}&pageSize=25`,
    `middle page of ${mine.total}`
  );
  for (const [key, filter] of [
    ['contactsActive', 'status=active&'],
    ['contactsInvited', 'status=invited&'],
    ['contactsAll', ''],
  ]) {
    const { page, total } = await middlePage(owner.jwt, `${API}/contacts?${filter}pageSize=25`);
    await list(
      key,
      owner.jwt,
      `${API}/contacts?${filter}page=${page}&pageSize=25`,
      `middle page of ${total}`
    );
  }

  const targets = fixture.switchTargets;
  operations.switch = {
    method: 'POST',
    path: `${API}/switch`,
    note: `to ${targets.length} accounts in turn`,
    ...(await timeCalls(
      n,
      200,
      (i) =>
        send(app.port, 'POST', `${API}/switch`, {
          jwt: member.jwt,
          body: { account: targets[i % targets.length] },
        }),
      'switch'
    )),
  };

  const invitations = fixture.invitations;
  operations.acceptInvitation = {
    method: 'POST',
    path: `${API}/me/invitations/:documentId/accept`,
    note: 'each on a fresh invitation',
    ...(await timeCalls(
      invitations.length - WARMUP_CALLS,
      200,
      (i) =>
        send(app.port, 'POST', `${API}/me/invitations/${invitations[i]}/accept`, {
          jwt: member.jwt,
        }),
      'accept'
    )),
  };
  return operations;
};
