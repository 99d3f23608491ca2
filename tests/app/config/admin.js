module.exports = () => ({
  auth: { secret: 'test-admin-jwt-secret' },
  apiToken: { salt: 'test-api-token-salt' },
  transfer: { token: { salt: 'test-transfer-token-salt' } },
  secrets: { encryptionKey: 'test-encryption-key-32-characters!!' },
  flags: { nps: false, promoteEE: false },
});
