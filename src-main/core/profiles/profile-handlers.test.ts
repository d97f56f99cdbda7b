import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfileInput } from '../../shared/schemas/profile';
import { createTestCore, type TestCore } from '../../test-support/test-core';

let core: TestCore;
let usd: number;
let eur: number;
let acme: number;
let beta: number;
let ann: number;

function profileInput(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name: 'Prepaid standard',
    resellerId: acme,
    currencyId: usd,
    sortOrder: 0,
    maxQty: 3,
    period: { value: 24, unit: 'hours' },
    userNotification: { threshold: '50.00', notify: true, userIds: [ann], emails: [] },
    clientNotification: { threshold: '20', notify: true, emails: ['billing@client.example'] },
    advancedRules: [
      { threshold: '5', notify: true, inactivity: { value: 3, unit: 'days' }, emails: [] },
      {
        threshold: '-10.5',
        notify: false,
        inactivity: { value: 12, unit: 'hours' },
        emails: ['ops@acme.example'],
      },
    ],
    ...overrides,
  };
}

beforeEach(async () => {
  core = await createTestCore();
  usd = (await core.call('currencies.create', { code: 'USD', name: 'US Dollar', rate: '1', isBase: true }))
    .id;
  eur = (await core.call('currencies.create', { code: 'EUR', name: 'Euro', rate: '0.92' })).id;
  acme = (await core.call('resellers.create', { name: 'Acme Telecom', email: 'noc@acme.example' })).id;
  beta = (await core.call('resellers.create', { name: 'Beta Mobile', email: 'noc@beta.example' })).id;
  ann = (await core.call('users.create', { name: 'Ann Admin', email: 'ann@acme.example', resellerId: acme }))
    .id;
});

afterEach(async () => {
  await core.close();
});

async function insertClient(name: string, profileId: number | null) {
  const now = Date.now();
  const [row] = await core.ctx
    .db('clients')
    .insert({
      name,
      reseller_id: acme,
      currency_id: usd,
      balance: 0,
      credit: 0,
      profile_id: profileId,
      created_at: now,
      updated_at: now,
    })
    .returning('id');
  return (row as { id: number }).id;
}

