/**
 * `npm run bench`: what the plugin costs a host route, and how its own routes hold up on a large
 * data set. Not a test: it measures and reports, in a table and in bench/results.json.
 *
 * For each database (SQLite, then PostgreSQL) it boots the test app twice, as two child
 * processes started the same way on two databases seeded the same way: with the plugin (its
 * request hook and the `has-permission` policy on `GET /api/invoices`) and without it (plain
 * users-permissions on the same route). autocannon drives the route over loopback in alternate
 * rounds after a warm-up of each app: plugin and plain with 4 connections, which keep the
 * one-threaded server busy all the time (req/s is what it can serve: the throughput ratio), then
 * plugin and plain with 1 connection, where nothing waits in a queue (latency is a request's
 * own: the added p95). Within a round the two apps take turns in one-second slices, so that
 * other work on the machine, which comes and goes over seconds, weighs on both alike. Before
 * the rounds the plugin's process is loaded with a user of 5,000 memberships and an account of
 * 50,000 members, and the caller acts as a guest holding two keys. After them, the plugin's
 * process compares an account-scoped list (`GET /api/memos`, 100,000 memos over 1,000
 * accounts) with the same list on a type that is not scoped, whose controller adds the same
 * `where` by hand (`GET /api/notes`), in the same rounds; then it times the plugin's list,
 * switch and accept routes one request at a time. Every target is judged on every database.
 *
 * Settings (environment): BENCH_DATABASES (sqlite,postgres), BENCH_ROUNDS (8),
 * BENCH_ROUND_SECONDS (2 per app and load), BENCH_SLICE_SECONDS (1), BENCH_WARMUP_SECONDS (5),
 * BENCH_CONNECTIONS (4),
 * BENCH_SAMPLES (150 per timed route), BENCH_CPU_PROF (a folder: each app writes there a V8 CPU
 * profile of the host-route rounds, `<database>-<plugin|plain>.cpuprofile`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createTestDatabase, type TestDatabase } from '../tests/helpers/database';
import type { Reply, Request } from './app';
import type { BaseFixture, LargeFixture, Login, ScopedListFixture } from './seed';
import { median, percentiles, round, table, type Percentiles } from './stats';

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

const SETTINGS = {
  databases: (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map((s) => s.trim()),
  rounds: setting('BENCH_ROUNDS', 8),
  roundSeconds: setting('BENCH_ROUND_SECONDS', 2),
  sliceSeconds: setting('BENCH_SLICE_SECONDS', 1),
  warmupSeconds: setting('BENCH_WARMUP_SECONDS', 5),
  connections: setting('BENCH_CONNECTIONS', 4),
  latencyConnections: 1,
  samples: setting('BENCH_SAMPLES', 150),
  route: '/api/invoices',
};

/** The whole run stops itself past this, whatever it is doing. */
const DEADLINE_MS = 25 * 60_000;
const BOOT_TIMEOUT_MS = 120_000;
const CALL_TIMEOUT_MS = 180_000;
const RESULTS_FILE = path.join(__dirname, 'results.json');
const API = '/api/multi-account';
const TARGETS = {
  throughputRatio: 0.9,
  addedP95Ms: 2,
  listAndSwitchP95Ms: 25,
  scopedListRatio: 0.95,
  scopedListAddedP95Ms: 1,
  sharedPopulateRatio: 0.95,
  unrelatedTypeRatio: 0.98,
};
const SCOPED_ROUTES = { plugin: '/api/memos', plain: '/api/notes' } as const;
/** A route of a type that reaches no scoped type, asked anonymously: scoping's cost elsewhere. */
const UNRELATED_ROUTE = '/api/labels';

type Variant = 'plugin' | 'plain';
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

// ---------------------------------------------------------------------------------------------
// the benchmarked processes

const children = new Set<ChildProcess>();
/** SQLite files and PostgreSQL schemas made by this run, dropped however it ends. */
const openDatabases = new Set<TestDatabase>();

class App {
  private nextId = 1;
  private pending = new Map<
    number,
    { resolve: (r: unknown) => void; reject: (e: Error) => void }
  >();

