import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../test-support/closed-after-each';
import { HOUR } from '../../test-support/engine-world';
import { createMailWorld, type MailWorld } from '../../test-support/mail-world';
import { createDispatcher } from '../mail/outbox/dispatcher';
import { queueRecoveryNotices } from './recovery-notices';

const openWorld = closedAfterEach(createMailWorld);

/** A client at 12.50 under a Client Notification of 20.00 that e-mails it and a copy. */
async function lowClient(w: MailWorld, profile: Record<string, unknown> = {}) {
  const profileId = await w.addProfile({
    clientNotification: { threshold: '20', notify: true, emails: ['copy@acme.example'] },
    ...profile,
  });
  const clientId = await w.addClient({
    name: 'Client One',
    balance: '12.5',
    profileId,
    billingEmail: 'one@client.example',
  });
  const check = async () => (await w.core.call('engine.checkNow', { profileId })).checks[0];
  const pay = (amount: string) => w.core.call('balances.recordPayment', { clientId, amount, note: null });
  const notices = async () =>
    (
      await w.core.ctx.db('notifications').orderBy('id').select('kind', 'recipient', 'subject', 'check_id')
    ).map((n: { kind: string; recipient: string }) => `${n.kind}|${n.recipient}`);
  return { profileId, clientId, check, pay, notices };
}

describe('Recovery notice (SPEC §7)', () => {
  it('a refill that resets a count above 0 sends the rule’s recipients one "balance restored", once', async () => {
    const w = await openWorld();
    const { check, pay, notices } = await lowClient(w, { recoveryNotice: true });
    await check();
    await pay('100');
    // A second refill before the notice went out owes nothing more.
    await pay('5');
    expect(await queueRecoveryNotices(w.core.ctx)).toBe(2);
    expect(await queueRecoveryNotices(w.core.ctx)).toBe(0);
    // The count is back at 0 and nothing is owed: a further refill sends nothing.
    await pay('5');
    expect(await queueRecoveryNotices(w.core.ctx)).toBe(0);
    expect(await notices()).toEqual([
      'low_balance|one@client.example',
      'low_balance|copy@acme.example',
      'recovery|one@client.example',
      'recovery|copy@acme.example',
    ]);
    const [recovery] = await w.core.ctx.db('notifications').where({ kind: 'recovery' }).select();
    expect(recovery).toMatchObject({ check_id: null, count: 0 });
    expect(recovery.subject).toBe('Balance restored: Client One has 117.50 USD available');
    const history = await w.core.call('notifications.list', { offset: 0, limit: 10 });
    expect(history.rows.filter((row) => row.kind === 'recovery')).toHaveLength(2);

    const dispatcher = createDispatcher(w.core.ctx);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 4 });
    expect(w.smtp.received.filter((mail) => mail.raw.includes('Balance restored'))).toHaveLength(2);
    await dispatcher.close();
  });

  it('never without an earlier notice: a refill of a count at 0 sends nothing', async () => {
    const w = await openWorld();
    const { pay, notices } = await lowClient(w, { recoveryNotice: true });
    await pay('100');
    expect(await queueRecoveryNotices(w.core.ctx)).toBe(0);
    expect(await notices()).toEqual([]);
  });

  it('is off unless the profile asks for it', async () => {
    const w = await openWorld();
    const { check, pay, notices } = await lowClient(w);
    await check();
    await pay('100');
    expect(await queueRecoveryNotices(w.core.ctx)).toBe(0);
    expect(await notices()).toHaveLength(2);
  });
});

describe('Quiet hours (SPEC §7), with the test clock', () => {
  const quietHours = { from: '08:00', until: '20:00', timeZone: 'Europe/London' };

  async function heldAt(start: number) {
    const w = await openWorld({ start });
    const low = await lowClient(w, { quietHours });
    const summary = await low.check();
    const dispatcher = createDispatcher(w.core.ctx);
    const held = async () =>
      (await w.core.ctx.db('notifications').select('status', 'held_until', 'next_attempt_at')) as {
        status: string;
        held_until: number | null;
        next_attempt_at: number | null;
      }[];
    return { w, low, summary, dispatcher, held };
  }

  it('across midnight: created at 23:30 is held until 08:00, then sent; the check counts as usual', async () => {
    const { w, low, summary, dispatcher, held } = await heldAt(Date.UTC(2026, 11, 2, 23, 30));
    const opening = Date.UTC(2026, 11, 3, 8);
    expect(summary).toMatchObject({ matches: 1, queued: 2 });
    expect(await w.core.ctx.db('rule_state').pluck('count')).toEqual([1]);
    expect(await held()).toEqual([
      { status: 'queued', held_until: opening, next_attempt_at: opening },
      { status: 'queued', held_until: opening, next_attempt_at: opening },
    ]);
    const [row] = (await w.core.call('notifications.list', { offset: 0, limit: 1 })).rows;
    expect(row.heldUntil).toBe(opening);

    w.core.advance(opening - 1 - w.core.ctx.now());
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 0 });
    w.core.advance(1);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 2 });
    expect(w.smtp.received).toHaveLength(2);
    await low.check();
    expect(await w.core.ctx.db('rule_state').pluck('count')).toEqual([2]);
    await dispatcher.close();
  });

  it('across a DST change: held on the evening before the clocks go forward, sent at 08:00 BST (07:00 UTC)', async () => {
    const { w, dispatcher, held } = await heldAt(Date.UTC(2027, 2, 27, 21));
    const opening = Date.UTC(2027, 2, 28, 7);
    expect((await held()).map((row) => row.held_until)).toEqual([opening, opening]);
    w.core.advance(opening - 60_000 - w.core.ctx.now());
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 0 });
    w.core.advance(60_000);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 2 });
    await dispatcher.close();
  });

  it('inside the window nothing is held', async () => {
    const { held } = await heldAt(Date.UTC(2026, 11, 2, 12));
    expect((await held()).map((row) => row.held_until)).toEqual([null, null]);
  });

  it('holds recovery notices too', async () => {
    const w = await openWorld({ start: Date.UTC(2026, 11, 2, 12) });
    const low = await lowClient(w, { quietHours, recoveryNotice: true });
    await low.check();
    w.core.advance(10 * HOUR); // 22:00 GMT
    await low.pay('100');
    await queueRecoveryNotices(w.core.ctx);
    const recovery = await w.core.ctx.db('notifications').where({ kind: 'recovery' }).pluck('held_until');
    expect(recovery).toEqual([Date.UTC(2026, 11, 3, 8), Date.UTC(2026, 11, 3, 8)]);
  });
});
