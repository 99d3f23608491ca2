// Preloaded by each benchmarked app: it compiles the benchmark's own TypeScript and nothing else,
// so that the test app's JavaScript and the plugin's published bundle load as a host app loads
// them under `strapi start`, with no compiler and no source maps. With esbuild-register's defaults
// (every .js outside node_modules, source maps on), the plugin's bundle was compiled again with an
// inline source map, 1.3 MB of heap in the plugin's process alone, and Node parsed and kept the
// source map of every module it loaded, 16 MB in each process.
const { register } = require('esbuild-register/dist/node');

register({ extensions: ['.ts'] });
process.setSourceMapsEnabled(false);