  private constructor(
    readonly variant: Variant,
    readonly child: ChildProcess,
    readonly port: number,
    readonly bootMs: number
  ) {
    child.on('message', (reply: Reply) => {
      if (reply.type === 'ready') return;
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.type === 'error') waiter?.reject(new Error(`${variant} app: ${reply.message}`));
      else waiter?.resolve(reply.result);
    });
    child.on('exit', (code) => {
      children.delete(child);
      for (const waiter of this.pending.values())
        waiter.reject(new Error(`${variant} app exited (${code})`));
      this.pending.clear();
    });
  }

  /** Forks bench/app.ts with the same Node options for both variants; only the env differs. */
  static start(variant: Variant, env: Record<string, string>): Promise<App> {
    const child = fork(path.join(__dirname, 'app.ts'), [], {
      execArgv: ['-r', require.resolve('esbuild-register')],
      env: {
        ...process.env,
        ...env,
        NODE_ENV: 'production',
        MULTI_ACCOUNT_ENABLED: variant === 'plugin' ? 'true' : 'false',
        MULTI_ACCOUNT_CONFIG: '{}',
        // invitations are seeded, never sent; the address only has to be valid
        SMTP_PORT: '2525',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.add(child);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`${variant} app did not boot within ${BOOT_TIMEOUT_MS / 1000} s`));
      }, BOOT_TIMEOUT_MS);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${variant} app exited during boot (${code})`));
      });
      child.once('message', (reply: Reply) => {
        clearTimeout(timer);
        if (reply.type !== 'ready') return reject(new Error(`${variant} app: unexpected reply`));
        resolve(new App(variant, child, reply.port, Math.round(reply.bootMs)));
      });
    });
  }

  call<T>(request: WithoutId<Request>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.variant} app: ${request.type} timed out`)),
        CALL_TIMEOUT_MS
      );
      this.pending.set(id, {
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send({ ...request, id });
    });
  }

  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call({ type: 'stop' }).catch(() => this.child.kill());
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP, one request at a time, over a kept-alive loopback connection

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

type Answer = { status: number; body: Record<string, unknown>; ms: number };

