import path from 'node:path';
import type { ApiResult } from '../shared/errors';
import { handlerTable } from './api/handler-table';
import { invokeHandler } from './api/invoke';
import type { CoreContext } from './context';
import { DATABASE_FILE_NAME, openDatabase } from './db/open-database';
import { createLogger, type Logger } from './logger';

export interface CoreOptions {
  /** Folder holding `lowbal.sqlite`. */
  dataDir: string;
  nativeBinding?: string;
  log?: Logger;
  now?: () => number;
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
  const ctx: CoreContext = { db, now: options.now ?? Date.now, log, dataDir: options.dataDir };
  return {
    ctx,
    invoke: (channel, input) => invokeHandler(handlerTable, ctx, channel, input),
    close: () => db.destroy(),
  };
}
