import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/**
 * The environment for npm and Strapi commands: jest's own NODE_ENV=test would make Strapi load
 * test settings, and NODE_ENV=production would make npm skip devDependencies.
 */
export const commandEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_ENV;
  delete env.JEST_WORKER_ID;
  return env;
};

/** Runs a command to completion, its output into `logFile`; throws with the log's tail on failure. */
export const run = (
  command: string,
  args: string[],
  { cwd, logFile, env = {} }: { cwd: string; logFile: string; env?: Record<string, string> }
) =>
  new Promise<void>((resolve, reject) => {
    const log = createWriteStream(logFile, { flags: 'a' });
    const tail: string[] = [];
    const child = spawn(command, args, {
      cwd,
      env: commandEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      tail.push(...chunk.toString().split('\n').filter(Boolean));
      tail.splice(0, Math.max(0, tail.length - 40));
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      log.end();
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${command} ${args.join(' ')} exited with ${code} (in ${cwd}):\n${tail.join('\n')}`
          )
        );
    });
  });
