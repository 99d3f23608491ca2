#!/usr/bin/env node
/**
 * `npm run lint` fails when the server's source asserts types more than `BUDGET` times
 * (`value as Type`, `as const` aside): each assertion is a place where the compiler takes the
 * code's word, and the server reads what Strapi, the drivers and clients answer with checks.
 * Usage: node scripts/type-assertions.js
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { sourceFiles } = require('./source-files');

const BUDGET = 50;
const ROOT = path.resolve(__dirname, '../server/src');

const isAsConst = (node) =>
  ts.isTypeReferenceNode(node.type) && node.type.typeName.getText() === 'const';

/** The `as` assertions of a file, as `file:line`. */
const assertionsOf = (file) => {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true
  );
  const found = [];
  const visit = (node) => {
    if ((ts.isAsExpression(node) && !isAsConst(node)) || ts.isTypeAssertionExpression(node)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${path.relative(process.cwd(), file)}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

const assertions = sourceFiles(ROOT).flatMap(assertionsOf);
if (assertions.length > BUDGET) {
  console.error(
    `${assertions.length} type assertions in server/src, over the budget of ${BUDGET}:\n  ${assertions.join('\n  ')}`
  );
  process.exit(1);
}
console.log(`${assertions.length} type assertions in server/src (at most ${BUDGET})`);
