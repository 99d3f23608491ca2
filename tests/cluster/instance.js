'use strict';

/**
 * One instance of the cluster the tests in this folder start: boots the test app (the plugin
 * from source; its strapi-server.js registers esbuild-register outside jest), listens on an
 * ephemeral port of 127.0.0.1 and tells its parent the port over the IPC channel. Database, SMTP
 * port and plugin config come from the environment, as for the in-process tests.
 * SIGTERM, or the parent going away, stops it.
 */
const path = require('node:path');

const APP_DIR = path.resolve(__dirname, '../app');

let strapi = null;
let stopping = false;

const stop = async (code) => {
  if (stopping) return;
  stopping = true;
  // a stuck shutdown must not keep the process (and the database schema) around
  setTimeout(() => process.exit(code), 5000).unref();
  try {
    await strapi?.destroy();
  } catch (error) {
    console.error(error);
  }
  process.exit(code);
};

process.once('SIGTERM', () => stop(0));
process.once('SIGINT', () => stop(0));
process.once('disconnect', () => stop(0));

const main = async () => {
  const { createStrapi } = require('@strapi/strapi');
  strapi = await createStrapi({ appDir: APP_DIR, distDir: APP_DIR, serveAdminPanel: false }).load();
  strapi.server.mount();
  const server = strapi.server.httpServer;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  process.send?.({ type: 'listening', port: server.address().port });
};

main().catch((error) => {
  console.error(error);
  stop(1);
});
