import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '../../core/logger';
import { createHeadlessSecretStore } from '../../core/mail/secret-store';
import { type CoreThreads, startCoreThreads } from '../../core/threads/core-threads';
import { describeHost } from '../../core/lease/describe-host';
import { API_PREFIX, handleApiRequest } from './api-route';
import { EVENTS_PATH, EventStreams } from './event-stream';
import { DEFAULT_BIND_HOST } from './parse-args';
import { isAllowedHost } from './request-guard';
import { SECURITY_HEADERS } from './security-headers';
import { serveStatic } from './static-files';

/** Imports carry whole installations; anything larger is refused with 413. */
const DEFAULT_MAX_BODY_BYTES = 50 * 1024 * 1024;

export interface HeadlessHostOptions {
  dataDir: string;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  maxBodyBytes?: number;
  log?: Logger;
  /** Reader threads of the core (default 2). */
  readers?: number;
}

export interface HeadlessHost {
  /** The address to open, carrying the access token. */
  url: string;
  token: string;
  port: number;
  /** The core, in its own threads: this thread only serves HTTP. */
  core: CoreThreads;
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 3_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || host.startsWith('127.');
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Serves the renderer and the handler table over HTTP, guarded by a per-run
 * token, and the core's events as a stream. The core runs in its own threads
 * and checks and sends here unless another host holds the lease (then this one
 * is read-only until that one stops); `close()` stops it and releases the lease.
 */
export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  const log = options.log ?? createLogger();
  const bindHost = options.host ?? DEFAULT_BIND_HOST;
  const token = randomBytes(32).toString('base64url');
  const core = await startCoreThreads({
    dataDir: options.dataDir,
    log,
    secrets: createHeadlessSecretStore(options.dataDir),
    lease: { description: describeHost('headless service') },
    readers: options.readers,
  });
  const streams = new EventStreams(core, token);
  const api = {
    invoke: core.invoke,
    token,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    log,
  };

  const server = http.createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, bindHost)) {
      log.warn('request refused: unexpected Host header', { host: req.headers.host ?? '' });
      res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Forbidden host');
      return;
    }
    const url = req.url ?? '/';
    const pending =
      url === EVENTS_PATH
        ? streams.open(req, res)
        : url.startsWith(API_PREFIX)
          ? handleApiRequest(req, res, api)
          : serveStatic(req, res, options.rendererDir);
    pending.catch((error: unknown) => {
      log.error('request failed', { url: req.url, error });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, bindHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  if (!isLoopback(bindHost)) {
    log.warn(
      `listening on ${bindHost}, reachable from other machines; anyone with the link can use Lowbal. ` +
        'Prefer the default 127.0.0.1 with an SSH tunnel.',
    );
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(bindHost)}:${port}/?token=${token}`,
    token,
    port,
    core,
    close() {
      closing ??= new Promise<void>((resolve) => {
        streams.close();
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; calls in flight get a moment to finish.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      }).then(() => core.close());
      return closing;
    },
  };
}
