import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Processes the tests start on their own: a Strapi app served by `strapi start` or `strapi develop`
 * (browser tests, the fresh app), an instance of the cluster, a command run to its end (a build,
 * an install). What they share: a free port, waiting for `/_health`, the output kept for failure
 * messages, and a stop that does not hang.
 */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `attempt` every `intervalMs` until `done` holds for its answer or `timeoutMs` has passed,
 * and answers its last answer, for the caller to judge.
 */
export const pollUntil = async <T>(
  attempt: () => Promise<T>,
  done: (answer: T) => boolean,
  { timeoutMs, intervalMs }: { timeoutMs: number; intervalMs: number }
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let answer = await attempt();
  while (!done(answer) && Date.now() < deadline) {
    await sleep(intervalMs);
    answer = await attempt();
  }
  return answer;
};

/** A port of 127.0.0.1 that is free now; another process may still take it before it is used. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object'
          ? resolve(address.port)
          : reject(new Error('no port'))
      );
    });
  });

type Signal = (name: NodeJS.Signals) => void;

// a run that ends early (a timeout, an interrupted worker) must not leave processes behind
const live = new Set<Signal>();
process.once('exit', () => live.forEach((signal) => signal('SIGKILL')));

export type Started = {
  child: ChildProcess;
  /** The last lines it printed, stdout and stderr, for failure messages. */
  output: () => string;
  running: () => boolean;
  /** Resolves once all its output is read (its stdio closed), with its exit code. */
  closed: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `timeoutMs`; resolves once it has exited. */
  stop: (timeoutMs?: number) => Promise<void>;
};

/**
 * Starts `command`, keeping its last `keepLines` lines of output (and all of it in `logFile`,
 * appended to with `appendLog`). `ipc` opens Node's message channel to it; `detached` starts it in
 * a process group of its own, which its signals then go to (for a command that runs the server in
 * a child of its own, as `strapi develop` does). It is killed if the test process exits first.
 */
export const startProcess = (
  command: string,
  args: string[],
  {
    cwd,
    env,
    logFile,
    appendLog = false,
    ipc = false,
    detached = false,
    keepLines = 200,
  }: {
    cwd?: string;
    env: NodeJS.ProcessEnv;
    logFile?: string;
    appendLog?: boolean;
    ipc?: boolean;
    detached?: boolean;
    keepLines?: number;
  }
): Started => {
  const child = spawn(command, args, {
    cwd,
    env,
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    detached,
  });
  const signal: Signal = (name) => {
    try {
      if (detached && child.pid) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // already gone
    }
  };
  live.add(signal);

  const log = logFile ? createWriteStream(logFile, { flags: appendLog ? 'a' : 'w' }) : null;
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    log?.write(chunk);
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - keepLines));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  // a command that could not be started emits 'error' and never 'exit'
  let failed = false;
  const running = () => !failed && child.exitCode === null && child.signalCode === null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(signal);
      resolve();
    })
  );
  const closed = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => {
      failed = failed || child.pid === undefined;
      live.delete(signal);
      log?.end();
      reject(error);
    });
    child.once('close', (code) => {
      log?.end();
      resolve(code);
    });
  });
  // a caller that only stops the process does not wait on `closed`
  closed.catch(() => undefined);

  return {
    child,
    output: () => lines.join('\n'),
    running,
    closed,
    async stop(timeoutMs = 15_000) {
      if (!running()) return;
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
};

/**
 * Runs a command to its end, its output into `logFile`; rejects with the last lines of its output
 * when it exits with an error.
 */
export const runCommand = async (
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; appendLog?: boolean }
) => {
  const started = startProcess(command, args, { ...options, keepLines: 40 });
  const code = await started.closed;
  if (code !== 0)
    throw new Error(
      `${command} ${args.join(' ')} exited with ${code} (in ${options.cwd}; ` +
        `its output is in ${options.logFile}):\n${started.output()}`
    );
};

/**
 * Waits for `url/_health` to answer 204: true once it does, false if the process is no longer
 * `running` first; throws when `timeoutMs` passes.
 */
export const waitForHealth = async (
  url: string,
  {
    running,
    timeoutMs,
    intervalMs = 250,
  }: { running: () => boolean; timeoutMs: number; intervalMs?: number }
) => {
  // a request the server accepts while it stops may never be answered: it is asked again
  const ask = async () => {
    if (!running()) return 'stopped';
    const health = await fetch(`${url}/_health`, { signal: AbortSignal.timeout(5000) }).catch(
      () => null
    );
    return health?.status;
  };
  const answer = await pollUntil(ask, (a) => a === 204 || a === 'stopped', {
    timeoutMs,
    intervalMs,
  });
  if (answer === 'stopped') return false;
  if (answer === 204) return true;
  throw new Error(`${url}/_health did not answer within ${Math.round(timeoutMs / 1000)} s`);
};
