/** The benchmark's settings, targets and routes, read once from the environment. */
import path from 'node:path';

export const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

export const SETTINGS = {
  databases: (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map((s) => s.trim()),
  rounds: setting('BENCH_ROUNDS', 16),
  // the rounds comparing two apps are spread over this many boots of them: two processes of the
  // same code differ by a percent or two from one boot to the next, more than a run's rounds
  // differ between themselves, so with one round a boot the rounds are independent and their
  // interval takes that spread in
  processPairs: setting('BENCH_PROCESS_PAIRS', 16),
  roundSeconds: setting('BENCH_ROUND_SECONDS', 3),
  // one request at a time, per app: long enough where a target judges the added p95 (a p95 of
  // a hundred requests is their fifth slowest, which one collection moves by milliseconds)
  latencySeconds: setting('BENCH_LATENCY_SECONDS', 4),
  // where the p95 is only reported
  reportedLatencySeconds: setting('BENCH_REPORTED_LATENCY_SECONDS', 1),
  sliceSeconds: setting('BENCH_SLICE_SECONDS', 1),
  // after each boot, every app serves each route of the rounds this long, all at once
  processWarmupSeconds: setting('BENCH_PROCESS_WARMUP_SECONDS', 10),
  // before each comparison, its apps at once
  warmupSeconds: setting('BENCH_WARMUP_SECONDS', 5),
  // before each throughput round at once, its apps at once, unmeasured: an app that served last
  // in the latency turns before would start the round with its code and data still in the caches
  settleSeconds: setting('BENCH_SETTLE_SECONDS', 1),
  connections: setting('BENCH_CONNECTIONS', 4),
  latencyConnections: 1,
  samples: setting('BENCH_SAMPLES', 150),
  route: '/api/invoices',
};

/**
 * The whole run stops itself past this, whatever it is doing: per database, 8 minutes and 3 a
 * boot (a boot of the three apps takes about 2 minutes, and one of the plugin's app alone, for
 * its own comparisons, about 1), so that more boots move it with them.
 */
export const DEADLINE_MS = SETTINGS.databases.length * (8 + 3 * SETTINGS.processPairs) * 60_000;
export const BOOT_TIMEOUT_MS = 120_000;
export const CALL_TIMEOUT_MS = 180_000;
export const RESULTS_FILE = path.join(__dirname, 'results.json');
export const API = '/api/multi-account';
export const TARGETS = {
  throughputRatio: 0.9,
  addedP95Ms: 2,
  // the slowest of the plugin's lists and switch, p95, over the p95 of a signed-in host route on
  // the plain app (GET /api/labels, one request at a time) in the same run: 25 ms against the
  // 10 ms of the smallest authenticated route on the machine where the target was first set
  listAndSwitchP95Ratio: 2.5,
  scopedListRatio: 0.95,
  scopedListAddedP95Ms: 1,
  sharedPopulateRatio: 0.95,
  unrelatedTypeRatio: 0.98,
  plainHostRouteRatio: 0.98,
};
export const SCOPED_ROUTES = { plugin: '/api/memos', plain: '/api/notes' } as const;
/** A route of a type that reaches no scoped type, asked anonymously: scoping's cost elsewhere. */
export const UNRELATED_ROUTE = '/api/labels';

export type Variant = 'plugin' | 'plain';
export type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
