import { parseServeArgs, SERVE_USAGE } from '../hosts/headless/parse-args';
import { CliError } from './cli-support';
import { usageError, type Command } from './command';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run Lowbal as a service: the app in a browser, checks and e-mails in the background',
  help: `${SERVE_USAGE}

Serves the app on http://ADDRESS:PORT with a per-run access token (the printed
link carries it), and checks and sends like the desktop app unless another
Lowbal holds the database's scheduler lease. Runs until SIGTERM or SIGINT,
then finishes the e-mails being sent and exits with status 0.
`,
  async run(args, output) {
    if (args.includes('--help') || args.includes('-h')) {
      output.out(this.help);
      return;
    }
    let parsed;
    try {
      parsed = parseServeArgs(args);
    } catch (error) {
      throw usageError(this, (error as Error).message);
    }
    // The service's modules load only for this command: the other commands start faster without them.
    const { runService } = await import('../hosts/headless/run-service');
    try {
      await runService(parsed);
    } catch (error) {
      throw new CliError(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
};
