import { runCommand } from '../helpers/processes';

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

/**
 * Runs a command to completion, its output appended to `logFile` (several commands share one);
 * throws with the log's tail on failure.
 */
export const run = (
  command: string,
  args: string[],
  { cwd, logFile, env = {} }: { cwd: string; logFile: string; env?: Record<string, string> }
) => runCommand(command, args, { cwd, logFile, appendLog: true, env: commandEnv(env) });
