import type { ClaimedMessage, OutcomeWrite } from './outbox-repo';

/**
 * What a channel's sender says about one send. Each channel classifies its
 * own errors into these four (SMTP: `smtp-failure.ts`):
 * - `delivered`: the peer took it;
 * - `temporary`: about this message, worth retrying (4xx, a timeout mid-send);
 * - `permanent`: about this message, retrying would get the same answer;
 * - `unreachable`: about the peer, not the message (refused connection, DNS,
 *   TLS, greeting timeout, login refused): the whole queue waits, no attempt spent.
 */
export type SendResult =
  | { kind: 'delivered'; reference: string; response: string }
  | { kind: 'temporary' | 'permanent' | 'unreachable'; error: string };

/** The outbox's own verdict when a send never got its answer (the sender stopped or lost its lease). */
export interface Abandoned {
  kind: 'abandoned';
}

export const DAY_MS = 24 * 60 * 60_000;
/** How long temporary failures of one message are retried before it fails. */
export const DEFAULT_RETRY_FOR_MS = 3 * DAY_MS;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 2 * 60 * 60_000;

/** Exponential back-off: 1, 2, 4, … minutes after the n-th failed attempt, at most 2 hours. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), LONGEST_RETRY_MS);
}

const UNITS: [ms: number, name: string][] = [
  [DAY_MS, 'day'],
  [60 * 60_000, 'hour'],
  [60_000, 'minute'],
];

/** "3 days", "2 hours 5 minutes", "less than a minute": the two largest units, rounded down. */
export function describeSpan(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [size, name] of UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 && parts.length < 2) parts.push(`${count} ${name}${count === 1 ? '' : 's'}`);
  }
  return parts.join(' ') || 'less than a minute';
}

export const STOPPED_BEFORE_ANSWER = 'Lowbal stopped before the server answered; queued again';

/**
 * What to write for a claimed message after its send: sent; retried with
 * back-off while its retry time lasts (the last retry falls on the deadline),
 * then failed "gave up after …" with the last reply; failed at once when
 * permanent; back in the queue without an attempt spent when the peer was
 * unreachable or the send was abandoned.
 */
export function outcomeFor(
  message: ClaimedMessage,
  result: SendResult | Abandoned,
  now: number,
  retryForMs: number,
): Exclude<OutcomeWrite, { kind: 'returned' }> {
  const { id, claimedBy: claimer, attempts } = message;
  switch (result.kind) {
    case 'delivered':
      return { id, claimer, kind: 'sent', messageId: result.reference };
    case 'permanent':
      return { id, claimer, kind: 'failed', error: result.error };
    case 'unreachable':
      return { id, claimer, kind: 'held', error: `Waiting for the server: ${result.error}` };
    case 'abandoned':
      return { id, claimer, kind: 'held', error: STOPPED_BEFORE_ANSWER };
    case 'temporary': {
      const retrySince = message.retrySince ?? now;
      const deadline = retrySince + retryForMs;
      if (now >= deadline) {
        const tries = attempts + 1;
        return {
          id,
          claimer,
          kind: 'failed',
          error: `Gave up after ${describeSpan(now - retrySince)} of retrying (${tries} attempt${tries === 1 ? '' : 's'}): ${result.error}`,
        };
      }
      const nextAttemptAt = Math.min(now + retryDelayMs(attempts + 1), deadline);
      return { id, claimer, kind: 'retry', error: result.error, nextAttemptAt, retrySince };
    }
  }
}
