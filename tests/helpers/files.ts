import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestApp } from './strapi';

/** A file uploaded outside any request (as an admin's upload is): filed under no account. */
export const sharedFile = async (app: TestApp, name: string) => {
  const filepath = path.join(mkdtempSync(path.join(tmpdir(), 'ma-file-')), `${name}.txt`);
  writeFileSync(filepath, name);
  const [file] = await app.strapi
    .plugin('upload')
    .service('upload')
    .upload({
      data: {},
      files: {
        filepath,
        originalFilename: `${name}.txt`,
        mimetype: 'text/plain',
        size: name.length,
      },
    });
  return file.id as number;
};
