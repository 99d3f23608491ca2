// Under jest the TypeScript is compiled by its transform; elsewhere by esbuild-register.
if (!process.env.JEST_WORKER_ID) require('esbuild-register/dist/node').register();

module.exports = require('../../../../../server/src').default;
