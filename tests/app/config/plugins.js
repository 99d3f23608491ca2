const path = require('path');

// MULTI_ACCOUNT_ENABLED=false boots the app without the plugin: the benchmark's baseline.
const { pluginEnabled } = require('../src/plugin-enabled');

module.exports = ({ env }) => ({
  'users-permissions': {
    config: { jwtSecret: 'test-users-permissions-jwt-secret' },
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
