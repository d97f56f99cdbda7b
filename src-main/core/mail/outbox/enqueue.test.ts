import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../../test-support/closed-after-each';
import { createEngineWorld, type EngineWorld } from '../../../test-support/engine-world';
import { queueNotifications } from '../../../test-support/outbox-fixtures';
import { enqueue, type OutboundMessage } from './enqueue';
import { claimDue } from './outbox-repo';

const openWorld = closedAfterEach(createEngineWorld);

async function message(w: EngineWorld, changes: Partial<OutboundMessage> = {}): Promise<OutboundMessage> {
  const profileId = await w.addProfile({ clientNotification: { threshold: '20', notify: true, emails: [] } });
  const clientId = await w.addClient({ name: 'Client One', balance: '5', profileId });
  const [{ id: ruleId }] = await w.core.ctx
    .db('rules')
    .where({ profile_id: profileId, kind: 'client' })
    .select('id');
  const [checkId] = await w.core.ctx
    .db('checks')
    .insert({ profile_id: profileId, profile_name: 'p', trigger: 'manual', started_at: 0 });
  return {
    channel: 'email',
    target: 'one@client.example',
    subject: 'Low balance',
    textBody: 'text',
    htmlBody: '<p>html</p>',
    clientId,
    profileId,
    profileName: 'p',
    ruleId: Number(ruleId),
    ruleKind: 'client',
    kind: 'low_balance',
    checkId: Number(checkId),
    balance: 50_000,
    available: 50_000,
    threshold: 200_000,
    currencyCode: 'USD',
    count: 1,
    ...changes,
  };
}

describe('outbox enqueue', () => {
  it('queues each message due now with its channel, target and rendered payload', async () => {
    const w = await openWorld();
    const now = w.core.ctx.now();
    const m = await message(w);
    expect(
      await w.core.ctx.db.transaction((trx) =>
        enqueue(trx, [m, { ...m, target: 'two@client.example' }], now),
      ),
    ).toBe(2);
    const rows = await w.core.ctx
      .db('notifications')
      .orderBy('id')
      .select(
        'channel',
        'recipient',
        'subject',
        'text_body',
        'html_body',
        'status',
        'attempts',
        'next_attempt_at',
        'count',
      );
    expect(rows).toEqual(
      ['one@client.example', 'two@client.example'].map((recipient) => ({
        channel: 'email',
        recipient,
        subject: 'Low balance',
        text_body: 'text',
        html_body: '<p>html</p>',
        status: 'queued',
        attempts: 0,
        next_attempt_at: now,
        count: 1,
      })),
    );
  });

  it('refuses a message for a channel that is not registered, writing nothing', async () => {
    const w = await openWorld();
    const m = await message(w);
    await expect(
      w.core.ctx.db.transaction((trx) => enqueue(trx, [m, { ...m, channel: 'pigeon' }], w.core.ctx.now())),
    ).rejects.toThrow('Unknown channel "pigeon"');
    expect(await w.core.ctx.db('notifications').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it("rows are e-mail unless said otherwise, and a channel's claim takes its own rows only", async () => {
    const w = await openWorld();
    const [first, second] = await queueNotifications(w, 2);
    expect(await w.core.ctx.db('notifications').pluck('channel')).toEqual(['email', 'email']);
    await w.core.ctx.db('notifications').where({ id: second }).update({ channel: 'sms' });
    const request = { claimer: 'me', now: w.core.ctx.now(), limit: 10, interrupted: false };
    expect((await claimDue(w.core.ctx.db, { ...request, channel: 'email' })).map((m) => m.id)).toEqual([
      first,
    ]);
    expect((await claimDue(w.core.ctx.db, { ...request, channel: 'sms' })).map((m) => m.id)).toEqual([
      second,
    ]);
  });
});
