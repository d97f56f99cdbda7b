import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../core/logger';
import { AppError } from '../../shared/errors';
import { resolveDataDir } from '../data-dir';
import { parseServeArgs, SERVE_USAGE, type ServeArgs } from './parse-args';
import { startHeadlessHost } from './start-headless-host';

function parseOrExplain(argv: string[]): ServeArgs {
  try {
    return parseServeArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${SERVE_USAGE}\n`);
    process.exit(2);
  }
}

/** `npm run serve`: the app in a browser, backed by the same core as the desktop window. */
async function main(): Promise<void> {
  const log = createLogger();
  const args = parseOrExplain(process.argv.slice(2));
  const rendererDir = path.resolve(__dirname, '../../../out/renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    log.error('the renderer is not built; run `npm run build` (npm run serve does it for you)', {
      missing: rendererDir,
    });
    process.exit(1);
  }
  const dataDir = resolveDataDir(args.data);
  log.info('opening data folder', { dataDir });
  const host = await startHeadlessHost({ dataDir, rendererDir, port: args.port, host: args.host, log });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('stop failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  // Tests and users look for exactly this line.
  process.stdout.write(`Lowbal is running at ${host.url}\n`);
}

main().catch((error: unknown) => {
  const message =
    (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? `${(error as Error).message}: the port is in use; pick another with --port N (0 picks a free one)`
      : error instanceof AppError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
  process.stderr.write(`Lowbal could not start: ${message}\n`);
  process.exit(1);
});
