import { median, medianInterval, round } from './stats';
import { SETTINGS } from './settings';
import { type Targets, drivePairAtOnce, drivePairInTurns, type Pair, summarize } from './rounds';

/** A comparison's rounds between apps (or routes), spread over boots, and their summary. */

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

/**
 * A comparison's median ratio on each boot of its apps, how far boots of the same code differ:
 * none where each boot held one round, whose ratios the rounds already give.
 */
const ratiosByBoot = (rounds: RoundPair[]) => {
  const boots = [...new Set(rounds.map((r) => r.boot))];
  if (boots.length === rounds.length) return [];
  return boots.map((boot) =>
    round(median(rounds.filter((r) => r.boot === boot).map((r) => r.throughput.ratio)), 3)
  );
};

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
