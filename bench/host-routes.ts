import path from 'node:path';
import type { BaseFixture } from './seed';
import { SETTINGS, UNRELATED_ROUTE } from './settings';
import { App, appsCore, bootAgainInPlace, pinDatabaseServer } from './processes';
import { getOk, logIn, switchTo } from './http';
import type { Targets } from './rounds';
import { logRound, roundPairs, roundsOfBoot, warmUp, type RoundPair } from './comparison';
import { asyncWorkOf, type AsyncWork } from './async-work';

/** The routes the rounds drive, each with whether its caller signs in, in the order warmed up. */
const ROUTES = {
  unrelatedType: [UNRELATED_ROUTE, false],
  plainHostRoute: [UNRELATED_ROUTE, true],
  hostRoute: [SETTINGS.route, true],
} as const;

/**
 * The host app's routes on the three apps (the plugin's, the plain one and its twin, the control),
 * over several boots: the host route behind the policy, then `GET /api/labels` anonymously and
 * signed in; and, on the first boot, the promises each app creates per request on each.
 */
export const compareHostRoutes = async ({
  kind,
  label,
  started,
  fixtureOf,
  documentId,
}: {
  kind: string;
  label: string;
  /** plugin, plain, twin: booted again in place, so that the caller stops the live processes */
  started: App[];
  fixtureOf: (app: App) => BaseFixture;
  /** the account (with the plugin) or user (without) the host route's invoices are filed under */
  documentId: string;
}) => {
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
    pinned = await bootAgainInPlace(started, core);
    if (boot === 1) {
      console.log(
        pinned
          ? `${label}: the apps${serverPinned ? ' and the database server' : ''} share core ${core}, the load comes from the others`
          : `${label}: the apps are not pinned to one core: throughput rounds in turns`
      );
    }
    return started;
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
      const check = await getOk({ app, jwt: tokenOf(app), route: SETTINGS.route });
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
  /**
   * A comparison's share of the rounds on the apps' `boot`th boot, after its warm-up. Its route
   * answered each app already: the boot's warm-up drives every route of the rounds, and stops the
   * run on any answer but a 2xx (as the host route's content is checked after each login).
   */
  const compare = async (targets: Required<Targets>, latencySeconds: number, boot: number) => {
    await warmUp(targets);
    return roundPairs(targets, latencySeconds, logRound, shareOf(boot));
  };

  const rounds: RoundPair[] = [];
  const unrelatedRounds: RoundPair[] = [];
  const plainRouteRounds: RoundPair[] = [];
  const profiles = process.env.BENCH_CPU_PROF;
  // counted on the first boot (BENCH_PROCESS_PAIRS is at least 1)
  let asyncWork!: Record<keyof typeof ROUTES, AsyncWork>;
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
    for (const [route, signedIn] of Object.values(ROUTES)) {
      await warmUp(onRoute(route, signedIn), SETTINGS.processWarmupSeconds);
    }
    // once: a count, which boots do not change; each comparison warms its apps up again after it
    if (boot === 1) {
      console.log(`${label}: counting the promises each app creates per request, on each route`);
      asyncWork = {
        hostRoute: await asyncWorkOf(onRoute(...ROUTES.hostRoute)),
        unrelatedType: await asyncWorkOf(onRoute(...ROUTES.unrelatedType)),
        plainHostRoute: await asyncWorkOf(onRoute(...ROUTES.plainHostRoute)),
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
    rounds.push(...(await compare(onRoute(...ROUTES.hostRoute), SETTINGS.latencySeconds, boot)));
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
      ...(await compare(onRoute(...ROUTES.unrelatedType), SETTINGS.reportedLatencySeconds, boot))
    );
    console.log(
      `${label}: GET ${UNRELATED_ROUTE} as the signed-in guest: a host route with neither the policy nor a scoped type`
    );
    plainRouteRounds.push(
      ...(await compare(onRoute(...ROUTES.plainHostRoute), SETTINGS.reportedLatencySeconds, boot))
    );
  }
  return { rounds, unrelatedRounds, plainRouteRounds, asyncWork };
};
