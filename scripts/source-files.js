/** The TypeScript sources under a folder, declarations and node_modules aside: what lint checks. */
const fs = require('node:fs');
const path = require('node:path');

const sourceFiles = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
  });

module.exports = { sourceFiles };
