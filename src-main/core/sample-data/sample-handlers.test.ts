import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../test-support/test-core';

const DAY_MS = 86_400_000;

describe('sample data', () => {
  let core: TestCore;
  afterEach(async () => {
    await core.close();
  });

  it('loads a dataset with every kind of rule into an empty database', async () => {
    core = await createTestCore();
    expect(await core.call('sample.status', {})).toEqual({ empty: true });

    const counts = await core.call('sample.load', {});

    expect(counts).toEqual({ currencies: 3, resellers: 2, users: 3, profiles: 3, clients: 20 });
    expect(await core.call('sample.status', {})).toEqual({ empty: false });
    const currencies = await core.call('currencies.list', {});
    expect(currencies.find((c) => c.isBase)?.code).toBe('USD');
    expect(currencies.map((c) => c.rateE8 !== null)).toEqual([true, true, true]);

    const { rows: profiles } = await core.call('profiles.list', { offset: 0, limit: 10 });
    expect(
      profiles.some((p) => p.userNotification.threshold !== null && p.userNotification.userIds.length),
    ).toBe(true);
    expect(profiles.some((p) => p.clientNotification.threshold !== null)).toBe(true);
    expect(profiles.some((p) => p.advancedRules.some((r) => r.threshold !== null && r.inactivity))).toBe(
      true,
    );
    expect(profiles.reduce((sum, p) => sum + p.clientCount, 0)).toBeGreaterThan(10);
  });

  it('records each client history so its balance and last charge follow from its events', async () => {
    core = await createTestCore();
    await core.call('sample.load', {});
    const now = core.ctx.now();
    const clients: { id: number; balance: number; last_charge_at: number | null; created_at: number }[] =
      await core.ctx.db('clients').select('id', 'balance', 'last_charge_at', 'created_at');
    for (const client of clients) {
      const last = await core.ctx
        .db('balance_events')
        .where({ client_id: client.id })
        .orderBy([
          { column: 'at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .first('balance_after');
      expect(last?.balance_after).toBe(client.balance);
      const lastCharge = await core.ctx
        .db('balance_events')
        .where({ client_id: client.id, kind: 'charge' })
        .max({ at: 'at' })
        .first();
      expect(client.last_charge_at).toBe(lastCharge?.at ?? null);
    }
    const neverCharged = clients.filter((c) => c.last_charge_at === null);
    const chargedLastTwoDays = clients.filter(
      (c) => c.last_charge_at !== null && c.last_charge_at > now - 2 * DAY_MS,
    );
    const idleForAWeek = clients.filter((c) => (c.last_charge_at ?? c.created_at) < now - 7 * DAY_MS);
    expect(neverCharged.length).toBeGreaterThan(0);
    expect(chargedLastTwoDays.length).toBeGreaterThan(0);
    expect(idleForAWeek.length).toBeGreaterThan(0);
    expect(clients.some((c) => c.balance < 0)).toBe(true);
  });

  it('refuses a database that already holds data and changes nothing', async () => {
    core = await createTestCore();
    await core.call('resellers.create', { name: 'Existing Reseller', email: 'noc@existing.example' });

    const error = await core.callError('sample.load', {});

    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/empty database/);
    expect(await core.call('resellers.list', {})).toHaveLength(1);
    expect(await core.call('currencies.list', {})).toHaveLength(0);
  });

  it('loads only once', async () => {
    core = await createTestCore();
    await core.call('sample.load', {});

    const error = await core.callError('sample.load', {});

    expect(error.code).toBe('conflict');
    const [{ count }] = await core.ctx.db('clients').count({ count: '*' });
    expect(Number(count)).toBe(20);
  });
});
