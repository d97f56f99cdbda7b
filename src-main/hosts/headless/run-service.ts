import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../core/logger';
import { resolveDataDir } from '../data-dir';
import type { ServeArgs } from './parse-args';
import { startHeadlessHost } from './start-headless-host';

/** The built renderer: beside the built `lowbal.js` (out/main → out/renderer), or out/ from the sources. */
const RENDERER_DIR = path.resolve(
  __dirname,
  __filename.endsWith('.ts') ? '../../../out/renderer' : '../renderer',
);

/**
 * `lowbal serve`: the app in a browser, backed by the same core as the desktop
 * window, until SIGTERM or SIGINT. Resolves once it has stopped cleanly;
 * rejects with what went wrong (the caller prints it and exits non-zero).
 */
export async function runService(args: ServeArgs): Promise<void> {
  const log = createLogger();
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`the renderer is not built (${RENDERER_DIR} is missing); run \`npm run build\``);
  }
  const dataDir = resolveDataDir(args.data);
  log.info('opening data folder', { dataDir });
  let host;
  try {
    host = await startHeadlessHost({
      dataDir,
      rendererDir: RENDERER_DIR,
      port: args.port,
      host: args.host,
      log,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new Error(
      `${(error as Error).message}: the port is in use; pick another with --port N (0 picks a free one)`,
    );
  }
  const running = host;
  // Tests and users look for exactly this line.
  process.stdout.write(`Lowbal is running at ${running.url}\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log.info('stopping', { signal });
  await running.close();
}
