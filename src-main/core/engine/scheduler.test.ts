import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../test-support/closed-after-each';
import { KICKS_ONLY } from '../../test-support/engine-world';
import { createMailWorld } from '../../test-support/mail-world';
import { startScheduler } from './scheduler';

const LOW = 'low@client.example';

const openMailWorld = closedAfterEach(createMailWorld);

async function worldWithDueProfile() {
  const w = await openMailWorld();
  const profileId = await w.addProfile({ clientNotification: { threshold: '20', notify: true, emails: [] } });
  await w.addClient({ name: 'Low', balance: '5', profileId, billingEmail: LOW });
  return { w, profileId };
}

describe('the scheduler', () => {
  it('checks the due profiles at start and sends what they queue', async () => {
    const { w } = await worldWithDueProfile();
    const scheduler = await startScheduler(w.core.ctx, KICKS_ONLY);
    await scheduler.settled();
    expect(await w.core.ctx.db('checks').pluck('trigger')).toEqual(['schedule']);
    expect(await w.statuses()).toMatchObject({ sent: 1, queued: 0 });
    expect(w.smtp.received.map((m) => m.to)).toEqual([[LOW]]);
    expect(await w.core.call('engine.status', {})).toMatchObject({ running: true, paused: false });
    await scheduler.stop();
    expect(await w.core.call('engine.status', {})).toMatchObject({ running: false });
  });

  it('holds checks and sending while paused, across restarts, and catches up on resume', async () => {
    const { w } = await worldWithDueProfile();
    await w.core.call('engine.pause', {});
    let scheduler = await startScheduler(w.core.ctx, KICKS_ONLY);
    await scheduler.settled();
    await scheduler.stop();
    scheduler = await startScheduler(w.core.ctx, KICKS_ONLY);
    await scheduler.settled();
    expect(await w.core.ctx.db('checks').count({ n: '*' })).toEqual([{ n: 0 }]);

    // A manual check still queues while paused, but nothing is sent.
    const { paused } = await w.core.call('engine.checkNow', {});
    expect(paused).toBe(true);
    await scheduler.settled();
    expect(await w.statuses()).toMatchObject({ queued: 1, sent: 0 });

    expect(await w.core.call('engine.resume', {})).toMatchObject({ paused: false });
    await scheduler.settled();
    expect(await w.statuses()).toMatchObject({ queued: 0, sent: 1 });
    await scheduler.stop();
  });

  it('sends right after Check now', async () => {
    const { w, profileId } = await worldWithDueProfile();
    const scheduler = await startScheduler(w.core.ctx, KICKS_ONLY);
    await scheduler.settled();
    await w.core.call('engine.checkNow', { profileId });
    await scheduler.settled();
    expect(await w.statuses()).toMatchObject({ sent: 2 });
    await scheduler.stop();
  });

  it('returns sends still waiting for the server to the queue when stopped, without spending an attempt', async () => {
    const { w } = await worldWithDueProfile();
    w.smtp.answerAfter(60_000);
    const scheduler = await startScheduler(w.core.ctx, { ...KICKS_ONLY, stopGraceMs: 50 });
    await expect.poll(() => w.smtp.unanswered).toBe(1);
    expect(await w.statuses()).toMatchObject({ sending: 1 });
    await scheduler.stop();
    expect(await w.statuses()).toMatchObject({ sending: 0, queued: 1 });
    const [row] = await w.core.ctx.db('notifications').select('attempts', 'last_error');
    expect(row).toEqual({
      attempts: 0,
      last_error: 'Lowbal stopped before the server answered; queued again',
    });

    w.smtp.answerAfter(0);
    const again = await startScheduler(w.core.ctx, KICKS_ONLY);
    await again.settled();
    await again.stop();
    expect(await w.statuses()).toMatchObject({ queued: 0, sent: 1 });
  });

  it('runs once per process, and core.close() stops it', async () => {
    const { w } = await worldWithDueProfile();
    await startScheduler(w.core.ctx, KICKS_ONLY);
    await expect(startScheduler(w.core.ctx)).rejects.toThrow(/already running/);
    await w.core.close();
    expect(w.core.ctx.engine.scheduler).toBeNull();
  });
});
