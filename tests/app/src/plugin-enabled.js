// The app runs with the plugin unless MULTI_ACCOUNT_ENABLED=false: the benchmark's baseline,
// plain users-permissions. config/plugins.js and the invoice API read this one switch.
module.exports = { pluginEnabled: () => process.env.MULTI_ACCOUNT_ENABLED !== 'false' };
