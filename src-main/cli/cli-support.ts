import type { CliCore, MissingDatabase } from './cli-core';

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

export type { CliCore, MissingDatabase };

/**
 * Runs `work` with an open core and always closes it. The core is loaded on
 * first use: `--help` and a wrong command line answer without it.
 */
export async function withCore<T>(
  dataFlag: string | undefined,
  options: { missing: MissingDatabase },
  work: (core: CliCore) => Promise<T>,
): Promise<T> {
  const { openCliCore } = await import('./cli-core');
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
