import { rmSync } from 'node:fs';

/** Removes the scaffolded app and the packed plugin, unless KEEP_FRESH_APP=1. */
export default async () => {
  const dir = process.env.FRESH_APP_ROOT;
  if (!dir) return;
  if (process.env.KEEP_FRESH_APP === '1') {
    console.log(`[fresh-app] kept ${dir}`);
    return;
  }
  rmSync(dir, { recursive: true, force: true });
};
