import fs from 'node:fs';
import os from 'node:os';
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

/** Runs `work` with an open core and always closes it. */
export async function withCore<T>(
  dataFlag: string | undefined,
  options: { missing: MissingDatabase },
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