const send = (
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

const expectStatus = (answer: Answer, status: number, what: string) => {
  if (answer.status !== status)
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
  return answer;
};

const logIn = async (app: App, login: Login) => {
  const res = expectStatus(
    await send(app.port, 'POST', '/api/auth/local', { body: login }),
    200,
    `login of ${login.identifier} on the ${app.variant} app`
  );
  return res.body as { jwt: string; activeAccount?: { documentId: string } | null };
};

// ---------------------------------------------------------------------------------------------
// throughput rounds

type Round = Percentiles & {
  requests: number;
  rps: number;
  seconds: number;
  /** CPU time the server process spent per answered request */
  cpuMsPerRequest: number;
  cpuBusy: number;
};

/** What one autocannon run leaves: raw latencies (autocannon's own histogram has 1 ms steps). */
type Slice = { latencies: number[]; duration: number; cpuMs: number };

/**
 * One autocannon run, with the server's CPU time read before and after, as a measure that other
 * load on the machine disturbs less than wall-clock figures.
 */
/** What a round drives: a route of an app, with a user's token. */
type Target = { app: App; jwt: string; route: string };

const slice = async (target: Target, seconds: number, connections: number) => {
  const cpuBefore = await target.app.call<number>({ type: 'cpu' });
  const { latencies, duration } = await cannon(target, seconds, connections);
  const cpuAfter = await target.app.call<number>({ type: 'cpu' });
  return { latencies, duration, cpuMs: cpuAfter - cpuBefore } satisfies Slice;
};

/** One app's round: its slices pooled. */
const toRound = (slices: Slice[]): Round => {
  const latencies = slices.flatMap((s) => s.latencies);
  const duration = slices.reduce((sum, s) => sum + s.duration, 0);
  const cpuMs = slices.reduce((sum, s) => sum + s.cpuMs, 0);
  return {
    ...percentiles(latencies),
    requests: latencies.length,
    rps: round(latencies.length / duration, 1),
    seconds: round(duration),
    cpuMsPerRequest: round(cpuMs / latencies.length, 3),
    // share of the round the server spent on the CPU: near 1, the server was the bottleneck
    cpuBusy: round(cpuMs / (duration * 1000), 2),
  };
};

const drive = async (target: Target, seconds: number, connections: number) =>
  toRound([await slice(target, seconds, connections)]);

/**
 * A round pair: both apps under the same load, `seconds` each, in short alternating slices
 * (plugin, plain, plain, plugin, ...), so that whatever else the machine does meanwhile falls
 * on both alike and neither always goes first.
 */
const drivePair = async (
  targets: Record<Variant, Target>,
  seconds: number,
  connections: number
): Promise<Pair> => {
  const count = Math.max(1, Math.round(seconds / SETTINGS.sliceSeconds));
  const slices: Record<Variant, Slice[]> = { plugin: [], plain: [] };
  for (let i = 0; i < count; i++) {
    const order: Variant[] = i % 2 ? ['plain', 'plugin'] : ['plugin', 'plain'];
    for (const variant of order)
      slices[variant].push(await slice(targets[variant], seconds / count, connections));
  }
  return toPair(toRound(slices.plugin), toRound(slices.plain));
};

const cannon = (
  { app, jwt, route }: Target,
  seconds: number,
  connections: number
): Promise<{ latencies: number[]; duration: number }> =>
  new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${app.port}${route}`,
        connections,
        pipelining: 1,
        duration: seconds,
        timeout: 10,
        headers: jwt ? { authorization: `Bearer ${jwt}` } : {},
      },
      (error, result) => {
        if (error) return reject(error);
        if (result.errors || result.non2xx)
          return reject(
            new Error(`${app.variant}: ${result.errors} errors, ${result.non2xx} non-2xx answers`)
          );
        resolve({ latencies, duration: result.duration });
      }
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });

/** The same load on both apps, one after the other. */
type Pair = {
  plugin: Round;
  plain: Round;
  /** plugin req/s / plain req/s */
  ratio: number;
  addedP50Ms: number;
  addedP95Ms: number;
  addedP99Ms: number;
  /** plain CPU per request / plugin CPU per request: the req/s ratio the CPU cost predicts */
  cpuRatio: number;
  addedCpuMsPerRequest: number;
};

const toPair = (plugin: Round, plain: Round): Pair => ({
  plugin,
  plain,
  ratio: round(plugin.rps / plain.rps, 3),
  addedP50Ms: round(plugin.p50 - plain.p50),
  addedP95Ms: round(plugin.p95 - plain.p95),
  addedP99Ms: round(plugin.p99 - plain.p99),
  cpuRatio: round(plain.cpuMsPerRequest / plugin.cpuMsPerRequest, 3),
  addedCpuMsPerRequest: round(plugin.cpuMsPerRequest - plain.cpuMsPerRequest, 3),
});

const FIGURES = ['rps', 'p50', 'p95', 'p99', 'cpuMsPerRequest'] as const;
const COMPARISONS = [
  'ratio',
  'addedP50Ms',
  'addedP95Ms',
  'addedP99Ms',
  'cpuRatio',
  'addedCpuMsPerRequest',
] as const;

/** Medians over the rounds: each app's figures, and each comparison taken pair by pair. */
const summarize = (pairs: Pair[]) => {
  const of = (values: number[]) => round(median(values), 3);
  const figures = (variant: Variant) =>
    Object.fromEntries(
      FIGURES.map((key) => [key, of(pairs.map((p) => p[variant][key]))])
    ) as Record<(typeof FIGURES)[number], number>;
  return {
    plugin: figures('plugin'),
    plain: figures('plain'),
    ...(Object.fromEntries(COMPARISONS.map((key) => [key, of(pairs.map((p) => p[key]))])) as Record<
      (typeof COMPARISONS)[number],
      number
    >),
  };
};

// ---------------------------------------------------------------------------------------------
// the plugin's routes on a large data set

type Operation = Percentiles & { method: string; path: string; note: string };

const WARMUP_CALLS = 5;

/** `count` timed calls after a few untimed ones; each call must answer `status`. */
const timeCalls = async (
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

const timeOperations = async (app: App, fixture: LargeFixture) => {
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
    const first = expectStatus(await send(app.port, 'GET', url, { jwt }), 200, url);
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

// ---------------------------------------------------------------------------------------------
// one database

const LABELS: Record<string, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** A documentId in Strapi's own alphabet and length. */
const newDocumentId = () =>
  Array.from(randomBytes(24), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');

/** Moves a session to an account, answering the token that acts for it. */
const switchTo = async (app: App, jwt: string, account: string) => {
  const res = expectStatus(
    await send(app.port, 'POST', `${API}/switch`, { jwt, body: { account } }),
    200,
    `switch to ${account} on the ${app.variant} app`
  );
  return res.body as { jwt: string };
};

type RoundPair = { round: number; throughput: Pair; latency: Pair };

/** `SETTINGS.rounds` round pairs: the server kept busy, then one request at a time. */
const roundPairs = async (
  targets: Record<Variant, Target>,
  report: (round: number, throughput: Pair, latency: Pair) => void
) => {
  const rounds: RoundPair[] = [];
  for (let r = 1; r <= SETTINGS.rounds; r++) {
    const throughput = await drivePair(targets, SETTINGS.roundSeconds, SETTINGS.connections);
    const latency = await drivePair(targets, SETTINGS.roundSeconds, SETTINGS.latencyConnections);
    rounds.push({ round: r, throughput, latency });
    report(r, throughput, latency);
  }
  return rounds;
};

const summarizeRounds = (rounds: RoundPair[]) => ({
  // first / second req/s, the median over round pairs, so that drift and noise between pairs
  // cancel
  throughputRatio: round(median(rounds.map((r) => r.throughput.ratio)), 3),
  // first p95 − second p95 of requests sent one at a time, the median over round pairs
  addedP95Ms: round(median(rounds.map((r) => r.latency.addedP95Ms))),
  throughput: summarize(rounds.map((r) => r.throughput)),
  latency: summarize(rounds.map((r) => r.latency)),
});

const logRound = (r: number, throughput: Pair, latency: Pair) =>
  console.log(
    `  round ${r}: ${throughput.plugin.rps} / ${throughput.plain.rps} req/s ` +
      `(${throughput.ratio}), p95 ${latency.plugin.p95} / ${latency.plain.p95} ms alone`
  );

const benchDatabase = async (kind: string) => {
  const label = LABELS[kind] ?? kind;
  process.env.DB = kind;
  const databases: TestDatabase[] = [];
  const apps: App[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const database = await createTestDatabase();
      databases.push(database);
      openDatabases.add(database);
    }
    console.log(`\n${label}: booting the app with and without the plugin`);
    apps.push(
      ...(await Promise.all([
        App.start('plugin', databases[0].env),
        App.start('plain', databases[1].env),
      ]))
    );
    const [plugin, plain] = apps;

    const documentId = newDocumentId();
    const seeded = await Promise.all(
      apps.map((app) => app.call<BaseFixture>({ type: 'seed-base', documentId }))
    );
    // the membership table as a large app has it, before any round
    console.log(`${label}: seeding the large data set`);
    const large = await plugin.call<LargeFixture>({ type: 'seed-large' });
    console.log(`${label}: seeded in ${(large.seedMs / 1000).toFixed(1)} s`);

    const jwt: Record<Variant, string> = { plugin: '', plain: '' };
    for (const [i, app] of apps.entries()) {
      let session = await logIn(app, seeded[i].login);
      if (app.variant === 'plugin') {
        // a guest of the account the invoices are filed under, acting for it
        session = await switchTo(app, session.jwt, documentId);
      }
      jwt[app.variant] = session.jwt;
      const check = expectStatus(
        await send(app.port, 'GET', SETTINGS.route, { jwt: session.jwt }),
        200,
        `${SETTINGS.route} on the ${app.variant} app`
      );
      const { data, meta } = check.body as { data: unknown[]; meta: { account: string } };
      if (data.length !== seeded[i].invoices || meta.account !== documentId)
        throw new Error(`${app.variant} app: unexpected answer ${JSON.stringify(meta)}`);
    }
    const host = {
      plugin: { app: plugin, jwt: jwt.plugin, route: SETTINGS.route },
      plain: { app: plain, jwt: jwt.plain, route: SETTINGS.route },
    };

    console.log(
      `${label}: warm-up ${SETTINGS.warmupSeconds} s each, then ${SETTINGS.rounds} rounds of ` +
        `${SETTINGS.roundSeconds} s per app and load, in turns of ${SETTINGS.sliceSeconds} s, with ` +
        `${SETTINGS.connections} connections, then with ${SETTINGS.latencyConnections}`
    );
    const profiles = process.env.BENCH_CPU_PROF;
    if (profiles) await Promise.all(apps.map((app) => app.call({ type: 'profile-start' })));
    const warmup = {
      plugin: await drive(host.plugin, SETTINGS.warmupSeconds, SETTINGS.connections),
      plain: await drive(host.plain, SETTINGS.warmupSeconds, SETTINGS.connections),
    };
    const rounds = await roundPairs(host, logRound);
    if (profiles) {
      await Promise.all(
        apps.map((app) =>
          app.call({
            type: 'profile-stop',
            file: path.resolve(profiles, `${kind}-${app.variant}.cpuprofile`),
          })
        )
      );
    }
    const summary = summarizeRounds(rounds);

    console.log(
      `${label}: GET ${UNRELATED_ROUTE}, a type that reaches no scoped type, anonymously`
    );
    const unrelated = {
      plugin: { app: plugin, jwt: '', route: UNRELATED_ROUTE },
      plain: { app: plain, jwt: '', route: UNRELATED_ROUTE },
    };
    for (const target of Object.values(unrelated)) {
      expectStatus(await send(target.app.port, 'GET', UNRELATED_ROUTE), 200, UNRELATED_ROUTE);
      await drive(target, SETTINGS.warmupSeconds, SETTINGS.connections);
    }
    const unrelatedRounds = await roundPairs(unrelated, logRound);
    await plain.stop();

    console.log(`${label}: seeding the scoped-list comparison`);
    const scoped = await plugin.call<ScopedListFixture>({ type: 'seed-scoped-list' });
    console.log(
      `${label}: ${scoped.documents} memos and as many notes in ${(scoped.seedMs / 1000).toFixed(1)} s; ` +
        `GET ${SCOPED_ROUTES.plugin} (scoped) against GET ${SCOPED_ROUTES.plain} (by hand)`
    );
    const lister = await switchTo(plugin, (await logIn(plugin, scoped.login)).jwt, scoped.account);
    const lists = {
      plugin: { app: plugin, jwt: lister.jwt, route: SCOPED_ROUTES.plugin },
      plain: { app: plugin, jwt: lister.jwt, route: SCOPED_ROUTES.plain },
    };
    for (const target of Object.values(lists)) {
      const answer = expectStatus(
        await send(plugin.port, 'GET', target.route, { jwt: lister.jwt }),
        200,
        target.route
      );
      const total = (answer.body.meta as { pagination: { total: number } }).pagination.total;
      if (total !== scoped.perAccount)
        throw new Error(
          `${target.route}: ${total} documents, not the account's ${scoped.perAccount}`
        );
    }
    await drive(lists.plugin, SETTINGS.warmupSeconds, SETTINGS.connections);
    await drive(lists.plain, SETTINGS.warmupSeconds, SETTINGS.connections);
    const scopedRounds = await roundPairs(lists, logRound);

    const tagRoute = (populate: string) => `/api/tags/${scoped.tag}?populate=${populate}`;
    console.log(
      `${label}: GET ${tagRoute('memos')} (a shared tag, scoped populate) against ` +
        `GET ${tagRoute('notes')} (the same populate, scoped by hand)`
    );
    const shared = {
      plugin: { app: plugin, jwt: lister.jwt, route: tagRoute('memos') },
      plain: { app: plugin, jwt: lister.jwt, route: tagRoute('notes') },
    };
    for (const [variant, target] of Object.entries(shared)) {
      const answer = expectStatus(
        await send(plugin.port, 'GET', target.route, { jwt: lister.jwt }),
        200,
        target.route
      );
      const data = answer.body.data as Record<string, unknown[]>;
      const listed = data[variant === 'plugin' ? 'memos' : 'notes'].length;
      if (listed !== scoped.perAccount)
        throw new Error(
          `${target.route}: ${listed} documents, not the account's ${scoped.perAccount}`
        );
      await drive(target, SETTINGS.warmupSeconds, SETTINGS.connections);
    }
    const sharedRounds = await roundPairs(shared, logRound);

    console.log(`${label}: timing the plugin's routes`);
    const operations = await timeOperations(plugin, large);
    return {
      label,
      bootMs: { plugin: plugin.bootMs, plain: plain.bootMs },
      warmup,
      rounds,
      summary,
      scopedList: {
        documents: scoped.documents,
        perAccount: scoped.perAccount,
        rounds: scopedRounds,
        summary: summarizeRounds(scopedRounds),
      },
      sharedPopulate: { rounds: sharedRounds, summary: summarizeRounds(sharedRounds) },
      unrelatedType: { rounds: unrelatedRounds, summary: summarizeRounds(unrelatedRounds) },
      dataset: { counts: large.counts, seedMs: large.seedMs, operations },
    };
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await Promise.all(databases.map((db) => db.drop().then(() => openDatabases.delete(db))));
  }
};

