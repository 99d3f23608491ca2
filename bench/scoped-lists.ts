import type { ScopedListFixture } from './seed';
import { SETTINGS, SCOPED_ROUTES } from './settings';
import { appsCore, bootAgainInPlace, type App } from './processes';
import { getOk, logIn, switchTo } from './http';
import type { Target } from './rounds';
import {
  logRound,
  roundPairs,
  roundsOfBoot,
  summarizeRounds,
  warmUp,
  type RoundPair,
} from './comparison';

/**
 * Account scoping's own cost, in the plugin's process: an account-scoped list against the same
 * list scoped by hand, and a shared type populating either, in turns (two routes of one process
 * share its event loop). Their rounds are spread over the boots as the comparisons between apps
 * are, one round a boot: the process is booted again on its database before each share. All on
 * one boot, their rounds saw one process's luck: the shared populate's interval on SQLite was 11 %
 * wide in the first full run with one round a boot for the comparisons between apps.
 */
export const compareScopedLists = async (
  label: string,
  /** the plugin's app alone: booted again in place, so that the caller stops the live process */
  booted: App[]
) => {
  const [seeder] = booted;
  console.log(`${label}: seeding the scoped-list comparison`);
  const scoped = await seeder.call<ScopedListFixture>({ type: 'seed-scoped-list' });
  console.log(
    `${label}: ${scoped.documents} memos and as many notes in ${(scoped.seedMs / 1000).toFixed(1)} s; ` +
      `GET ${SCOPED_ROUTES.plugin} (scoped) against GET ${SCOPED_ROUTES.plain} (by hand)`
  );
  /** A route of the comparison lists the caller's account's documents, and no others. */
  const expectAccountsOwn = ({ route }: Target, listed: number) => {
    if (listed !== scoped.perAccount)
      throw new Error(`${route}: ${listed} documents, not the account's ${scoped.perAccount}`);
  };
  const tagRoute = (populate: string) => `/api/tags/${scoped.tag}?populate=${populate}`;
  const core = appsCore();

  const scopedRounds: RoundPair[] = [];
  const sharedRounds: RoundPair[] = [];
  for (let boot = 1; boot <= SETTINGS.processPairs; boot++) {
    // the seeding ran in this process: each share of the rounds starts on a fresh boot
    console.log(`${label}: booting the plugin's app again (${boot} of ${SETTINGS.processPairs})`);
    await bootAgainInPlace(booted, core);
    const [plugin] = booted;
    const share = { numbers: roundsOfBoot(boot, SETTINGS.processPairs), boot };
    const lister = await switchTo(plugin, (await logIn(plugin, scoped.login)).jwt, scoped.account);

    const lists = {
      plugin: { app: plugin, jwt: lister.jwt, route: SCOPED_ROUTES.plugin },
      plain: { app: plugin, jwt: lister.jwt, route: SCOPED_ROUTES.plain },
    };
    for (const target of Object.values(lists)) {
      const { body } = await getOk(target);
      expectAccountsOwn(target, (body.meta as { pagination: { total: number } }).pagination.total);
    }
    if (boot === 1) console.log(`${label}: the scoped list, then the shared tag, on each boot`);
    await warmUp(lists);
    scopedRounds.push(...(await roundPairs(lists, SETTINGS.latencySeconds, logRound, share)));

    const shared = {
      plugin: { app: plugin, jwt: lister.jwt, route: tagRoute('memos') },
      plain: { app: plugin, jwt: lister.jwt, route: tagRoute('notes') },
    };
    if (boot === 1) {
      console.log(
        `${label}: GET ${tagRoute('memos')} (a shared tag, scoped populate) against ` +
          `GET ${tagRoute('notes')} (the same populate, scoped by hand)`
      );
    }
    for (const [variant, target] of Object.entries(shared)) {
      const data = (await getOk(target)).body.data as Record<string, unknown[]>;
      expectAccountsOwn(target, data[variant === 'plugin' ? 'memos' : 'notes'].length);
    }
    await warmUp(shared);
    sharedRounds.push(
      ...(await roundPairs(shared, SETTINGS.reportedLatencySeconds, logRound, share))
    );
  }

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
