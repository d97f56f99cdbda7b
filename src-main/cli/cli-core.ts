import fs from 'node:fs';
import os from 'node:os';
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
  /** The folder had no database: this core runs on an empty one in a temporary folder, removed on close. */
  scratch: boolean;
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  close(): Promise<void>;
}

/**
 * What a command does with a folder that has no database: `create` one (an
 * import), run on an `empty` one that is thrown away (a dry run: nothing is
 * created), or `refuse` (the other commands).
 */
export type MissingDatabase = 'create' | 'empty' | 'refuse';

/** Opens the same core the app runs (migrating the database if needed). */
export async function openCliCore(
  dataFlag: string | undefined,
  options: { missing: MissingDatabase },
): Promise<CliCore> {
  const wanted = resolveDataDir(dataFlag);
  const file = path.join(wanted, DATABASE_FILE_NAME);
  const absent = !fs.existsSync(file);
  if (absent && options.missing === 'refuse') {
    throw new CliError(`No Lowbal database at ${file}; choose its folder with --data DIR`);
  }
  const scratch = absent && options.missing === 'empty';
  const dataDir = scratch ? fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-dry-run-')) : wanted;
  const log = createLogger((line) => process.stderr.write(`${line}\n`), 'warn');
  let core: Core;
  try {
    core = await createCore({ dataDir, log });
  } catch (error) {
    if (scratch) fs.rmSync(dataDir, { recursive: true, force: true });
    throw new CliError(`Cannot open the database at ${file}: ${(error as Error).message}`);
  }
  return {
    dataDir,
    scratch,
    async call(channel, input) {
      const result = await core.invoke(channel, input);
      if (!result.ok) throw failure(result.error);
      return result.value as never;
    },
    async close() {
      await core.close();
      if (scratch) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function failure(error: SerializedError): CliError {
  return new CliError(
    error.message,
    EXIT_FAILED,
    error.issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)),
  );
}
