import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../../test-support/closed-after-each';
import { NEVER } from '../../../test-support/engine-world';
import { createTestCore } from '../../../test-support/test-core';
import {
  createMailWorld,
  decodeQuotedPrintable,
  FROM_ADDRESS,
  headerLines,
  type MailWorld,
} from '../../../test-support/mail-world';
import { startScheduler } from '../../engine/scheduler';
import { createDispatcher } from './dispatcher';
import { claimDue, INTERRUPTED_AGAIN } from './outbox-repo';

const LOW = 'low@client.example';

const openMailWorld = closedAfterEach(createMailWorld);

/** A world with one low client whose client rule e-mails it (and `extra` addresses) on every check. */
async function worldWithLowClient(
  options: { extra?: string[]; rateLimit?: number; clientName?: string } = {},
) {
  const w = await openMailWorld({ rateLimit: options.rateLimit });
  const profileId = await w.addProfile({
    clientNotification: { threshold: '20', notify: true, emails: options.extra ?? [] },
  });
  await w.addClient({
    name: options.clientName ?? 'Client One',
    balance: '12.5',
    profileId,
    billingEmail: LOW,
  });
  const { checks } = await w.core.call('engine.checkNow', { profileId });
  return { w, profileId, queued: checks[0].queued };
}

async function rows(w: MailWorld) {
  return w.core.ctx
    .db('notifications')
    .orderBy('id')
    .select(
      'id',
      'status',
      'attempts',
      'interruptions',
      'last_error',
      'next_attempt_at',
      'retry_since',
      'sent_at',
      'message_id',
      'recipient',
      'claimed_by',
      'claimed_at',
    );
}

const nothing = { sent: 0, retried: 0, failed: 0, held: 0 };

