import { parseArgs } from 'node:util';
import { CliError, EXIT_USAGE, type Output } from './cli-support';

export interface Command {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** The full `--help` text. */
  help: string;
  run(args: string[], output: Output): Promise<void>;
}

type OptionSpec = { type: 'boolean' } | { type: 'string' };
type OptionValues<O> = { [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : string };

/** Every command takes `-h, --help` and `--data DIR`. */
const COMMON_OPTIONS = { help: { type: 'boolean', short: 'h' }, data: { type: 'string' } } as const;

export interface CommandLine<O> {
  values: OptionValues<O> & { data?: string };
  positionals: string[];
}

/**
 * Parses a command's arguments strictly: its `options` (plus `--help` and
 * `--data`) and at most `maxPositionals` arguments. Returns null when `--help`
 * was asked for, after printing the help; anything wrong is a usage error.
 */
export function parseCommandLine<O extends Record<string, OptionSpec>>(
  command: Pick<Command, 'name' | 'help'>,
  output: Output,
  args: string[],
  options: O,
  maxPositionals = 0,
): CommandLine<O> | null {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { ...options, ...COMMON_OPTIONS },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError(command, (error as Error).message);
  }
  if (parsed.values.help) {
    output.out(command.help);
    return null;
  }
  const extra = parsed.positionals[maxPositionals];
  if (extra !== undefined) throw usageError(command, `Unexpected argument: ${extra}`);
  return parsed as CommandLine<O>;
}

export function usageError(command: Pick<Command, 'name'>, message: string): CliError {
  return new CliError(`${message}\nRun "lowbal ${command.name} --help" for usage.`, EXIT_USAGE);
}
