import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../../test-support/closed-after-each';
import { NEVER } from '../../../test-support/engine-world';
import { createMailWorld, FROM_ADDRESS, type MailWorld } from '../../../test-support/mail-world';
import { createTestCore, type TestCore } from '../../../test-support/test-core';
import { startTestSmtpServer } from '../../../test-support/test-smtp-server';
import { DATABASE_FILE_NAME } from '../../db/open-database';
import { startScheduler } from '../../engine/scheduler';
import type { LeaseOptions } from '../../lease/scheduler-lease';
import { createLogger } from '../../logger';
import { DEFAULT_SMTP_TIMEOUTS } from '../smtp-timeouts';
import { createDispatcher } from './dispatcher';
import { SENDS_AT_ONCE } from './outbox-repo';
import { DEFAULT_DELIVERY_TUNING } from './outbox-runtime';

const openMailWorld = closedAfterEach(createMailWorld);
const openCore = closedAfterEach(createTestCore);

const recipients = (count: number) => Array.from({ length: count }, (_, i) => `r${i + 1}@client.example`);

/** A low client whose check e-mails every address of `to`; returns them. */
async function lowClientFor(w: MailWorld, to: string[]) {
  const [first, ...extra] = to;
  const profileId = await w.addProfile({
    clientNotification: { threshold: '20', notify: true, emails: extra },
  });
  await w.addClient({ name: 'Client One', balance: '5', profileId, billingEmail: first });
  return profileId;
}

function logTo(core: TestCore): string[] {
  const lines: string[] = [];
  core.ctx.log = createLogger((line) => lines.push(line), 'debug');
  return lines;
}

