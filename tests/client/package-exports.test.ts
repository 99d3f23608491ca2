import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

// `strapi-plugin-multi-account/client` as a host's code loads it: built by the package's own
// script, resolved through the package's `exports`, from CommonJS and from ES modules.
const ROOT = path.resolve(__dirname, '../..');
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: ROOT }).toString();

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build:client'], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

test('require() loads the CommonJS build', () => {
  expect(
    node([
      '-e',
      "const c = require('strapi-plugin-multi-account/client'); console.log(typeof c.createClient, typeof c.MultiAccountError, typeof c.memoryStore)",
    ]).trim()
  ).toBe('function function function');
});

test('import loads the ES module build', () => {
  expect(
    node([
      '--input-type=module',
      '-e',
      "import * as c from 'strapi-plugin-multi-account/client'; console.log(typeof c.createClient, typeof c.webStorageStore)",
    ]).trim()
  ).toBe('function function');
});

test('the types ship beside the CommonJS build', () => {
  expect(existsSync(path.join(ROOT, 'dist/client/cjs/client/index.d.ts'))).toBe(true);
});
