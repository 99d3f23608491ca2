import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../tests/helpers/database';
import type { BaseFixture, LargeFixture } from './seed';
import { openDatabases, App, restorers } from './processes';
import { controlRounds, summarizeRounds } from './comparison';
import { compareHostRoutes } from './host-routes';
import { compareScopedLists } from './scoped-lists';
import { timeOperations } from './operations';

/** One database's run: both apps booted, seeded and driven, and their figures. */

export const LABELS: Record<string, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** A documentId in Strapi's own alphabet and length. */
export const newDocumentId = () =>
  Array.from(randomBytes(24), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');

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

    const { rounds, unrelatedRounds, plainRouteRounds, asyncWork } = await compareHostRoutes({
      kind,
      label,
      started,
      fixtureOf,
      documentId,
    });
    const summary = summarizeRounds(rounds);
    // the control against the plain app, in the anonymous rounds on GET /api/labels
    const calibration = controlRounds(unrelatedRounds);
    const [plugin, plain, twin] = started;
    await Promise.all([plain.stop(), twin.stop()]);
    // the plugin's app alone from here on, booted again in place before each share of its rounds
    started.splice(1);
    const { scopedList, sharedPopulate } = await compareScopedLists(label, started);

    console.log(`${label}: timing the plugin's routes`);
    const operations = await timeOperations(started[0], large);
    return {
      label,
      bootMs: { plugin: plugin.bootMs, plain: plain.bootMs },
      pinnedToCore: plugin.core ?? null,
      calibration: { rounds: calibration, summary: summarizeRounds(calibration) },
      rounds,
      summary,
      scopedList,
      sharedPopulate,
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
