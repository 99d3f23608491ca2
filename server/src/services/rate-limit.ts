import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { PluginConfig } from '../config';
import { pluginConfig } from '../utils';
import { messageOf } from '../utils/errors';

/** One counter hit: how many hits the key has in its window, and when that window ends. */
type Hit = { count: number; resetInMs: number };

type Store = {
  hit(key: string, windowMs: number): Promise<Hit>;
  ready(): Promise<void>;
  close(): Promise<void>;
};

type RedisClient = {
  eval(script: string, keys: number, ...args: (string | number)[]): Promise<[number, number]>;
  ping(): Promise<unknown>;
  on(event: 'error' | 'ready', listener: (error?: Error) => void): void;
  disconnect(): void;
  quit(): Promise<unknown>;
  status: string;
};

const memoryStore = (): Store => {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
      }
      const current = windows.get(key);
      const window =
        current && current.resetAt > now ? current : { count: 0, resetAt: now + windowMs };
      window.count += 1;
      windows.set(key, window);
      return { count: window.count, resetInMs: window.resetAt - now };
    },
    async ready() {},
    async close() {
      windows.clear();
    },
  };
};

// counts and starts the window in one round trip, atomically for every instance
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }`;

const redisStore = (url: string, prefix: string, log: Core.Strapi['log']): Store => {
  // ioredis is an optional peer dependency, loaded only by apps that choose this store
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Redis = require('ioredis') as new (url: string, options: object) => RedisClient;
  // no offline queue: while Redis is away a hit fails at once instead of waiting for a reconnect.
  // disconnectTimeout 0: a client closed while Redis is away holds a socket that is already
  // closed, and ioredis would otherwise wait 2 s for it to close, keeping the process alive
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    disconnectTimeout: 0,
  });
  let reported = false;
  client.on('error', (error) => {
    if (!reported) log.warn(`multi-account: Redis rate-limit store: ${error?.message}`);
    reported = true;
  });
  client.on('ready', () => {
    reported = false;
  });
  return {
    async hit(key, windowMs) {
      const [count, ttl] = await client.eval(HIT_SCRIPT, 1, `${prefix}${key}`, windowMs);
      return { count, resetInMs: ttl > 0 ? ttl : windowMs };
    },
    async ready() {
      if (client.status === 'ready') return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3000);
        client.on('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async close() {
      if (client.status === 'ready') await client.quit();
      else client.disconnect();
    },
  };
};

/**
 * Fixed-window counters, in this process's memory by default or in Redis (`rateLimits.store`)
 * so that several instances share them. Keys are built only from values the server trusts.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let store: Store | null = null;

  const getStore = () => {
    if (!store) {
      const config = pluginConfig<PluginConfig['rateLimits']>('rateLimits').store;
      store =
        config?.type === 'redis'
          ? redisStore(config.url, config.prefix ?? 'multi-account:', strapi.log)
          : memoryStore();
    }
    return store;
  };

  return {
    /** Connects the store at boot, so the first requests are counted too. */
    async init() {
      await getStore().ready();
    },

    /** Counts one hit on every key; a 429 carrying `retryAfter` seconds when any is past its limit. */
    async consume(keys: { key: string; limit: number }[], windowSeconds: number) {
      let hits: Hit[];
      try {
        hits = await Promise.all(keys.map(({ key }) => getStore().hit(key, windowSeconds * 1000)));
      } catch (error) {
        // an unreachable store must not take the routes down with it
        strapi.log.warn(`multi-account: rate-limit store unavailable: ${messageOf(error)}`);
        return;
      }
      const exceeded = hits.filter((hit, i) => hit.count > keys[i].limit);
      if (exceeded.length > 0) {
        const retryAfter = Math.max(
          1,
          Math.ceil(Math.max(...exceeded.map((h) => h.resetInMs)) / 1000)
        );
        throw new errors.RateLimitError('Too many requests, try again later', { retryAfter });
      }
    },

    async close() {
      await store?.close();
      store = null;
    },
  };
};
