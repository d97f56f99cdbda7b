import { CliError, EXIT_USAGE, type Output } from './cli-support';

export interface Command {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  run(args: string[], output: Output): Promise<void>;
}

/** Every command takes `-h, --help`. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Runs a command's strict `parseArgs`. Returns null when `--help` was asked
 * for (after printing the help); a wrong option is a usage error naming it.
 */
export function parseCommandArgs<T extends { values: { help?: boolean } }>(
  command: Pick<Command, 'name' | 'help'>,
  output: Output,
  parse: () => T,
): T | null {
  let parsed: T;
  try {
    parsed = parse();
  } catch (error) {
    throw usageError(command, (error as Error).message);
  }
  if (parsed.values.help) {
    output.out(command.help);
    return null;
  }
  return parsed;
}

export function usageError(command: Pick<Command, 'name'>, message: string): CliError {
  return new CliError(`${message}\nRun "lowbal ${command.name} --help" for usage.`, EXIT_USAGE);
}