// ---------------------------------------------------------------------------------------------
// the report

type DatabaseResult = Awaited<ReturnType<typeof benchDatabase>>;

const LIST_AND_SWITCH = [
  'myAccounts',
  'myAccountsMiddlePage',
  'contactsActive',
  'contactsInvited',
  'contactsAll',
  'switch',
];

/** A round table per load: each round's two figures, then the medians. */
const printRounds = (
  title: string,
  rounds: RoundPair[],
  summary: ReturnType<typeof summarizeRounds>,
  names: Record<Variant, string>
) => {
  for (const [load, connections, what] of [
    ['throughput', SETTINGS.connections, 'the server kept busy'],
    ['latency', SETTINGS.latencyConnections, 'one request at a time'],
  ] as const) {
    console.log(
      `\n${title}, ${connections} connection${connections > 1 ? 's' : ''} ` +
        `(${what}), ${SETTINGS.rounds} rounds of ${SETTINGS.roundSeconds} s; latency in ms`
    );
    const row = (r: Pick<Round, (typeof FIGURES)[number]>) => FIGURES.map((key) => r[key]);
    const s = summary[load];
    console.log(
      table(
        ['round', 'route', 'req/s', 'p50', 'p95', 'p99', 'cpu ms/req', 'ratio', 'added p95'],
        [
          ...rounds.flatMap(({ round: n, [load]: pair }) => [
            [n, names.plugin, ...row(pair.plugin), pair.ratio, pair.addedP95Ms],
            ['', names.plain, ...row(pair.plain), '', ''],
          ]),
          ['median', names.plugin, ...row(s.plugin), s.ratio, s.addedP95Ms],
          ['', names.plain, ...row(s.plain), '', ''],
        ]
      )
    );
  }
};

