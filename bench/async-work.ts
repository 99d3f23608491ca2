import { getOk } from './http';
import type { Target, Targets } from './rounds';
import { round } from './stats';

/**
 * The async work a route makes each app do: the promises its process creates per request, over
 * `REQUESTS` requests sent one at a time. A count, which the machine's speed does not move: where
 * the ratios of a route differ by a percent or two, it says whether the processes do different
 * work. Strapi's request context runs on Node's AsyncLocalStorage, which has Node track every
 * promise, so each costs more than it would elsewhere.
 */
const REQUESTS = 200;

const promisesPerRequest = async (target: Target) => {
  await target.app.call({ type: 'promises-start' });
  for (let i = 0; i < REQUESTS; i++) await getOk(target);
  return round((await target.app.call<number>({ type: 'promises-stop' })) / REQUESTS, 1);
};

export type AsyncWork = { plugin: number; plain: number; control: number; added: number };

/** Each app's promises per request on the targets' route, and what the plugin's app adds. */
export const asyncWorkOf = async (targets: Required<Targets>): Promise<AsyncWork> => {
  const plugin = await promisesPerRequest(targets.plugin);
  const plain = await promisesPerRequest(targets.plain);
  const control = await promisesPerRequest(targets.control);
  return { plugin, plain, control, added: round(plugin - plain, 1) };
};
