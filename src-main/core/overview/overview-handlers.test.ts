import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../test-support/closed-after-each';
import { DAY, KICKS_ONLY } from '../../test-support/engine-world';
import { createMailWorld, type MailWorld } from '../../test-support/mail-world';
import { startScheduler } from '../engine/scheduler';

const openMailWorld = closedAfterEach(createMailWorld);

/** Two low clients (and a low one that is inactive, and one that is fine) on a profile e-mailing Billing Email. */
async function lowClients(w: MailWorld) {
  const profileId = await w.addProfile({ clientNotification: { threshold: '20', notify: true, emails: [] } });
  await w.addClient({ name: 'Low One', balance: '5', profileId, billingEmail: 'one@client.example' });
  await w.addClient({ name: 'Low Two', balance: '12', profileId, billingEmail: 'two@client.example' });
  await w.addClient({
    name: 'Asleep',
    balance: '1',
    profileId,
    billingEmail: 'z@client.example',
    active: false,
  });
  await w.addClient({ name: 'Rich', balance: '500', profileId, billingEmail: 'rich@client.example' });
  return profileId;
}

const day = (days: { day: string; sent: number; failed: number }[], name: string) =>
  days.find((entry) => entry.day === name);

describe('overview.get', () => {
  it('counts what checks queued, sent and failed, per day and in the last 24 hours', async () => {
    const w = await openMailWorld();
    await lowClients(w);
    const started = w.core.ctx.now();
    w.smtp.fail(550, 'Mailbox unavailable', { times: 1 });
    const scheduler = await startScheduler(w.core.ctx, KICKS_ONLY);
    await scheduler.settled();

    let overview = await w.core.call('overview.get', { timeZone: 'UTC' });
    expect(overview).toMatchObject({
      state: 'running',
      paused: false,
      readOnly: null,
      smtpConfigured: true,
      lastCheck: { at: started, profileName: 'Profile 1', queued: 2, sent: 1, failed: 1, waiting: 0 },
      queue: { waiting: 0, retrying: 0, lastRetryError: null },
      failedTotal: 1,
      failedLast24h: 1,
      clientsLowNow: 2,
      profiles: 1,
      nextCheckAt: started + DAY,
    });
    expect(overview.daily).toHaveLength(30);
    expect(overview.daily[29]).toEqual({ day: '2026-11-26', sent: 1, failed: 1 });
    expect(overview.daily[0].day).toBe('2026-10-28');
    expect(overview.daily.slice(0, 29).every((entry) => entry.sent + entry.failed === 0)).toBe(true);

    // Three days later, paused: the check queues, nothing leaves.
    w.core.advance(3 * DAY);
    await w.core.call('engine.pause', {});
    await w.core.call('engine.checkNow', {});
    overview = await w.core.call('overview.get', { timeZone: 'UTC' });
    expect(overview).toMatchObject({
      state: 'paused',
      lastCheck: { at: started + 3 * DAY, queued: 2, sent: 0, failed: 0, waiting: 2 },
      queue: { waiting: 2, retrying: 0 },
      failedTotal: 1,
      failedLast24h: 0,
    });

    await w.core.call('engine.resume', {});
    await scheduler.settled();
    overview = await w.core.call('overview.get', { timeZone: 'UTC' });
    expect(overview.lastCheck).toMatchObject({ sent: 2, waiting: 0 });
    expect(day(overview.daily, '2026-11-29')).toEqual({ day: '2026-11-29', sent: 2, failed: 0 });
    expect(day(overview.daily, '2026-11-26')).toEqual({ day: '2026-11-26', sent: 1, failed: 1 });
    expect(w.smtp.received).toHaveLength(3);
    await scheduler.stop();
  });

  it('counts the days in the viewer’s time zone', async () => {
    const w = await openMailWorld();
    await lowClients(w);
    // 2026-11-26 08:00 UTC is 22:00 on the 25th in Honolulu and 17:00 on the 26th in Tokyo.
    const scheduler = await startScheduler(w.core.ctx, KICKS_ONLY);
    await scheduler.settled();
    await scheduler.stop();
    const honolulu = await w.core.call('overview.get', { timeZone: 'Pacific/Honolulu' });
    expect(honolulu.daily[29]).toEqual({ day: '2026-11-25', sent: 2, failed: 0 });
    const tokyo = await w.core.call('overview.get', { timeZone: 'Asia/Tokyo' });
    expect(tokyo.daily[29]).toEqual({ day: '2026-11-26', sent: 2, failed: 0 });
  });

  it('reports e-mails waiting for a retry with the server’s latest answer', async () => {
    const w = await openMailWorld();
    await lowClients(w);
    w.smtp.fail(451, 'Try again later');
    const scheduler = await startScheduler(w.core.ctx, KICKS_ONLY);
    await scheduler.settled();
    await scheduler.stop();
    const overview = await w.core.call('overview.get', {});
    expect(overview.queue).toEqual({
      waiting: 2,
      retrying: 2,
      lastRetryError: expect.stringContaining('451 Try again later'),
    });
    expect(overview.state).toBe('stopped');
    expect(overview.failedTotal).toBe(0);
  });

  it('refuses an unknown time zone, naming the field', async () => {
    const w = await openMailWorld();
    const error = await w.core.callError('overview.get', { timeZone: 'Mars/Olympus_Mons' });
    expect(error.issues).toEqual([
      { path: 'timeZone', message: 'Time zone is not a known IANA time zone name' },
    ]);
  });

  it('is all zeros on an empty database', async () => {
    const w = await openMailWorld();
    const overview = await w.core.call('overview.get', {});
    expect(overview).toMatchObject({
      lastCheck: null,
      nextCheckAt: null,
      queue: { waiting: 0, retrying: 0, lastRetryError: null },
      failedTotal: 0,
      failedLast24h: 0,
      clientsLowNow: 0,
      profiles: 0,
    });
    expect(overview.daily.every((entry) => entry.sent === 0 && entry.failed === 0)).toBe(true);
  });
});