const print = (result: DatabaseResult) => {
  const { label, rounds, summary, scopedList, dataset } = result;
  printRounds(`${label}: GET ${SETTINGS.route}`, rounds, summary, {
    plugin: 'plugin',
    plain: 'plain',
  });
  printRounds(
    `${label}: ${scopedList.documents} documents over ${scopedList.documents / scopedList.perAccount} accounts`,
    scopedList.rounds,
    scopedList.summary,
    { plugin: 'scoped', plain: 'by hand' }
  );
  printRounds(
    `${label}: a shared tag populating ${scopedList.perAccount} of its memos or notes`,
    result.sharedPopulate.rounds,
    result.sharedPopulate.summary,
    { plugin: 'scoped', plain: 'by hand' }
  );
  printRounds(
    `${label}: GET ${UNRELATED_ROUTE} (reaches no scoped type), anonymous`,
    result.unrelatedType.rounds,
    result.unrelatedType.summary,
    { plugin: 'plugin', plain: 'plain' }
  );
  const { counts } = dataset;
  console.log(
    `\n${label}: the plugin's routes, one request at a time (ms); ${counts.memberMemberships} ` +
      `memberships of one user, ${counts.bigAccountMembers} members of one account, ` +
      `${counts.memberships} memberships in all`
  );
  console.log(
    table(
      ['operation', 'n', 'p50', 'p95', 'p99', 'request'],
      Object.entries(dataset.operations).map(([key, op]) => [
        key,
        op.n,
        op.p50,
        op.p95,
        op.p99,
        `${op.method} ${op.path} (${op.note})`,
      ])
    )
  );
};

