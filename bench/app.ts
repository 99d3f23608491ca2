/**
 * One benchmarked Strapi process: boots the test app (with or without the plugin, as
 * MULTI_ACCOUNT_ENABLED says), listens on an ephemeral port of 127.0.0.1 and answers the
 * orchestrator's seeding requests over the IPC channel. Started by bench/run.ts, never alone.
 */
import { createHook } from 'node:async_hooks';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import {
  seedBase,
  seedLarge,
  seedScopedList,
  type BaseFixture,
  type LargeFixture,
  type ScopedListFixture,
} from './seed';

export type Request =
  | { id: number; type: 'seed-base'; documentId: string }
  | { id: number; type: 'seed-large' }
  | { id: number; type: 'seed-scoped-list' }
  | { id: number; type: 'cpu' }
  | { id: number; type: 'collect-garbage' }
  | { id: number; type: 'promises-start' }
  | { id: number; type: 'promises-stop' }
  | { id: number; type: 'profile-start' }
  | { id: number; type: 'profile-stop'; file: string }
  | { id: number; type: 'stop' };

export type Reply =
  | { type: 'ready'; port: number; bootMs: number }
  | {
      type: 'result';
      id: number;
      result: BaseFixture | LargeFixture | ScopedListFixture | number | null;
    }
  | { type: 'error'; id: number; message: string };

const APP_DIR = path.resolve(__dirname, '../tests/app');

const send = (reply: Reply) => process.send?.(reply);

const main = async () => {
  const started = performance.now();
  const strapi = (await createStrapi({ appDir: APP_DIR, distDir: APP_DIR }).load()) as Core.Strapi;
  strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const enabled = Boolean(strapi.plugin('multi-account'));
  const profiler = new Session();
  // the promises this process creates between a start and a stop: the async work of the requests
  // it serves meanwhile, counted rather than timed (the hook slows every promise while it is on)
  let promises = 0;
  const promiseCounter = createHook({
    init: (_id, type) => {
      if (type === 'PROMISE') promises += 1;
    },
  });
  process.on('message', async (message: Request) => {
    try {
      if (message.type === 'cpu') {
        // CPU time this process has used so far, in ms: the server's cost of a round
        const { user, system } = process.cpuUsage();
        send({ type: 'result', id: message.id, result: (user + system) / 1000 });
        return;
      }
      if (message.type === 'collect-garbage') {
        // what seeding left behind is collected before a round, not in the middle of one
        global.gc?.();
        send({ type: 'result', id: message.id, result: null });
        return;
      }
      if (message.type === 'promises-start' || message.type === 'promises-stop') {
        if (message.type === 'promises-start') {
          promises = 0;
          promiseCounter.enable();
        } else promiseCounter.disable();
        send({ type: 'result', id: message.id, result: promises });
        return;
      }
      if (message.type === 'profile-start' || message.type === 'profile-stop') {
        // a V8 CPU profile of the rounds alone, without the boot and the seeding around them
        if (message.type === 'profile-start') {
          profiler.connect();
          await profiler.post('Profiler.enable');
          await profiler.post('Profiler.start');
        } else {
          const { profile } = await profiler.post('Profiler.stop');
          mkdirSync(path.dirname(message.file), { recursive: true });
          writeFileSync(message.file, JSON.stringify(profile));
          profiler.disconnect();
        }
        send({ type: 'result', id: message.id, result: null });
        return;
      }
      if (message.type === 'stop') {
        await strapi.destroy();
        send({ type: 'result', id: message.id, result: null });
        process.disconnect();
        return;
      }
      const result =
        message.type === 'seed-base'
          ? await seedBase(strapi, { enabled, documentId: message.documentId })
          : message.type === 'seed-large'
            ? await seedLarge(strapi)
            : await seedScopedList(strapi);
      send({ type: 'result', id: message.id, result });
    } catch (error) {
      send({ type: 'error', id: message.id, message: (error as Error).stack ?? String(error) });
    }
  });
  send({ type: 'ready', port, bootMs: performance.now() - started });
};

// the orchestrator going away takes this process with it
process.on('disconnect', () => process.exit(0));

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
