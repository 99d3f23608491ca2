#!/usr/bin/env node
/**
 * The mutation check (`npm run test:mutants`): removes one rule at a time from the server code
 * and runs the tests that should catch it, on SQLite. A rule whose removal leaves every test
 * green (a survivor) is a rule no test proves. Each mutant is a guard turned off (`if (cond)
 * throw …` becomes `if (false) throw …`) or a line of the list below changed; the file is
 * restored after each run, and on Ctrl-C.
 *
 *   npm run test:mutants                      every mutant
 *   npm run test:mutants -- scoped-content    only the mutants whose file:line contains it
 *   npm run test:mutants -- a.ts:12 b.ts      several such filters: the mutants matching any
 *   npm run test:mutants -- --list            list them, run nothing
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIRECTORIES = ['server/src/services', 'server/src/scoped-content', 'server/src/store'];

const API = (...names) => names.map((name) => `tests/api/${name}.test.ts`);

/** The test files that prove the rules of each source file (by the start of its path). */
const SUITES = [
  [
    'server/src/services/contacts',
    [...API('contacts', 'rules-proven', 'contact-registration', 'contact-registration-config')],
  ],
  ['server/src/services/invitations', [...API('invitations', 'invitation-rules', 'rules-proven')]],
  ['server/src/services/invitee', [...API('invitations', 'invitation-rules', 'rules-proven')]],
  ['server/src/services/permissions', [...API('contacts', 'rules-proven', 'login-and-switch')]],
  ['server/src/services/memberships', [...API('last-owner', 'login-and-switch', 'contacts')]],
  ['server/src/services/session', [...API('sessions', 'login-and-switch')]],
  ['server/src/services/accounts', [...API('login-and-switch'), 'tests/admin/accounts.test.ts']],
  [
    'server/src/services/admin-',
    ['tests/admin/accounts.test.ts', 'tests/admin/access-list.test.ts'],
  ],
  ['server/src/services', [...API('contacts', 'invitations', 'rules-proven', 'last-owner')]],
  [
    'server/src/scoped-content',
    [
      ...API('scoped-content', 'scoped-content-by-data', 'scoped-content-locales'),
      ...API('scoped-content-api-tokens', 'scoped-options'),
      'tests/admin/scoped-content-manager.test.ts',
    ],
  ],
  [
    'server/src/store',
    [...API('contacts', 'invitations', 'transactions', 'last-owner', 'sessions')],
  ],
];

/** Rules that are not a guard on one line: each line changed as written. */
const LISTED = [
  {
    file: 'server/src/scoped-content/reads.ts',
    find: 'if (graph.isScoped(target)) options.where = and(options.where, inScope);',
    replace: '',
    rule: 'populate of a scoped type is held to the account',
  },
  {
    file: 'server/src/scoped-content/reads.ts',
    find: 'if (options.populate !== undefined) options.populate = populate(options.populate, target, path);',
    replace: '',
    rule: 'nested populate is held to the account',
  },
  {
    file: 'server/src/scoped-content/reads.ts',
    find: 'if (nested) return [[key, and(where(entry, target, at), inScope)]];',
    replace: 'if (nested) return [[key, where(entry, target, at)]];',
    rule: 'a filter through a relation matches the account only',
  },
  {
    file: 'server/src/scoped-content/ordering.ts',
    find: 'query!.whereIn(',
    replace: 'query!.whereNotNull(',
    rule: "a sort or $null through a relation keeps to the account's documents",
  },
  {
    file: 'server/src/scoped-content/database.ts',
    find: 'params.where = { id: { $in: order } };',
    replace: '',
    rule: "a page is cut from the account's order",
  },
  {
    file: 'server/src/scoped-content/reads.ts',
    find: 'populatedSorts.push({ path, target, keys, limit, offset });',
    replace: '',
    rule: "a populated list sorts by the account's documents",
  },
  {
    file: 'server/src/scoped-content/reads.ts',
    find: 'onLists.push(onList(uid, key, test.none));',
    replace: 'return [[key, entry]];',
    rule: '$null on a list counts hidden documents as none',
  },
  {
    file: 'server/src/scoped-content/writes.ts',
    find: '.filter((item) => seen.has(idOf(item)!))',
    replace: '',
    rule: 'disconnect of a hidden document changes nothing',
  },
  {
    file: 'server/src/scoped-content/writes.ts',
    find: 'if (hidden.length) result.set = [...listOf(operations.set), ...hidden];',
    replace: '',
    rule: 'replacing a list keeps hidden links',
  },
  {
    file: 'server/src/scoped-content/writes.ts',
    find: 'data[name] = await polymorphic(value);',
    replace: '',
    rule: "an upload cannot link another account's document",
  },
  {
    file: 'server/src/scoped-content/middleware.ts',
    find: '? required?.read : required?.write',
    replace: '? required?.read : required?.read',
    rule: 'write keys guard writes',
  },
  {
    file: 'server/src/scoped-content/admin-writes.ts',
    find: '.updateMany({ where: { documentId }, data: { [ACCOUNT_ATTRIBUTE]: to.id } });',
    replace: '.updateMany({ where: { id: -1 }, data: { [ACCOUNT_ATTRIBUTE]: to.id } });',
    rule: 'a move takes every version and locale',
  },
];

