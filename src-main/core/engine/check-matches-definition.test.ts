import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../test-support/closed-after-each';
import { formatAmount } from '../../shared/money';
import { createEngineWorld, DAY, HOUR } from '../../test-support/engine-world';
import { convertInto, inactiveSince, ruleMatches, type RatedCurrency } from '../clients/available-balance';

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  return (max: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    // The high bits: an LCG's low bits repeat with a short period.
    return Math.floor((state / 2_147_483_648) * max);
  };
}

const openWorld = closedAfterEach(createEngineWorld);

describe('the set-based check agrees with the one definition of a match', () => {
  it('for random clients in several currencies, with and without rates', async () => {
    const w = await openWorld();
    const next = generator(2026);
    const eur = await w.addCurrency('EUR', '0.91234567');
    const jpy = await w.addCurrency('JPY', '150.5');
    const gbp = await w.addCurrency('GBP', null);
    const currencyIds = [w.usd, eur, jpy, gbp];
    const profileId = await w.addProfile({
      currencyId: eur,
      userNotification: { threshold: '37.1234', notify: true, userIds: [], emails: [] },
      clientNotification: { threshold: '-5', notify: true, emails: [] },
      advancedRules: [
        { threshold: '100', notify: true, inactivity: { value: 2, unit: 'days' }, emails: [] },
        { threshold: '50', notify: true, inactivity: { value: 6, unit: 'hours' }, emails: [] },
      ],
    });
    const addClients = async (from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        const charged = next(3) > 0;
        await w.addClient({
          name: `Client ${i}`,
          currencyId: currencyIds[next(currencyIds.length)],
          balance: formatAmount((next(5_000_000) - 2_000_000) * (next(2) ? 1 : 60)),
          credit: formatAmount(next(500_000)),
          billingEmail: `c${i}@client.example`,
          lastChargeAt: charged ? w.core.ctx.now() - next(5 * DAY) : null,
          active: next(10) > 0,
          profileId,
        });
      }
    };
    // Some never-charged clients were created days ago, some just now.
    await addClients(0, 120);
    w.core.advance(2 * DAY + 3 * HOUR);
    await addClients(120, 120);

    const now = w.core.ctx.now();
    const profile = await w.core.call('profiles.get', { id: profileId });
    const rules = [profile.userNotification, profile.clientNotification, ...profile.advancedRules];
    const currencies = new Map<number, RatedCurrency>(
      (await w.core.call('currencies.list', {})).map((c) => [
        c.id,
        { id: c.id, code: c.code, rateE8: c.rateE8 },
      ]),
    );
    const clients: {
      id: number;
      name: string;
      currency_id: number;
      balance: number;
      credit: number;
      last_charge_at: number | null;
      created_at: number;
      active: number;
    }[] = await w.core.ctx.db('clients').select();

    const expected: string[] = [];
    let evaluated = 0;
    let skipped = 0;
    for (const client of clients.filter((c) => c.active)) {
      const available = convertInto(
        client.balance + client.credit,
        currencies.get(client.currency_id)!,
        currencies.get(eur)!,
      );
      if (!available.ok) {
        skipped += 1;
        continue;
      }
      evaluated += 1;
      const since = inactiveSince({ lastChargeAt: client.last_charge_at, createdAt: client.created_at });
      for (const rule of rules) {
        const inactivitySeconds = rule.inactivity
          ? rule.inactivity.value * { minutes: 60, hours: 3600, days: 86400 }[rule.inactivity.unit]
          : null;
        if (ruleMatches({ threshold: rule.threshold, inactivitySeconds }, available.value, since, now)) {
          expected.push(`${client.name}|${rule.id}|${available.value}`);
        }
      }
    }

    const preview = await w.core.call('engine.preview', { profileId, limit: 5000 });
    const previewed = preview.rows.map((row) => `${row.clientName}|${row.ruleId}|${row.available}`);
    expect(previewed.sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(40);
    expect(preview.summary).toMatchObject({ clientsEvaluated: evaluated, matches: expected.length, skipped });
    expect(skipped).toBeGreaterThan(0);

    const { checks } = await w.core.call('engine.checkNow', { profileId });
    expect(checks[0]).toMatchObject({ matches: expected.length, queued: expected.length });
  });
});
