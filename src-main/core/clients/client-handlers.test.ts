import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clientInput,
  clientWithCounters,
  CLIENT_TESTS_START as START,
  profileInput,
  ruleCounts,
  seedCatalog,
  setRuleCounters,
  type Catalog,
} from '../../test-support/client-fixtures';
import { DAY } from '../../test-support/engine-world';
import { createTestCore, type TestCore } from '../../test-support/test-core';

let core: TestCore;
let catalog: Catalog;

beforeEach(async () => {
  core = await createTestCore({ start: START });
  catalog = await seedCatalog(core);
});
afterEach(() => core.close());

async function usdProfile(rules = { client: '20', user: '50' }) {
  return core.call('profiles.create', profileInput('Standard', catalog.acme.id, catalog.usd.id, rules));
}

describe('clients.create and clients.update', () => {
  it('creates a client with its opening balance recorded as an event', async () => {
    const client = await core.call(
      'clients.create',
      clientInput('Client One', catalog.acme.id, catalog.usd.id, { balance: '12.50', credit: '5' }),
    );
    expect(client).toMatchObject({
      name: 'Client One',
      resellerName: 'Acme Telecom',
      currencyCode: 'USD',
      balance: 125_000,
      credit: 50_000,
      available: 175_000,
      active: true,
      balanceState: 'no_profile',
      createdAt: START,
    });
    const page = await core.call('clients.get', { id: client.id });
    expect(page.events.rows).toEqual([
      expect.objectContaining({
        kind: 'adjustment',
        amount: 125_000,
        balanceAfter: 125_000,
        note: 'Opening balance',
      }),
    ]);
  });

  it('names each invalid field', async () => {
    const error = await core.callError('clients.create', {
      name: ' ',
      resellerId: catalog.acme.id,
      currencyId: catalog.usd.id,
      billingEmail: 'not-an-address',
      balance: '1.23456',
      credit: '-1',
    });
    expect(error.code).toBe('validation');
    expect(Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]))).toEqual({
      name: 'Name is required',
      billingEmail: 'Billing Email: not-an-address is not a valid e-mail address',
      balance: 'Balance must have at most 4 decimal places',
      credit: 'Credit must be 0 or more',
    });
  });

  it('refuses unknown references, a duplicate name within the reseller, and a future last charge', async () => {
    const error = await core.callError(
      'clients.create',
      clientInput('X', 999, 998, { lastChargeAt: START + DAY }),
    );
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      'currencyId',
      'lastChargeAt',
      'resellerId',
    ]);

    await core.call('clients.create', clientInput('Same Name', catalog.acme.id, catalog.usd.id));
    const clash = await core.callError(
      'clients.create',
      clientInput('same name', catalog.acme.id, catalog.usd.id),
    );
    expect(clash.issues).toEqual([
      { path: 'name', message: 'This reseller already has a client named "same name"' },
    ]);
    // Another reseller may use the name.
    await core.call('clients.create', clientInput('Same Name', catalog.beta.id, catalog.usd.id));
  });

  it('refuses a profile of another reseller with a field error and writes nothing', async () => {
    const profile = await usdProfile();
    const error = await core.callError(
      'clients.create',
      clientInput('Beta client', catalog.beta.id, catalog.usd.id, { profileId: profile.id }),
    );
    expect(error.issues).toEqual([
      { path: 'profileId', message: "Profile must belong to the client's reseller" },
    ]);
    expect((await core.call('clients.list', {})).total).toBe(0);
  });

  it('records an edited balance as an adjustment; only a rise resets the counters', async () => {
    const { input, client } = await clientWithCounters(core, catalog);

    await core.call('clients.update', { id: client.id, client: { ...input, balance: '4' } });
    expect(await ruleCounts(core, client.id)).toEqual([2, 1]);

    await core.call('clients.update', { id: client.id, client: { ...input, balance: '30' } });
    expect(await ruleCounts(core, client.id)).toEqual([0, 0]);

    const page = await core.call('clients.get', { id: client.id });
    expect(page.events.rows.map((event) => [event.kind, event.amount, event.balanceAfter])).toEqual([
      ['adjustment', 260_000, 300_000],
      ['adjustment', -60_000, 40_000],
      ['adjustment', 100_000, 100_000],
    ]);
  });

  it('keeps the balance when an update leaves it out', async () => {
    const input = clientInput('Client', catalog.acme.id, catalog.usd.id, { balance: '10' });
    const client = await core.call('clients.create', input);
    await core.call('balances.recordPayment', { clientId: client.id, amount: '5' });
    const { balance: _balance, ...withoutBalance } = input;
    const updated = await core.call('clients.update', {
      id: client.id,
      client: { ...withoutBalance, name: 'Renamed', active: false },
    });
    expect(updated).toMatchObject({ name: 'Renamed', balance: 150_000, active: false });
  });
});

