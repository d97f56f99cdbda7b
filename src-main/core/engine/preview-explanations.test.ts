import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../test-support/closed-after-each';
import { advancedRule, createEngineWorld, DAY } from '../../test-support/engine-world';

const openWorld = closedAfterEach(createEngineWorld);

describe('the preview explains each match (SPEC §7)', () => {
  it('says which conditions held, and why a matching rule would not send', async () => {
    // 08:00 UTC on 26 November: outside 20:00–06:00 London, which opens at 20:00 GMT.
    const w = await openWorld();
    const profileId = await w.addProfile({
      maxQty: 1,
      mostUrgentOnly: true,
      quietHours: { from: '20:00', until: '06:00', timeZone: 'Europe/London' },
      clientNotification: { threshold: '20', notify: true, emails: [] },
      advancedRules: [advancedRule('10', 3)],
    });
    await w.addClient({ name: 'Counted', balance: '15', profileId, billingEmail: 'counted@client.example' });
    await w.core.call('engine.checkNow', { profileId });
    await w.addClient({
      name: 'Low',
      balance: '1',
      profileId,
      billingEmail: 'low@client.example',
      lastChargeAt: w.core.ctx.now() - 5 * DAY,
    });

    const preview = await w.core.call('engine.preview', { profileId });
    expect(preview.heldUntil).toBe(Date.UTC(2026, 10, 26, 20));
    expect(preview.rows).toHaveLength(1);
    expect(preview.rows[0]).toMatchObject({
      clientName: 'Low',
      ruleKind: 'advanced',
      conditions: [
        { condition: 'threshold', text: 'Available 1.00 USD is below the Threshold of 10.00 USD' },
        { condition: 'inactivity', text: 'No charge for 5 days, at least the Inactivity of 3 days' },
      ],
    });
    expect(preview.heldBack).toEqual([
      expect.objectContaining({
        clientName: 'Counted',
        ruleKind: 'client',
        reason: 'max_qty',
        reasonText: 'Max Qty reached: 1 of 1 sent since the last refill',
        conditions: [
          { condition: 'threshold', text: 'Available 15.00 USD is below the Threshold of 20.00 USD' },
        ],
      }),
      expect.objectContaining({
        clientName: 'Low',
        ruleKind: 'client',
        reason: 'outranked',
        reasonText: 'A more urgent rule matched (Only the most urgent rule)',
      }),
    ]);
  });
});
