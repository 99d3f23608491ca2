import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configureApp } from './configure';
import { run } from './run';

const ROOT = path.resolve(__dirname, '../..');
const STRAPI_VERSION = '5.54.0';
const SCAFFOLD_ARGS = [
  '-y',
  `create-strapi-app@${STRAPI_VERSION}`,
  'app',
  '--no-run',
  '--skip-cloud',
  '--no-example',
  '--typescript',
  '--use-npm',
  '--dbclient=sqlite',
  '--dbfile=.tmp/data.db',
  '--no-git-init',
  '--install',
  '--non-interactive',
];

const step = async (name: string, action: () => Promise<void> | void) => {
  const started = Date.now();
  console.log(`[fresh-app] ${name}...`);
  await action();
  console.log(`[fresh-app] ${name}: ${Math.round((Date.now() - started) / 1000)} s`);
};

/**
 * create-strapi-app into `dir/app`. FRESH_APP_CACHE=<dir> keeps a pristine copy there and reuses
 * it on later local runs; CI leaves it unset and scaffolds for real.
 */
const scaffold = async (dir: string, logFile: string) => {
  const appDir = path.join(dir, 'app');
  const cache = process.env.FRESH_APP_CACHE && path.resolve(process.env.FRESH_APP_CACHE, 'app');
  if (cache && existsSync(path.join(cache, 'package.json'))) {
    cpSync(cache, appDir, { recursive: true, verbatimSymlinks: true });
    return appDir;
  }
  await run('npx', SCAFFOLD_ARGS, {
    cwd: dir,
    logFile,
    env: { STRAPI_TELEMETRY_DISABLED: 'true' },
  });
  if (cache) cpSync(appDir, cache, { recursive: true, verbatimSymlinks: true });
  return appDir;
};

const prepare = async (dir: string) => {
  const logs = path.join(dir, 'logs');
  const packDir = path.join(dir, 'pack');
  mkdirSync(logs);
  mkdirSync(packDir);

  let appDir = '';
  let tarball = '';
  await step('plugin build and pack', async () => {
    const logFile = path.join(logs, 'plugin.log');
    await run('npm', ['run', 'build'], { cwd: ROOT, logFile });
    await run('npm', ['pack', '--pack-destination', packDir], { cwd: ROOT, logFile });
    const packed = readdirSync(packDir).filter((name) => name.endsWith('.tgz'));
    if (packed.length !== 1) throw new Error(`npm pack left ${packed.join(', ') || 'nothing'}`);
    tarball = path.join(packDir, packed[0]);
  });
  await step('create-strapi-app', async () => {
    appDir = await scaffold(dir, path.join(logs, 'scaffold.log'));
  });
  await step('npm install of the packed plugin', () =>
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        tarball,
        `@strapi/provider-email-nodemailer@${STRAPI_VERSION}`,
        // a GraphQL front end's app: the plugin's operations come with it
        `@strapi/plugin-graphql@${STRAPI_VERSION}`,
      ],
      { cwd: appDir, logFile: path.join(logs, 'install.log') }
    )
  );
  configureApp(appDir);
  await step('app build', () =>
    run('npm', ['run', 'build'], { cwd: appDir, logFile: path.join(logs, 'app-build.log') })
  );
  return appDir;
};

/**
 * Builds and packs the plugin, scaffolds a new app with create-strapi-app from the npm registry,
 * installs the packed plugin into it, configures it as the README says and builds it. The test
 * file starts it. Everything lives in a folder under the OS's temp dir (FRESH_APP_ROOT), which
 * the teardown removes unless KEEP_FRESH_APP=1; the command logs are in its `logs` folder.
 */
export default async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'multi-account-fresh-app-'));
  process.env.FRESH_APP_ROOT = dir;
  console.log(`\n[fresh-app] working in ${dir}`);
  try {
    process.env.FRESH_APP_DIR = await prepare(dir);
  } catch (error) {
    // jest skips the teardown when the setup fails
    if (process.env.KEEP_FRESH_APP !== '1') rmSync(dir, { recursive: true, force: true });
    throw error;
  }
};
