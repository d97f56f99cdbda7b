/**
 * The renderer's Content Security Policy. `src-renderer/index.html` carries the
 * same policy as a meta tag (a test keeps them equal); the hosts also send it as
 * a header, which is the only place `frame-ancestors` takes effect.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * electron-vite's dev server (`npm run dev`) injects React Fast Refresh as an
 * inline script; only there are inline scripts allowed.
 */
export const DEV_SERVER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
);
