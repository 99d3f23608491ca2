import { winston } from '@strapi/logger';
import { bootTestApp, type TestApp } from '../../helpers/strapi';

// Without users-permissions' email confirmation nobody proves an address, so the plugin warns at
// boot that invitations can be taken by whoever signs up first with an invited address.
const WARNING = /email confirmation is off.*acceptInvitationsByTokenOnly/s;

/** Everything Strapi's logger writes while `boot` runs. */
const logged = async (boot: () => Promise<TestApp>) => {
  const lines: string[] = [];
  const spy = jest
    .spyOn(winston.transports.Console.prototype, 'log')
    .mockImplementation((...args: unknown[]) => {
      const [info, next] = args as [{ message?: unknown }, (() => void) | undefined];
      lines.push(String(info.message));
      next?.();
    });
  let app: TestApp | undefined;
  try {
    app = await boot();
    // proves the capture was in place for this app's logger
    app.strapi.log.warn('capture probe');
  } finally {
    spy.mockRestore();
  }
  expect(lines).toContain('capture probe');
  return { app, text: lines.join('\n') };
};

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('warns while email confirmation is off', async () => {
  const booted = await logged(() => bootTestApp());
  app = booted.app;
  expect(booted.text).toMatch(WARNING);
});

test('does not warn when invitations are accepted only through the emailed link', async () => {
  const booted = await logged(() => bootTestApp({ acceptInvitationsByTokenOnly: true }));
  app = booted.app;
  expect(booted.text).not.toMatch(WARNING);
});

test('does not warn once email confirmation is on', async () => {
  const first = await bootTestApp();
  const store = first.strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  await store.set({ value: { ...((await store.get()) as object), email_confirmation: true } });
  const booted = await logged(() => first.restart());
  app = booted.app;
  expect(booted.text).not.toMatch(WARNING);
});