/** One database's figures against the targets. */
const judge = (result: DatabaseResult) => {
  const slowest = Math.max(
    ...LIST_AND_SWITCH.map((key) => result.dataset.operations[key]?.p95 ?? 0)
  );
  const atLeast = (value: number, target: number) => ({
    target: `>= ${target}`,
    value,
    met: value >= target,
  });
  const atMost = (value: number, target: number) => ({
    target: `<= ${target}`,
    value,
    met: value <= target,
  });
  return {
    throughputRatio: atLeast(result.summary.throughputRatio, TARGETS.throughputRatio),
    addedP95Ms: atMost(result.summary.addedP95Ms, TARGETS.addedP95Ms),
    listAndSwitchP95Ms: {
      ...atMost(slowest, TARGETS.listAndSwitchP95Ms),
      target: `< ${TARGETS.listAndSwitchP95Ms}`,
      met: slowest < TARGETS.listAndSwitchP95Ms,
    },
    scopedListRatio: atLeast(result.scopedList.summary.throughputRatio, TARGETS.scopedListRatio),
    scopedListAddedP95Ms: atMost(
      result.scopedList.summary.addedP95Ms,
      TARGETS.scopedListAddedP95Ms
    ),
    sharedPopulateRatio: atLeast(
      result.sharedPopulate.summary.throughputRatio,
      TARGETS.sharedPopulateRatio
    ),
    unrelatedTypeRatio: atLeast(
      result.unrelatedType.summary.throughputRatio,
      TARGETS.unrelatedTypeRatio
    ),
  };
};

