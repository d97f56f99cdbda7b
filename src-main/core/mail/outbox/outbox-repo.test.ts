import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../../test-support/closed-after-each';
import { createEngineWorld, type EngineWorld } from '../../../test-support/engine-world';
import { queueNotifications as queue } from '../../../test-support/outbox-fixtures';
import { claimDue, recordOutcomes, requeueFailed, SENDS_AT_ONCE, sweepAbandoned } from './outbox-repo';

const openWorld = closedAfterEach(createEngineWorld);

const rows = (w: EngineWorld) =>
  w.core.ctx
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
      'claimed_by',
      'claimed_at',
    );

async function addSender(w: EngineWorld, id: string, expiresAt: number, host = 'elsewhere', pid = 1) {
  await w.core.ctx.db('outbox_senders').insert({
    id,
    description: id,
    host,
    pid,
    started_at: 0,
    heartbeat_at: 0,
    expires_at: expiresAt,
  });
}

describe('claims', () => {
  it('take due rows in queue order, mark them with the claimer and the time, and return them', async () => {
    const w = await openWorld();
    const now = w.core.ctx.now();
    // Ids 1…4, due at now, now - 2, now + 1 (not due), now - 1.
    const ids = await queue(w, 4, (index) => now + [0, -2, 1, -1][index]);
    const claimed = await claimDue(w.core.ctx.db, {
      channel: 'email',
      claimer: 'me',
      now,
      limit: 2,
      interrupted: false,
    });
    // The two due first (ids 2 and 4), returned in id order.
    expect(claimed.map((message) => message.id)).toEqual([ids[1], ids[3]]);
    expect(claimed[0]).toEqual({
      id: ids[1],
      recipient: 'r1@client.example',
      subject: 's1',
      textBody: 't',
      htmlBody: 'h',
      claimedBy: 'me',
      attempts: 0,
      interruptions: 0,
      retrySince: null,
    });
    const after = await rows(w);
    expect(after.map((row) => row.status)).toEqual(['queued', 'sending', 'queued', 'sending']);
    expect(after[1]).toMatchObject({ claimed_by: 'me', claimed_at: now });
    const rest = await claimDue(w.core.ctx.db, {
      channel: 'email',
      claimer: 'other',
      now,
      limit: 10,
      interrupted: false,
    });
    expect(rest.map((message) => message.id)).toEqual([ids[0]]);
    expect(
      await claimDue(w.core.ctx.db, {
        channel: 'email',
        claimer: 'x',
        now: now + 1,
        limit: 10,
        interrupted: false,
      }),
    ).toHaveLength(1);
  });

  it('take messages interrupted before only when asked for them, and those only', async () => {
    const w = await openWorld();
    const now = w.core.ctx.now();
    const ids = await queue(w, 3);
    await w.core.ctx
      .db('notifications')
      .where({ id: ids[1] })
      .update({ interruptions: 2, retry_since: now - 5 });
    const lone = await claimDue(w.core.ctx.db, {
      channel: 'email',
      claimer: 'me',
      now,
      limit: 5,
      interrupted: true,
    });
    expect(lone.map((message) => [message.id, message.interruptions, message.retrySince])).toEqual([
      [ids[1], 2, now - 5],
    ]);
    const normal = await claimDue(w.core.ctx.db, {
      channel: 'email',
      claimer: 'me',
      now,
      limit: 5,
      interrupted: false,
    });
    expect(normal.map((message) => message.id)).toEqual([ids[0], ids[2]]);
  });
});

