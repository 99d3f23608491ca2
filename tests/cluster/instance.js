'use strict';

/**
 * One instance of the cluster the tests in this folder start: boots the test app (the plugin
 * from source; its strapi-server.js registers esbuild-register outside jest), listens on an
 * ephemeral port of 127.0.0.1 and tells its parent the port over the IPC channel. Database, SMTP
 * port and plugin config come from the environment, as for the in-process tests.
 * SIGTERM stops it (createStrapi installs the handler that destroys Strapi and exits), and so
 * does the parent going away.
 */
const path = require('node:path');

const APP_DIR = path.resolve(__dirname, '../app');

process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));

const main = async () => {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({
    appDir: APP_DIR,
    distDir: APP_DIR,
    serveAdminPanel: false,
  }).load();
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
  process.exit(1);
});
