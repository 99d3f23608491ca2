import type { ScopedListFixture } from './seed';
import { SETTINGS, SCOPED_ROUTES } from './settings';
import type { App } from './processes';
import { getOk, logIn, switchTo } from './http';
import type { Target } from './rounds';
import { logRound, roundPairs, summarizeRounds, warmUp } from './comparison';

/**
 * Account scoping's own cost, in the plugin's process: an account-scoped list against the same
 * list scoped by hand, and a shared type populating either, in turns (two routes of one process
 * share its event loop).
 */
export const compareScopedLists = async (label: string, plugin: App) => {
  console.log(`${label}: seeding the scoped-list comparison`);
  const scoped = await plugin.call<ScopedListFixture>({ type: 'seed-scoped-list' });
  console.log(
    `${label}: ${scoped.documents} memos and as many notes in ${(scoped.seedMs / 1000).toFixed(1)} s; ` +
      `GET ${SCOPED_ROUTES.plugin} (scoped) against GET ${SCOPED_ROUTES.plain} (by hand)`
  );
  /** A route of the comparison lists the caller's account's documents, and no others. */
  const expectAccountsOwn = ({ route }: Target, listed: number) => {
    if (listed !== scoped.perAccount)
      throw new Error(`${route}: ${listed} documents, not the account's ${scoped.perAccount}`);
  };
  const lister = await switchTo(plugin, (await logIn(plugin, scoped.login)).jwt, scoped.account);
  const lists = {
    plugin: { app: plugin, jwt: lister.jwt, route: SCOPED_ROUTES.plugin },
    plain: { app: plugin, jwt: lister.jwt, route: SCOPED_ROUTES.plain },
  };
  for (const target of Object.values(lists)) {
    const { body } = await getOk(target);
    expectAccountsOwn(target, (body.meta as { pagination: { total: number } }).pagination.total);
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
    const data = (await getOk(target)).body.data as Record<string, unknown[]>;
    expectAccountsOwn(target, data[variant === 'plugin' ? 'memos' : 'notes'].length);
  }
  await warmUp(shared);
  const sharedRounds = await roundPairs(shared, SETTINGS.reportedLatencySeconds, logRound);

  return {
    scopedList: {
      documents: scoped.documents,
      perAccount: scoped.perAccount,
      rounds: scopedRounds,
      summary: summarizeRounds(scopedRounds),
    },
    sharedPopulate: { rounds: sharedRounds, summary: summarizeRounds(sharedRounds) },
  };
};
