import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../test-support/closed-after-each';
import {
  advancedRule,
  createEngineWorld,
  DAY,
  RESELLER_EMAIL,
  type EngineWorld,
} from '../../test-support/engine-world';
import { runDueChecks } from './check-runs';

const LOW = 'low@client.example';

const openWorld = closedAfterEach(createEngineWorld);

/** A profile with every rule kind on, and clients that match some of them (or cannot be e-mailed). */
async function busyProfile(w: EngineWorld) {
  const profileId = await w.addProfile({
    maxQty: 1,
    userNotification: { threshold: '50', notify: true, userIds: [w.userIds.ann], emails: [] },
    clientNotification: { threshold: '20', notify: true, emails: ['copy@acme.example'] },
    advancedRules: [advancedRule('10', 1)],
  });
  const now = w.core.ctx.now();
  await w.addClient({
    name: 'Alpha',
    balance: '5',
    profileId,
    billingEmail: LOW,
    lastChargeAt: now - 2 * DAY,
  });
  await w.addClient({ name: 'Beta', balance: '30', profileId, billingEmail: 'beta@client.example' });
  await w.addClient({ name: 'Gamma', balance: '100', profileId, billingEmail: 'gamma@client.example' });
  await w.addClient({ name: 'Delta', balance: '15', profileId });
  return profileId;
}

async function snapshot(w: EngineWorld) {
  const db = w.core.ctx.db;
  return {
    notifications: await db('notifications').count({ n: '*' }),
    checks: await db('checks').count({ n: '*' }),
    ruleState: await db('rule_state').select(),
    profiles: await db('profiles').select('id', 'last_check_at', 'next_check_at'),
  };
}

describe('engine.preview', () => {
  it('lists what a check would e-mail now, the same a check then queues, without writing anything', async () => {
    const world = await openWorld();
    const profileId = await busyProfile(world);
    const before = await snapshot(world);
    const preview = await world.core.call('engine.preview', { profileId });
    expect(await snapshot(world)).toEqual(before);

    const previewed = preview.rows.flatMap((row) =>
      row.recipients.map((r) => `${row.clientName}|${row.ruleKind}|${r}`),
    );
    expect(
      preview.rows.map((row) => [row.clientName, row.ruleKind, row.available, row.threshold, row.count]),
    ).toEqual([
      ['Alpha', 'advanced', 50_000, 100_000, 1],
      ['Alpha', 'client', 50_000, 200_000, 1],
      ['Alpha', 'user', 50_000, 500_000, 1],
      ['Beta', 'user', 300_000, 500_000, 1],
      ['Delta', 'client', 150_000, 200_000, 1],
      ['Delta', 'user', 150_000, 500_000, 1],
    ]);
    expect(preview.summary).toMatchObject({ clientsEvaluated: 4, matches: 6, skipped: 1, checkId: null });
    expect(preview.summary.skippedItems).toEqual([
      {
        clientId: expect.any(Number),
        clientName: 'Delta',
        ruleKind: 'client',
        address: null,
        reason: 'no Billing Email',
      },
    ]);
    expect(preview.total).toBe(6);
    expect(preview.emails).toBe(previewed.length);

    const { checks } = await world.core.call('engine.checkNow', { profileId });
    expect((await world.queued(checks[0].checkId)).sort()).toEqual(previewed.sort());
    expect(previewed).toContain(`Alpha|user|${RESELLER_EMAIL}`);
    expect(checks[0].queued).toBe(preview.emails);

    // Max Qty 1 is reached now: a second preview lists nothing and says why.
    const after = await world.core.call('engine.preview', { profileId });
    expect(after.rows).toEqual([]);
    expect(after.summary.maxQtyReached).toBe(6);
  });

  it('pages long previews', async () => {
    const world = await openWorld();
    const profileId = await busyProfile(world);
    const preview = await world.core.call('engine.preview', { profileId, limit: 2 });
    expect(preview.rows).toHaveLength(2);
    expect(preview.total).toBe(6);
  });
});

describe('engine.checkNow and engine.status', () => {
  it('checks every profile when none is given, and reports the last check', async () => {
    const world = await openWorld();
    const first = await busyProfile(world);
    const second = await world.addProfile({
      clientNotification: { threshold: '1', notify: true, emails: [] },
    });
    const { checks, paused } = await world.core.call('engine.checkNow', {});
    expect(paused).toBe(false);
    expect(checks.map((c) => c.profileId)).toEqual([first, second]);

    const status = await world.core.call('engine.status', {});
    expect(status).toMatchObject({
      running: false,
      paused: false,
      smtpConfigured: false,
      queue: { queued: checks[0].queued, sending: 0, failed: 0, due: checks[0].queued },
      nextCheckAt: world.core.ctx.now() + DAY,
    });
    expect(status.lastCheck).toEqual({ ...checks[1], finishedAt: checks[1].finishedAt });
    expect((await world.core.callError('engine.checkNow', { profileId: 999 })).code).toBe('not_found');
  });

  it('stores the summary of every check with its skipped detail', async () => {
    const world = await openWorld();
    const profileId = await busyProfile(world);
    const { checks } = await world.core.call('engine.checkNow', { profileId });
    const row = await world.core.ctx.db('checks').first();
    expect(row).toMatchObject({
      profile_id: profileId,
      trigger: 'manual',
      matches: 6,
      skipped: 1,
      queued: checks[0].queued,
    });
    expect(JSON.parse(row.skipped_detail)).toMatchObject({
      reasons: [{ reason: 'no Billing Email', count: 1 }],
      maxQtyReached: 0,
    });
  });

  it('leaves no trace of a check that fails midway, and tries it again later', async () => {
    const world = await openWorld();
    const profileId = await busyProfile(world);
    const db = world.core.ctx.db;
    await db.raw(
      `CREATE TRIGGER break_outbox BEFORE INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
    const before = await snapshot(world);
    // An unexpected error: the caller gets a reference, not the database's words.
    expect((await world.core.callError('engine.checkNow', { profileId })).message).toMatch(
      /^Something went wrong \(reference [0-9a-f]{8}\)/,
    );
    expect(await snapshot(world)).toEqual(before);

    expect(await runDueChecks(world.core.ctx)).toEqual({ checks: [], cancelled: false });
    const profile = await db('profiles').where({ id: profileId }).first('last_check_at', 'next_check_at');
    expect(profile).toEqual({ last_check_at: null, next_check_at: world.core.ctx.now() + 15 * 60_000 });

    await db.raw('DROP TRIGGER break_outbox');
    world.core.advance(15 * 60_000);
    expect((await runDueChecks(world.core.ctx)).checks).toHaveLength(1);
  });
});
