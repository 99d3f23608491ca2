module.exports = ({ env }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  app: { keys: ['test-key-one', 'test-key-two'] },
  logger: { updates: { enabled: false }, startup: { enabled: false } },
});
