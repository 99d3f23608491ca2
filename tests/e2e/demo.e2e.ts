import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ADMIN, PASSWORD } from '../../scripts/demo-seed';
import { freePort, pollUntil } from '../helpers/processes';
import { expectVisible, launch, logIn, screenshot } from './support/browser';

/**
 * `npm run demo`, as the README's first lines say to run it, on a data folder and ports of its
 * own: the admin panel, the client area and the demo logins it prints, Ctrl-C, and a second start
 * on the data the first left.
 */
const ROOT = path.resolve(__dirname, '../..');
const DATA_DIR = path.join(ROOT, '.tmp', `demo-${process.pid}`);
const READY = 'Multi-account demo is ready';
const STARTUP_MS = 6 * 60_000;

type Demo = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

let ports: { strapi: number; clientArea: number };
let browser: Browser;
let demo: Demo | undefined;

const startDemo = async (): Promise<Demo> => {
  const child = spawn('npm', ['run', 'demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DEMO_DATA_DIR: DATA_DIR,
      PORT: String(ports.strapi),
      CLIENT_AREA_PORT: String(ports.clientArea),
    },
    // its own process group, which Ctrl-C signals as a whole, as a terminal does
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const started = { child, output: () => output, exited };
  let stopped = false;
  void exited.then(() => (stopped = true));
  await pollUntil(
    async () => output.includes(READY) || stopped,
    (done) => done,
    { timeoutMs: STARTUP_MS, intervalMs: 500 }
  );
  if (!output.includes(READY)) {
    throw new Error(`npm run demo did not get ready:\n${output.slice(-3000)}`);
  }
  return started;
};

const groupIsRunning = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Ctrl-C: SIGINT to the demo's whole process group; answers whether every process of it ended. */
const stopDemo = async ({ child, exited }: Demo) => {
  const pid = child.pid;
  if (pid === undefined) throw new Error('npm run demo has no process to stop');
  process.kill(-pid, 'SIGINT');
  await exited;
  const running = await pollUntil(
    async () => groupIsRunning(pid),
    (still) => !still,
    { timeoutMs: 30_000, intervalMs: 200 }
  );
  return !running;
};

const strapiUrl = () => `http://localhost:${ports.strapi}`;
const answers = (url: string) =>
  fetch(url).then(
    () => true,
    () => false
  );

beforeAll(async () => {
  rmSync(DATA_DIR, { recursive: true, force: true });
  ports = { strapi: await freePort(), clientArea: await freePort() };
  browser = await launch();
});

afterAll(async () => {
  if (demo && demo.child.exitCode === null && demo.child.signalCode === null) {
    await stopDemo(demo);
  }
  await browser?.close();
  rmSync(DATA_DIR, { recursive: true, force: true });
});

test(
  'npm run demo starts the admin panel, the client area and the demo data it prints, on SQLite in its data folder',
  async () => {
    demo = await startDemo();
    const output = demo.output();
    expect(output).toContain(
      `Admin panel  ${strapiUrl()}/admin   (${ADMIN.email} / ${ADMIN.password})`
    );
    expect(output).toContain(`Client area  http://localhost:${ports.clientArea}`);
    // the invitations the seed sent, through the demo's SMTP server
    expect(output).toContain('[mail] to invitee@example.com: You are invited to act for Acme Corp');
    expect(existsSync(path.join(DATA_DIR, 'demo.db'))).toBe(true);

    const admin = await logIn(browser, ADMIN, strapiUrl());
    await admin.goto(`${strapiUrl()}/admin/plugins/multi-account`);
    for (const name of ['Acme Corp', 'Globex']) {
      await expectVisible(admin.getByRole('gridcell', { name, exact: true }));
    }
    await admin.close();

    // the guest of Acme Corp, who owns Globex: the client area's chooser offers both
    const guest = await browser.newPage();
    guest.setDefaultTimeout(20_000);
    await guest.goto(`http://localhost:${ports.clientArea}/sign-in`);
    await guest.getByLabel('Email or username').fill('guest@example.com');
    await guest.getByLabel('Password').fill(PASSWORD);
    await guest.getByRole('button', { name: 'Sign in' }).click();
    await expectVisible(guest.getByRole('heading', { name: 'Choose an account' }));
    const choices = guest.locator('ul.chooser button');
    for (const name of ['Acme Corp', 'Globex']) {
      await expectVisible(choices.filter({ hasText: name }));
    }
    expect(await choices.count()).toBe(2);
    await screenshot(guest, 'demo-chooser');
    await guest.close();
    // a first start builds what it serves: the plugin, the app's admin panel, the client area
  },
  STARTUP_MS + 2 * 60_000
);

test('Ctrl-C stops the demo, and the next start keeps its data', async () => {
  if (!demo) throw new Error('the demo did not start');
  expect(await stopDemo(demo)).toBe(true);
  expect(demo.output()).toContain('Strapi has been shut down');
  expect(await answers(`${strapiUrl()}/_health`)).toBe(false);
  expect(await answers(`http://localhost:${ports.clientArea}`)).toBe(false);

  demo = await startDemo();
  expect(demo.output()).toContain('Using the existing demo data.');
  const login = await fetch(`${strapiUrl()}/api/auth/local`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ identifier: 'owner@example.com', password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  expect(await stopDemo(demo)).toBe(true);
});
