'use strict';

/**
 * `npm run demo` starts a playground: the app in tests/app with the built plugin and its admin
 * panel, on SQLite in demo/data, the example client area (examples/client-area), a local SMTP
 * server that prints every email, and demo users.
 * `npm run demo -- --reset` deletes demo/data first. Ctrl-C stops everything.
 */
const { spawn } = require('node:child_process');
const { createHash } = require('node:crypto');
const { once } = require('node:events');
const fs = require('node:fs');
const path = require('node:path');
const clientArea = require('./client-area');
const { startMailSink } = require('./demo-mail');
const { ADMIN, LOGINS, PASSWORD, seed } = require('./demo-seed');

const ROOT = path.resolve(__dirname, '..');
const APP_DIR = path.join(ROOT, 'tests', 'app');
// `DEMO_DATA_DIR` elsewhere: the demo's own test, which must leave a developer's demo data alone
const DATA_DIR = path.resolve(process.env.DEMO_DATA_DIR || path.join(ROOT, 'demo', 'data'));
const DB_FILE = path.join(DATA_DIR, 'demo.db');
const SEEDED_FILE = path.join(DATA_DIR, 'seeded.json');
// written into the admin build, which `strapi build` empties: what that build was made from
const ADMIN_STAMP = path.join(APP_DIR, 'build', '.demo-inputs');

const PORT = Number(process.env.PORT || 1337);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const PUBLIC_URL = `http://localhost:${PORT}`;
const CLIENT_AREA_PORT = Number(process.env.CLIENT_AREA_PORT || 3000);
const CLIENT_AREA_URL = `http://localhost:${CLIENT_AREA_PORT}`;
const STARTUP_TIMEOUT_MS = 180_000;

const packageDir = (name) => path.dirname(require.resolve(`${name}/package.json`));
const STRAPI_BIN = path.join(packageDir('@strapi/strapi'), 'bin', 'strapi.js');
const PLUGIN_BUILD_BIN = path.join(packageDir('@strapi/sdk-plugin'), 'bin', 'strapi-plugin.js');

let current = null; // the child process running now: a build, then Strapi
let mailSink = null;
let clientAreaServer = null;
let stopping = false;

const log = (message) => console.log(`[demo] ${message}`);

/** Runs `node <args>` to completion, output to this terminal. */
const runNode = (name, args, options) =>
  new Promise((resolve, reject) => {
    current = spawn(process.execPath, args, { stdio: 'inherit', ...options });
    current.on('error', reject);
    current.on('exit', (code, signal) => {
      current = null;
      if (code === 0) resolve();
      else reject(new Error(`${name} failed (${signal || code})`));
    });
  });

/** Every file under the given paths (files or folders). */
const filesUnder = (paths) =>
  paths.flatMap((p) => {
    if (!fs.existsSync(p)) return [];
    if (!fs.statSync(p).isDirectory()) return [p];
    return filesUnder(fs.readdirSync(p).map((name) => path.join(p, name)));
  });

/** The plugin build is missing, or older than one of the plugin's sources. */
const pluginIsStale = () => {
  const outputs = ['dist/server/index.js', 'dist/admin/index.mjs'].map((f) => path.join(ROOT, f));
  if (!outputs.every((f) => fs.existsSync(f))) return true;
  const builtAt = Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs));
  const sources = filesUnder(['server/src', 'admin/src', 'shared'].map((d) => path.join(ROOT, d)));
  return sources.some((f) => fs.statSync(f).mtimeMs > builtAt);
};

/** A hash of what the app's admin build is made from: the plugin's admin bundle, the app's setup. */
const adminInputs = () => {
  const files = filesUnder([
    path.join(ROOT, 'dist', 'admin'),
    ...[
      'package.json',
      'config/admin.js',
      'config/plugins.js',
      'config/server.js',
      'src/admin',
    ].map((f) => path.join(APP_DIR, f)),
  ]).sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(ROOT, file)).update(fs.readFileSync(file));
  return hash.digest('hex');
};

const appEnv = (smtpPort) => ({
  ...process.env,
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: DB_FILE,
  MULTI_ACCOUNT_PLUGIN_PATH: ROOT,
  PORT: String(PORT),
  LOG_LEVEL: process.env.LOG_LEVEL || 'info',
  // the emailed invitation links open the client area's invitation page
  MULTI_ACCOUNT_CONFIG: JSON.stringify({
    invitationUrl: `${CLIENT_AREA_URL}/invitations/accept`,
    impersonationUrl: `${CLIENT_AREA_URL}/impersonate`,
  }),
  ...(smtpPort ? { SMTP_PORT: String(smtpPort) } : {}),
});

