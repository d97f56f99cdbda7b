/** Attempts before a temporarily failing e-mail is given up as failed (about 6 hours of retrying). */
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 2 * 60 * 60_000;

/** Exponential back-off: 1, 2, 4, … minutes after the n-th failed attempt, at most 2 hours. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), LONGEST_RETRY_MS);
}

/**
 * A permanent failure is a 5xx reply about this message (its sender, a
 * recipient or its content): sending it again would get the same answer.
 * Connection errors, timeouts and 4xx replies are temporary. A 5xx at login
 * or greeting is about the server's settings, not the message, so it is
 * retried too (the operator fixes the settings and the queue moves on).
 */
export function isPermanentFailure(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { responseCode, code } = error as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode !== 'number' || responseCode < 500 || responseCode > 599) return false;
  return code === 'EENVELOPE' || code === 'EMESSAGE';
}
