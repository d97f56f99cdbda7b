import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ruleCounts, setRuleCounters } from '../../test-support/client-fixtures';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { clientEntry, document, profileEntry, seed, text } from './test-documents';

const NOW = Date.parse('2026-11-26T12:00:00Z');
let core: TestCore;

beforeEach(async () => {
  core = await createTestCore({ start: NOW });
  await seed(core);
});
afterEach(() => core.close());

async function clientNamed(name: string) {
  const { rows } = await core.call('clients.list', { search: name });
  const client = rows.find((row) => row.name === name);
  if (!client) throw new Error(`no client ${name}`);
  return client;
}

async function profileNamed(name: string) {
  const { rows } = await core.call('profiles.list', { search: name });
  return rows.find((row) => row.name === name)!;
}

const apply = (file: Record<string, unknown>, replace = false) =>
  core.call('interchange.apply', { text: text(file), replace });

describe('importing', () => {
  it('takes the rule timing fields of SPEC §7 and exports them back; absent ones keep what is stored', async () => {
    const quietHours = { from: '20:00', until: '08:00', timeZone: 'America/New_York' };
    const runwayOnly = { threshold: null, notify: true, inactivity: null, runwayDays: 5, emails: [] };
    await apply(
      document({
        profiles: [profileEntry({ recoveryNotice: true, quietHours, advancedRules: [runwayOnly] })],
      }),
    );
    const stored = await profileNamed('Standard');
    expect(stored).toMatchObject({ recoveryNotice: true, quietHours });
    expect(stored.advancedRules).toMatchObject([{ threshold: null, inactivity: null, runwayDays: 5 }]);
    const exported = JSON.parse((await core.call('interchange.export', {})).text);
    const entry = exported.profiles.find((p: { name: string }) => p.name === 'Standard');
    expect(entry).toMatchObject({ recoveryNotice: true, quietHours, advancedRules: [runwayOnly] });

    await apply(document({ profiles: [profileEntry({ advancedRules: [runwayOnly] })] }));
    expect(await profileNamed('Standard')).toMatchObject({ recoveryNotice: true, quietHours });
    await apply(document({ profiles: [profileEntry({ quietHours: null, recoveryNotice: false })] }));
    expect(await profileNamed('Standard')).toMatchObject({ recoveryNotice: false, quietHours: null });
  });

  it('previews what it would create, update and leave alone, writing nothing', async () => {
    const file = document({
      resellers: [
        { name: 'Acme Telecom', email: 'noc@acme.example' },
        { name: 'Beta Mobile', email: 'new-ops@beta.example' },
        { name: 'Gamma', email: 'g@gamma.example' },
      ],
      clients: [clientEntry(), clientEntry({ name: 'Client Two', balance: 3 })],
    });
    const preview = await core.call('interchange.preview', { text: text(file) });
    expect(preview).toMatchObject({ valid: true, errorCount: 0, sections: ['resellers', 'clients'] });
    expect(preview.plan.resellers).toEqual({ create: 1, update: 1, unchanged: 1, delete: 0 });
    expect(preview.plan.clients).toEqual({ create: 1, update: 0, unchanged: 1, delete: 0 });
    expect(preview.plan.profiles).toEqual({ create: 0, update: 0, unchanged: 0, delete: 0 });
    expect(await core.call('resellers.list', {})).toHaveLength(2);

    const result = await core.call('interchange.apply', { text: text(file) });
    expect(result.plan).toEqual(preview.plan);
    const resellers = await core.call('resellers.list', {});
    expect(resellers.map((r) => [r.name, r.email])).toEqual([
      ['Acme Telecom', 'noc@acme.example'],
      ['Beta Mobile', 'new-ops@beta.example'],
      ['Gamma', 'g@gamma.example'],
    ]);
    expect(await clientNamed('Client Two')).toMatchObject({ balance: 30_000, profileName: 'Standard' });
  });

  it('matches names without regard to case and takes the spelling of the file', async () => {
    await apply(document({ clients: [clientEntry({ name: 'CLIENT one', reseller: 'acme telecom' })] }));
    const { rows } = await core.call('clients.list', {});
    expect(rows.map((row) => row.name)).toEqual(['CLIENT one']);
  });

  it('keeps the fields a partial entry leaves out, and clears those set to null', async () => {
    await apply(
      document({
        clients: [{ name: 'Client One', reseller: 'Acme Telecom', currency: 'USD', balance: '40' }],
      }),
    );
    expect(await clientNamed('Client One')).toMatchObject({
      balance: 400_000,
      billingEmail: 'one@client.example',
      profileName: 'Standard',
      lastChargeAt: Date.parse('2025-11-20T08:00:00Z'),
      active: true,
    });

    await apply(
      document({
        clients: [
          {
            name: 'Client One',
            reseller: 'Acme Telecom',
            currency: 'USD',
            balance: 40,
            profile: null,
            billingEmail: null,
          },
        ],
      }),
    );
    expect(await clientNamed('Client One')).toMatchObject({ profileName: null, billingEmail: null });
  });

  it('records a rise of the balance as a refill that resets the rule counters, and a fall without reset', async () => {
    const client = await clientNamed('Client One');
    const profile = await profileNamed('Standard');
    const ruleIds = [profile.userNotification.id, profile.clientNotification.id, profile.advancedRules[0].id];
    await setRuleCounters(core, client.id, Object.fromEntries(ruleIds.map((id) => [id, 2])));

    await apply(document({ clients: [clientEntry({ balance: '10.00' })] }));
    expect(await ruleCounts(core, client.id)).toEqual([2, 2, 2]);

    const preview = await core.call('interchange.preview', {
      text: text(document({ clients: [clientEntry({ balance: '99.5' })] })),
    });
    expect(preview.refills).toBe(1);
    const result = await apply(document({ clients: [clientEntry({ balance: '99.5' })] }));
    expect(result.refills).toBe(1);
    expect(await ruleCounts(core, client.id)).toEqual([0, 0, 0]);

    const page = await core.call('clients.get', { id: client.id });
    expect(page.client.balance).toBe(995_000);
    expect(
      page.events.rows.map((event) => [event.kind, event.amount, event.balanceAfter, event.note]),
    ).toEqual([
      ['adjustment', 895_000, 995_000, 'Imported'],
      ['adjustment', -25_000, 100_000, 'Imported'],
      ['adjustment', 125_000, 125_000, 'Opening balance'],
    ]);
  });

  it('keeps the rule counters of a profile whose rules the file changes in place', async () => {
    const client = await clientNamed('Client One');
    const before = await profileNamed('Standard');
    await setRuleCounters(core, client.id, { [before.advancedRules[0].id]: 1 });

    const changed = profileEntry({
      maxQty: 5,
      advancedRules: [
        { threshold: '7.00', notify: true, inactivity: { value: 2, unit: 'days' }, emails: [] },
        {
          threshold: '1.00',
          notify: false,
          inactivity: { value: 9, unit: 'days' },
          emails: ['risk@acme.example'],
        },
      ],
    });
    const result = await apply(document({ profiles: [changed] }));
    expect(result.plan.profiles).toEqual({ create: 0, update: 1, unchanged: 0, delete: 0 });

    const after = await profileNamed('Standard');
    expect(after.maxQty).toBe(5);
    expect(after.advancedRules.map((rule) => rule.threshold)).toEqual([70_000, 10_000]);
    expect(after.advancedRules[0].id).toBe(before.advancedRules[0].id);
    expect(await ruleCounts(core, client.id)).toEqual([1]);
  });

  it('creates what a file refers to before what refers to it', async () => {
    await apply(
      document({
        clients: [clientEntry({ name: 'Zed', reseller: 'Zeta', profile: 'Zeta plan', currency: 'GBP' })],
        profiles: [
          profileEntry({
            name: 'Zeta plan',
            reseller: 'Zeta',
            currency: 'GBP',
            userNotification: { threshold: '1', users: ['zoe@zeta.example'] },
          }),
        ],
        users: [{ name: 'Zoe', email: 'zoe@zeta.example', reseller: 'Zeta' }],
        resellers: [{ name: 'Zeta', email: 'noc@zeta.example' }],
        currencies: [{ code: 'GBP', name: 'Pound Sterling', rate: '0.79' }],
      }),
    );
    expect(await clientNamed('Zed')).toMatchObject({
      resellerName: 'Zeta',
      currencyCode: 'GBP',
      profileName: 'Zeta plan',
    });
    const users = await core.call('users.list', {});
    const zoe = users.find((user) => user.email === 'zoe@zeta.example')!;
    expect(zoe.resellerName).toBe('Zeta');
    expect((await profileNamed('Zeta plan')).userNotification.userIds).toEqual([zoe.id]);
  });

  it('moves the base currency only when the file marks another one', async () => {
    await apply(document({ currencies: [{ code: 'EUR', name: 'Euro', rate: '0.95' }] }));
    let currencies = await core.call('currencies.list', {});
    expect(currencies.find((c) => c.isBase)?.code).toBe('USD');
    expect(currencies.find((c) => c.code === 'EUR')?.rateE8).toBe(95_000_000);

    await apply(document({ currencies: [{ code: 'EUR', name: 'Euro', rate: 1, base: true }] }));
    currencies = await core.call('currencies.list', {});
    expect(currencies.filter((c) => c.isBase).map((c) => c.code)).toEqual(['EUR']);
  });

  it('in Replace mode removes what the sections in the file do not list, and nothing else', async () => {
    await apply(
      document({ clients: [clientEntry({ name: 'Client Two' }), clientEntry({ name: 'Client Three' })] }),
    );
    const file = document({
      clients: [clientEntry({ name: 'Client Two' }), clientEntry({ name: 'Client Four' })],
    });

    const merged = await core.call('interchange.preview', { text: text(file) });
    expect(merged.plan.clients).toEqual({ create: 1, update: 0, unchanged: 1, delete: 0 });

    const result = await apply(file, true);
    expect(result.plan.clients).toEqual({ create: 1, update: 0, unchanged: 1, delete: 2 });
    const { rows } = await core.call('clients.list', {});
    expect(rows.map((row) => row.name)).toEqual(['Client Four', 'Client Two']);
    expect(await core.call('resellers.list', {})).toHaveLength(2);
    expect((await core.call('profiles.list', {})).rows).toHaveLength(2);
  });

  it('in Replace mode can replace profiles, unassigning the clients of a removed one', async () => {
    const result = await apply(
      document({ profiles: [profileEntry({ name: 'Beta plan', reseller: 'Beta Mobile', currency: 'EUR' })] }),
      true,
    );
    expect(result.plan.profiles).toEqual({ create: 0, update: 0, unchanged: 1, delete: 1 });
    expect((await core.call('profiles.list', {})).rows.map((p) => p.name)).toEqual(['Beta plan']);
    expect(await clientNamed('Client One')).toMatchObject({ profileName: null });
  });

  it('accepts amounts as JSON numbers', async () => {
    await apply(document({ clients: [clientEntry({ balance: -12.3456, credit: 5 })] }));
    expect(await clientNamed('Client One')).toMatchObject({ balance: -123_456, credit: 50_000 });
  });
});
