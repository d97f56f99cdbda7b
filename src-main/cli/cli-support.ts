import fs from 'node:fs';
import path from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../core/api/handler-table';
import { createCore, type Core } from '../core/create-core';
import { DATABASE_FILE_NAME } from '../core/db/open-database';
import { createLogger } from '../core/logger';
import { resolveDataDir } from '../hosts/data-dir';
import type { SerializedError } from '../shared/errors';

/** Exit codes: 0 success, 1 the operation failed (e.g. an invalid file), 2 the command line is wrong. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** An error the CLI prints on stderr (with the details, one per line) before exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = EXIT_FAILED,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export const DATA_OPTION_HELP = `  --data DIR   Folder of the database (default: $LOWBAL_DATA_DIR, else the desktop app's folder)`;

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

/** Runs `work` with an open core and always closes it. */
export async function withCore<T>(
  dataFlag: string | undefined,
  options: { create: boolean },
  work: (core: CliCore) => Promise<T>,
): Promise<T> {
  const core = await openCliCore(dataFlag, options);
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}

/** Pads columns so a small table lines up in a terminal. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
