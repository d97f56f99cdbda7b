import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CoreEvent, CoreEventListener } from '../../shared/events';
import type { ApiResult } from '../../shared/errors';
import type { CoreConnection } from '../api/core-connection';
import { CoreEventBus } from '../api/event-bus';
import type { ChannelRoutes } from '../api/handler-table';
import type { EngineState } from '../engine/engine-runtime';
import type { Logger } from '../logger';
import type { SecretStore } from '../mail/secret-store';
import {
  serializeError,
  type CorePart,
  type CoreThreadInit,
  type HostToThread,
  type ThreadToHost,
} from './protocol';
import { runSecretOperation } from './thread-services';

export interface CoreThreadsOptions {
  dataDir: string;
  /** better-sqlite3 built for this runtime (the Electron host passes its own). */
  nativeBinding?: string;
  /** Where the host writes its log; the threads' lines come here too. */
  log: Logger;
  /** The host's secret store: the threads ask it for every encrypt and decrypt. */
  secrets: SecretStore;
  /** Take the scheduler lease as this host, and check and send while holding it. */
  lease?: { description: string };
  /** Reader threads (default 2: a long export on one leaves the other free). */
  readers?: number;
  /** How long a thread may take to close (sends in flight finish first) before it is stopped. */
  closeTimeoutMs?: number;
}

/** The core, running in its own threads, as a host sees it. */
export interface CoreThreads extends CoreConnection {
  /** Every channel of the handler table. */
  readonly channels: readonly string[];
  /** The threads now running, for diagnostics (and for tests that stop one as a crash would). */
  workers(): { writer: Worker | null; readers: (Worker | null)[] };
}

const INITIAL_STATE: EngineState = { running: false, readOnly: null, check: null };
/** A thread that keeps crashing is started again after a growing delay, up to this. */
const MAX_RESTART_DELAY_MS = 30_000;
const CRASH_WINDOW_MS = 60_000;

const unavailable = (message: string): ApiResult<never> => ({
  ok: false,
  error: { code: 'unavailable', message, issues: [] },
});

/**
 * The core thread's code: the built `core-worker.js` beside this bundle, or,
 * running from the TypeScript sources (tests, `tsx`), the `.ts` file through
 * tsx's hooks for `require` and `import()`, registered in the thread itself
 * (a parent's `--import tsx` does not reach worker threads on Node 20).
 */
