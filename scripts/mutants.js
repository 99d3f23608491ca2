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
    [
      ...API('members/contacts', 'members/rules-proven', 'members/contact-registration'),
      ...API('members/contact-registration-config', 'members/owners'),
      'tests/admin/account-status.test.ts',
    ],
  ],
  [
    'server/src/services/invitations',
    [...API('members/invitations', 'members/invitation-rules', 'members/rules-proven')],
  ],
  [
    'server/src/services/invitee',
    [
      ...API('members/invitations', 'members/invitation-rules', 'members/rules-proven'),
      ...API('members/invitation-config'),
    ],
  ],
  [
    'server/src/services/permissions',
    [...API('members/contacts', 'members/rules-proven', 'accounts/login-and-switch')],
  ],
  [
    'server/src/services/memberships',
    [
      ...API('accounts/last-owner', 'accounts/login-and-switch', 'members/contacts'),
      ...API('members/owners', 'accounts/ownership-transfers'),
    ],
  ],
  ['server/src/services/login', [...API('accounts/sessions', 'accounts/login-and-switch')]],
  [
    'server/src/services/accounts',
    [
      ...API('accounts/login-and-switch'),
      'tests/admin/accounts.test.ts',
      'tests/admin/account-numbers.test.ts',
    ],
  ],
  ['server/src/services/ownership-transfers', [...API('accounts/ownership-transfers')]],
  ['server/src/services/impersonations', ['tests/admin/impersonation.test.ts']],
  [
    'server/src/services/admin-',
    [
      'tests/admin/accounts.test.ts',
      'tests/admin/access-list.test.ts',
      'tests/admin/account-status.test.ts',
      'tests/admin/account-files.test.ts',
      ...API('config/no-scoped-type'),
    ],
  ],
  [
    'server/src/services',
    [
      ...API('members/contacts', 'members/invitations', 'members/rules-proven'),
      ...API('accounts/last-owner'),
    ],
  ],
  [
    'server/src/scoped-content',
    [
      ...API('scoped-content/isolation', 'scoped-content/by-data', 'scoped-content/locales'),
      ...API('scoped-content/api-tokens', 'scoped-content/files', 'config/scoped-options'),
      'tests/admin/scoped-content-manager.test.ts',
    ],
  ],
  ['server/src/graphql', [...API('scoped-content/files')]],
  [
    'server/src/content-manager',
    [
      'tests/admin/scoped-content-manager.test.ts',
      'tests/admin/content-manager-side-door.test.ts',
      'tests/admin/deleting-users.test.ts',
    ],
  ],
  [
    'server/src/store',
    [
      ...API('members/contacts', 'members/invitations', 'hardening/transactions'),
      ...API('accounts/last-owner', 'accounts/sessions'),
    ],
  ],
];

/**
 * Services whose guards also settle races: a mutant of theirs that the SQLite suites let through
 * then meets the concurrency tests on PostgreSQL (SQLite runs one writer at a time, so no race
 * happens there). Needs the PostgreSQL server of the README's Tests section.
 */
const RACES = ['server/src/services/contacts', 'server/src/services/invitee'];
const RACE_SUITE = API('hardening/concurrency');

/** Rules that are not a guard on one line: each line changed as written. */
const LISTED = [
  {
    file: 'server/src/scoped-content/reads.ts',
    find: 'if (graph.isScoped(target)) options.where = and(options.where, inScope(target));',
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
    find: 'if (nested) return [[key, and(where(entry, target, at), inScope(target))]];',
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
    file: 'server/src/scoped-content/reads.ts',
    find: "for (const used of sql.rowsUsed(uid, 'unseen')) {",
    replace: 'for (const used of []) {',
    rule: "a file another account's document uses is out of reach",
  },
  {
    file: 'server/src/scoped-content/reads.ts',
    find: 'params.where = and(params.where, filed(reach.accounts));',
    replace: '',
    rule: 'a file filed under another account is out of reach',
  },
  {
    file: 'server/src/scoped-content/database.ts',
    find: 'data[ACCOUNT_ATTRIBUTE] = accountId;',
    replace: '',
    rule: "a member's upload is filed under their account",
  },
  {
    file: 'server/src/scoped-content/middleware.ts',
    find: "READ_ACTIONS.includes(action) ? 'read' : 'write'",
    replace: "READ_ACTIONS.includes(action) ? 'read' : 'read'",
    rule: 'write keys guard writes',
  },
  {
    file: 'server/src/scoped-content/admin-writes.ts',
    find: '.updateMany({ where: { documentId }, data: moved });',
    replace: '.updateMany({ where: { id: -1 }, data: moved });',
    rule: 'a move takes every version and locale',
  },
  {
    file: 'server/src/scoped-content/admin-writes.ts',
    find: "if (action === 'create' && to) await assertSingleTypeFree(strapi, uid, to.id, undefined);",
    replace: '',
    rule: "an admin creates a single type's document only in an account that has none",
  },
  {
    file: 'server/src/content-manager.ts',
    find: 'return runHeldToAccounts(strapi, { uid: model, accounts: [accountId] }, next);',
    replace: 'return next();',
    rule: "the single-type view named an account reads and writes that account's document",
  },
  {
    file: 'server/src/content-manager.ts',
    find: 'return runDeletingUsersTogether(strapi, named, next);',
    replace: 'return next();',
    rule: 'users deleted in one bulk delete leave their accounts together',
  },
  {
    file: 'server/src/scoped-content/database.ts',
    find: 'if (hold?.uid !== model.uid || namesRows(params.where)) return;',
    replace: 'if (hold?.uid !== model.uid) return;',
    rule: "an admin's write links documents of every account, of its own type too",
  },
  {
    file: 'server/src/scoped-content/reads.ts',
    find: 'const filed = reach.changesFiles ? filedUnder : filedInReach;',
    replace: 'const filed = filedInReach;',
    rule: "a member changes their account's files only, not shared ones",
  },
  {
    file: 'server/src/graphql/index.ts',
    find: 'resolversConfig[name] = { middlewares: [changingFiles(strapi)] };',
    replace: 'resolversConfig[name] = {};',
    rule: "GraphQL's file mutations change the account's own files only",
  },
];

