'use strict';

/**
 * Preloaded (`node -r`) into `strapi build` run in tests/app.
 *
 * tests/app is a plain JavaScript app, but the Strapi CLI looks for a tsconfig.json with
 * TypeScript's lookup, which walks up the folders and finds the plugin's own tsconfig.json at the
 * repository root. `strapi build` then takes the app for a TypeScript one, fails to compile it
 * (no tsconfig.json inside the app) and exits with code 1 after printing only "Compiling TS".
 * This hides every tsconfig.json outside the app folder from that lookup.
 */
const path = require('node:path');

const appDir = process.cwd();
const strapiDir = path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [appDir] }));
// the very module instance the Strapi CLI uses
const ts = require(require.resolve('typescript', { paths: [strapiDir] }));

const outsideApp = (file) => path.relative(appDir, path.resolve(file)).startsWith('..');

const fileExists = ts.sys.fileExists;
ts.sys.fileExists = (file) =>
  path.basename(file) === 'tsconfig.json' && outsideApp(file) ? false : fileExists(file);
