import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../test-support/closed-after-each';
import { advancedRule, createEngineWorld, DAY, RESELLER_EMAIL } from '../../test-support/engine-world';

const openWorld = closedAfterEach(createEngineWorld);

/** Three client-side rules that all match a client at 1.00 idle for 5 days, and the User Notification. */
async function world(mostUrgentOnly: boolean) {
  const w = await openWorld();
  const profileId = await w.addProfile({
    mostUrgentOnly,
    userNotification: { threshold: '50', notify: true, userIds: [], emails: [] },
    clientNotification: { threshold: '20', notify: true, emails: [] },
    advancedRules: [advancedRule('10', 1, ['ten@acme.example']), advancedRule('5', 2, ['five@acme.example'])],
  });
  const lastChargeAt = w.core.ctx.now() - 5 * DAY;
  await w.addClient({
    name: 'Low',
    balance: '1',
    profileId,
    billingEmail: 'low@client.example',
    lastChargeAt,
  });
  const check = async () => (await w.core.call('engine.checkNow', { profileId })).checks[0];
  const counts = async () =>
    (
      await w.core.ctx
        .db('rule_state')
        .join('rules', 'rules.id', 'rule_state.rule_id')
        .orderBy('rules.threshold')
        .select('rules.threshold', 'rule_state.count')
    ).map((row: { threshold: number; count: number }) => `${row.threshold / 10_000}:${row.count}`);
  return { w, profileId, check, counts };
}

describe('Only the most urgent rule (SPEC §7)', () => {
  it('sends and counts only the lowest threshold of three matching client rules; the User Notification is independent', async () => {
    const { w, check, counts } = await world(true);
    const summary = await check();
    expect(await w.queued(summary.checkId)).toEqual([
      'Low|advanced|five@acme.example',
      'Low|advanced|low@client.example',
      `Low|user|${RESELLER_EMAIL}`,
    ]);
    expect(summary).toMatchObject({ matches: 4, queued: 3 });
    expect(summary.skippedReasons).toEqual([{ reason: 'a more urgent rule matched', count: 2 }]);
    expect(await counts()).toEqual(['5:1', '50:1']);
    // The held-back rules still match: a second check neither resets nor counts them.
    await check();
    expect(await counts()).toEqual(['5:2', '50:2']);
  });

  it('is off by default: every matching rule sends', async () => {
    const { w, check } = await world(false);
    const summary = await check();
    expect(summary).toMatchObject({ matches: 4, queued: 6, skipped: 0 });
    expect(await w.queued(summary.checkId)).toHaveLength(6);
  });

  it('is stored with the profile', async () => {
    const { w, profileId } = await world(true);
    expect((await w.core.call('profiles.get', { id: profileId })).mostUrgentOnly).toBe(true);
  });
});
