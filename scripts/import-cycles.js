#!/usr/bin/env node
/**
 * `npm run lint` fails on an import circle in the plugin's source, type-only imports included:
 * each layer (utils, store, scoped-content, services, controllers) imports only those below it.
 * Usage: node scripts/import-cycles.js [folder...] (default: server/src admin/src shared client).
 */
const fs = require('node:fs');
const path = require('node:path');
const { sourceFiles } = require('./source-files');

const ROOT = path.resolve(__dirname, '..');
const folders = process.argv.slice(2);
const roots = (folders.length ? folders : ['server/src', 'admin/src', 'shared', 'client']).map(
  (folder) => path.resolve(ROOT, folder)
);

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]*)['"]/g;

const resolveImport = (from, specifier) => {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = ['.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext);
  return candidates.find((file) => fs.existsSync(file));
};

const importsOf = (file) =>
  [...fs.readFileSync(file, 'utf8').matchAll(IMPORT)]
    .map((match) => resolveImport(file, match[1]))
    .filter(Boolean);

/** A circle reached from `start`, as the files along it, or undefined. */
const circleFrom = (start, graph) => {
  const trail = [];
  const onTrail = new Set();
  const done = new Set();
  const visit = (file) => {
    if (onTrail.has(file)) return [...trail.slice(trail.indexOf(file)), file];
    if (done.has(file)) return undefined;
    trail.push(file);
    onTrail.add(file);
    for (const next of graph.get(file) ?? []) {
      const circle = visit(next);
      if (circle) return circle;
    }
    trail.pop();
    onTrail.delete(file);
    done.add(file);
    return undefined;
  };
  return visit(start);
};

const files = roots.flatMap(sourceFiles);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
for (const file of files) {
  const circle = circleFrom(file, graph);
  if (circle) {
    console.error(
      `import circle: ${circle.map((f) => path.relative(ROOT, f)).join(' -> ')}\n` +
        'Move what both sides need into a module below them.'
    );
    process.exit(1);
  }
}
console.log(`no import circle in ${files.length} files`);
