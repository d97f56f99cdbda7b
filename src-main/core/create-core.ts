import path from 'node:path';
import { handlerTable } from './api/handler-table';
import { invokeHandler } from './api/invoke';
import type { CoreConnection } from './api/core-connection';
import { CoreEventBus } from './api/event-bus';
import type { CoreContext } from './context';
import { DATABASE_FILE_NAME, openDatabase } from './db/open-database';
import { EngineRuntime, type EngineState } from './engine/engine-runtime';
import { SchedulerLease } from './lease/scheduler-lease';
import { createLogger, type Logger } from './logger';
import { OutboxRuntime, type DeliveryTuning } from './mail/outbox/outbox-runtime';
import { createHeadlessSecretStore, type SecretStore } from './mail/secret-store';

export interface CoreOptions {
  /** Folder holding `lowbal.sqlite`. */
  dataDir: string;
  nativeBinding?: string;
  log?: Logger;
  now?: () => number;
  /** Where secrets are kept; default: owner-only files in `secrets` (the SMTP password: env LOWBAL_SMTP_PASSWORD when set). */
  secretStore?: SecretStore;
  /**
   * A reader thread's core: the database opened read-only and not migrated
   * (the writer did it), and the engine's state as the writer last reported it.
   */
  reader?: { engineState: () => EngineState };
  /** The outbox's timings (tests shorten them). */
  delivery?: Partial<DeliveryTuning>;
  /**
   * One id for the host's whole run, when the host restarts this core after a
   * crash: what an earlier core of the same run left `sending` is taken back
   * at once, not after its sender lease expires.
   */
  runId?: string;
}

/** The core in this thread: its context too, for tests and tools that look inside. */
export interface Core extends CoreConnection {
  ctx: CoreContext;
}

/** Opens (and migrates) the database and returns the handler table bound to it. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? createLogger();
  const db = await openDatabase({
    file: path.join(options.dataDir, DATABASE_FILE_NAME),
    nativeBinding: options.nativeBinding,
    readonly: options.reader !== undefined,
  });
  const events = new CoreEventBus((error) => log.error('an event listener failed', { error }));
  const engine = new EngineRuntime();
  const lease = new SchedulerLease();
  const ctx: CoreContext = {
    db,
    now: options.now ?? Date.now,
    log,
    dataDir: options.dataDir,
    secrets: options.secretStore ?? createHeadlessSecretStore(options.dataDir),
    engine,
    lease,
    engineState:
      options.reader?.engineState ??
      (() => ({
        running: engine.scheduler !== null,
        readOnly: lease.readOnly(),
        check: engine.currentCheck(),
      })),
    events,
    outbox: new OutboxRuntime(options.delivery, options.runId),
  };
  return {
    ctx,
    invoke: (channel, input) => invokeHandler(handlerTable, ctx, channel, input),
    subscribe: (listener) => events.subscribe(listener),
    close: async () => {
      // A running check stops at its next step (its profile rolls back) instead of holding the stop up.
      ctx.engine.cancelCheck();
      await ctx.engine.settled();
      await ctx.lease.stop(ctx);
      await ctx.engine.scheduler?.stop();
      await ctx.outbox.stop(ctx.log);
      await db.destroy();
    },
  };
}