describe('profiles: create, read, update, delete', () => {
  it('stores every field of the form exactly', async () => {
    const created = await core.call('profiles.create', profileInput());
    const read = await core.call('profiles.get', { id: created.id });
    expect(read).toMatchObject({
      name: 'Prepaid standard',
      resellerName: 'Acme Telecom',
      currencyCode: 'USD',
      maxQty: 3,
      period: { value: 24, unit: 'hours' },
      userNotification: { threshold: 500_000, notify: true, userIds: [ann], emails: [] },
      clientNotification: { threshold: 200_000, notify: true, emails: ['billing@client.example'] },
      clientCount: 0,
    });
    expect(read.advancedRules.map((r) => [r.threshold, r.notify, r.inactivity, r.emails])).toEqual([
      [50_000, true, { value: 3, unit: 'days' }, []],
      [-105_000, false, { value: 12, unit: 'hours' }, ['ops@acme.example']],
    ]);
  });

  it('treats an empty threshold as a rule that is off, needing no recipient', async () => {
    const created = await core.call(
      'profiles.create',
      profileInput({
        userNotification: { threshold: '', notify: false, userIds: [], emails: [] },
        clientNotification: { threshold: null, notify: false, emails: [] },
        advancedRules: [],
      }),
    );
    expect(created.userNotification.threshold).toBeNull();
    expect(created.clientNotification.threshold).toBeNull();
  });

  it('lists by Sort Order then Name, with search and paging', async () => {
    await core.call('profiles.create', profileInput({ name: 'Zeta', sortOrder: 1 }));
    await core.call('profiles.create', profileInput({ name: 'beta', sortOrder: 2 }));
    await core.call('profiles.create', profileInput({ name: 'Alpha', sortOrder: 2 }));
    await core.call('profiles.create', profileInput({ name: 'Omega', sortOrder: -5, resellerId: beta }));
    const all = await core.call('profiles.list', {});
    expect(all.rows.map((p) => p.name)).toEqual(['Omega', 'Zeta', 'Alpha', 'beta']);
    expect(all.total).toBe(4);
    const page = await core.call('profiles.list', { offset: 1, limit: 2 });
    expect(page.rows.map((p) => p.name)).toEqual(['Zeta', 'Alpha']);
    expect(page.total).toBe(4);
    const search = await core.call('profiles.list', { search: 'beta' });
    expect(search.rows.map((p) => p.name).sort()).toEqual(['Omega', 'beta']); // name or reseller
  });

  it('updates fields and keeps rule ids (and their counters) across edits', async () => {
    const created = await core.call('profiles.create', profileInput());
    const clientId = await insertClient('Client One', created.id);
    const [first, second] = created.advancedRules;
    await core.ctx.db('rule_state').insert([
      { client_id: clientId, rule_id: created.userNotification.id, count: 2 },
      { client_id: clientId, rule_id: first.id, count: 1 },
      { client_id: clientId, rule_id: second.id, count: 1 },
    ]);
    const input = profileInput({ name: 'Renamed', maxQty: 0, currencyId: eur });
    input.advancedRules = [{ ...input.advancedRules![0], id: first.id, threshold: '7' }];
    const updated = await core.call('profiles.update', { id: created.id, profile: input });
    expect(updated).toMatchObject({ name: 'Renamed', maxQty: 0, currencyCode: 'EUR', clientCount: 1 });
    expect(updated.userNotification.id).toBe(created.userNotification.id);
    expect(updated.advancedRules.map((r) => [r.id, r.threshold])).toEqual([[first.id, 70_000]]);
    const states = await core.ctx.db('rule_state').where({ client_id: clientId }).orderBy('rule_id');
    expect(states.map((s) => s.rule_id)).toEqual([created.userNotification.id, first.id]);
  });

  it('deleting a used profile unassigns its clients and keeps their notification history', async () => {
    const created = await core.call('profiles.create', profileInput());
    const clientId = await insertClient('Client One', created.id);
    const now = Date.now();
    await core.ctx.db('notifications').insert({
      client_id: clientId,
      profile_id: created.id,
      rule_id: created.userNotification.id,
      rule_kind: 'user',
      profile_name: created.name,
      recipient: 'noc@acme.example',
      subject: 'Low balance',
      text_body: 'x',
      html_body: 'x',
      status: 'sent',
      created_at: now,
      balance: 0,
      available: 0,
      threshold: 500_000,
      currency_code: 'USD',
      count: 1,
    });
    expect((await core.call('profiles.get', { id: created.id })).clientCount).toBe(1);
    const result = await core.call('profiles.delete', { id: created.id });
    expect(result).toEqual({ id: created.id, unassignedClients: 1 });
    expect((await core.ctx.db('clients').where({ id: clientId }).first()).profile_id).toBeNull();
    const history = await core.ctx.db('notifications').where({ client_id: clientId });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ profile_id: null, rule_id: null, profile_name: 'Prepaid standard' });
    expect(await core.ctx.db('rules').where({ profile_id: created.id })).toHaveLength(0);
    expect((await core.callError('profiles.get', { id: created.id })).code).toBe('not_found');
  });
});

