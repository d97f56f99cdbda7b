import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiResult, AppErrorCode } from '../../shared/errors';
import type { Logger } from '../../core/logger';
import { isChannelName } from '../channel-name';
import { hasBearerToken, isAllowedOrigin } from './request-guard';
import { SECURITY_HEADERS } from './security-headers';

export const API_PREFIX = '/api/';

export interface ApiRouteOptions {
  invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
  token: string;
  maxBodyBytes: number;
  log: Logger;
}

class RequestRejected extends Error {
  constructor(
    readonly status: number,
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: ApiResult<unknown>, extra = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(json)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(json);
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new RequestRejected(
      413,
      'validation',
      `Request body is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`,
    );
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseInput(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new RequestRejected(400, 'validation', 'Request body is not valid JSON');
  }
}

/** `POST /api/<channel>` with a JSON body → the core's result as JSON. */
export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: ApiRouteOptions,
): Promise<void> {
  const channel = new URL(req.url ?? '/', 'http://localhost').pathname.slice(API_PREFIX.length);
  try {
    if (req.method !== 'POST') {
      sendJson(
        res,
        405,
        { ok: false, error: { code: 'not_found', message: 'Use POST for API calls', issues: [] } },
        { Allow: 'POST' },
      );
      return;
    }
    if (!isAllowedOrigin(req.headers.origin, req.headers.host)) {
      throw new RequestRejected(403, 'unavailable', 'Calls from another site are refused');
    }
    if (!hasBearerToken(req.headers.authorization, options.token)) {
      throw new RequestRejected(401, 'unavailable', 'Missing or wrong access token');
    }
    if (!isChannelName(channel)) throw new RequestRejected(404, 'not_found', 'Unknown operation');
    const input = parseInput(await readBody(req, options.maxBodyBytes));
    sendJson(res, 200, await options.invoke(channel, input));
  } catch (error) {
    if (error instanceof RequestRejected) {
      options.log.warn('api request refused', { channel, status: error.status, reason: error.message });
      // Ends the connection instead of reading the rest of a body nobody will use.
      const close = error.status === 413 ? { Connection: 'close' } : {};
      sendJson(
        res,
        error.status,
        { ok: false, error: { code: error.code, message: error.message, issues: [] } },
        close,
      );
      return;
    }
    options.log.error('api request failed', { channel, error });
    sendJson(res, 500, {
      ok: false,
      error: { code: 'internal', message: 'The server failed to handle the call', issues: [] },
    });
  }
}