describe('the outbox dispatcher', () => {
  it('sends each queued e-mail once through SMTP, with a stable Message-ID, and marks it sent', async () => {
    const { w, queued } = await worldWithLowClient({ extra: ['copy@acme.example'] });
    expect(queued).toBe(2);
    const dispatcher = createDispatcher(w.core.ctx);
    expect(await dispatcher.runOnce()).toEqual({ ...nothing, sent: 2 });
    expect(await dispatcher.runOnce()).toEqual(nothing);
    await dispatcher.close();

    expect(w.smtp.received.map((m) => m.to).sort()).toEqual([['copy@acme.example'], [LOW]]);
    expect(w.smtp.received.every((m) => m.from === FROM_ADDRESS)).toBe(true);
    const sent = await rows(w);
    expect(sent.map((r) => r.status)).toEqual(['sent', 'sent']);
    const lease = w.core.ctx.outbox.senderLease(w.core.ctx);
    for (const row of sent) {
      expect(row).toMatchObject({
        attempts: 1,
        sent_at: w.core.ctx.now(),
        claimed_by: lease.id,
        claimed_at: w.core.ctx.now(),
      });
    }

    const installation = (await w.core.ctx.db('settings').where({ key: 'installation' }).first()) as {
      value: string;
    };
    const { id: installationId } = JSON.parse(installation.value) as { id: string };
    const message = w.smtp.received.find((m) => m.to[0] === LOW)!;
    const row = sent.find((r) => r.recipient === LOW)!;
    expect(row.message_id).toBe(`<lowbal.${row.id}.${installationId}@acme.example>`);
    const headers = headerLines(message.raw);
    expect(headers).toContain(`Message-ID: ${row.message_id}`);
    expect(headers).toContain('Subject: Your balance is low: 12.50 USD available');
    expect(headers).toContain(`To: ${LOW}`);
    expect(headers).toContain(`From: Lowbal <${FROM_ADDRESS}>`);
    expect(headers).toContain('Auto-Submitted: auto-generated');
    expect(headers.some((line) => /^Date: /.test(line))).toBe(true);
    const body = decodeQuotedPrintable(message.raw);
    expect(body).toContain('Your available balance is 12.50 USD, below 20.00 USD.');
    expect(body).toContain('<strong>12.50 USD</strong>');
  });

  it('holds the queue while the server is unreachable, spending no attempt, and sends once it answers', async () => {
    const { w } = await worldWithLowClient({ extra: ['a@acme.example'] });
    const kicks: number[] = [];
    const dispatcher = createDispatcher(w.core.ctx, { kick: () => kicks.push(Date.now()) });
    await w.smtp.stop();
    const first = await dispatcher.runOnce();
    // One send finds the server down; the other one is not even tried.
    expect(first.held).toBeGreaterThanOrEqual(1);
    expect(first).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    for (const row of await rows(w)) {
      expect(row).toMatchObject({ status: 'queued', attempts: 0, next_attempt_at: w.core.ctx.now() });
    }
    const held = (await rows(w)).filter((row) => row.last_error);
    expect(held[0].last_error).toMatch(/^Waiting for the server: .*ECONNREFUSED/);
    const status = (await w.core.call('overview.get', { timeZone: 'UTC' })).delivery[0];
    expect(status).toMatchObject({ channel: 'email', condition: 'unreachable', waiting: 2 });
    expect(status.line).toMatch(/^Mail server unreachable since \d\d:\d\d — 2 waiting$/);

    // While it is down, runs attempt nothing.
    expect(await dispatcher.runOnce()).toEqual(nothing);
    expect(kicks).toEqual([]);

    await w.smtp.restart();
    await expect.poll(() => kicks.length).toBe(1);
    expect((await w.core.call('overview.get', { timeZone: 'UTC' })).delivery[0]).toMatchObject({
      condition: 'recovered',
      line: expect.stringMatching(/^Mail server reachable again since \d\d:\d\d — delivering again$/),
    });
    expect(await dispatcher.runOnce()).toEqual({ ...nothing, sent: 2 });
    await dispatcher.close();
    expect(w.smtp.received).toHaveLength(2);
    for (const row of await rows(w)) expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('backs off exponentially on 4xx replies', async () => {
    const { w } = await worldWithLowClient();
    const dispatcher = createDispatcher(w.core.ctx);
    w.smtp.fail(451, 'Greylisted, try again later', { times: 2 });
    const started = w.core.ctx.now();
    expect(await dispatcher.runOnce()).toEqual({ ...nothing, retried: 1 });
    const first = (await rows(w))[0];
    expect(first.last_error).toContain('451 Greylisted, try again later');
    expect(first).toMatchObject({ next_attempt_at: started + 60_000, retry_since: started, attempts: 1 });

    w.core.advance(60_000);
    expect((await dispatcher.runOnce()).retried).toBe(1);
    expect((await rows(w))[0]).toMatchObject({
      next_attempt_at: w.core.ctx.now() + 120_000,
      retry_since: started,
    });

    w.core.advance(120_000);
    expect((await dispatcher.runOnce()).sent).toBe(1);
    await dispatcher.close();
    expect((await rows(w))[0]).toMatchObject({ status: 'sent', attempts: 3 });
    expect(w.smtp.received).toHaveLength(1);
  });

  it('fails permanently on a 5xx reply, keeping the server reply; Retry queues it again', async () => {
    const { w } = await worldWithLowClient();
    const dispatcher = createDispatcher(w.core.ctx);
    w.smtp.fail(550, 'No such user here');
    expect(await dispatcher.runOnce()).toEqual({ ...nothing, failed: 1 });
    const [failed] = await rows(w);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, next_attempt_at: null });
    expect(failed.last_error).toContain('550 No such user here');

    w.smtp.succeed();
    expect(await dispatcher.runOnce()).toEqual(nothing);
    expect(await w.core.call('notifications.retry', { ids: [failed.id] })).toEqual({ requeued: 1 });
    expect(await dispatcher.runOnce()).toEqual({ ...nothing, sent: 1 });
    await dispatcher.close();
    expect(w.smtp.received).toHaveLength(1);
    expect((await w.core.callError('notifications.retry', { ids: [failed.id] })).code).toBe('conflict');
  });

  it('fails permanently when the message content is refused (5xx after DATA)', async () => {
    const { w } = await worldWithLowClient();
    const dispatcher = createDispatcher(w.core.ctx);
    w.smtp.fail(554, 'Message rejected as spam', { stage: 'data' });
    expect(await dispatcher.runOnce()).toEqual({ ...nothing, failed: 1 });
    await dispatcher.close();
    expect((await rows(w))[0].last_error).toContain('554 Message rejected as spam');
  });

  it('retries temporary failures for the configured time, then gives up with the last reply', async () => {
    const { w } = await worldWithLowClient();
    expect(await w.core.call('delivery.getSettings', {})).toEqual({
      giveUpAfter: { value: 3, unit: 'days' },
    });
    await w.core.call('delivery.saveSettings', { giveUpAfter: { value: 5, unit: 'hours' } });
    const dispatcher = createDispatcher(w.core.ctx);
    w.smtp.fail(452, 'Mailbox full');
    const started = w.core.ctx.now();
    const due: number[] = [];
    for (;;) {
      const result = await dispatcher.runOnce();
      const [row] = await rows(w);
      if (result.failed) break;
      expect(result).toEqual({ ...nothing, retried: 1 });
      due.push(row.next_attempt_at - started);
      w.core.advance(row.next_attempt_at - w.core.ctx.now());
    }
    await dispatcher.close();
    // 1, 2, 4, … minutes, at most 2 hours, the last retry on the deadline.
    expect(due).toEqual([1, 3, 7, 15, 31, 63, 127, 247, 300].map((minutes) => minutes * 60_000));
    const [row] = await rows(w);
    expect(row).toMatchObject({ status: 'failed', attempts: 10, next_attempt_at: null });
    expect(row.last_error).toBe('Gave up after 5 hours of retrying (10 attempts): 452 Mailbox full');
  });

  it('honours the rate limit (messages per minute)', async () => {
    const { w, queued } = await worldWithLowClient({
      rateLimit: 2,
      extra: ['a@acme.example', 'b@acme.example', 'c@acme.example', 'd@acme.example'],
    });
    expect(queued).toBe(5);
    const dispatcher = createDispatcher(w.core.ctx);
    // Slow answers: all slots take messages at once, yet no more are claimed than the limit allows.
    w.smtp.answerAfter(200);
    const first = dispatcher.runOnce();
    let claimed = 0;
    while (w.smtp.received.length < 2) {
      claimed = Math.max(claimed, (await w.statuses()).sending);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect((await first).sent).toBe(2);
    expect(claimed).toBe(2);
    expect(await w.statuses()).toMatchObject({ queued: 3, sending: 0 });
    w.smtp.answerAfter(0);
    w.core.advance(30_000);
    expect((await dispatcher.runOnce()).sent).toBe(0);
    w.core.advance(30_001);
    expect((await dispatcher.runOnce()).sent).toBe(2);
    w.core.advance(60_001);
    expect((await dispatcher.runOnce()).sent).toBe(1);
    await dispatcher.close();
    expect(w.smtp.received).toHaveLength(5);
  });

  it('has at most the pool size in flight, recording each outcome as its send finishes', async () => {
    const extra = Array.from({ length: 11 }, (_, i) => `copy${i}@acme.example`);
    const { w, queued } = await worldWithLowClient({ extra });
    expect(queued).toBe(12);
    w.smtp.answerAfter(300);
    const dispatcher = createDispatcher(w.core.ctx);
    const run = dispatcher.runOnce();
    let most = 0;
    let recordedWhileOthersWait = false;
    while (w.smtp.received.length < 12) {
      most = Math.max(most, w.smtp.unanswered);
      const counts = await w.statuses();
      if (counts.sent > 0 && counts.sent < 12 && w.smtp.unanswered > 0) recordedWhileOthersWait = true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await run).toEqual({ ...nothing, sent: 12 });
    await dispatcher.close();
    expect(most).toBe(5);
    expect(recordedWhileOthersWait).toBe(true);
  });

  it('leaves e-mails queued while SMTP is not set up', async () => {
    const core = await createTestCore();
    try {
      const dispatcher = createDispatcher(core.ctx);
      expect(await dispatcher.runOnce()).toEqual(nothing);
      await dispatcher.close();
    } finally {
      await core.close();
    }
  });
});

describe('crash and restart', () => {
  it('takes back rows a stopped process left sending, counting the interruption, and sends each once', async () => {
    const { w, queued } = await worldWithLowClient({ extra: ['a@acme.example', 'b@acme.example'] });
    expect(queued).toBe(3);
    // A process that is gone (no sender lease) claimed two e-mails and died before sending them.
    const claimed = await claimDue(w.core.ctx.db, {
      channel: 'email',
      claimer: 'gone',
      now: w.core.ctx.now(),
      limit: 2,
      interrupted: false,
    });
    expect(claimed).toHaveLength(2);
    await w.core.close();

    const restarted = await createTestCore({ dataDir: w.core.dataDir, start: w.core.ctx.now() });
    try {
      const scheduler = await startScheduler(restarted.ctx, { tickRule: NEVER });
      await w.smtp.waitForMessages(3);
      await scheduler.settled();
      await scheduler.stop();
      const after = await restarted.ctx
        .db('notifications')
        .orderBy('id')
        .select('status', 'attempts', 'interruptions', 'last_error');
      expect(after.map((row) => row.status)).toEqual(['sent', 'sent', 'sent']);
      expect(after.map((row) => [row.attempts, row.interruptions])).toEqual([
        [2, 1],
        [2, 1],
        [1, 0],
      ]);
      expect(after[0].last_error).toBe(INTERRUPTED_AGAIN);
      expect(w.smtp.received.map((m) => m.to[0]).sort()).toEqual(['a@acme.example', 'b@acme.example', LOW]);
    } finally {
      await restarted.close();
    }
  });
});

describe('what a client name or template cannot do', () => {
  const EVIL = '<b>Evil & Co</b>\r\nBcc: victim@evil.example\r\nX-Injected: yes';

  it('escapes values in HTML and keeps the subject on one line', async () => {
    const w = await openMailWorld();
    const profileId = await w.addProfile({
      clientNotification: { threshold: '20', notify: true, emails: [] },
    });
    const id = await w.addClient({ name: 'Placeholder', balance: '1', profileId, billingEmail: LOW });
    await w.core.ctx.db('clients').where({ id }).update({ name: EVIL });
    // Even an operator's `raw` filter does not turn escaping off.
    await w.core.call('templates.save', {
      kind: 'client',
      template: {
        subject: 'Low: {{ client }}',
        textBody: 'Dear {{ client }}',
        htmlBody: '<p>{{ client }}</p><p>{{ client | raw }}</p>',
      },
    });
    await w.core.call('engine.checkNow', { profileId });
    const dispatcher = createDispatcher(w.core.ctx);
    expect((await dispatcher.runOnce()).sent).toBe(1);
    await dispatcher.close();

    const [message] = w.smtp.received;
    expect(message.to).toEqual([LOW]);
    const headers = headerLines(message.raw);
    expect(headers.filter((line) => /^(bcc|x-injected):/i.test(line))).toEqual([]);
    expect(headers).toContain('Subject: Low: <b>Evil & Co</b> Bcc: victim@evil.example X-Injected: yes');
    const body = decodeQuotedPrintable(message.raw);
    expect(body).toContain('<p>&lt;b&gt;Evil &amp; Co&lt;/b&gt;');
    expect(body).not.toContain('<p><b>Evil');
    expect(headers.filter((line) => line.startsWith('Subject:'))).toHaveLength(1);
  });

  it('refuses a From name that would add a header', async () => {
    const w = await openMailWorld();
    const error = await w.core.callError('mail.saveSettings', {
      host: '127.0.0.1',
      port: w.smtp.port,
      tlsMode: 'none',
      fromName: 'Lowbal\r\nBcc: victim@evil.example',
      fromAddress: FROM_ADDRESS,
    });
    expect(error.issues).toEqual([
      { path: 'fromName', message: 'From name must be a single line without control characters' },
    ]);
  });
});
