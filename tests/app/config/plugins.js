const path = require('path');

// MULTI_ACCOUNT_ENABLED=false boots the app without the plugin: the benchmark's baseline.
const { pluginEnabled } = require('../src/plugin-enabled');

module.exports = ({ env }) => ({
  // as create-strapi-app writes it (refresh mode, refresh token in an httpOnly cookie);
  // UP_JWT_MANAGEMENT=legacy-support runs the suites in the older mode, with one long JWT
  'users-permissions': {
    config: {
      jwtSecret: 'test-users-permissions-jwt-secret',
      jwtManagement: env('UP_JWT_MANAGEMENT', 'refresh'),
      // the demo and the browser tests run `strapi start` (production) over plain HTTP on
      // localhost, where a secure cookie could not be sent
      // UP_REFRESH_COOKIE=false answers the refresh token in the body instead, as an app without
      // the cookie does
      sessions: { httpOnly: env.bool('UP_REFRESH_COOKIE', true), cookie: { secure: false } },
      // the suites log in far more often than ten times a minute from one address
      ratelimit: { interval: 60000, max: 1000 },
    },
  },
  graphql: {
    config: { defaultLimit: 25, maxLimit: 100, depthLimit: 10 },
  },
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: '127.0.0.1',
        port: env.int('SMTP_PORT', 2525),
        secure: false,
        ignoreTLS: true,
      },
      settings: { defaultFrom: 'no-reply@example.com', defaultReplyTo: 'no-reply@example.com' },
    },
  },
  'multi-account': {
    enabled: pluginEnabled(),
    resolve: env('MULTI_ACCOUNT_PLUGIN_PATH', path.join(__dirname, '../src/plugins/multi-account')),
    config: {
      permissions: [{ key: 'reports', label: 'Reports' }],
      invitationUrl: 'http://localhost:3000/invitations/accept',
      // MULTI_ACCOUNT_CONFIG lets a test boot the app with other plugin settings (JSON); read at
      // each boot, since this file is loaded once per process
      ...JSON.parse(env('MULTI_ACCOUNT_CONFIG', '{}')),
    },
  },
});
