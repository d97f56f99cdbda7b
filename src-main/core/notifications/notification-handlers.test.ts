import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../test-support/closed-after-each';
import { createEngineWorld, DAY, RESELLER_EMAIL, type EngineWorld } from '../../test-support/engine-world';

const openWorld = closedAfterEach(createEngineWorld);

/** Two profiles, two clients, two checks a day apart; one e-mail is marked failed. */
async function history(w: EngineWorld) {
  const user = await w.addProfile({
    userNotification: { threshold: '20', notify: true, userIds: [w.userIds.ann], emails: [] },
  });
  const client = await w.addProfile({ clientNotification: { threshold: '20', notify: true, emails: [] } });
  const one = await w.addClient({
    name: 'One',
    balance: '5',
    profileId: user,
    billingEmail: 'one@client.example',
  });
  const two = await w.addClient({
    name: 'Two',
    balance: '5',
    profileId: client,
    billingEmail: 'two@client.example',
  });
  const start = w.core.ctx.now();
  await w.core.call('engine.checkNow', {});
  w.core.advance(DAY);
  await w.core.call('engine.checkNow', { profileId: client });
  const failed = await w.core.ctx.db('notifications').where({ client_id: two }).orderBy('id').first('id');
  await w.core.ctx
    .db('notifications')
    .where({ id: failed.id })
    .update({ status: 'failed', attempts: 1, last_error: '550 No such user' });
  return { user, client, one, two, start, failedId: failed.id as number };
}

describe('notification history', () => {
  it('lists newest first, with filters by client, profile, status and date', async () => {
    const world = await openWorld();
    const h = await history(world);
    const all = await world.core.call('notifications.list', {});
    expect(all.total).toBe(4);
    // Newest first; within one check, the last queued first.
    expect(all.rows.map((r) => [r.clientName, r.recipient, r.status])).toEqual([
      ['Two', 'two@client.example', 'queued'],
      ['Two', 'two@client.example', 'failed'],
      ['One', 'ann@acme.example', 'queued'],
      ['One', RESELLER_EMAIL, 'queued'],
    ]);

    const list = (query: object) => world.core.call('notifications.list', query);
    expect((await list({ clientId: h.one })).rows.map((r) => r.recipient).sort()).toEqual(
      ['ann@acme.example', RESELLER_EMAIL].sort(),
    );
    expect((await list({ profileId: h.client })).total).toBe(2);
    expect((await list({ status: 'failed' })).rows.map((r) => [r.id, r.lastError])).toEqual([
      [h.failedId, '550 No such user'],
    ]);
    expect((await list({ from: h.start + DAY })).rows.map((r) => r.clientName)).toEqual(['Two']);
    expect((await list({ from: h.start, to: h.start + 1 })).total).toBe(3);
    const page = await list({ offset: 1, limit: 2 });
    expect(page).toMatchObject({ total: 4 });
    expect(page.rows.map((r) => r.id)).toEqual(all.rows.slice(1, 3).map((r) => r.id));

    const error = await world.core.callError('notifications.list', { from: 10, to: 5, status: 'lost' });
    expect(error.issues.map((i) => i.path).sort()).toEqual(['status']);
    expect((await world.core.callError('notifications.list', { from: 10, to: 5 })).issues).toEqual([
      { path: 'to', message: 'To must be after From' },
    ]);
  });

  it('shows one notification with its rendered e-mail and every recipient of it', async () => {
    const world = await openWorld();
    const h = await history(world);
    const ann = await world.core.ctx
      .db('notifications')
      .where({ client_id: h.one, recipient: 'ann@acme.example' })
      .first('id');
    const detail = await world.core.call('notifications.get', { id: ann.id });
    expect(detail).toMatchObject({
      clientName: 'One',
      ruleKind: 'user',
      status: 'queued',
      available: 50_000,
      threshold: 200_000,
      currencyCode: 'USD',
      count: 1,
      subject: 'Low balance: One has 5.00 USD available',
    });
    expect(detail.textBody).toContain('The available balance of One');
    expect(detail.htmlBody).toContain('<strong>One</strong>');
    expect(detail.recipients.map((r) => r.recipient).sort()).toEqual(
      ['ann@acme.example', RESELLER_EMAIL].sort(),
    );
    expect((await world.core.callError('notifications.get', { id: 12345 })).code).toBe('not_found');
  });

  it('retries only failed e-mails', async () => {
    const world = await openWorld();
    const h = await history(world);
    const queuedId = (await world.core.ctx.db('notifications').where({ status: 'queued' }).first('id')).id;
    expect((await world.core.callError('notifications.retry', { ids: [queuedId] })).code).toBe('conflict');
    expect(await world.core.call('notifications.retry', { ids: [h.failedId, queuedId] })).toEqual({
      requeued: 1,
    });
    const retried = await world.core.call('notifications.get', { id: h.failedId });
    expect(retried).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: world.core.ctx.now() });
    expect((await world.core.callError('notifications.retry', { ids: [] })).issues[0].path).toBe('ids');
  });
});