describe('profiles: validation (SPEC §2)', () => {
  const cases: { name: string; input: () => unknown; path: string; message: RegExp }[] = [
    {
      name: 'empty name',
      input: () => profileInput({ name: '   ' }),
      path: 'name',
      message: /Name is required/,
    },
    {
      name: 'bad extra e-mail',
      input: () =>
        profileInput({ clientNotification: { threshold: '1', notify: false, emails: ['not-an-address'] } }),
      path: 'clientNotification.emails.0',
      message: /not-an-address is not a valid e-mail address/,
    },
    {
      name: 'header injection in an e-mail',
      input: () =>
        profileInput({
          clientNotification: { threshold: '1', notify: false, emails: ['a@b.example\r\nBcc: x@y.example'] },
        }),
      path: 'clientNotification.emails.0',
      message: /not a valid e-mail address/,
    },
    {
      name: 'user rule on with no recipient',
      input: () =>
        profileInput({ userNotification: { threshold: '10', notify: false, userIds: [], emails: [] } }),
      path: 'userNotification.emails',
      message: /needs a recipient/,
    },
    {
      name: 'client rule on with no recipient',
      input: () => profileInput({ clientNotification: { threshold: '0', notify: false, emails: [] } }),
      path: 'clientNotification.emails',
      message: /needs a recipient/,
    },
    {
      name: 'advanced rule on with no recipient',
      input: () =>
        profileInput({
          advancedRules: [
            { threshold: '1', notify: false, inactivity: { value: 1, unit: 'days' }, emails: [] },
          ],
        }),
      path: 'advancedRules.0.emails',
      message: /needs a recipient/,
    },
    {
      name: 'negative Max Qty',
      input: () => profileInput({ maxQty: -1 }),
      path: 'maxQty',
      message: /Max Qty must be 0 or more/,
    },
    {
      name: 'fractional Max Qty',
      input: () => profileInput({ maxQty: '1.5' }),
      path: 'maxQty',
      message: /whole number/,
    },
    {
      name: 'zero Period',
      input: () => profileInput({ period: { value: 0, unit: 'hours' } }),
      path: 'period.value',
      message: /Period must be 1 or more/,
    },
    {
      name: 'negative Period',
      input: () => profileInput({ period: { value: -3, unit: 'days' } }),
      path: 'period.value',
      message: /Period must be 1 or more/,
    },
    {
      name: 'unknown Period unit',
      input: () => profileInput({ period: { value: 3, unit: 'weeks' as 'days' } }),
      path: 'period.unit',
      message: /minutes, hours or days/,
    },
    {
      name: 'threshold with too many decimals',
      input: () => profileInput({ clientNotification: { threshold: '1.23456', notify: true, emails: [] } }),
      path: 'clientNotification.threshold',
      message: /at most 4 decimal places/,
    },
    {
      name: 'missing reseller',
      input: () => profileInput({ resellerId: null as unknown as number }),
      path: 'resellerId',
      message: /Reseller is required/,
    },
    {
      name: 'unknown reseller',
      input: () => profileInput({ resellerId: 9999 }),
      path: 'resellerId',
      message: /Reseller does not exist/,
    },
    {
      name: 'unknown currency',
      input: () => profileInput({ currencyId: 9999 }),
      path: 'currencyId',
      message: /Currency does not exist/,
    },
    {
      name: 'unknown user',
      input: () =>
        profileInput({ userNotification: { threshold: '5', notify: false, userIds: [9999], emails: [] } }),
      path: 'userNotification.userIds.0',
      message: /User 9999 does not exist/,
    },
  ];

  it.each(cases)('refuses $name, naming $path, and writes nothing', async ({ input, path, message }) => {
    const error = await core.callError('profiles.create', input());
    expect(error.code).toBe('validation');
    const issue = error.issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(error.issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
    expect(await core.ctx.db('profiles').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await core.ctx.db('rules').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('refuses a duplicate name within a reseller, case-insensitively, but allows it across resellers', async () => {
    await core.call('profiles.create', profileInput({ name: 'Gold' }));
    const error = await core.callError('profiles.create', profileInput({ name: 'gOLD' }));
    expect(error.issues).toEqual([
      { path: 'name', message: 'This reseller already has a profile named "gOLD"' },
    ]);
    const other = await core.call('profiles.create', profileInput({ name: 'gold', resellerId: beta }));
    expect(other.resellerName).toBe('Beta Mobile');
  });

  it('lets a profile keep its own name on update', async () => {
    const created = await core.call('profiles.create', profileInput({ name: 'Gold' }));
    const updated = await core.call('profiles.update', {
      id: created.id,
      profile: profileInput({ name: 'GOLD' }),
    });
    expect(updated.name).toBe('GOLD');
  });

  it('leaves the stored profile untouched when an update is refused', async () => {
    const created = await core.call('profiles.create', profileInput());
    await core.call('profiles.create', profileInput({ name: 'Other' }));
    const error = await core.callError('profiles.update', {
      id: created.id,
      profile: profileInput({ name: 'Other', maxQty: 9, advancedRules: [] }),
    });
    expect(error.issues[0].path).toBe('name');
    const read = await core.call('profiles.get', { id: created.id });
    expect(read).toMatchObject({ name: 'Prepaid standard', maxQty: 3 });
    expect(read.advancedRules).toHaveLength(2);
  });

  it('reports every problem of a form at once', async () => {
    const error = await core.callError('profiles.create', profileInput({ name: '', maxQty: -2 }));
    expect(error.issues.map((i) => i.path).sort()).toEqual(['maxQty', 'name']);
  });
});