/** How many times each address received a message. */
function arrivals(w: MailWorld): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of w.smtp.received) for (const to of mail.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

const rowsOf = (core: TestCore) =>
  core.ctx.db('notifications').orderBy('id').select('status', 'attempts', 'last_error') as Promise<
    { status: string; attempts: number; last_error: string | null }[]
  >;

const peerStatus = async (core: TestCore) =>
  (await core.call('overview.get', { timeZone: 'UTC' })).delivery[0];

describe('an SMTP outage', () => {
  it(
    'holds the queue while the server is down and delivers within a minute of its return, spending no attempt',
    { timeout: 150_000 },
    async () => {
      // The real probe back-off: 1 s, doubled after each failed probe, at most 60 s.
      const w = await openMailWorld({ delivery: { probe: DEFAULT_DELIVERY_TUNING.probe } });
      const lines = logTo(w.core);
      const to = recipients(5);
      await lowClientFor(w, to);
      await w.smtp.stop();

      const queuedAt = Date.now();
      const scheduler = await startScheduler(w.core.ctx, { tickRule: NEVER });
      await expect
        .poll(async () => (await peerStatus(w.core)).condition, { timeout: 10_000 })
        .toBe('unreachable');
      expect(await w.statuses()).toMatchObject({ queued: 5, sending: 0 });
      expect((await peerStatus(w.core)).line).toMatch(
        /^Mail server unreachable since \d\d:\d\d — 5 waiting$/,
      );

      // Back after 20 s.
      await new Promise((resolve) => setTimeout(resolve, 20_000 - (Date.now() - queuedAt)));
      await w.smtp.restart();
      const backAt = Date.now();
      await expect.poll(() => w.smtp.received.length, { timeout: 90_000, interval: 250 }).toBe(5);
      const deliveredAt = Date.now();
      await scheduler.settled();
      await scheduler.stop();

      expect(deliveredAt - queuedAt).toBeLessThan(90_000);
      expect(deliveredAt - backAt).toBeLessThan(61_000);
      expect([...arrivals(w).keys()].sort()).toEqual([...to].sort());
      for (const row of await rowsOf(w.core)) expect(row).toMatchObject({ status: 'sent', attempts: 1 });
      expect((await peerStatus(w.core)).line).toMatch(
        /^Mail server reachable again since \d\d:\d\d — delivering again$/,
      );
      // Said once when it went down, once when it came back.
      expect(lines.filter((line) => line.includes('Mail server unreachable'))).toHaveLength(1);
      expect(
        lines.filter((line) => line.includes('Mail server reachable again; delivering again')),
      ).toHaveLength(1);
      expect(lines.find((line) => line.includes('Mail server unreachable'))).toMatch(
        /WARN Mail server unreachable; the queue waits .* channel=email waiting=5 error=.*ECONNREFUSED/,
      );
    },
  );

  it('is not blocked by a server that accepts the connection and never answers', async () => {
    const w = await openMailWorld({
      delivery: { smtpTimeouts: { connectionMs: 2_000, greetingMs: 1_000, replyMs: 2_000 } },
    });
    const to = recipients(3);
    await lowClientFor(w, to);
    await w.core.call('engine.checkNow', {});
    const silent: net.Socket[] = [];
    const mute = net.createServer((socket) => silent.push(socket));
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    const port = (mute.address() as net.AddressInfo).port;
    await w.core.call('mail.saveSettings', {
      host: '127.0.0.1',
      port,
      tlsMode: 'none',
      fromAddress: FROM_ADDRESS,
    });

    const dispatcher = createDispatcher(w.core.ctx);
    const started = Date.now();
    const result = await dispatcher.runOnce();
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(result).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    expect(await peerStatus(w.core)).toMatchObject({
      condition: 'unreachable',
      error: expect.stringMatching(/Greeting never received/),
    });
    for (const row of await rowsOf(w.core)) expect(row).toMatchObject({ status: 'queued', attempts: 0 });

    // A real server takes the port over: the probe finds it and the queue moves.
    for (const socket of silent) socket.destroy();
    await new Promise((resolve) => mute.close(resolve));
    const server = await startTestSmtpServer({ port });
    try {
      await expect.poll(() => server.received.length, { timeout: 15_000 }).toBe(3);
      await dispatcher.close();
    } finally {
      await server.stop();
    }
  });

  it('counts an attempt, and moves on, when a server stops answering in the middle of a message', async () => {
    const w = await openMailWorld({
      delivery: { smtpTimeouts: { connectionMs: 2_000, greetingMs: 2_000, replyMs: 1_000 } },
    });
    await lowClientFor(w, recipients(2));
    await w.core.call('engine.checkNow', {});
    w.smtp.answerAfter(30_000);
    const dispatcher = createDispatcher(w.core.ctx);
    const started = Date.now();
    expect(await dispatcher.runOnce()).toMatchObject({ retried: 2, sent: 0 });
    expect(Date.now() - started).toBeLessThan(8_000);
    await dispatcher.close();
    for (const row of await rowsOf(w.core)) {
      expect(row).toMatchObject({
        status: 'queued',
        attempts: 1,
        last_error: expect.stringMatching(/Timeout/),
      });
    }
  });
});

describe('a database locked by another connection', () => {
  it(
    'for 30 s during a batch: afterwards nothing is sending and nothing was sent twice',
    { timeout: 180_000 },
    async () => {
      // The production timeouts: SQLite waits for the lock synchronously (busy_timeout, 5 s a statement),
      // stalling the thread the SMTP connections are served on, and a reply timeout shorter than a few
      // such stalls would take a delivered message for a lost one.
      const w = await openMailWorld({ delivery: { smtpTimeouts: DEFAULT_SMTP_TIMEOUTS } });
      const lines = logTo(w.core);
      const to = recipients(12);
      await lowClientFor(w, to);
      w.smtp.answerAfter(400);
      const scheduler = await startScheduler(w.core.ctx, { tickRule: NEVER, dispatchRule: '* * * * * *' });
      await expect.poll(() => w.smtp.unanswered).toBeGreaterThan(0);

      // Another process takes the write lock for 30 s, in the middle of the batch.
      const other = new Database(path.join(w.core.dataDir, DATABASE_FILE_NAME));
      other.exec('BEGIN IMMEDIATE');
      const released = new Promise<void>((resolve) =>
        setTimeout(() => {
          other.exec('COMMIT');
          other.close();
          resolve();
        }, 30_000),
      );
      await released;
      await expect
        .poll(() => w.smtp.received.length, { timeout: 90_000, interval: 250 })
        .toBeGreaterThanOrEqual(12);
      await expect.poll(async () => (await w.statuses()).sent, { timeout: 30_000 }).toBe(12);
      await scheduler.stop();

      expect(await w.statuses()).toMatchObject({ sending: 0, queued: 0, failed: 0, sent: 12 });
      expect([...arrivals(w).entries()].filter(([, count]) => count > 1)).toEqual([]);
      expect(w.smtp.received).toHaveLength(12);
      expect(
        lines.some((line) => line.includes('could not write delivery outcomes; keeping them and retrying')),
      ).toBe(true);
      // A stalled database costs the messages no attempt.
      for (const row of await rowsOf(w.core)) expect(row.attempts).toBe(1);
    },
  );
});

describe('the lease', () => {
  const fastLease = (description: string): LeaseOptions => ({
    description,
    heartbeatMs: 50,
    ttlMs: 1_500,
    scheduler: { tickRule: NEVER, dispatchRule: '* * * * * *', stopGraceMs: 10_000 },
  });

  it('taken over while rows are in flight: the new holder leaves them to the old one, and nothing is sent twice', async () => {
    const w = await openMailWorld();
    const to = recipients(10);
    await lowClientFor(w, to);
    await w.core.call('engine.checkNow', {});
    w.smtp.answerAfter(1_000);
    await w.core.ctx.lease.start(w.core.ctx, fastLease('old holder'));
    await expect.poll(() => w.smtp.unanswered).toBe(5);

    // The old holder missed its renewals (asleep, slow); the lease expired and another host takes it.
    const successor = await openCore({ dataDir: w.core.dataDir, start: w.core.ctx.now() });
    await w.core.ctx.db('scheduler_lease').update({ expires_at: Date.now() - 1 });
    await successor.ctx.lease.start(successor.ctx, fastLease('new holder'));
    expect(successor.ctx.engine.scheduler).not.toBeNull();
    await expect.poll(() => w.core.ctx.engine.scheduler, { timeout: 5_000 }).toBeNull();

    await expect.poll(async () => (await w.statuses()).sent, { timeout: 30_000 }).toBe(10);
    expect([...arrivals(w).entries()].filter(([, count]) => count > 1)).toEqual([]);
    expect(w.smtp.received).toHaveLength(10);
  });

  it('a holder that cannot renew stops checking and sending before its lease can expire', async () => {
    const w = await openMailWorld();
    const lines = logTo(w.core);
    // Enough to keep it sending for seconds, past the lease's expiry if nothing stopped it.
    await lowClientFor(w, recipients(40));
    await w.core.call('engine.checkNow', {});
    w.smtp.answerAfter(400);
    await w.core.ctx.lease.start(w.core.ctx, fastLease('holder'));
    await expect.poll(() => w.smtp.received.length, { timeout: 10_000 }).toBeGreaterThan(0);

    // From now on every renewal fails (as on a disk that went read-only for this table).
    await w.core.ctx.db.raw(
      `CREATE TRIGGER no_renewal BEFORE UPDATE ON scheduler_lease BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    );
    const { expires_at: expiresAt } = (await w.core.ctx.db('scheduler_lease').first('expires_at')) as {
      expires_at: number;
    };
    await expect.poll(() => w.core.ctx.engine.scheduler, { timeout: 5_000 }).toBeNull();
    const stoppedAt = Date.now();
    const receivedThen = w.smtp.received.length;
    expect(stoppedAt).toBeLessThan(expiresAt);
    expect(lines.join('\n')).toMatch(
      /the scheduler lease could not be renewed in time; checks and sending stop here/,
    );
    await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now()));
    // Only sends already under way may have ended (on a busy machine), none after the lease expired.
    const receivedAtExpiry = w.smtp.received.length;
    expect(receivedAtExpiry - receivedThen).toBeLessThanOrEqual(SENDS_AT_ONCE);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(w.smtp.received.length).toBe(receivedAtExpiry);
    expect((await w.statuses()).sending).toBe(0);
  });

  it('a sender that cannot renew its own lease stops sending before another may take its claims back', async () => {
    const w = await openMailWorld({ delivery: { sender: { heartbeatMs: 100, ttlMs: 1_500 } } });
    const lines = logTo(w.core);
    await lowClientFor(w, recipients(30));
    await w.core.call('engine.checkNow', {});
    w.smtp.answerAfter(200);
    const scheduler = await startScheduler(w.core.ctx, { tickRule: NEVER, dispatchRule: '* * * * * *' });
    await expect.poll(() => w.smtp.received.length, { timeout: 10_000 }).toBeGreaterThan(0);

    await w.core.ctx.db.raw(
      `CREATE TRIGGER no_renewal BEFORE UPDATE ON outbox_senders BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    );
    const { expires_at: expiresAt } = (await w.core.ctx.db('outbox_senders').first('expires_at')) as {
      expires_at: number;
    };
    await expect
      .poll(() => lines.some((line) => line.includes('the sender lease could not be renewed in time')))
      .toBe(true);
    expect(Date.now()).toBeLessThan(expiresAt);
    await expect.poll(() => w.smtp.unanswered).toBe(0);
    const receivedThen = w.smtp.received.length;
    await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 500));
    expect(w.smtp.received.length).toBe(receivedThen);

    // It renews again: sending resumes and everything arrives.
    await w.core.ctx.db.raw('DROP TRIGGER no_renewal');
    await expect.poll(async () => (await w.statuses()).sent, { timeout: 20_000 }).toBe(30);
    await scheduler.stop();
    expect(new Set(w.smtp.received.flatMap((mail) => mail.to)).size).toBe(30);
  });
});
