import { median, medianInterval, round, table } from './stats';
import { SETTINGS, TARGETS, UNRELATED_ROUTE, type Variant } from './settings';
import { type Round, FIGURES } from './rounds';
import type { AsyncWork } from './async-work';
import type { benchDatabase } from './database';
import { summarizeRounds, type RoundPair } from './comparison';

/** The report: round tables, the summary per database, and each target judged. */

export type DatabaseResult = Awaited<ReturnType<typeof benchDatabase>>;

export const LIST_AND_SWITCH = [
  'myAccounts',
  'myAccountsMiddlePage',
  'contactsActive',
  'contactsInvited',
  'contactsAll',
  'switch',
];

/** A round table per load: each round's two figures, then the medians. */
export const printRounds = (
  title: string,
  rounds: RoundPair[],
  summary: ReturnType<typeof summarizeRounds>,
  names: Record<Variant, string>
) => {
  // a round's length as driven: latency rounds are longer where a target judges their p95
  const lengthOf = (load: 'throughput' | 'latency') =>
    round(median(rounds.map((r) => r[load].plugin.seconds)), 0);
  for (const [load, connections, what] of [
    ['throughput', SETTINGS.connections, 'the server kept busy'],
    ['latency', SETTINGS.latencyConnections, 'one request at a time'],
  ] as const) {
    console.log(
      `\n${title}, ${connections} connection${connections > 1 ? 's' : ''} ` +
        `(${what}), ${SETTINGS.rounds} rounds of ${lengthOf(load)} s; latency in ms`
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
  if (summary.throughputRatioByBoot.length > 1) {
    console.log(`  median ratio on each boot: ${summary.throughputRatioByBoot.join(', ')}`);
  }
  if (summary.controlThroughputRatio !== null) {
    console.log(
      `  the control (a second app without the plugin) against plain in the same rounds: ${summary.controlThroughputRatio}`
    );
  }
};

export const print = (result: DatabaseResult) => {
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
    `${label}: calibration, the control against plain in the anonymous rounds on GET ${UNRELATED_ROUTE}`,
    result.calibration.rounds,
    result.calibration.summary,
    { plugin: 'plain 2', plain: 'plain' }
  );
  printRounds(
    `${label}: GET ${UNRELATED_ROUTE} (reaches no scoped type), anonymous`,
    result.unrelatedType.rounds,
    result.unrelatedType.summary,
    { plugin: 'plugin', plain: 'plain' }
  );
  printRounds(
    `${label}: GET ${UNRELATED_ROUTE} signed in (no policy, no scoped type)`,
    result.plainHostRoute.rounds,
    result.plainHostRoute.summary,
    { plugin: 'plugin', plain: 'plain' }
  );
  console.log(
    `\n${label}: promises created per request (the async work of a request, counted, not timed)`
  );
  const work: [string, AsyncWork][] = [
    [`GET ${SETTINGS.route}, the guest`, result.asyncWork.hostRoute],
    [`GET ${UNRELATED_ROUTE}, anonymous`, result.asyncWork.unrelatedType],
    [`GET ${UNRELATED_ROUTE}, the guest`, result.asyncWork.plainHostRoute],
  ];
  console.log(
    table(
      ['route', 'plugin', 'plain', 'control', 'added'],
      work.map(([name, { plugin, plain, control, added }]) => [name, plugin, plain, control, added])
    )
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

/**
 * A target's verdict: `met` or `missed` when the median's interval lies wholly on one side
 * of it; `unsettled` when the rounds spread across it, so that this run cannot tell (the
 * machine's noise, which the control route the plugin never looks at shows, is larger than the
 * margin).
 */
export type Verdict = 'met' | 'missed' | 'unsettled';

type Interval = ReturnType<typeof medianInterval>;
type Judged = { target: string; value: number; interval?: Interval; verdict: Verdict };

const verdictOf = (meets: (value: number) => boolean, value: number, interval?: Interval) => {
  if (!interval) return meets(value) ? 'met' : 'missed';
  const sides = [interval.low, interval.high].map(meets);
  return sides.every(Boolean) ? 'met' : sides.some(Boolean) ? 'unsettled' : 'missed';
};

/** One database's figures against the targets. */
export const judge = (result: DatabaseResult): Record<string, Judged> => {
  const slowest = Math.max(
    ...LIST_AND_SWITCH.map((key) => result.dataset.operations[key]?.p95 ?? 0)
  );
  // what any signed-in request of the host app costs on this machine that day, without the plugin
  const signedInP95 = result.plainHostRoute.summary.latency.plain.p95;
  const atLeast = (value: number, target: number, interval?: Interval): Judged => ({
    target: `>= ${target}`,
    value,
    interval,
    verdict: verdictOf((v) => v >= target, value, interval),
  });
  const atMost = (value: number, target: number, interval?: Interval): Judged => ({
    target: `<= ${target}`,
    value,
    interval,
    verdict: verdictOf((v) => v <= target, value, interval),
  });
  /** A comparison's throughput, plugin over its reference, against its target. */
  const ratio = (comparison: { summary: ReturnType<typeof summarizeRounds> }, target: number) =>
    atLeast(comparison.summary.throughputRatio, target, comparison.summary.throughputRatioInterval);
  const added = (comparison: { summary: ReturnType<typeof summarizeRounds> }, target: number) =>
    atMost(comparison.summary.addedP95Ms, target, comparison.summary.addedP95MsInterval);
  const calibration = result.calibration.summary;
  const sameApps = calibration.throughputRatioInterval;
  return {
    // two apps that differ in nothing must compare at 1: otherwise the rounds are biased, and
    // this run's other verdicts with them
    calibration: {
      target: 'interval holds 1',
      value: calibration.throughputRatio,
      interval: sameApps,
      verdict: sameApps.low <= 1 && sameApps.high >= 1 ? 'met' : 'missed',
    },
    throughputRatio: ratio(result, TARGETS.throughputRatio),
    addedP95Ms: added(result, TARGETS.addedP95Ms),
    listAndSwitchP95Ratio: {
      target: `<= ${TARGETS.listAndSwitchP95Ratio} times ${round(signedInP95)} ms: ${slowest} ms`,
      value: round(slowest / signedInP95, 2),
      verdict: slowest <= TARGETS.listAndSwitchP95Ratio * signedInP95 ? 'met' : 'missed',
    },
    scopedListRatio: ratio(result.scopedList, TARGETS.scopedListRatio),
    scopedListAddedP95Ms: added(result.scopedList, TARGETS.scopedListAddedP95Ms),
    sharedPopulateRatio: ratio(result.sharedPopulate, TARGETS.sharedPopulateRatio),
    unrelatedTypeRatio: ratio(result.unrelatedType, TARGETS.unrelatedTypeRatio),
    plainHostRouteRatio: ratio(result.plainHostRoute, TARGETS.plainHostRouteRatio),
  };
};