describe('available balance and "low now"', () => {
  it('compares balance + credit with the thresholds in one currency', async () => {
    const profile = await usdProfile();
    const low = await core.call(
      'clients.create',
      clientInput('Low', catalog.acme.id, catalog.usd.id, { balance: '15', profileId: profile.id }),
    );
    const saved = await core.call(
      'clients.create',
      clientInput('Saved by credit', catalog.acme.id, catalog.usd.id, {
        balance: '15',
        credit: '40',
        profileId: profile.id,
      }),
    );
    const list = await core.call('clients.list', {});
    expect(list.rows.map((row) => [row.name, row.available, row.balanceState])).toEqual([
      ['Low', 150_000, 'low'],
      ['Saved by credit', 550_000, 'ok'],
    ]);
    const lowNow = await core.call('clients.list', { lowNow: true });
    expect(lowNow).toEqual({ rows: [expect.objectContaining({ id: low.id })], total: 1 });

    const page = await core.call('clients.get', { id: saved.id });
    expect(page.conversion).toBeNull();
    expect(page.rules.map((rule) => [rule.label, rule.matches, rule.reason])).toEqual([
      ['User Notification', false, 'Available 55.00 USD is not below 50.00 USD'],
      ['Client Notification', false, 'Available 55.00 USD is not below 20.00 USD'],
    ]);
  });

  it('converts into the profile currency before comparing', async () => {
    const profile = await usdProfile({ client: '20', user: '' });
    // 17 EUR at 0.9 EUR per USD is 18.8889 USD: below 20. 18.5 EUR is 20.5556 USD: not below.
    const low = await core.call(
      'clients.create',
      clientInput('Euro low', catalog.acme.id, catalog.eur.id, { balance: '17', profileId: profile.id }),
    );
    await core.call(
      'clients.create',
      clientInput('Euro ok', catalog.acme.id, catalog.eur.id, { balance: '18.5', profileId: profile.id }),
    );
    const lowNow = await core.call('clients.list', { lowNow: true });
    expect(lowNow.rows.map((row) => row.name)).toEqual(['Euro low']);
    expect(lowNow.total).toBe(1);

    const page = await core.call('clients.get', { id: low.id });
    expect(page.conversion).toEqual({
      ok: true,
      currencyCode: 'USD',
      available: 188_889,
      fromRateE8: 90_000_000,
      toRateE8: 100_000_000,
    });
    expect(page.rules).toEqual([
      expect.objectContaining({
        label: 'Client Notification',
        matches: true,
        reason: 'Available 18.8889 USD is below 20.00 USD',
        threshold: 200_000,
      }),
    ]);
  });

  it('reports a currency without a rate instead of failing', async () => {
    const profile = await usdProfile();
    const client = await core.call(
      'clients.create',
      clientInput('Yen client', catalog.acme.id, catalog.jpy.id, { balance: '-100', profileId: profile.id }),
    );
    const list = await core.call('clients.list', {});
    expect(list.rows[0]).toMatchObject({ balanceState: 'no_rate', missingRateCode: 'JPY' });
    expect((await core.call('clients.list', { lowNow: true })).total).toBe(0);

    const page = await core.call('clients.get', { id: client.id });
    expect(page.conversion).toEqual({ ok: false, currencyCode: 'USD', message: 'no rate for JPY' });
    expect(page.rules.map((rule) => [rule.matches, rule.reason])).toEqual([
      [false, 'Cannot compare: no rate for JPY'],
      [false, 'Cannot compare: no rate for JPY'],
    ]);
  });

  it('matches an advanced rule only after its inactivity, counted from the last charge', async () => {
    const profile = await core.call(
      'profiles.create',
      profileInput('Idle', catalog.acme.id, catalog.usd.id, { advanced: [{ threshold: '100', days: 3 }] }),
    );
    const client = await core.call(
      'clients.create',
      clientInput('Idle client', catalog.acme.id, catalog.usd.id, {
        balance: '50',
        profileId: profile.id,
        lastChargeAt: START - 5 * DAY,
      }),
    );
    let page = await core.call('clients.get', { id: client.id });
    expect(page.inactiveSince).toBe(START - 5 * DAY);
    expect(page.rules).toEqual([
      expect.objectContaining({
        label: 'Advanced rule 1',
        matches: true,
        reason:
          'Available 50.00 USD is below 100.00 USD and there has been no charge for 5 days (needs 3 days)',
      }),
    ]);

    core.advance(60_000);
    await core.call('balances.recordCharge', { clientId: client.id, amount: '1' });
    core.advance(2 * 3_600_000);
    page = await core.call('clients.get', { id: client.id });
    expect(page.rules[0]).toMatchObject({
      matches: false,
      reason:
        'Available 49.00 USD is below 100.00 USD, but the last charge was 2 hours ago (needs 3 days without one)',
    });
  });

  it('shows the rule counters against Max Qty', async () => {
    const profile = await usdProfile();
    const client = await core.call(
      'clients.create',
      clientInput('Counted', catalog.acme.id, catalog.usd.id, { balance: '1', profileId: profile.id }),
    );
    await setRuleCounters(core, client.id, { [profile.clientNotification.id]: 2 });
    const page = await core.call('clients.get', { id: client.id });
    expect(page.profile?.maxQty).toBe(3);
    expect(page.rules.map((rule) => [rule.label, rule.sent])).toEqual([
      ['User Notification', 0],
      ['Client Notification', 2],
    ]);
  });
});

