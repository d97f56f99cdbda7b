import type { ApiResult } from '@shared/errors';
import type { Transport } from './client';

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

export function createHttpTransport(token: string | null): Transport {
  return {
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
