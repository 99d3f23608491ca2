module.exports = ({ env }) => ({
  auth: { secret: 'test-admin-jwt-secret' },
  apiToken: { salt: 'test-api-token-salt' },
  transfer: { token: { salt: 'test-transfer-token-salt' } },
  secrets: { encryptionKey: 'test-encryption-key-32-characters!!' },
  flags: { nps: false, promoteEE: false },
  // Strapi's default (5 logins of one email per 5 minutes), unless the browser tests, whose
  // files each log the same admin in, raise it
  rateLimit: { max: env.int('ADMIN_LOGIN_RATE_LIMIT', 5) },
});
