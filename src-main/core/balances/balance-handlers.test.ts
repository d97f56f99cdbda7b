import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clientWithCounters,
  CLIENT_TESTS_START as START,
  ruleCounts,
  seedCatalog,
} from '../../test-support/client-fixtures';
import { DAY } from '../../test-support/engine-world';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { applyBalanceChanges, SERIES_MAX_POINTS, type BalanceChange } from './balance-repo';

let core: TestCore;
let clientId: number;

/** A USD client of a profile with two rules on, whose counters stand at 2 and 1. */
beforeEach(async () => {
  core = await createTestCore({ start: START });
  const catalog = await seedCatalog(core);
  const { client } = await clientWithCounters(core, catalog, { lastChargeAt: START - 10 * DAY });
  clientId = client.id;
});
afterEach(() => core.close());

async function clientRow() {
  return core.ctx.db('clients').where({ id: clientId }).first('balance', 'last_charge_at');
}

describe('payments and charges', () => {
  it('a payment raises the balance, records the event and resets the rule counters', async () => {
    core.advance(1000);
    const result = await core.call('balances.recordPayment', { clientId, amount: '25.5', note: 'Wire 42' });
    expect(result).toEqual({
      event: {
        id: expect.any(Number),
        at: START + 1000,
        kind: 'payment',
        amount: 255_000,
        balanceAfter: 355_000,
        note: 'Wire 42',
      },
      refill: true,
    });
    expect(await clientRow()).toEqual({ balance: 355_000, last_charge_at: START - 10 * DAY });
    expect(await ruleCounts(core, clientId)).toEqual([0, 0]);
  });

  it('a charge lowers the balance, sets the last charge time and keeps the counters', async () => {
    core.advance(5000);
    const result = await core.call('balances.recordCharge', { clientId, amount: '12' });
    expect(result.event).toMatchObject({
      kind: 'charge',
      amount: -120_000,
      balanceAfter: -20_000,
      note: null,
    });
    expect(result.refill).toBe(false);
    expect(await clientRow()).toEqual({ balance: -20_000, last_charge_at: START + 5000 });
    expect(await ruleCounts(core, clientId)).toEqual([2, 1]);
  });

  it('refuses amounts that are not positive, and a balance out of range', async () => {
    for (const amount of ['0', '-5', 'abc', '']) {
      const error = await core.callError('balances.recordPayment', { clientId, amount });
      expect(error.issues.map((issue) => issue.path)).toEqual(['amount']);
    }
    const error = await core.callError('balances.recordPayment', { clientId, amount: '100000000000' });
    expect(error.issues[0]).toMatchObject({ path: 'amount' });
    expect(error.issues[0].message).toMatch(/^Amount would take the balance to 100,000,000,010.00/);
    expect(await clientRow()).toMatchObject({ balance: 100_000 });
  });

  it('reports a client that does not exist', async () => {
    expect(await core.callError('balances.recordCharge', { clientId: 999, amount: '1' })).toMatchObject({
      code: 'not_found',
    });
  });
});

describe('adjustments', () => {
  it('an adjustment upward resets the counters', async () => {
    const result = await core.call('balances.adjust', { clientId, newBalance: '10.01' });
    expect(result).toMatchObject({
      event: { kind: 'adjustment', amount: 100, balanceAfter: 100_100 },
      refill: true,
    });
    expect(await ruleCounts(core, clientId)).toEqual([0, 0]);
  });

  it('an adjustment downward keeps the counters and the last charge time', async () => {
    const result = await core.call('balances.adjust', { clientId, newBalance: '-3', note: 'Correction' });
    expect(result).toMatchObject({
      event: { amount: -130_000, balanceAfter: -30_000, note: 'Correction' },
      refill: false,
    });
    expect(await ruleCounts(core, clientId)).toEqual([2, 1]);
    expect(await clientRow()).toEqual({ balance: -30_000, last_charge_at: START - 10 * DAY });
  });

  it('refuses to set the balance it already has', async () => {
    const error = await core.callError('balances.adjust', { clientId, newBalance: '10.0000' });
    expect(error.issues).toEqual([
      { path: 'newBalance', message: 'New balance is the same as the current balance' },
    ]);
  });
});

describe('several changes at once (an import)', () => {
  const apply = (changes: BalanceChange[]) =>
    core.ctx.db.transaction((trx) => applyBalanceChanges(trx, changes));

  it('applies them in order, each from the balance the one before left', async () => {
    const at = START + 1000;
    const results = await apply([
      { clientId, newBalance: 50_000, kind: 'charge', at, note: 'Usage' },
      { clientId, newBalance: 80_000, kind: 'payment', at: at + 1, note: null },
      // An older charge recorded late does not move the last charge time back.
      { clientId, newBalance: 70_000, kind: 'charge', at: at - DAY, note: null },
    ]);
    expect(
      results.map(({ event, refill }) => [event.kind, event.amount, event.balanceAfter, refill]),
    ).toEqual([
      ['charge', -50_000, 50_000, false],
      ['payment', 30_000, 80_000, true],
      ['charge', -10_000, 70_000, false],
    ]);
    expect(await clientRow()).toEqual({ balance: 70_000, last_charge_at: at });
    expect(await ruleCounts(core, clientId)).toEqual([0, 0]);
    const { events } = await core.call('clients.get', { id: clientId });
    expect(events.total).toBe(4);
    expect(events.rows).toEqual(expect.arrayContaining(results.map((result) => result.event)));
  });

  it('writes none of them when one client does not exist', async () => {
    const error = await apply([
      { clientId, newBalance: 500_000, kind: 'adjustment', at: START, note: null },
      { clientId: 999, newBalance: 1, kind: 'adjustment', at: START, note: null },
    ]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'not_found' });
    expect(await clientRow()).toEqual({ balance: 100_000, last_charge_at: START - 10 * DAY });
    expect(await ruleCounts(core, clientId)).toEqual([2, 1]);
  });
});