function newCoreWorker(init: CoreThreadInit): Worker {
  const options = { workerData: init, execArgv: [] };
  const built = path.join(__dirname, 'core-worker.js');
  if (!__filename.endsWith('.ts') && fs.existsSync(built)) return new Worker(built, options);
  const resolve = createRequire(__filename).resolve;
  // tsx's ESM API as its .mjs build: the .cjs one cannot load its ESM half from an eval'd thread.
  const esm = JSON.stringify(pathToFileURL(resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href);
  const cjs = JSON.stringify(resolve('tsx/cjs/api'));
  const entry = JSON.stringify(path.join(__dirname, 'core-worker.ts'));
  const code = `import(${esm}).then((tsx) => { tsx.register(); require(${cjs}).register(); require(${entry}); });`;
  return new Worker(code, { ...options, eval: true });
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

interface ThreadHooks {
  init(part: CorePart): CoreThreadInit;
  onMessage(thread: CoreThread, message: ThreadToHost): void;
  /** After a restart following a crash. */
  onRestarted(thread: CoreThread, reason: string): void;
  log: Logger;
  closeTimeoutMs: number;
}

/**
 * One core thread and its calls in flight. When it stops without being asked
 * (an uncaught error, out of memory, terminated), its calls in flight fail,
 * the log says so, and it is started again; calls made meanwhile wait for it.
 */
class CoreThread {
  worker: Worker | null = null;
  ready = false;
  /** What the thread's handler table routes where (from its `ready`). */
  routes: ChannelRoutes = {};
  /** Resolves the next time the thread is ready; rejected when a start fails. */
  private up: Deferred = deferred();
  private readonly pending = new Map<number, (result: ApiResult<unknown>) => void>();
  private crashes: number[] = [];
  private stopping: Promise<void> | null = null;
  private closed: (() => void) | null = null;

  constructor(
    readonly part: CorePart,
    private readonly hooks: ThreadHooks,
  ) {}

  get busy(): number {
    return this.pending.size;
  }

  /** Starts the thread; resolves once it is ready, rejects when it cannot open the core. */
  start(): Promise<void> {
    const up = this.up;
    const worker = newCoreWorker(this.hooks.init(this.part));
    this.worker = worker;
    let uncaught: Error | null = null;
    worker.on('message', (message: ThreadToHost) => {
      switch (message.type) {
        case 'ready':
          this.ready = true;
          this.routes = message.routes;
          up.resolve();
          break;
        case 'start-failed':
          uncaught = new Error(message.message);
          void worker.terminate();
          break;
        case 'result':
          this.pending.get(message.id)?.(message.result);
          this.pending.delete(message.id);
          break;
        case 'closed':
          this.closed?.();
          break;
        default:
          this.hooks.onMessage(this, message);
      }
    });
    worker.on('error', (error) => {
      uncaught = error;
    });
    worker.on('exit', (code) => this.exited(worker, up, uncaught ? uncaught.message : `exit code ${code}`));
    return up.promise;
  }

  private exited(worker: Worker, up: Deferred, reason: string) {
    if (this.worker !== worker) return;
    const wasReady = this.ready;
    this.worker = null;
    this.ready = false;
    this.up = deferred();
    if (this.stopping) {
      this.failPending('Lowbal is stopping');
      this.closed?.();
      return;
    }
    this.failPending(
      `Lowbal's core stopped while handling this call (${reason}) and is starting again; try again`,
    );
    up.reject(new Error(`The core's ${this.part} could not start: ${reason}`));
    if (!wasReady && this.crashes.length === 0) return; // the first start failed: startCoreThreads reports it
    const now = Date.now();
    this.crashes = [...this.crashes.filter((at) => now - at < CRASH_WINDOW_MS), now];
    const delayMs = Math.min(MAX_RESTART_DELAY_MS, 2 ** (this.crashes.length - 1) * 250 - 250);
    this.hooks.log.error(`the core's ${this.part} stopped unexpectedly; starting it again`, {
      reason,
      delayMs,
    });
    setTimeout(() => {
      if (this.stopping) return;
      this.start().then(
        () => this.hooks.onRestarted(this, reason),
        (error: unknown) => this.hooks.log.error(`the core's ${this.part} did not start again`, { error }),
      );
    }, delayMs).unref();
  }

  private failPending(message: string) {
    for (const settle of this.pending.values()) settle(unavailable(message));
    this.pending.clear();
  }

  post(message: HostToThread): void {
    this.worker?.postMessage(message);
  }

  async call(id: number, channel: string, input: unknown): Promise<ApiResult<unknown>> {
    if (!this.ready) {
      try {
        await this.up.promise;
      } catch (error) {
        return unavailable((error as Error).message);
      }
    }
    if (this.stopping || !this.worker) return unavailable('Lowbal is stopping');
    const worker = this.worker;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ type: 'call', id, channel, input } satisfies HostToThread);
    });
  }

  /** Asks the thread to close its core (sends in flight finish), and stops it after the timeout. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      const worker = this.worker;
      if (!worker) return resolve();
      const timer = setTimeout(() => {
        this.hooks.log.warn(`the core's ${this.part} did not close in time; stopping it`);
        void worker.terminate();
      }, this.hooks.closeTimeoutMs);
      this.closed = () => {
        clearTimeout(timer);
        resolve();
      };
      worker.postMessage({ type: 'close' } satisfies HostToThread);
    }).then(async () => {
      await this.worker?.terminate();
    });
    return this.stopping;
  }
}

/**
 * Starts the core off the host's thread: one writer thread (every operation
 * that changes something, the scheduler, checks and sending; it opens and
 * migrates the database first) and reader threads (operations that only
 * read, each on its own read-only connection: in WAL mode they see every
 * committed change and never wait for a check). Calls are routed by the
 * handlers' metadata; the writer's events reach `subscribe`. A thread that
 * crashes is started again (the log says so and `core.restarted` is
 * emitted); the outbox is in the database, so nothing queued is lost.
 */
