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
import { MAX_ATTEMPTS } from './delivery-policy';
import { createDispatcher } from './dispatcher';
import { claimDueMails } from './outbox-repo';

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
      'last_error',
      'next_attempt_at',
      'sent_at',
      'message_id',
      'recipient',
    );
}

describe('the outbox dispatcher', () => {
  it('sends each queued e-mail once through SMTP and marks it sent', async () => {
    const { w, queued } = await worldWithLowClient({ extra: ['copy@acme.example'] });
    expect(queued).toBe(2);
    const dispatcher = createDispatcher(w.core.ctx);
    expect(await dispatcher.runOnce()).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    await dispatcher.close();

    expect(w.smtp.received.map((m) => m.to).sort()).toEqual([['copy@acme.example'], [LOW]]);
    expect(w.smtp.received.every((m) => m.from === FROM_ADDRESS)).toBe(true);
    const sent = await rows(w);
    expect(sent.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(sent.every((r) => r.attempts === 1 && r.sent_at === w.core.ctx.now() && r.message_id)).toBe(true);

    const message = w.smtp.received.find((m) => m.to[0] === LOW)!;
    const headers = headerLines(message.raw);
    expect(headers).toContain('Subject: Your balance is low: 12.50 USD available');
    expect(headers).toContain(`To: ${LOW}`);
    expect(headers).toContain(`From: Lowbal <${FROM_ADDRESS}>`);
    expect(headers).toContain('Auto-Submitted: auto-generated');
    const body = decodeQuotedPrintable(message.raw);
    expect(body).toContain('Your available balance is 12.50 USD, below 20.00 USD.');
    expect(body).toContain('<strong>12.50 USD</strong>');
  });

  it('retries while the server is down and sends once it is back', async () => {
    const { w } = await worldWithLowClient();
    const dispatcher = createDispatcher(w.core.ctx);
    await w.smtp.stop();
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [waiting] = await rows(w);
    expect(waiting).toMatchObject({
      status: 'queued',
      attempts: 1,
      next_attempt_at: w.core.ctx.now() + 60_000,
    });
    expect(waiting.last_error).toMatch(/ECONNREFUSED|connect/i);

    // Not due yet: nothing is attempted.
    await w.smtp.restart();
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });

    w.core.advance(60_000);
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    await dispatcher.close();
    expect(w.smtp.received).toHaveLength(1);
    expect((await rows(w))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('backs off exponentially on 4xx replies', async () => {
    const { w } = await worldWithLowClient();
    const dispatcher = createDispatcher(w.core.ctx);
    w.smtp.fail(451, 'Greylisted, try again later', { times: 2 });
    expect((await dispatcher.runOnce()).retried).toBe(1);
    const first = (await rows(w))[0];
    expect(first.last_error).toContain('451 Greylisted, try again later');
    expect(first.next_attempt_at).toBe(w.core.ctx.now() + 60_000);

    w.core.advance(60_000);
    expect((await dispatcher.runOnce()).retried).toBe(1);
    expect((await rows(w))[0].next_attempt_at).toBe(w.core.ctx.now() + 120_000);

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
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const [failed] = await rows(w);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, next_attempt_at: null });
    expect(failed.last_error).toContain('550 No such user here');

    w.smtp.succeed();
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await w.core.call('notifications.retry', { ids: [failed.id] })).toEqual({ requeued: 1 });
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    await dispatcher.close();
    expect(w.smtp.received).toHaveLength(1);
    expect((await w.core.callError('notifications.retry', { ids: [failed.id] })).code).toBe('conflict');
  });

  it('fails permanently when the message content is refused (5xx after DATA)', async () => {
    const { w } = await worldWithLowClient();
    const dispatcher = createDispatcher(w.core.ctx);
    w.smtp.fail(554, 'Message rejected as spam', { stage: 'data' });
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    await dispatcher.close();
    expect((await rows(w))[0].last_error).toContain('554 Message rejected as spam');
  });

  it(`gives up after ${MAX_ATTEMPTS} temporary failures`, async () => {
    const { w } = await worldWithLowClient();
    const dispatcher = createDispatcher(w.core.ctx);
    w.smtp.fail(421, 'Service not available');
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
      expect((await dispatcher.runOnce()).retried).toBe(1);
      w.core.advance(3 * 60 * 60_000);
    }
    expect((await dispatcher.runOnce()).failed).toBe(1);
    await dispatcher.close();
    const [row] = await rows(w);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(row.last_error).toMatch(new RegExp(`^Gave up after ${MAX_ATTEMPTS} attempts: 421`));
  });

  it('honours the rate limit (messages per minute)', async () => {
    const { w, queued } = await worldWithLowClient({
      rateLimit: 2,
      extra: ['a@acme.example', 'b@acme.example', 'c@acme.example', 'd@acme.example'],
    });
    expect(queued).toBe(5);
    const dispatcher = createDispatcher(w.core.ctx);
    expect((await dispatcher.runOnce()).sent).toBe(2);
    w.core.advance(30_000);
    expect((await dispatcher.runOnce()).sent).toBe(0);
    w.core.advance(30_001);
    expect((await dispatcher.runOnce()).sent).toBe(2);
    w.core.advance(60_001);
    expect((await dispatcher.runOnce()).sent).toBe(1);
    await dispatcher.close();
    expect(w.smtp.received).toHaveLength(5);
  });

  it('leaves e-mails queued while SMTP is not set up', async () => {
    const core = await createTestCore();
    try {
      const dispatcher = createDispatcher(core.ctx);
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
      await dispatcher.close();
    } finally {
      await core.close();
    }
  });
});

describe('crash and restart', () => {
  it('re-queues rows left sending by a stopped process and sends each once after restart', async () => {
    const { w, queued } = await worldWithLowClient({ extra: ['a@acme.example', 'b@acme.example'] });
    expect(queued).toBe(3);
    // The process claims two e-mails and dies before sending them.
    expect(await claimDueMails(w.core.ctx.db, w.core.ctx.now(), 2)).toHaveLength(2);
    await w.core.close();

    const restarted = await createTestCore({ dataDir: w.core.dataDir, start: w.core.ctx.now() });
    try {
      const scheduler = await startScheduler(restarted.ctx, { tickRule: NEVER });
      await w.smtp.waitForMessages(3);
      await scheduler.stop();
      const statuses = await restarted.ctx.db('notifications').pluck('status');
      expect(statuses).toEqual(['sent', 'sent', 'sent']);
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
