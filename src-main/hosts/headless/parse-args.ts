import { parseArgs } from 'node:util';

/** Loopback only: anything else exposes Lowbal to the network. */
export const DEFAULT_BIND_HOST = '127.0.0.1';

export interface ServeArgs {
  port: number;
  host: string;
  /** Undefined: $LOWBAL_DATA_DIR or the desktop app's folder (see `resolveDataDir`). */
  data?: string;
}

export const SERVE_USAGE = `Usage: lowbal serve [--port N] [--data DIR] [--host ADDRESS]

  --port N        port to listen on (default 8080; 0 picks a free one)
  --data DIR      folder holding lowbal.sqlite (default: $LOWBAL_DATA_DIR, else the desktop app's folder)
  --host ADDRESS  address to bind (default ${DEFAULT_BIND_HOST}; anything else exposes Lowbal to the network)`;

const DEFAULT_PORT = 8080;

/** Parses `lowbal serve` arguments; throws an Error whose message explains the problem. */
export function parseServeArgs(argv: string[]): ServeArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      host: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || values.port?.trim() === '') {
    throw new Error(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  }
  if (values.data !== undefined && values.data.trim() === '') throw new Error('--data needs a folder');
  const host = values.host ?? DEFAULT_BIND_HOST;
  if (host.trim() === '') throw new Error('--host needs an address');
  return { port, host, data: values.data };
}
