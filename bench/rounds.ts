import autocannon from 'autocannon';
import { median, percentiles, round, type Percentiles } from './stats';
import { SETTINGS, type Variant } from './settings';
import { App } from './processes';

/** Throughput and latency rounds: autocannon on both apps in turns, and their medians. */

export type Round = Percentiles & {
  requests: number;
  rps: number;
  seconds: number;
  /** CPU time the server process spent per answered request */
  cpuMsPerRequest: number;
  cpuBusy: number;
};

/** What one autocannon run leaves: raw latencies (autocannon's own histogram has 1 ms steps). */
export type Slice = { latencies: number[]; duration: number; cpuMs: number };

/**
 * One autocannon run, with the server's CPU time read before and after, as a measure that other
 * load on the machine disturbs less than wall-clock figures.
 */
/** What a round drives: a route of an app, with a user's token. */
export type Target = { app: App; jwt: string; route: string };

export const slice = async (target: Target, seconds: number, connections: number) => {
  const cpuBefore = await target.app.call<number>({ type: 'cpu' });
  const { latencies, duration } = await cannon(target, seconds, connections);
  const cpuAfter = await target.app.call<number>({ type: 'cpu' });
  return { latencies, duration, cpuMs: cpuAfter - cpuBefore } satisfies Slice;
};

/** One app's round: its slices pooled. */
export const toRound = (slices: Slice[]): Round => {
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

/**
 * The two apps a round compares, and a control: a second app without the plugin, driven beside
 * them in every round, so that it has served what the plain app has. Its figures against the
 * plain app's, from the same rounds, are the calibration.
 */
export type Targets = Record<Variant, Target> & { control?: Target };

/** What a round drove: the comparison, and the control against the plain app when it ran. */
export type Driven = { pair: Pair; control?: Pair };

/** Which of the two loads starts first; the control's starts last. */
const startOrder = (plainFirst: boolean): Variant[] =>
  plainFirst ? ['plain', 'plugin'] : ['plugin', 'plain'];

const drivenOf = (plugin: Round, plain: Round, control?: Round): Driven => ({
  pair: toPair(plugin, plain),
  control: control && toPair(control, plain),
});

/**
 * A round pair in turns: both targets under the same load, `seconds` each, in short alternating
 * slices (plugin, plain, plain, plugin, ..., the control's after each pair), so that whatever
 * else the machine does meanwhile falls on all alike; `plainFirst` says which goes first, and
 * rounds alternate it. For two routes of one process, and for latency, where a request must not
 * wait behind another app's.
 */
export const drivePairInTurns = async (
  targets: Targets,
  seconds: number,
  connections: number,
  plainFirst: boolean
): Promise<Driven> => {
  const count = Math.max(1, Math.round(seconds / SETTINGS.sliceSeconds));
  const slices: Record<Variant | 'control', Slice[]> = { plugin: [], plain: [], control: [] };
  for (let i = 0; i < count; i++) {
    for (const variant of startOrder((i % 2 === 1) !== plainFirst))
      slices[variant].push(await slice(targets[variant], seconds / count, connections));
    if (targets.control)
      slices.control.push(await slice(targets.control, seconds / count, connections));
  }
  const control = targets.control && toRound(slices.control);
  return drivenOf(toRound(slices.plugin), toRound(slices.plain), control);
};

/**
 * A round pair at once: both apps (and the control, when there is one) under the same load at
 * the same time, for `seconds`, when their processes share one core (`pinApps`). The scheduler
 * then gives each the same CPU time, so their request counts compare what a request costs each,
 * while the core's own speed, which changes from second to second on a shared machine, is the
 * same for all. `plainFirst` says which of the two loads starts first; rounds alternate it.
 */
export const drivePairAtOnce = async (
  targets: Targets,
  seconds: number,
  connections: number,
  plainFirst: boolean
): Promise<Driven> => {
  const running = {} as Record<Variant, Promise<Slice>>;
  for (const variant of startOrder(plainFirst))
    running[variant] = slice(targets[variant], seconds, connections);
  const control = targets.control && slice(targets.control, seconds, connections);
  const [plugin, plain, controlSlice] = await Promise.all([running.plugin, running.plain, control]);
  return drivenOf(toRound([plugin]), toRound([plain]), controlSlice && toRound([controlSlice]));
};

export const cannon = (
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
export type Pair = {
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

export const toPair = (plugin: Round, plain: Round): Pair => ({
  plugin,
  plain,
  ratio: round(plugin.rps / plain.rps, 3),
  addedP50Ms: round(plugin.p50 - plain.p50),
  addedP95Ms: round(plugin.p95 - plain.p95),
  addedP99Ms: round(plugin.p99 - plain.p99),
  cpuRatio: round(plain.cpuMsPerRequest / plugin.cpuMsPerRequest, 3),
  addedCpuMsPerRequest: round(plugin.cpuMsPerRequest - plain.cpuMsPerRequest, 3),
});

export const FIGURES = ['rps', 'p50', 'p95', 'p99', 'cpuMsPerRequest'] as const;
export const COMPARISONS = [
  'ratio',
  'addedP50Ms',
  'addedP95Ms',
  'addedP99Ms',
  'cpuRatio',
  'addedCpuMsPerRequest',
] as const;

/** Medians over the rounds: each app's figures, and each comparison taken pair by pair. */
export const summarize = (pairs: Pair[]) => {
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
