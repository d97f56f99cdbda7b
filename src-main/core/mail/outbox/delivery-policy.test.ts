import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_RETRY_FOR_MS, describeSpan, outcomeFor, retryDelayMs } from './delivery-policy';
import type { ClaimedMessage } from './outbox-repo';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.UTC(2026, 10, 26, 10);

const message = (changes: Partial<ClaimedMessage> = {}): ClaimedMessage => ({
  id: 7,
  recipient: 'a@client.example',
  subject: 's',
  textBody: 't',
  htmlBody: 'h',
  claimedBy: 'sender-1',
  attempts: 0,
  interruptions: 0,
  retrySince: null,
  ...changes,
});

describe('retryDelayMs', () => {
  it('doubles from a minute and stops at two hours', () => {
    expect([0, 1, 2, 3, 4, 7, 8, 9, 30].map(retryDelayMs)).toEqual([
      MINUTE,
      MINUTE,
      2 * MINUTE,
      4 * MINUTE,
      8 * MINUTE,
      64 * MINUTE,
      2 * HOUR,
      2 * HOUR,
      2 * HOUR,
    ]);
  });
});

describe('describeSpan', () => {
  it('names the two largest units, rounded down', () => {
    expect(describeSpan(3 * DAY_MS)).toBe('3 days');
    expect(describeSpan(DAY_MS + HOUR + MINUTE)).toBe('1 day 1 hour');
    expect(describeSpan(2 * DAY_MS + 5 * MINUTE + 59_999)).toBe('2 days 5 minutes');
    expect(describeSpan(2 * HOUR + 5 * MINUTE)).toBe('2 hours 5 minutes');
    expect(describeSpan(HOUR)).toBe('1 hour');
    expect(describeSpan(MINUTE)).toBe('1 minute');
    expect(describeSpan(59 * MINUTE + 59_999)).toBe('59 minutes');
    expect(describeSpan(59_999)).toBe('less than a minute');
    expect(describeSpan(0)).toBe('less than a minute');
  });
});

describe('outcomeFor', () => {
  const base = { id: 7, claimer: 'sender-1' };

  it('records a delivery with its reference', () => {
    expect(
      outcomeFor(message(), { kind: 'delivered', reference: '<m@x>', response: '250 ok' }, NOW, DAY_MS),
    ).toEqual({
      ...base,
      kind: 'sent',
      messageId: '<m@x>',
    });
  });

  it('fails a permanent refusal at once, with the reply', () => {
    expect(outcomeFor(message({ attempts: 3 }), { kind: 'permanent', error: '550 no' }, NOW, DAY_MS)).toEqual(
      {
        ...base,
        kind: 'failed',
        error: '550 no',
      },
    );
  });

  it('holds the message without an attempt when the peer is unreachable or the send was abandoned', () => {
    expect(outcomeFor(message(), { kind: 'unreachable', error: 'ECONNREFUSED' }, NOW, DAY_MS)).toEqual({
      ...base,
      kind: 'held',
      error: 'Waiting for the server: ECONNREFUSED',
    });
    expect(outcomeFor(message(), { kind: 'abandoned' }, NOW, DAY_MS)).toEqual({
      ...base,
      kind: 'held',
      error: 'Lowbal stopped before the server answered; queued again',
    });
  });

  it('retries a temporary failure with back-off, the retry time starting at the first failure', () => {
    expect(outcomeFor(message(), { kind: 'temporary', error: '451 later' }, NOW, DAY_MS)).toEqual({
      ...base,
      kind: 'retry',
      error: '451 later',
      nextAttemptAt: NOW + MINUTE,
      retrySince: NOW,
    });
    const since = NOW - 5 * HOUR;
    expect(
      outcomeFor(message({ attempts: 4, retrySince: since }), { kind: 'temporary', error: 'x' }, NOW, DAY_MS),
    ).toMatchObject({ kind: 'retry', nextAttemptAt: NOW + 16 * MINUTE, retrySince: since });
  });

  it('puts the last retry on the deadline, and gives up when a failure comes at or after it', () => {
    const since = NOW - DAY_MS + 10 * MINUTE;
    expect(
      outcomeFor(message({ attempts: 9, retrySince: since }), { kind: 'temporary', error: 'x' }, NOW, DAY_MS),
    ).toMatchObject({ kind: 'retry', nextAttemptAt: since + DAY_MS });
    expect(
      outcomeFor(
        message({ attempts: 11, retrySince: NOW - DAY_MS }),
        { kind: 'temporary', error: '452 full' },
        NOW,
        DAY_MS,
      ),
    ).toEqual({
      ...base,
      kind: 'failed',
      error: 'Gave up after 1 day of retrying (12 attempts): 452 full',
    });
    expect(outcomeFor(message({ attempts: 0 }), { kind: 'temporary', error: '451' }, NOW, 0)).toEqual({
      ...base,
      kind: 'failed',
      error: 'Gave up after less than a minute of retrying (1 attempt): 451',
    });
  });

  it('retries for 3 days by default', () => {
    expect(DEFAULT_RETRY_FOR_MS).toBe(3 * DAY_MS);
  });
});
