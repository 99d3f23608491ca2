/**
 * `npm run bench`: what the plugin costs a host route, and how its own routes hold up on a large
 * data set. Not a test: it measures and reports, in a table and in bench/results.json.
 *
 * It first builds the plugin as it is published, and the apps run that build. For each database
 * (SQLite, then PostgreSQL) it boots the test app three times, as child processes started the
 * same way on databases seeded the same way: with the plugin (its request hook and the
 * `has-permission` policy on `GET /api/invoices`), and twice without it (plain users-permissions
 * on the same route). The plugin's database also gets a user of 5,000
 * memberships and an account of 50,000 members; the caller acts as a guest holding two keys.
 * Then the three apps are booted again on their databases, so that the rounds compare processes
 * that have done nothing but boot, and moved to one core of their own (the load comes from the
 * others); on PostgreSQL, the server's backends for their connections run on that core too. Two
 * boots of the same code differ by a percent or two, so the comparisons between two apps take
 * their rounds on several boots: the apps are booted again before each share of the rounds.
 *
 * After each boot, every app serves each route of the rounds for a while, all three at once. On
 * the first boot, each then serves each route 200 times more, one request at a time, while its
 * process counts the promises it creates: the async work of a request, which the machine's speed
 * does not move.
 * autocannon then drives each comparison in rounds: with 4 connections to the three apps at once
 * (they share the core, so the scheduler gives them the same CPU time and their request counts
 * compare what a request costs each, whatever the core's speed that second: the throughput ratio),
 * then with 1 connection to each app in turn (nothing waits in a queue: the added p95). Before each
 * round the apps' heaps are collected, and apps that share the core serve 1 s at once, unmeasured,
 * so that none starts it fresher from the turns before. The plugin's app is compared with the plain
 * one, and the second plain app runs beside them in every round as a control, so that the three
 * have served the same requests (the control against plain is the calibration: two apps that differ
 * in nothing must compare at 1): on the host route, then on `GET /api/labels`, a type that reaches
 * no scoped type, anonymously and then to the signed-in guest (a host route with neither the policy
 * nor a scoped type). Then the plugin's process compares an account-scoped list (`GET /api/memos`,
 * 100,000 memos over 1,000 accounts) with the same list on a type that is not scoped, whose
 * controller adds the same `where` by hand (`GET /api/notes`), and a shared type populating either,
 * in turns (two routes of one process share its event loop); then it times the plugin's list,
 * switch and accept routes one request at a time. Every target is judged on every database.
 *
 * Settings (environment): BENCH_DATABASES (sqlite,postgres), BENCH_ROUNDS (16), BENCH_PROCESS_PAIRS
 * (16: the boots of the apps that share a comparison's rounds, one round a boot),
 * BENCH_PROCESS_WARMUP_SECONDS (10 per route after each boot, the three apps at once),
 * BENCH_ROUND_SECONDS (3 per app, the server kept busy), BENCH_LATENCY_SECONDS (4 per app, one
 * request at a time, where a target judges the added p95: the host route, the scoped list),
 * BENCH_REPORTED_LATENCY_SECONDS (1, where the p95 is only reported), BENCH_SLICE_SECONDS (1, for
 * turns), BENCH_WARMUP_SECONDS (5), BENCH_SETTLE_SECONDS (1, before each round at once),
 * BENCH_CONNECTIONS (4), BENCH_PIN (0: the apps are not moved to one core, and take turns),
 * BENCH_SAMPLES (150 per timed route), BENCH_CPU_PROF (a folder: each app writes there a V8 CPU
 * profile of the host-route rounds of each boot, `<database>-<plugin|plain>-<boot>.cpuprofile`).
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round } from './stats';
import { SETTINGS, DEADLINE_MS, RESULTS_FILE } from './settings';
import { buildPlugin, children, openDatabases, restorers } from './processes';
import { agent } from './http';
import { type DatabaseResult, print, judge } from './report';
import { benchDatabase } from './database';

const main = async () => {
  const deadline = setTimeout(() => {
    console.error(`bench: still running after ${DEADLINE_MS / 60_000} minutes, stopping`);
    void abort(1);
  }, DEADLINE_MS);
  const started = Date.now();
  console.log('Building the plugin as it is published (npm run build)');
  buildPlugin();

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
      const spread = t.interval
        ? `, ${Math.round(t.interval.confidence * 100)} % sure within ${t.interval.low} to ${t.interval.high}`
        : '';
      const verdict = { met: 'met      ', missed: 'MISSED   ', unsettled: 'unsettled' }[t.verdict];
      console.log(`  ${verdict}  ${name} ${t.value} (${t.target}${spread})`);
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
  for (const restore of restorers) restore();
  await Promise.all([...openDatabases].map((db) => db.drop().catch(() => undefined)));
  process.exit(code);
};
process.on('SIGINT', () => void abort(130));

main().catch((error) => {
  console.error(error);
  void abort(1);
});
