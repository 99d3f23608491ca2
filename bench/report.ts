import { table } from './stats';
import { SETTINGS, TARGETS, UNRELATED_ROUTE, type Variant } from './settings';
import { type Round, FIGURES } from './rounds';
import { summarizeRounds, type benchDatabase, type RoundPair } from './database';

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
export const judge = (result: DatabaseResult) => {
  const slowest = Math.max(
    ...LIST_AND_SWITCH.map((key) => result.dataset.operations[key]?.p95 ?? 0)
  );
  const atLeast = (value: number, target: number) => ({
    target: `>= ${target}`,
    value,
    met: value >= target,
  });
  /** A comparison's throughput, plugin over its reference, against its target. */
  const ratio = (comparison: { summary: { throughputRatio: number } }, target: number) =>
    atLeast(comparison.summary.throughputRatio, target);
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
    scopedListRatio: ratio(result.scopedList, TARGETS.scopedListRatio),
    scopedListAddedP95Ms: atMost(
      result.scopedList.summary.addedP95Ms,
      TARGETS.scopedListAddedP95Ms
    ),
    sharedPopulateRatio: ratio(result.sharedPopulate, TARGETS.sharedPopulateRatio),
    unrelatedTypeRatio: ratio(result.unrelatedType, TARGETS.unrelatedTypeRatio),
    plainHostRouteRatio: ratio(result.plainHostRoute, TARGETS.plainHostRouteRatio),
  };
};