describe('a failed event write', () => {
  /** Makes every insert into balance_events fail, as a full disk or a broken constraint would. */
  async function breakEventWrites() {
    await core.ctx.db.raw(
      `CREATE TRIGGER fail_event BEFORE INSERT ON balance_events BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    );
  }

  it('leaves the balance, the last charge and the counters untouched', async () => {
    await breakEventWrites();
    for (const [channel, input] of [
      ['balances.recordPayment', { clientId, amount: '100' }],
      ['balances.recordCharge', { clientId, amount: '1' }],
      ['balances.adjust', { clientId, newBalance: '500' }],
    ] as const) {
      const error = await core.callError(channel, input);
      expect(error).toMatchObject({
        code: 'internal',
        message: expect.stringMatching(/^Something went wrong/),
      });
    }
    expect(await clientRow()).toEqual({ balance: 100_000, last_charge_at: START - 10 * DAY });
    expect(await ruleCounts(core, clientId)).toEqual([2, 1]);
    expect((await core.call('clients.get', { id: clientId })).events.total).toBe(1);
  });

  it('undoes the whole client update too', async () => {
    const before = await core.call('clients.get', { id: clientId });
    await breakEventWrites();
    const { client } = before;
    const error = await core.callError('clients.update', {
      id: clientId,
      client: {
        name: 'Renamed',
        resellerId: client.resellerId,
        currencyId: client.currencyId,
        profileId: client.profileId,
        balance: '99',
      },
    });
    expect(error.code).toBe('internal');
    expect(await core.call('clients.get', { id: clientId })).toMatchObject({
      client: { name: 'Client', balance: 100_000 },
    });
    expect(await ruleCounts(core, clientId)).toEqual([2, 1]);
  });
});

describe('history and chart', () => {
  it('pages the events newest first and charts the balance over 90 days', async () => {
    // The client was created at START with 10.00; move through a few days of events.
    core.advance(DAY);
    await core.call('balances.recordCharge', { clientId, amount: '4' });
    core.advance(DAY);
    await core.call('balances.recordPayment', { clientId, amount: '20' });
    core.advance(DAY);
    await core.call('balances.adjust', { clientId, newBalance: '1' });
    core.advance(DAY);

    const page = await core.call('clients.get', { id: clientId, events: { offset: 1, limit: 2 } });
    expect(page.events.total).toBe(4);
    expect(page.events.rows.map((event) => [event.kind, event.balanceAfter])).toEqual([
      ['payment', 260_000],
      ['charge', 60_000],
    ]);
    expect(page.series).toEqual([
      { at: START, balance: 100_000 },
      { at: START + DAY, balance: 60_000 },
      { at: START + 2 * DAY, balance: 260_000 },
      { at: START + 3 * DAY, balance: 10_000 },
      { at: START + 4 * DAY, balance: 10_000 },
    ]);
  });

  it('starts the chart 90 days back with the balance of that time', async () => {
    core.advance(100 * DAY);
    await core.call('balances.recordCharge', { clientId, amount: '1' });
    const page = await core.call('clients.get', { id: clientId });
    expect(page.series).toEqual([
      { at: START + 10 * DAY, balance: 100_000 },
      { at: START + 100 * DAY, balance: 90_000 },
    ]);
  });

  it('keeps one point per day when the window holds many changes', async () => {
    const charges = SERIES_MAX_POINTS + 20;
    for (let i = 0; i < charges; i++) {
      core.advance(4 * 3_600_000); // six charges a day
      await core.call('balances.recordCharge', { clientId, amount: '0.01' });
    }
    const { series } = await core.call('clients.get', { id: clientId });
    const days = new Set(series.map((point) => Math.floor(point.at / DAY)));
    expect(series.length).toBe(days.size + 1); // each day once, plus the opening point
    expect(series.length).toBeLessThan(100);
    expect(series[0]).toEqual({ at: START, balance: 100_000 });
    expect(series[series.length - 1].balance).toBe(100_000 - charges * 100);
    // Each day's point is its closing balance: the balance after that day's last charge.
    const events = await core.ctx.db('balance_events').where({ client_id: clientId }).orderBy('id');
    for (const point of series.slice(1)) {
      const lastOfDay = events.filter((e) => Math.floor(e.at / DAY) === Math.floor(point.at / DAY)).pop();
      expect(point.balance).toBe(lastOfDay.balance_after);
    }
  });
});
