import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../../test-support/closed-after-each';
import { createEngineWorld, type EngineWorld } from '../../../test-support/engine-world';
import { queueNotifications } from '../../../test-support/outbox-fixtures';
import { formatClock, readPeerStatus, RECOVERED_SHOWN_MS } from './delivery-status';
import type { SenderState } from './sender-lease';

const openWorld = closedAfterEach(createEngineWorld);
const AT = Date.UTC(2026, 10, 26, 10, 2);
const LEASE_NOW = 1_000;

async function sender(w: EngineWorld, id: string, state: SenderState | string | null, expiresAt = LEASE_NOW) {
  await w.core.ctx.db('outbox_senders').insert({
    id,
    description: id,
    host: 'h',
    pid: 1,
    started_at: 0,
    heartbeat_at: 0,
    expires_at: expiresAt,
    state: typeof state === 'string' || state === null ? state : JSON.stringify(state),
  });
}

const read = (w: EngineWorld, now = AT + 60_000, timeZone = 'UTC') =>
  readPeerStatus(w.core.ctx.db, { now, leaseNow: LEASE_NOW, timeZone });

describe('formatClock', () => {
  it('gives the time on the same day and the date too on another, in the time zone', () => {
    expect(formatClock(AT, AT + 60_000, 'UTC')).toBe('10:02');
    expect(formatClock(Date.UTC(2026, 10, 26, 0, 5), AT, 'UTC')).toBe('00:05');
    expect(formatClock(AT, AT, 'Asia/Tokyo')).toBe('19:02');
    expect(formatClock(AT - 24 * 60 * 60_000, AT, 'UTC')).toBe('2026-11-25 10:02');
    expect(formatClock(Date.UTC(2026, 0, 5, 9, 7), AT, 'UTC')).toBe('2026-01-05 09:07');
    expect(formatClock(Date.UTC(2026, 9, 26, 10, 2), AT, 'UTC')).toBe('2026-10-26 10:02');
    expect(formatClock(Date.UTC(2025, 10, 26, 10, 2), AT, 'UTC')).toBe('2025-11-26 10:02');
    // 09:00 and 11:00 UTC on the 26th are two days in Honolulu (23:00 on the 25th, 01:00 on the 26th).
    const nine = Date.UTC(2026, 10, 26, 9);
    const eleven = Date.UTC(2026, 10, 26, 11);
    expect(formatClock(nine, eleven, 'UTC')).toBe('09:00');
    expect(formatClock(nine, eleven, 'Pacific/Honolulu')).toBe('2026-11-25 23:00');
  });
});

describe('the delivery status', () => {
  it('is quiet while every live sender reaches the server', async () => {
    const w = await openWorld();
    await queueNotifications(w, 2);
    await sender(w, 'a', { email: { unreachableSince: null, error: null, recoveredAt: null } });
    await sender(w, 'b', null);
    await sender(w, 'c', 'not json');
    await sender(w, 'd', 'null');
    await sender(w, 'e', '5');
    await sender(
      w,
      'f',
      JSON.stringify({ email: { unreachableSince: 'yesterday', error: null, recoveredAt: null } }),
    );
    expect(await read(w)).toEqual([
      {
        channel: 'email',
        peer: 'Mail server',
        condition: 'reachable',
        since: null,
        error: null,
        waiting: 2,
        line: null,
      },
    ]);
  });

  it('says the server is unreachable since the earliest a live sender saw it so, with what waits', async () => {
    const w = await openWorld();
    const ids = await queueNotifications(w, 3);
    await w.core.ctx.db('notifications').where({ id: ids[0] }).update({ status: 'sending' });
    await w.core.ctx.db('notifications').where({ id: ids[1] }).update({ status: 'sent' });
    await sender(w, 'late', {
      email: { unreachableSince: AT + 5 * 60_000, error: 'later error', recoveredAt: null },
    });
    await sender(w, 'early', {
      email: { unreachableSince: AT, error: 'connect ECONNREFUSED', recoveredAt: AT - 1 },
    });
    await sender(
      w,
      'dead',
      { email: { unreachableSince: AT - 60 * 60_000, error: 'old', recoveredAt: null } },
      LEASE_NOW - 1,
    );
    expect(await read(w)).toEqual([
      {
        channel: 'email',
        peer: 'Mail server',
        condition: 'unreachable',
        since: AT,
        error: 'connect ECONNREFUSED',
        waiting: 2,
        line: 'Mail server unreachable since 10:02 — 2 waiting',
      },
    ]);
  });

  it('says it delivers again for a few minutes after the server answers again', async () => {
    const w = await openWorld();
    await sender(w, 'a', { email: { unreachableSince: null, error: null, recoveredAt: AT } });
    await sender(w, 'b', { email: { unreachableSince: null, error: null, recoveredAt: AT - 60_000 } });
    expect(await read(w, AT + 1)).toEqual([
      {
        channel: 'email',
        peer: 'Mail server',
        condition: 'recovered',
        since: AT,
        error: null,
        waiting: 0,
        line: 'Mail server reachable again since 10:02 — delivering again',
      },
    ]);
    expect((await read(w, AT + RECOVERED_SHOWN_MS - 1))[0].condition).toBe('recovered');
    expect((await read(w, AT + RECOVERED_SHOWN_MS))[0]).toMatchObject({ condition: 'reachable', line: null });
  });
});