/**
 * Mutants that change nothing a user can see, with the reason: not counted as survivors. Most
 * are a second check of a state that the first check, or the account's row lock taken before
 * it, already rules out.
 */
const EQUIVALENT = [
  {
    file: 'server/src/services/login.ts',
    match: 'Errors.sessionEnded()',
    reason:
      "the route's signed-in policy refused every request without a live session: this is the session that policy found",
  },
  {
    file: 'server/src/scoped-content/model-graph.ts',
    match: 'RELATIONS.includes',
    reason:
      'a relation kind Strapi 5.54 does not have: the guard stops the boot on a future Strapi that adds one',
  },
  {
    file: 'server/src/services/invitations.ts',
    match: 'count !== 1',
    reason:
      'the rejected row was read under the account lock, which every write to its memberships takes: the update cannot miss it',
  },
  {
    file: 'server/src/services/invitations.ts',
    match: '!membership',
    reason: 'the row was just created, or read under the account lock: it is there',
  },
  {
    file: 'server/src/services/invitations.ts',
    match: 'isUniqueViolation(error)',
    reason:
      'invitations of one account are made under its lock, after the open-invitation check: no second row reaches the unique index',
  },
  {
    file: 'server/src/services/invitations.ts',
    match: '!open',
    reason:
      'a pending or invited member always has its open invitation: every path that closes one changes the member in the same transaction',
  },
  {
    file: 'server/src/services/invitee.ts',
    match: 'accepted !== 1',
    reason:
      'a second accept that passed the first check meets `joined !== 1` on the member it already activated: the same 409',
  },
  {
    file: 'server/src/services/invitee.ts',
    match: 'joined !== 1',
    reason:
      'the invitation was open under the account lock, and a member changes with its invitation: the member is still pending or invited',
  },
  {
    file: 'server/src/services/invitee.ts',
    match: "invitation.status !== 'open'",
    reason: 'the update below only takes an open invitation and refuses with the same 409',
  },
  {
    file: 'server/src/store/statement.ts',
    match: 'does not bind each of its values once',
    reason:
      "the plugin's statements bind each of their values: a guard against a future statement that drops one",
  },
];

const reasonIn = (list, mutant) =>
  list.find((e) => e.file === mutant.file && mutant.find.includes(e.match))?.reason;

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

const jest = (files, db) =>
  spawnSync(
    'npx',
    ['jest', '--selectProjects', db, '--bail', '--silent', '--maxWorkers=2', ...files],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DB: db },
    }
  ).status !== 0;

const run = (mutant) => {
  const absolute = path.join(ROOT, mutant.file);
  const original = fs.readFileSync(absolute, 'utf8');
  const mutated = original.replace(mutant.find, mutant.replace);
  if (mutated === original)
    throw new Error(`mutant changes nothing: ${mutant.file}:${mutant.line}`);
  restore = () => fs.writeFileSync(absolute, original);
  fs.writeFileSync(absolute, mutated);
  try {
    if (jest(suiteOf(mutant.file), 'sqlite')) return true;
    return RACES.some((prefix) => mutant.file.startsWith(prefix)) && jest(RACE_SUITE, 'postgres');
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
  console.log(
    `${mutants.length} mutants; each runs the tests of its folder on SQLite, and the concurrency tests on PostgreSQL for the services that settle races\n`
  );
  const survivors = [];
  let killed = 0;
  for (const [i, mutant] of mutants.entries()) {
    const where = `${mutant.file}:${mutant.line}`;
    const caught = run(mutant);
    if (caught) killed++;
    else {
      survivors.push({
        where,
        rule: mutant.rule,
        equivalent: reasonIn(EQUIVALENT, mutant),
      });
    }
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
