import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../scripts/project-root';

/** The built `lowbal` command (global setup builds it), run as the README's service unit runs it. */
const LOWBAL = path.join(PROJECT_ROOT, 'out/main/lowbal.js');
const URL_LINE = /^Lowbal is running at (http:\/\/\S+)$/m;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface RunningHost {
  /** The printed address, token included. Changes on restart. */
  readonly url: string;
  readonly token: string;
  /** `http://127.0.0.1:PORT`, for API calls. */
  readonly origin: string;
  readonly dataDir: string;
  /** Everything the host printed so far (all runs). */
  readonly output: string;
  /** SIGTERM, as a service manager would; resolves with the exit code (null if it had to be killed). */
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash would: no chance to clean up. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** Stops (unless it is already gone) and starts again on the same data folder (new port and token). */
  restart(): Promise<void>;
}

interface Run {
  child: ChildProcess;
  url: string;
}

function launch(dataDir: string, log: (text: string) => void, env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(process.execPath, [LOWBAL, 'serve', '--port', '0', '--data', dataDir], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOWBAL_DATA_DIR: undefined, ...env },
  });
  return new Promise<Run>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the headless host printed no URL within ${START_TIMEOUT_MS} ms:\n${stdout}`));
    }, START_TIMEOUT_MS);
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      log(text);
      stdout += text;
      const match = URL_LINE.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      log(text);
      stdout += text;
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the headless host exited (${code ?? signal}) before it was ready:\n${stdout}`));
    });
  });
}

function terminate(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts `lowbal serve` as a child process on a free port, on `dataDir`
 * or a fresh temp folder (with `env` added to its environment), and resolves
 * once it has printed its URL.
 */
export async function startHost(
  options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningHost> {
  const env = options.env ?? {};
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-e2e-'));
  let output = '';
  const log = (text: string) => {
    output += text;
  };
  let run = await launch(dataDir, log, env);
  return {
    get url() {
      return run.url;
    },
    get token() {
      return new URL(run.url).searchParams.get('token')!;
    },
    get origin() {
      return new URL(run.url).origin;
    },
    get output() {
      return output;
    },
    dataDir,
    stop: () => terminate(run.child),
    kill() {
      const { child } = run;
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    },
    async restart() {
      await terminate(run.child);
      run = await launch(dataDir, log, env);
    },
  };
}