describe('clients.list', () => {
  it('searches name and billing e-mail, filters and sorts in SQL', async () => {
    const profile = await usdProfile();
    await core.call(
      'clients.create',
      clientInput('Alpha', catalog.acme.id, catalog.usd.id, { balance: '300', profileId: profile.id }),
    );
    await core.call(
      'clients.create',
      clientInput('Bravo', catalog.acme.id, catalog.eur.id, {
        balance: '5',
        billingEmail: 'pay@bravo.example',
      }),
    );
    await core.call(
      'clients.create',
      clientInput('Charlie', catalog.beta.id, catalog.usd.id, { balance: '-2', active: false }),
    );
    const names = async (query: Parameters<TestCore['call']>[1]) =>
      (await core.call('clients.list', query as never)).rows.map((row) => row.name);

    expect(await names({ search: 'BRAVO.ex' })).toEqual(['Bravo']);
    expect(await names({ search: 'arl' })).toEqual(['Charlie']);
    expect(await names({ resellerId: catalog.beta.id })).toEqual(['Charlie']);
    expect(await names({ profileId: profile.id })).toEqual(['Alpha']);
    expect(await names({ profileId: 'none' })).toEqual(['Bravo', 'Charlie']);
    expect(await names({ active: false })).toEqual(['Charlie']);
    expect(await names({ sort: 'available', direction: 'desc' })).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect(await names({ sort: 'currency' })).toEqual(['Bravo', 'Alpha', 'Charlie']);
    expect(await names({ sort: 'reseller', direction: 'desc' })).toEqual(['Charlie', 'Alpha', 'Bravo']);
    // Active first; within them "ok" before "no profile"; inactive last.
    expect(await names({ sort: 'status' })).toEqual(['Alpha', 'Bravo', 'Charlie']);
    expect(await names({ sort: 'name', offset: 1, limit: 1 })).toEqual(['Bravo']);
  });

  it('lists the ids matching a filter, for selecting them all', async () => {
    const profile = await usdProfile();
    const ids = [];
    for (const name of ['Low 1', 'Low 2', 'Fine']) {
      const balance = name === 'Fine' ? '100' : '1';
      const input = clientInput(name, catalog.acme.id, catalog.usd.id, { balance, profileId: profile.id });
      ids.push((await core.call('clients.create', input)).id);
    }
    expect(await core.call('clients.ids', { lowNow: true })).toEqual({ ids: ids.slice(0, 2), total: 2 });
    expect(await core.call('clients.ids', { search: 'fine' })).toEqual({ ids: [ids[2]], total: 1 });
  });
});

