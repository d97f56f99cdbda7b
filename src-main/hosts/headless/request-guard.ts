import { createHash, timingSafeEqual } from 'node:crypto';
import net from 'node:net';

/** Splits a Host header (`127.0.0.1:8080`, `[::1]:8080`, `localhost`) into its host name. */
export function hostNameOf(hostHeader: string): string | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(hostHeader.trim());
  if (!match) return null;
  return match[1].replace(/^\[|\]$/g, '').toLowerCase();
}

/**
 * DNS-rebinding protection: a page on an attacker's domain that resolves to
 * this machine reaches us with its own name in `Host`. Only `localhost`, IP
 * literals and the name the host was bound to are served; the port may differ
 * (an SSH tunnel forwards a different local port).
 */
export function isAllowedHost(hostHeader: string | undefined, boundHost: string): boolean {
  if (!hostHeader) return false;
  const name = hostNameOf(hostHeader);
  if (!name) return false;
  return name === 'localhost' || net.isIP(name) !== 0 || name === boundHost.toLowerCase();
}

/** A browser's `Origin` must be the page's own origin, i.e. name the same host as `Host`. */
export function isAllowedOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true; // not a browser's cross-site request: the token still applies
  if (!hostHeader) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // includes the opaque origin `null`
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return parsed.host.toLowerCase() === hostHeader.trim().toLowerCase();
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares `Authorization: Bearer <token>` in constant time. */
export function hasBearerToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer (\S+)$/.exec(authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1]), digest(token));
}