describe('outcomes', () => {
  it('write each kind of outcome, and only under the claim that took the row', async () => {
    const w = await openWorld();
    const now = w.core.ctx.now();
    const ids = await queue(w, 6);
    await claimDue(w.core.ctx.db, { channel: 'email', claimer: 'me', now, limit: 6, interrupted: false });
    await w.core.ctx.db('notifications').where({ id: ids[5] }).update({ claimed_by: 'someone else' });
    const lost = await recordOutcomes(
      w.core.ctx.db,
      [
        { id: ids[0], claimer: 'me', kind: 'sent', messageId: '<0@x>' },
        { id: ids[1], claimer: 'me', kind: 'sent', messageId: '<1@x>' },
        {
          id: ids[2],
          claimer: 'me',
          kind: 'retry',
          error: '451 later',
          nextAttemptAt: now + 60_000,
          retrySince: now,
        },
        { id: ids[3], claimer: 'me', kind: 'failed', error: '550 no' },
        { id: ids[4], claimer: 'me', kind: 'held', error: 'Waiting for the server: down' },
        { id: ids[5], claimer: 'me', kind: 'sent', messageId: '<5@x>' },
      ],
      now + 7,
    );
    expect(lost).toEqual([ids[5]]);
    const after = await rows(w);
    expect(after[0]).toMatchObject({
      status: 'sent',
      attempts: 1,
      sent_at: now + 7,
      message_id: '<0@x>',
      next_attempt_at: null,
    });
    expect(after[1]).toMatchObject({ status: 'sent', message_id: '<1@x>' });
    expect(after[2]).toMatchObject({
      status: 'queued',
      attempts: 1,
      last_error: '451 later',
      next_attempt_at: now + 60_000,
      retry_since: now,
    });
    expect(after[3]).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: '550 no',
      next_attempt_at: null,
    });
    expect(after[4]).toMatchObject({
      status: 'queued',
      attempts: 0,
      last_error: 'Waiting for the server: down',
      next_attempt_at: now,
    });
    expect(after[5]).toMatchObject({ status: 'sending', attempts: 0, message_id: null });
  });

  it('return a claimed row untouched, and report single outcomes whose claim was lost', async () => {
    const w = await openWorld();
    const now = w.core.ctx.now();
    const ids = await queue(w, 3);
    await claimDue(w.core.ctx.db, { channel: 'email', claimer: 'me', now, limit: 3, interrupted: false });
    await w.core.ctx.db('notifications').where({ id: ids[2] }).update({ status: 'queued' });
    expect(
      await recordOutcomes(w.core.ctx.db, [{ id: ids[0], claimer: 'me', kind: 'returned' }], now),
    ).toEqual([]);
    expect(
      await recordOutcomes(w.core.ctx.db, [{ id: ids[1], claimer: 'gone', kind: 'returned' }], now),
    ).toEqual([ids[1]]);
    expect(
      await recordOutcomes(
        w.core.ctx.db,
        [{ id: ids[2], claimer: 'me', kind: 'sent', messageId: '<2@x>' }],
        now,
      ),
    ).toEqual([ids[2]]);
    const after = await rows(w);
    expect(after.map((row) => [row.status, row.attempts, row.last_error])).toEqual([
      ['queued', 0, null],
      ['sending', 0, null],
      ['queued', 0, null],
    ]);
  });

  it('group deliveries by claimer', async () => {
    const w = await openWorld();
    const now = w.core.ctx.now();
    const ids = await queue(w, 2);
    await claimDue(w.core.ctx.db, { channel: 'email', claimer: 'a', now, limit: 1, interrupted: false });
    await claimDue(w.core.ctx.db, { channel: 'email', claimer: 'b', now, limit: 1, interrupted: false });
    expect(
      await recordOutcomes(
        w.core.ctx.db,
        [
          { id: ids[0], claimer: 'a', kind: 'sent', messageId: '<a@x>' },
          { id: ids[1], claimer: 'b', kind: 'sent', messageId: '<b@x>' },
        ],
        now,
      ),
    ).toEqual([]);
    expect((await rows(w)).map((row) => row.message_id)).toEqual(['<a@x>', '<b@x>']);
  });
});