export async function startCoreThreads(options: CoreThreadsOptions): Promise<CoreThreads> {
  const { log } = options;
  const events = new CoreEventBus((error) => log.error('an event listener failed', { error }));
  const holder = randomUUID();
  let engineState = INITIAL_STATE;
  let routes: ChannelRoutes = {};
  let nextId = 0;
  let closing: Promise<void> | null = null;

  const answerSecret = async (thread: CoreThread, id: number, run: () => Promise<string>) => {
    let result: ApiResult<string>;
    try {
      result = { ok: true, value: await run() };
    } catch (error) {
      result = { ok: false, error: serializeError(error) };
    }
    thread.post({ type: 'secret-result', id, result });
  };

  const hooks: ThreadHooks = {
    log,
    closeTimeoutMs: options.closeTimeoutMs ?? 30_000,
    init: (part) => ({
      part,
      dataDir: options.dataDir,
      nativeBinding: options.nativeBinding,
      secrets: { description: options.secrets.description, external: Boolean(options.secrets.external) },
      lease: part === 'writer' && options.lease ? { ...options.lease, holder } : undefined,
      engineState,
    }),
    onMessage(thread, message) {
      switch (message.type) {
        case 'event':
          events.emit(message.event.name, message.event.payload as never);
          break;
        case 'engine-state':
          engineState = message.state;
          for (const reader of readers) reader.post({ type: 'engine-state', state: engineState });
          break;
        case 'log':
          log[message.level](message.message, message.fields);
          break;
        case 'secret':
          void answerSecret(thread, message.id, () => runSecretOperation(options.secrets, message));
          break;
      }
    },
    onRestarted(thread, reason) {
      log.info(`the core's ${thread.part} is running again`);
      const event: CoreEvent = {
        name: 'core.restarted',
        payload: { at: Date.now(), part: thread.part, reason },
      };
      events.emit(event.name, event.payload);
    },
  };

  const writer = new CoreThread('writer', hooks);
  const readers = Array.from({ length: options.readers ?? 2 }, () => new CoreThread('reader', hooks));
  // Readers first: the writer's connection, closed last, checkpoints the log into the database file.
  const stopAll = async () => {
    await Promise.all(readers.map((reader) => reader.stop()));
    await writer.stop();
  };

  try {
    // The writer migrates the database; readers open it read-only once it has.
    await writer.start();
    routes = writer.routes;
    await Promise.all(readers.map((reader) => reader.start()));
  } catch (error) {
    await stopAll();
    throw error;
  }

  /** The reader with the fewest calls in flight; the writer (which answers reads too) while none is ready. */
  const pick = (channel: string): CoreThread => {
    if (routes[channel] !== 'read') return writer;
    const ready = readers.filter((reader) => reader.ready);
    if (ready.length === 0) return writer;
    return ready.reduce((best, reader) => (reader.busy < best.busy ? reader : best));
  };

  return {
    channels: Object.keys(routes),
    invoke(channel, input) {
      if (closing) return Promise.resolve(unavailable('Lowbal is stopping'));
      nextId += 1;
      return pick(channel).call(nextId, channel, input);
    },
    subscribe: (listener: CoreEventListener) => events.subscribe(listener),
    close() {
      closing ??= stopAll();
      return closing;
    },
    workers: () => ({ writer: writer.worker, readers: readers.map((reader) => reader.worker) }),
  };
}
