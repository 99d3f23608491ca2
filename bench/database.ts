import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../tests/helpers/database';
import type { BaseFixture, LargeFixture, ScopedListFixture } from './seed';
import { median, medianInterval, round } from './stats';
import { SETTINGS, API, SCOPED_ROUTES, UNRELATED_ROUTE } from './settings';
import { openDatabases, App, appsCore, pinApps, pinDatabaseServer, restorers } from './processes';
import { send, expectStatus, logIn } from './http';
import { type Targets, drivePairAtOnce, drivePairInTurns, type Pair, summarize } from './rounds';
import { timeOperations } from './operations';
import { asyncWorkOf, type AsyncWork } from './async-work';

/** One database's run: both apps booted, seeded and driven, and their figures. */

export const LABELS: Record<string, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** A documentId in Strapi's own alphabet and length. */
export const newDocumentId = () =>
  Array.from(randomBytes(24), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');

/** Moves a session to an account, answering the token that acts for it. */
export const switchTo = async (app: App, jwt: string, account: string) => {
  const res = expectStatus(
    await send(app.port, 'POST', `${API}/switch`, { jwt, body: { account } }),
    200,
    `switch to ${account} on the ${app.variant} app`
  );
  return res.body as { jwt: string };
};

/**
 * A round: `throughput` with both apps at once (sharing a core) or in turns, `latency` in turns;
 * `boot` counts the boots of the two apps that ran it; `control`, the control against the plain
 * app in the same round, when one ran.
 */
export type RoundPair = {
  round: number;
  boot: number;
  throughput: Pair;
  latency: Pair;
  control?: { throughput: Pair; latency: Pair };
};

/** The control's rounds against the plain app, as rounds of their own: the calibration. */
export const controlRounds = (rounds: RoundPair[]): RoundPair[] =>
  rounds.flatMap(({ control, ...round }) => (control ? [{ ...round, ...control }] : []));

/** The round numbers run on the apps' `boot`th boot (from 1), when `boots` share the rounds. */
export const roundsOfBoot = (boot: number, boots: number) => {
  const all = Array.from({ length: SETTINGS.rounds }, (_, i) => i + 1);
  const size = Math.ceil(all.length / boots);
  return all.slice((boot - 1) * size, boot * size);
};

/** The apps a round drives: the control's too, when it has one. */
const appsOf = ({ plugin, plain, control }: Targets) =>
  [plugin, plain, control].flatMap((target) => (target ? [target.app] : []));

/** Apps of their own on one core, which can be driven at once (`drivePairAtOnce`). */
const shareACore = (targets: Targets) => {
  const [plugin, ...others] = appsOf(targets);
  return (
    plugin.core !== undefined && others.every((app) => app !== plugin && app.core === plugin.core)
  );
};

/**
 * The targets warmed up as their rounds drive them (at once when their apps share a core), for
 * `seconds`: a comparison's own warm-up unless told.
 */
export const warmUp = async (targets: Targets, seconds = SETTINGS.warmupSeconds) => {
  const drive = shareACore(targets) ? drivePairAtOnce : drivePairInTurns;
  await drive(targets, seconds, SETTINGS.connections, false);
};

/**
 * Round pairs (`numbers`, all of them unless told): the server kept busy, then one request at a
 * time. The apps' heaps are collected before the rounds, so that a collection left over from
 * seeding falls on none, and the rounds alternate which load starts first. Two apps sharing a core
 * are kept busy at once, after an unmeasured moment at once that leaves none of them fresher from
 * the latency turns; two routes of one process (whose event loop would serve them in step) and the
 * latency rounds take turns.
 */
export const roundPairs = async (
  targets: Targets,
  latencySeconds: number,
  report: (round: number, throughput: Pair, latency: Pair) => void,
  { numbers = roundsOfBoot(1, 1), boot = 1 } = {}
) => {
  const rounds: RoundPair[] = [];
  const apps = [...new Set(appsOf(targets))];
  const atOnce = shareACore(targets);
  for (const r of numbers) {
    // at once, the apps' heaps are collected before each round; in turns, only before the first
    // round, since the load that follows a collection runs slower for a while
    if (atOnce || r === numbers[0]) {
      await Promise.all(apps.map((app) => app.call({ type: 'collect-garbage' })));
    }
    if (atOnce) await warmUp(targets, SETTINGS.settleSeconds);
    const { roundSeconds, connections, latencyConnections } = SETTINGS;
    const plainFirst = r % 2 === 0;
    const throughput = atOnce
      ? await drivePairAtOnce(targets, roundSeconds, connections, plainFirst)
      : await drivePairInTurns(targets, roundSeconds, connections, plainFirst);
    const latency = await drivePairInTurns(targets, latencySeconds, latencyConnections, plainFirst);
    const control = throughput.control &&
      latency.control && { throughput: throughput.control, latency: latency.control };
    rounds.push({ round: r, boot, throughput: throughput.pair, latency: latency.pair, control });
    report(r, throughput.pair, latency.pair);
  }
  return rounds;
};

/** A comparison's median ratio on each boot of its apps: how far boots of the same code differ. */
const ratiosByBoot = (rounds: RoundPair[]) =>
  [...new Set(rounds.map((r) => r.boot))].map((boot) =>
    round(median(rounds.filter((r) => r.boot === boot).map((r) => r.throughput.ratio)), 3)
  );

export const summarizeRounds = (rounds: RoundPair[]) => ({
  // first / second req/s, the median over round pairs, so that drift and noise between pairs
  // cancel
  throughputRatio: round(median(rounds.map((r) => r.throughput.ratio)), 3),
  // first p95 − second p95 of requests sent one at a time, the median over round pairs
  addedP95Ms: round(median(rounds.map((r) => r.latency.addedP95Ms))),
  // where those medians lie, given how the rounds spread (92 % sure with the 16 rounds)
  throughputRatioInterval: medianInterval(rounds.map((r) => r.throughput.ratio)),
  addedP95MsInterval: medianInterval(rounds.map((r) => r.latency.addedP95Ms)),
  throughputRatioByBoot: ratiosByBoot(rounds),
  // the control against the plain app in the same rounds: what two apps that differ in nothing
  // give where this comparison is made
  controlThroughputRatio: rounds.some((r) => r.control)
    ? round(median(controlRounds(rounds).map((r) => r.throughput.ratio)), 3)
    : null,
  throughput: summarize(rounds.map((r) => r.throughput)),
  latency: summarize(rounds.map((r) => r.latency)),
});

export const logRound = (r: number, throughput: Pair, latency: Pair) =>
  console.log(
    `  round ${r}: ${throughput.plugin.rps} / ${throughput.plain.rps} req/s ` +
      `(${throughput.ratio}), p95 ${latency.plugin.p95} / ${latency.plain.p95} ms alone`
  );

export const benchDatabase = async (kind: string) => {
  const label = LABELS[kind] ?? kind;
  process.env.DB = kind;
  const databases: TestDatabase[] = [];
  const started: App[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const database = await createTestDatabase();
      databases.push(database);
      openDatabases.add(database);
    }
    console.log(`\n${label}: booting the app with the plugin, and twice without it`);
    started.push(
      ...(await Promise.all([
        App.start('plugin', databases[0].env),
        App.start('plain', databases[1].env),
        App.start('plain', databases[2].env),
      ]))
    );

    const documentId = newDocumentId();
    const seeded = await Promise.all(
      started.map((app) => app.call<BaseFixture>({ type: 'seed-base', documentId }))
    );
    /** What seeding gave an app: by its place in `started`, which every boot keeps. */
    const fixtureOf = (app: App) => seeded[started.indexOf(app)];
    // the membership table as a large app has it, before any round
    console.log(`${label}: seeding the large data set`);
    const large = await started[0].call<LargeFixture>({ type: 'seed-large' });
    console.log(`${label}: seeded in ${(large.seedMs / 1000).toFixed(1)} s`);

    // Seeding ran in the apps' own processes, and far more of it in the plugin's: work that left
    // that process measurably slower even on routes the plugin never touches (its compiled code
    // and heap), and that a serving app does not do. The rounds compare processes that have done
    // nothing but boot on their seeded databases; and since two boots of the same code differ by
    // a percent or two, each comparison's rounds are spread over several boots of its apps.
    const core = appsCore();
    // before the apps connect again, so that the backends of their connections start there
    const serverPinned = kind === 'postgres' && core !== null && (await pinDatabaseServer(core));
    let pinned = false;
    /** The three apps booted again, in the same order (plugin, plain, twin), on the apps' core. */
    const bootAgain = async (boot: number) => {
      console.log(`${label}: booting the three apps again (${boot} of ${SETTINGS.processPairs})`);
      const restarted = await Promise.all(started.map((app) => app.restart()));
      started.splice(0, started.length, ...restarted);
      pinned = core !== null && pinApps(started, core);
      if (boot === 1) {
        console.log(
          pinned
            ? `${label}: the apps${serverPinned ? ' and the database server' : ''} share core ${core}, the load comes from the others`
            : `${label}: the apps are not pinned to one core: throughput rounds in turns`
        );
      }
      return restarted;
    };
    /** The rounds a comparison runs on the apps' `boot`th boot. */
    const shareOf = (boot: number) => ({
      numbers: roundsOfBoot(boot, SETTINGS.processPairs),
      boot,
    });

    /** Each app's caller's token on this boot (the plugin's acting for the invoices' account). */
    const tokens = new Map<App, string>();
    const tokenOf = (app: App) => {
      const token = tokens.get(app);
      if (!token) throw new Error(`${app.variant} app: its caller has not logged in on this boot`);
      return token;
    };

    /** The host route answers each app's caller as seeded, on every boot. */
    const checkHostRoute = async () => {
      for (const app of started) {
        const check = expectStatus(
          await send(app.port, 'GET', SETTINGS.route, { jwt: tokenOf(app) }),
          200,
          `${SETTINGS.route} on the ${app.variant} app`
        );
        const { data, meta } = check.body as { data: unknown[]; meta: { account: string } };
        if (data.length !== fixtureOf(app).invoices || meta.account !== documentId)
          throw new Error(`${app.variant} app: unexpected answer ${JSON.stringify(meta)}`);
      }
    };

    /**
     * `route` on the three apps, anonymously or with each app's caller's token: the plugin's app
     * against the plain one, the twin beside them as the control.
     */
    const onRoute = (route: string, signedIn: boolean): Required<Targets> => {
      const [plugin, plain, twin] = started;
      const target = (app: App) => ({ app, jwt: signedIn ? tokenOf(app) : '', route });
      return { plugin: target(plugin), plain: target(plain), control: target(twin) };
    };
    /** A comparison's share of the rounds on the apps' `boot`th boot, after its warm-up. */
    const compare = async (targets: Required<Targets>, latencySeconds: number, boot: number) => {
      for (const { app, jwt, route } of [targets.plugin, targets.plain, targets.control]) {
        expectStatus(
          await send(app.port, 'GET', route, { jwt }),
          200,
          `${route} on ${app.variant}`
        );
      }
      await warmUp(targets);
      return roundPairs(targets, latencySeconds, logRound, shareOf(boot));
    };

    const rounds: RoundPair[] = [];
    const unrelatedRounds: RoundPair[] = [];
    const plainRouteRounds: RoundPair[] = [];
    const profiles = process.env.BENCH_CPU_PROF;
    // counted on the first boot (BENCH_PROCESS_PAIRS is at least 1)
    let asyncWork!: Record<'hostRoute' | 'unrelatedType' | 'plainHostRoute', AsyncWork>;
    for (let boot = 1; boot <= SETTINGS.processPairs; boot++) {
      const [plugin, plain] = await bootAgain(boot);
      // on every boot: an access token lasts 10 minutes in users-permissions' refresh mode
      tokens.clear();
      for (const app of started) {
        let session = await logIn(app, fixtureOf(app).login);
        if (app.variant === 'plugin') {
          // a guest of the account the invoices are filed under, acting for it
          session = await switchTo(app, session.jwt, documentId);
        }
        tokens.set(app, session.jwt);
      }
      await checkHostRoute();

      // A process gets faster at a route for a while after it first serves it, as its code is
      // compiled for what it sees: in a probe, 25 s more of GET /api/labels for the plain app
      // alone moved the anonymous ratio from about 0.98 to 0.966. So the three apps serve the
      // same requests from their boot on: each route of the rounds first, then every round.
      console.log(
        `${label}: every app serves each route of the rounds for ${SETTINGS.processWarmupSeconds} s, all three at once`
      );
      for (const [route, signedIn] of [
        [UNRELATED_ROUTE, false],
        [UNRELATED_ROUTE, true],
        [SETTINGS.route, true],
      ] as const) {
        await warmUp(onRoute(route, signedIn), SETTINGS.processWarmupSeconds);
      }
      // once: a count, the same on every boot; each comparison warms its apps up again after it
      if (boot === 1) {
        console.log(`${label}: counting the promises each app creates per request, on each route`);
        asyncWork = {
          hostRoute: await asyncWorkOf(onRoute(SETTINGS.route, true)),
          unrelatedType: await asyncWorkOf(onRoute(UNRELATED_ROUTE, false)),
          plainHostRoute: await asyncWorkOf(onRoute(UNRELATED_ROUTE, true)),
        };
      }

      console.log(
        `${label}: GET ${SETTINGS.route}, warm-up ${SETTINGS.warmupSeconds} s ${pinned ? 'at once' : 'each'}, then rounds of ` +
          `${SETTINGS.roundSeconds} s per app with ${SETTINGS.connections} connections ` +
          `${pinned ? 'to the three apps at once' : `in turns of ${SETTINGS.sliceSeconds} s`}, then ` +
          `${SETTINGS.latencySeconds} s per app with ${SETTINGS.latencyConnections} in turns`
      );
      if (profiles)
        await Promise.all([plugin, plain].map((app) => app.call({ type: 'profile-start' })));
      rounds.push(...(await compare(onRoute(SETTINGS.route, true), SETTINGS.latencySeconds, boot)));
      if (profiles) {
        await Promise.all(
          [plugin, plain].map((app) =>
            app.call({
              type: 'profile-stop',
              file: path.resolve(profiles, `${kind}-${app.variant}-${boot}.cpuprofile`),
            })
          )
        );
      }

      console.log(
        `${label}: GET ${UNRELATED_ROUTE}, a type that reaches no scoped type, anonymously`
      );
      unrelatedRounds.push(
        ...(await compare(onRoute(UNRELATED_ROUTE, false), SETTINGS.reportedLatencySeconds, boot))
      );
      console.log(
        `${label}: GET ${UNRELATED_ROUTE} as the signed-in guest: a host route with neither the policy nor a scoped type`
      );
      plainRouteRounds.push(
        ...(await compare(onRoute(UNRELATED_ROUTE, true), SETTINGS.reportedLatencySeconds, boot))
      );
    }
    const summary = summarizeRounds(rounds);
    // the control against the plain app, in the anonymous rounds on GET /api/labels
    const calibration = controlRounds(unrelatedRounds);
    const [plugin, plain, twin] = started;
    await Promise.all([plain.stop(), twin.stop()]);

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
    await warmUp(lists);
    const scopedRounds = await roundPairs(lists, SETTINGS.latencySeconds, logRound);

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
    }
    await warmUp(shared);
    const sharedRounds = await roundPairs(shared, SETTINGS.reportedLatencySeconds, logRound);

    console.log(`${label}: timing the plugin's routes`);
    const operations = await timeOperations(plugin, large);
    return {
      label,
      bootMs: { plugin: plugin.bootMs, plain: plain.bootMs },
      pinnedToCore: plugin.core ?? null,
      calibration: { rounds: calibration, summary: summarizeRounds(calibration) },
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
      plainHostRoute: { rounds: plainRouteRounds, summary: summarizeRounds(plainRouteRounds) },
      asyncWork,
      dataset: { counts: large.counts, seedMs: large.seedMs, operations },
    };
  } finally {
    for (const restore of restorers) restore();
    await Promise.all(started.map((app) => app.stop()));
    await Promise.all(databases.map((db) => db.drop().then(() => openDatabases.delete(db))));
  }
};
