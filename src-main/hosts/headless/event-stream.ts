import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CoreConnection } from '../../core/api/core-connection';
import { hasBearerToken, isAllowedOrigin } from './request-guard';
import { SECURITY_HEADERS } from './security-headers';

/** `GET /api/events`: the core's events as Server-Sent Events, one JSON `CoreEvent` per `data:` line. */
export const EVENTS_PATH = '/api/events';

/** A comment line now and then keeps proxies and tunnels from closing a quiet stream. */
const KEEP_ALIVE_MS = 20_000;
/** Browser tabs each hold one stream; more than this is refused (503) rather than piling up. */
const MAX_STREAMS = 32;

function refuse(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
  res.end(message);
}

/**
 * The browser's push path: what the Electron host sends the window by IPC, the
 * headless host streams to every page holding the token (sent as
 * `Authorization: Bearer`, like the API calls, so it never appears in a URL).
 */
export class EventStreams {
  private readonly streams = new Set<ServerResponse>();
  private readonly unsubscribe: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(
    core: Pick<CoreConnection, 'subscribe'>,
    private readonly token: string,
  ) {
    this.unsubscribe = core.subscribe((event) => {
      const frame = `data: ${JSON.stringify(event)}\n\n`;
      for (const res of this.streams) res.write(frame);
    });
    this.timer = setInterval(() => {
      for (const res of this.streams) res.write(': keep-alive\n\n');
    }, KEEP_ALIVE_MS);
    this.timer.unref();
  }

  async open(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET') return refuse(res, 405, 'Use GET for the event stream', { Allow: 'GET' });
    if (!isAllowedOrigin(req.headers.origin, req.headers.host)) {
      return refuse(res, 403, 'Calls from another site are refused');
    }
    if (!hasBearerToken(req.headers.authorization, this.token)) {
      return refuse(res, 401, 'Missing or wrong access token');
    }
    if (this.streams.size >= MAX_STREAMS) return refuse(res, 503, 'Too many event streams are open');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    res.write(': connected\n\n');
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
  }

  /** Ends every stream (the host is stopping). */
  close(): void {
    this.unsubscribe();
    clearInterval(this.timer);
    for (const res of this.streams) res.end();
    this.streams.clear();
  }
}
