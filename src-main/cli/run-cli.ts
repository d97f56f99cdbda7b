import { CliError, EXIT_FAILED, EXIT_USAGE, processOutput, type Output } from './cli-support';
import { checkCommand } from './check-command';
import type { Command } from './command';
import { exportCommand } from './export-command';
import { importCommand } from './import-command';
import { serveCommand } from './serve-command';

const commands: Command[] = [serveCommand, exportCommand, importCommand, checkCommand];

function topLevelHelp(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return `Usage: lowbal <command> [options]

Runs Lowbal as a service, and operates its database from scripts (e.g. a
nightly balance import and check).

Commands:
${commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run "lowbal <command> --help" for a command's options. Every command takes
--data DIR (default: $LOWBAL_DATA_DIR, else the desktop app's data folder).
`;
}

/** Runs one command line and returns the exit code. */
export async function runCli(argv: string[], output: Output = processOutput): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    output.err(topLevelHelp());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    output.out(topLevelHelp());
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  try {
    if (!command) {
      throw new CliError(`Unknown command "${name}"\nRun "lowbal --help" for the commands.`, EXIT_USAGE);
    }
    await command.run(args, output);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      output.err(`lowbal: ${error.message}\n${error.details.map((line) => `  ${line}\n`).join('')}`);
      return error.exitCode;
    }
    output.err(`lowbal: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILED;
  }
}