/** Builds the plugin and the app's admin panel, each only when its inputs changed. */
const ensureBuilt = async () => {
  if (pluginIsStale()) {
    log('Building the plugin (strapi-plugin build)...');
    await runNode('strapi-plugin build', [PLUGIN_BUILD_BIN, 'build'], { cwd: ROOT });
  }
  const inputs = adminInputs();
  const built = fs.existsSync(ADMIN_STAMP) && fs.readFileSync(ADMIN_STAMP, 'utf8');
  if (built !== inputs) {
    log('Building the admin panel of tests/app (strapi build, about a minute)...');
    const preload = path.join(__dirname, 'no-parent-tsconfig.js');
    await runNode('strapi build', ['-r', preload, STRAPI_BIN, 'build'], {
      cwd: APP_DIR,
      env: appEnv(),
    });
    fs.writeFileSync(ADMIN_STAMP, inputs);
  }
  if (clientArea.isStale()) {
    log('Building the client area (vite build)...');
    await clientArea.build();
  }
};

const waitUntilReady = async (strapi) => {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (strapi.exitCode !== null || strapi.signalCode !== null) throw new Error('Strapi stopped');
    try {
      if ((await fetch(`${BASE_URL}/_health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Strapi did not answer on ${BASE_URL} within ${STARTUP_TIMEOUT_MS / 1000} s`);
};

const printReady = (smtpPort) => {
  const seeded = fs.existsSync(SEEDED_FILE) ? JSON.parse(fs.readFileSync(SEEDED_FILE, 'utf8')) : {};
  const width = Math.max(...LOGINS.map((l) => l.email.length));
  const lines = [
    '',
    'Multi-account demo is ready',
    `  Admin panel  ${PUBLIC_URL}/admin   (${ADMIN.email} / ${ADMIN.password})`,
    `  Client area  ${CLIENT_AREA_URL}   (the example front end; invitation links open it)`,
    `  Content API  ${PUBLIC_URL}/api     (POST /api/auth/local, /api/multi-account/...)`,
    `  Emails       printed here, from the SMTP server on 127.0.0.1:${smtpPort}`,
    `  Data         ${path.relative(ROOT, DB_FILE)}   (npm run demo -- --reset starts afresh)`,
    '',
    `Demo logins, all with the password ${PASSWORD}:`,
    ...LOGINS.map((l) => `  ${l.email.padEnd(width)}  ${l.about}`),
    ...(seeded.accounts || []).map(
      (a) => `  account "${a.name}": no. ${a.number}, ${a.documentId}`
    ),
    '',
    'Ctrl-C stops the demo.',
    '',
  ];
  console.log(lines.join('\n'));
};

/** Stops Strapi (or a build) and the SMTP server, then exits. */
const shutdown = async (code) => {
  if (stopping) return;
  stopping = true;
  const child = current;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGINT'); // Strapi closes its server and database on SIGINT
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  if (mailSink) await mailSink.close();
  if (clientAreaServer) await clientAreaServer.close();
  process.exit(code);
};

const main = async () => {
  if (process.argv.includes('--reset')) {
    log(`Deleting ${path.relative(ROOT, DATA_DIR)}`);
    fs.rmSync(DATA_DIR, { recursive: true, force: true });
  }
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const isNew = !fs.existsSync(DB_FILE);

  await ensureBuilt();
  if (stopping) return;

  mailSink = await startMailSink();
  log(`Starting Strapi on ${PUBLIC_URL} (${isNew ? 'new' : 'existing'} database)...`);
  const strapi = spawn(process.execPath, [STRAPI_BIN, 'start'], {
    cwd: APP_DIR,
    env: appEnv(mailSink.port),
    stdio: 'inherit',
  });
  current = strapi;
  strapi.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[demo] Strapi exited (${signal || code})`);
    shutdown(code || 1);
  });
  await waitUntilReady(strapi);

  if (isNew) {
    log('Seeding the demo data through the HTTP API...');
    const result = await seed(BASE_URL).catch((error) => {
      throw new Error(
        `Seeding failed: ${error.message}. Run \`npm run demo -- --reset\` to retry.`
      );
    });
    fs.writeFileSync(SEEDED_FILE, JSON.stringify(result, null, 2));
  } else if (!fs.existsSync(SEEDED_FILE)) {
    console.warn('[demo] The demo data was never fully seeded: run `npm run demo -- --reset`.');
  } else {
    log('Using the existing demo data.');
  }
  clientAreaServer = await clientArea.serve({ port: CLIENT_AREA_PORT, strapiUrl: BASE_URL });
  printReady(mailSink.port);
};

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

main().catch((error) => {
  if (stopping) return;
  console.error(`[demo] ${error.message}`);
  shutdown(1);
});