const main = async () => {
  const deadline = setTimeout(() => {
    console.error(`bench: still running after ${DEADLINE_MS / 60_000} minutes, stopping`);
    void abort(1);
  }, DEADLINE_MS);
  const started = Date.now();

  const databases: Record<string, DatabaseResult> = {};
  for (const kind of SETTINGS.databases) {
    databases[kind] = await benchDatabase(kind);
    print(databases[kind]);
  }

  const judged = Object.fromEntries(
    Object.entries(databases).map(([kind, result]) => [kind, judge(result)])
  );
  const results = {
    generatedAt: new Date().toISOString(),
    command: 'npm run bench',
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    settings: SETTINGS,
    // each database's targets: the host route (plugin / plain), the plugin's own routes, and
    // the scoped list against the same list scoped by hand
    targets: judged,
    databases,
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);

  for (const [kind, targets] of Object.entries(judged)) {
    console.log(`\nTargets (${databases[kind].label}):`);
    for (const [name, t] of Object.entries(targets)) {
      console.log(`  ${t.met ? 'met   ' : 'MISSED'}  ${name} ${t.value} (${t.target})`);
    }
  }
  console.log(
    `\nWritten ${path.relative(process.cwd(), RESULTS_FILE)} in ${results.durationSeconds} s`
  );
  clearTimeout(deadline);
  agent.destroy();
};

/** Stops the apps, drops the databases and exits: on an error, Ctrl-C or the deadline. */
const abort = async (code: number) => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all([...openDatabases].map((db) => db.drop().catch(() => undefined)));
  process.exit(code);
};
process.on('SIGINT', () => void abort(130));

main().catch((error) => {
  console.error(error);
  void abort(1);
});
