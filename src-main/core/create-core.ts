import path from 'node:path';
import type { ApiResult } from '../shared/errors';
import { handlerTable } from './api/handler-table';
import { invokeHandler } from './api/invoke';
import type { CoreContext } from './context';
import { DATABASE_FILE_NAME, openDatabase } from './db/open-database';
import { EngineRuntime } from './engine/engine-runtime';
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
  /** Where the SMTP password is kept; default: env LOWBAL_SMTP_PASSWORD or an owner-only file. */
  secretStore?: SecretStore;
  /** The outbox's timings (tests shorten them). */
  delivery?: Partial<DeliveryTuning>;
}

export interface Core {
  ctx: CoreContext;
  invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
  close(): Promise<void>;
}

/** Opens (and migrates) the database and returns the handler table bound to it. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? createLogger();
  const db = await openDatabase({
    file: path.join(options.dataDir, DATABASE_FILE_NAME),
    nativeBinding: options.nativeBinding,
  });
  const ctx: CoreContext = {
    db,
    now: options.now ?? Date.now,
    log,
    dataDir: options.dataDir,
    secrets: options.secretStore ?? createHeadlessSecretStore(options.dataDir),
    engine: new EngineRuntime(),
    lease: new SchedulerLease(),
    outbox: new OutboxRuntime(options.delivery),
  };
  return {
    ctx,
    invoke: (channel, input) => invokeHandler(handlerTable, ctx, channel, input),
    close: async () => {
      await ctx.lease.stop(ctx);
      await ctx.engine.scheduler?.stop();
      await ctx.outbox.stop(ctx.log);
      await db.destroy();
    },
  };
}
