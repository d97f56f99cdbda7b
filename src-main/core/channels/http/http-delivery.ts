import net from 'node:net';
import { singleLine } from '../../../shared/header-text';
import type { ProbeResult } from '../../mail/outbox/channel';
import type { SendResult } from '../../mail/outbox/delivery-policy';
import type { SendFailure } from '../channel';

/** One HTTP request of an HTTP channel (an SMS gateway, a webhook, Slack, Telegram). */
export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** How much of a peer's reply is kept with an outcome (SPEC §6). */
export const REPLY_KEPT = 200;

export const DEFAULT_HTTP_TIMEOUT_MS = 15_000;

/**
 * Sorts an HTTP reply (SPEC §6): 2xx is delivered; 408, 429 and 5xx are
 * temporary; any other status is permanent (a 3xx too: redirects are not
 * followed, a channel's URL is meant to be the endpoint). A failure keeps the
 * status and the first 200 characters of the reply.
 */
export function classifyHttpReply(status: number, body: string): SendResult {
  const reply = singleLine(`HTTP ${status}${body ? `: ${body.slice(0, REPLY_KEPT)}` : ''}`, REPLY_KEPT + 20);
  if (status >= 200 && status < 300) return { kind: 'delivered', reference: '', response: reply };
  const temporary = status === 408 || status === 429 || (status >= 500 && status < 600);
  return { kind: temporary ? 'temporary' : 'permanent', error: reply };
}

/** Codes of failures to reach the peer at all (nothing was sent): the queue waits for it. */
const NOT_REACHED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function codeOf(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  return cause ? codeOf(cause) : undefined;
}

/**
 * Sorts a request that got no reply. A refused connection, an unknown host or
 * a connect timeout never reached the peer: `unreachable` (retried without
 * spending an attempt, the queue waits and the peer is probed). A timeout or
 * a dropped connection after the request went out is `temporary`: the peer
 * may have acted on it, so it counts as an attempt.
 */
export function classifyHttpError(error: unknown): SendFailure {
  const code = codeOf(error);
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError') return { kind: 'temporary', error: 'No reply before the timeout' };
  const message = error instanceof Error ? error.message : String(error);
  const detail = code && !message.includes(code) ? `${message} (${code})` : message;
  return {
    kind: code && NOT_REACHED.has(code) ? 'unreachable' : 'temporary',
    error: singleLine(detail, 1000),
  };
}

/**
 * Sends one request once `mayCommit` resolves (an HTTP peer acts on a request
 * as it arrives, so nothing goes out before the previous outcome of the slot
 * is written), within `timeoutMs`, and sorts the outcome; never rejects.
 * Connections are kept alive between requests (the platform's fetch).
 */
export async function sendHttp(
  request: HttpRequest,
  mayCommit: Promise<void>,
  timeoutMs = DEFAULT_HTTP_TIMEOUT_MS,
): Promise<SendResult> {
  try {
    await mayCommit;
  } catch (error) {
    return { kind: 'unreachable', error: error instanceof Error ? error.message : String(error) };
  }
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return classifyHttpReply(response.status, await response.text());
  } catch (error) {
    return classifyHttpError(error);
  }
}

/** Whether the peer of `url` accepts a connection, sending nothing; never rejects. */
export function probeHttp(url: string, timeoutMs = DEFAULT_HTTP_TIMEOUT_MS): Promise<ProbeResult> {
  const target = new URL(url);
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  return new Promise((resolve) => {
    const socket = net.connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port });
    const done = (result: ProbeResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done({ reachable: false, error: 'No answer before the timeout' }));
    socket.once('connect', () => done({ reachable: true }));
    socket.once('error', (error) => done({ reachable: false, error: error.message }));
  });
}