describe('the sweep', () => {
  it('takes back what gone senders left, counting the sends that may have been in flight, and removes them', async () => {
    const w = await openWorld();
    const now = w.core.ctx.now();
    const leaseNow = 1_000;
    const ids = await queue(w, 2 * SENDS_AT_ONCE + 6, () => now - 10);
    await addSender(w, 'expired', leaseNow - 1);
    await addSender(w, 'alive', leaseNow);
    await addSender(w, 'killed', leaseNow + 60_000);
    // `expired` claimed 2 × SENDS_AT_ONCE + 2 rows in two batches; the alive sender 2, the killed one 1.
    await claimDue(w.core.ctx.db, {
      channel: 'email',
      claimer: 'expired',
      now: now - 2,
      limit: SENDS_AT_ONCE,
      interrupted: false,
    });
    await claimDue(w.core.ctx.db, {
      channel: 'email',
      claimer: 'expired',
      now: now - 1,
      limit: SENDS_AT_ONCE + 2,
      interrupted: false,
    });
    await claimDue(w.core.ctx.db, { channel: 'email', claimer: 'alive', now, limit: 2, interrupted: false });
    await claimDue(w.core.ctx.db, { channel: 'email', claimer: 'killed', now, limit: 1, interrupted: false });
    // One more row, left by a sender that is not registered at all (an older version).
    await w.core.ctx
      .db('notifications')
      .where({ id: ids.at(-1) })
      .update({ status: 'sending', claimed_by: null });
    await w.core.ctx.db('notifications').where({ id: ids[0] }).update({ interruptions: 2, attempts: 5 });

    const swept = await sweepAbandoned(w.core.ctx.db, {
      self: 'me',
      gone: ['killed'],
      leaseNow,
      now: now + 9,
    });
    expect(swept).toEqual({ interrupted: 2 * SENDS_AT_ONCE - 1 + 2, failed: 1, returned: 2 });
    const after = await rows(w);
    const at = (index: number) => after[index];
    expect(at(0)).toMatchObject({
      status: 'failed',
      attempts: 6,
      interruptions: 3,
      next_attempt_at: null,
      last_error:
        'Interrupted 3 times: Lowbal stopped while sending it each time, so it is not sent again automatically (Retry sends it once more)',
    });
    for (let index = 1; index < 2 * SENDS_AT_ONCE; index++) {
      expect(at(index)).toMatchObject({
        status: 'queued',
        attempts: 1,
        interruptions: 1,
        next_attempt_at: now + 9,
        last_error:
          'Interrupted: Lowbal stopped (crashed or was killed) while sending it; it is sent again, on its own',
      });
    }
    // The last two of its claims were never started: back in the queue as they were.
    for (const index of [2 * SENDS_AT_ONCE, 2 * SENDS_AT_ONCE + 1]) {
      expect(at(index)).toMatchObject({ status: 'queued', attempts: 0, interruptions: 0, last_error: null });
    }
    // The alive sender's rows are its own.
    expect([at(2 * SENDS_AT_ONCE + 2).status, at(2 * SENDS_AT_ONCE + 3).status]).toEqual([
      'sending',
      'sending',
    ]);
    expect(at(2 * SENDS_AT_ONCE + 4)).toMatchObject({ status: 'queued', interruptions: 1 });
    expect(at(2 * SENDS_AT_ONCE + 5)).toMatchObject({ status: 'queued', interruptions: 1 });
    expect(await w.core.ctx.db('outbox_senders').orderBy('id').pluck('id')).toEqual(['alive']);
  });

  it('never takes back the rows of the sender that sweeps, even when its own lease has expired', async () => {
    const w = await openWorld();
    const now = w.core.ctx.now();
    await queue(w, 1);
    await addSender(w, 'me', 0);
    await claimDue(w.core.ctx.db, { channel: 'email', claimer: 'me', now, limit: 1, interrupted: false });
    expect(await sweepAbandoned(w.core.ctx.db, { self: 'me', gone: [], leaseNow: 5, now })).toEqual({
      interrupted: 0,
      failed: 0,
      returned: 0,
    });
    expect((await rows(w))[0].status).toBe('sending');
    expect(await w.core.ctx.db('outbox_senders').pluck('id')).toEqual(['me']);
  });
});

describe('Retry', () => {
  it('queues failed rows again, due now, with a fresh set of attempts, and leaves the others', async () => {
    const w = await openWorld();
    const now = w.core.ctx.now();
    const ids = await queue(w, 2);
    await w.core.ctx.db('notifications').update({
      status: 'failed',
      attempts: 4,
      interruptions: 3,
      retry_since: now - 9,
      next_attempt_at: null,
    });
    await w.core.ctx.db('notifications').where({ id: ids[1] }).update({ status: 'sent' });
    expect(await requeueFailed(w.core.ctx.db, ids, now + 1)).toBe(1);
    expect((await rows(w))[0]).toMatchObject({
      status: 'queued',
      attempts: 0,
      interruptions: 0,
      retry_since: null,
      next_attempt_at: now + 1,
    });
    expect((await rows(w))[1]).toMatchObject({ status: 'sent', attempts: 4 });
  });
});
