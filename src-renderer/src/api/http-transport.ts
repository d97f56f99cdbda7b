import type { ApiResult } from '@shared/errors';
import type { Transport } from './client';
import { readEventFrames } from './event-frames';

const TOKEN_KEY = 'lowbal.token';

/**
 * The headless host prints a URL carrying `?token=…`. The token is kept for the
 * tab's session and removed from the address bar so it is not bookmarked or shared.
 */
export function takeTokenFromLocation(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const RECONNECT_MS = { first: 1_000, max: 15_000 };

/**
 * The host's event stream (`GET /api/events`), read with fetch so the token
 * travels in the Authorization header as for calls; reconnects after a drop
 * (the service restarting) until unsubscribed.
 */
function streamEvents(token: string | null, listener: Parameters<NonNullable<Transport['subscribe']>>[0]) {
  const controller = new AbortController();
  const read = async () => {
    let delay = RECONNECT_MS.first;
    while (!controller.signal.aborted) {
      try {
        const response = await fetch('/api/events', {
          headers: { Authorization: `Bearer ${token ?? ''}` },
          cache: 'no-store',
          signal: controller.signal,
        });
        if (response.ok && response.body) {
          delay = RECONNECT_MS.first;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            const { events, rest } = readEventFrames(buffer + value);
            buffer = rest;
            events.forEach(listener);
          }
        }
      } catch {
        // A dropped or refused stream: try again below, unless unsubscribed.
      }
      if (controller.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, RECONNECT_MS.max);
    }
  };
  void read();
  return () => controller.abort();
}

export function createHttpTransport(token: string | null): Transport {
  return {
    subscribe: (listener) => streamEvents(token, listener),
    async invoke(channel, input) {
      let response: Response;
      try {
        response = await fetch(`/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` },
          body: JSON.stringify(input ?? null),
        });
      } catch {
        return {
          ok: false,
          error: {
            code: 'unavailable',
            message: 'Lowbal service is not reachable; is it still running?',
            issues: [],
          },
        };
      }
      if (response.status === 401) {
        return {
          ok: false,
          error: {
            code: 'unavailable',
            message: 'This page needs the link printed by `npm run serve` (it carries the access token).',
            issues: [],
          },
        };
      }
      return (await response.json()) as ApiResult<unknown>;
    },
  };
}
