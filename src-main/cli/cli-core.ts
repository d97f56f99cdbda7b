import fs from 'node:fs';
import path from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../core/api/handler-table';
import { createCore, type Core } from '../core/create-core';
import { DATABASE_FILE_NAME } from '../core/db/open-database';
import { createLogger } from '../core/logger';
import { resolveDataDir } from '../hosts/data-dir';
import type { SerializedError } from '../shared/errors';
import { CliError, EXIT_FAILED } from './cli-support';

/*
 * The core as the CLI runs it: in this process (a command has no UI or API to
 * keep responsive), loaded only by the commands that need it.
 */

export interface CliCore {
  dataDir: string;
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  close(): Promise<void>;
}

/**
 * Opens the same core the app runs (migrating the database if needed). Only an
 * import may start a new database; the other commands refuse a folder without one.
 */
export async function openCliCore(
  dataFlag: string | undefined,
  options: { create: boolean },
): Promise<CliCore> {
  const dataDir = resolveDataDir(dataFlag);
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  if (!options.create && !fs.existsSync(file)) {
    throw new CliError(`No Lowbal database at ${file}; choose its folder with --data DIR`);
  }
  const log = createLogger((line) => process.stderr.write(`${line}\n`), 'warn');
  let core: Core;
  try {
    core = await createCore({ dataDir, log });
  } catch (error) {
    throw new CliError(`Cannot open the database at ${file}: ${(error as Error).message}`);
  }
  return {
    dataDir,
    async call(channel, input) {
      const result = await core.invoke(channel, input);
      if (!result.ok) throw failure(result.error);
      return result.value as never;
    },
    close: () => core.close(),
  };
}

function failure(error: SerializedError): CliError {
  return new CliError(
    error.message,
    EXIT_FAILED,
    error.issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)),
  );
}