/** Mutants that change nothing a user can see, with the reason: not counted as survivors. */
const EQUIVALENT = [
  {
    file: 'server/src/scoped-content/model-graph.ts',
    match: 'RELATIONS.includes',
    reason:
      'a relation kind Strapi 5.54 does not have: the guard stops the boot on a future Strapi that adds one',
  },
];
const equivalence = (mutant) =>
  EQUIVALENT.find((e) => e.file === mutant.file && mutant.find.includes(e.match))?.reason;

const guardMutants = (file) => {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  return lines.flatMap((line, index) => {
    // `if (cond) throw …;`, or `if (cond) {` whose block starts by throwing
    const inline = line.match(/^(\s*)if \((.+)\) throw (.+)$/);
    const block = line.match(/^(\s*)if \((.+)\) \{$/);
    const thrown = block && lines[index + 1]?.trim().match(/^throw (.+)$/);
    if (!inline && !thrown) return [];
    const [, indent, condition, error] = inline ?? [...block, thrown[1]];
    return [
      {
        file,
        line: index + 1,
        find: line,
        replace: inline ? `${indent}if (false) throw ${error}` : `${indent}if (false) {`,
        rule: `${error.replace(/;$/, '')} when ${condition}`,
      },
    ];
  });
};

const listed = () =>
  LISTED.map((mutant) => {
    const lines = fs.readFileSync(path.join(ROOT, mutant.file), 'utf8').split('\n');
    const index = lines.findIndex((line) => line.includes(mutant.find));
    if (index < 0) throw new Error(`mutant not found in ${mutant.file}: ${mutant.find}`);
    return { ...mutant, line: index + 1 };
  });

const filesOf = (directory) =>
  fs
    .readdirSync(path.join(ROOT, directory))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `${directory}/${name}`);

const suiteOf = (file) => SUITES.find(([prefix]) => file.startsWith(prefix))[1];

let restore = null;
const interrupted = () => {
  if (restore) restore();
  process.exit(130);
};
process.on('SIGINT', interrupted);
process.on('SIGTERM', interrupted);

const run = (mutant) => {
  const absolute = path.join(ROOT, mutant.file);
  const original = fs.readFileSync(absolute, 'utf8');
  const mutated = original.replace(mutant.find, mutant.replace);
  if (mutated === original)
    throw new Error(`mutant changes nothing: ${mutant.file}:${mutant.line}`);
  restore = () => fs.writeFileSync(absolute, original);
  fs.writeFileSync(absolute, mutated);
  try {
    const result = spawnSync(
      'npx',
      ['jest', '--bail', '--silent', '--maxWorkers=2', ...suiteOf(mutant.file)],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DB: 'sqlite' } }
    );
    return result.status !== 0;
  } finally {
    restore();
    restore = null;
  }
};

const main = () => {
  const list = process.argv.includes('--list');
  const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const mutants = [...DIRECTORIES.flatMap(filesOf).flatMap(guardMutants), ...listed()].filter(
    (m) => !filters.length || filters.some((filter) => `${m.file}:${m.line}`.includes(filter))
  );
  if (list) {
    for (const m of mutants) console.log(`${m.file}:${m.line} ${m.rule}`);
    return;
  }
  try {
    execFileSync('git', ['diff', '--quiet', '--', ...DIRECTORIES], { cwd: ROOT });
  } catch {
    throw new Error(`commit or stash the changes under ${DIRECTORIES.join(', ')} first`);
  }
  console.log(`${mutants.length} mutants; each runs the tests of its folder on SQLite\n`);
  const survivors = [];
  let killed = 0;
  for (const [i, mutant] of mutants.entries()) {
    const where = `${mutant.file}:${mutant.line}`;
    const caught = run(mutant);
    if (caught) killed++;
    else survivors.push({ where, rule: mutant.rule, equivalent: equivalence(mutant) });
    console.log(
      `${String(i + 1).padStart(3)} ${caught ? 'killed  ' : 'SURVIVED'} ${where} ${mutant.rule}`
    );
  }
  const equivalent = survivors.filter((s) => s.equivalent);
  const counted = mutants.length - equivalent.length;
  console.log(
    `\nscore: ${killed} killed of ${counted} (${((killed / counted) * 100).toFixed(1)}%)`
  );
  for (const s of equivalent) console.log(`equivalent: ${s.where}: ${s.equivalent}`);
  const left = survivors.filter((s) => !s.equivalent);
  for (const s of left) console.log(`survivor: ${s.where} ${s.rule}`);
  process.exit(left.length ? 1 : 0);
};

main();