describe('assigning and removing profiles', () => {
  it('assigns one profile to many clients and removes it again', async () => {
    const profile = await usdProfile();
    const ids = [];
    for (const name of ['One', 'Two', 'Three']) {
      ids.push((await core.call('clients.create', clientInput(name, catalog.acme.id, catalog.usd.id))).id);
    }
    expect(await core.call('clients.assignProfile', { clientIds: ids, profileId: profile.id })).toEqual({
      updated: 3,
    });
    expect((await core.call('clients.list', { profileId: profile.id })).total).toBe(3);
    expect((await core.call('profiles.get', { id: profile.id })).clientCount).toBe(3);

    expect(await core.call('clients.removeProfile', { clientIds: ids.slice(0, 2) })).toEqual({ updated: 2 });
    expect((await core.call('clients.list', { profileId: 'none' })).rows.map((row) => row.name)).toEqual([
      'One',
      'Two',
    ]);
  });

  it('refuses a profile of another reseller, naming the clients, and changes nothing', async () => {
    const profile = await usdProfile();
    const ours = await core.call('clients.create', clientInput('Ours', catalog.acme.id, catalog.usd.id));
    const theirs = await core.call('clients.create', clientInput('Theirs', catalog.beta.id, catalog.usd.id));
    const error = await core.callError('clients.assignProfile', {
      clientIds: [ours.id, theirs.id],
      profileId: profile.id,
    });
    expect(error.issues).toEqual([
      {
        path: 'profileId',
        message:
          'Profile "Standard" belongs to Acme Telecom; it cannot be assigned to clients of another reseller: Theirs (Beta Mobile)',
      },
    ]);
    expect((await core.call('clients.list', { profileId: 'none' })).total).toBe(2);
  });

  it('reports clients that no longer exist', async () => {
    const profile = await usdProfile();
    const error = await core.callError('clients.assignProfile', { clientIds: [404], profileId: profile.id });
    expect(error).toMatchObject({ code: 'not_found' });
  });
});

describe('clients.delete', () => {
  it('deletes the client with its events and notifications, and says how many went', async () => {
    const profile = await usdProfile();
    const client = await core.call(
      'clients.create',
      clientInput('Leaving', catalog.acme.id, catalog.usd.id, { balance: '10', profileId: profile.id }),
    );
    await core.call('balances.recordCharge', { clientId: client.id, amount: '3' });
    await core.ctx.db('notifications').insert({
      client_id: client.id,
      profile_id: profile.id,
      rule_kind: 'client',
      profile_name: profile.name,
      recipient: 'leaving@client.example',
      subject: 'Low balance',
      text_body: 'Low',
      html_body: '<p>Low</p>',
      created_at: START,
      balance: 70_000,
      available: 70_000,
      threshold: 200_000,
      currency_code: 'USD',
      count: 1,
    });
    expect((await core.call('clients.get', { id: client.id })).notificationCount).toBe(1);

    expect(await core.call('clients.delete', { id: client.id })).toEqual({
      id: client.id,
      name: 'Leaving',
      events: 2,
      notifications: 1,
    });
    expect(await core.ctx.db('balance_events').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await core.ctx.db('notifications').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await core.callError('clients.get', { id: client.id })).toMatchObject({ code: 'not_found' });
  });
});
