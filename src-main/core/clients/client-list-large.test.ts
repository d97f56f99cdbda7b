import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertAmount } from '../../shared/money';
import { CLIENT_TESTS_START as START, profileInput, seedCatalog } from '../../test-support/client-fixtures';
import { createTestCore, type TestCore } from '../../test-support/test-core';

const COUNT = 100_000;

/** The generated clients, as formulas of n = 1…COUNT (the same ones the SQL below uses). */
const generated = {
  currency: (n: number) => (['usd', 'eur', 'jpy'] as const)[n % 3],
  balance: (n: number) => ((n * 7919) % 2_000_001) - 500_000,
  credit: (n: number) => (n % 4) * 50_000,
  hasProfile: (n: number) => n % 5 !== 0,
};

let core: TestCore;
let profileId: number;

beforeAll(async () => {
  core = await createTestCore({ start: START });
  const catalog = await seedCatalog(core);
  const profile = await core.call(
    'profiles.create',
    profileInput('Bulk', catalog.acme.id, catalog.usd.id, { user: '50', client: '20' }),
  );
  profileId = profile.id;
  // One statement inserts every client.
  await core.ctx.db.raw(
    `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?)
     INSERT INTO clients (name, reseller_id, currency_id, billing_email, balance, credit, profile_id,
       active, created_at, updated_at)
     SELECT printf('Client %06d', n), ?, CASE n % 3 WHEN 0 THEN ? WHEN 1 THEN ? ELSE ? END,
       'billing' || n || '@client.example', (n * 7919) % 2000001 - 500000, (n % 4) * 50000,
       CASE WHEN n % 5 <> 0 THEN ? END, 1, ?, ?
     FROM seq`,
    [COUNT, catalog.acme.id, catalog.usd.id, catalog.eur.id, catalog.jpy.id, profileId, START, START],
  );
});
afterAll(() => core.close());

describe('clients.list over 100,000 clients', () => {
  it('returns the first page and the total of a "low now" filter', async () => {
    const threshold = 500_000; // the profile's highest on-rule threshold, 50 USD
    const lowInUsd = (n: number) => {
      const available = generated.balance(n) + generated.credit(n);
      const currency = generated.currency(n);
      if (currency === 'jpy') return false; // no rate: not comparable
      return (currency === 'usd' ? available : convertAmount(available, 90_000_000, 100_000_000)) < threshold;
    };
    let expectedTotal = 0;
    for (let n = 1; n <= COUNT; n++) if (generated.hasProfile(n) && lowInUsd(n)) expectedTotal++;

    const page = await core.call('clients.list', {
      lowNow: true,
      profileId,
      sort: 'available',
      direction: 'asc',
      limit: 100,
    });
    expect(page.total).toBe(expectedTotal);
    expect(page.rows).toHaveLength(100);
    expect(page.rows.every((row) => row.balanceState === 'low' && row.profileId === profileId)).toBe(true);
    const availables = page.rows.map((row) => row.available);
    expect(availables).toEqual([...availables].sort((a, b) => a - b));
  });

  it('pages through all clients sorted by name and finds one by its billing e-mail', async () => {
    const second = await core.call('clients.list', { sort: 'name', offset: 100, limit: 100 });
    expect(second.total).toBe(COUNT);
    expect(second.rows.map((row) => row.name)).toEqual(
      Array.from({ length: 100 }, (_, i) => `Client ${String(101 + i).padStart(6, '0')}`),
    );

    const found = await core.call('clients.list', { search: 'billing77777@' });
    expect(found.total).toBe(1);
    expect(found.rows[0]).toMatchObject({ name: 'Client 077777', balance: generated.balance(77_777) });
  });
});
