import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../test-support/closed-after-each';
import {
  advancedRule,
  createEngineWorld,
  DAY,
  HOUR,
  type EngineWorld,
} from '../../test-support/engine-world';
import { readRunway } from './runway-sql';

/**
 * Burn rate and runway (SPEC §7), worked by hand. Amounts are units of
 * 1/10,000: a charge of 2.00 is 20,000 units. Charges are recorded through the
 * real API at the clock's time; `day(n)` moves the clock to n days after the
 * client was created.
 */
const openWorld = closedAfterEach(createEngineWorld);

interface Timeline {
  world: EngineWorld;
  clientId: number;
  start: number;
  /** Moves the clock to `n` days (and `hours`) after the start. */
  day(n: number, hours?: number): void;
  charge(amount: string): Promise<void>;
  pay(amount: string): Promise<void>;
  runway(): ReturnType<typeof readRunway>;
}

async function timeline(balance: string, profileId?: number, name = 'Client'): Promise<Timeline> {
  const world = await openWorld();
  return timelineIn(world, balance, profileId, name);
}

async function timelineIn(
  world: EngineWorld,
  balance: string,
  profileId: number | undefined,
  name: string,
): Promise<Timeline> {
  const start = world.core.ctx.now();
  const clientId = await world.addClient({ name, balance, billingEmail: 'one@client.example', profileId });
  return {
    world,
    clientId,
    start,
    day(n, hours = 0) {
      world.core.advance(start + n * DAY + hours * HOUR - world.core.ctx.now());
    },
    async charge(amount) {
      await world.core.call('balances.recordCharge', { clientId, amount, note: null });
    },
    async pay(amount) {
      await world.core.call('balances.recordPayment', { clientId, amount, note: null });
    },
    runway: () => readRunway(world.core.ctx.db, clientId, world.core.ctx.now()),
  };
}

describe('burn rate and runway', () => {
  it('regular charges: 10 daily charges of 2.00 over 28 days, 80.00 left → 112 days', async () => {
    const t = await timeline('100');
    for (let n = 1; n <= 10; n += 1) {
      t.day(n);
      await t.charge('2');
    }
    // window burn 200,000; per day 200,000 / 28 = 7,142.8 → 7,142; runway 800,000 × 28 / 200,000 = 112
    expect(await t.runway()).toEqual({ windowBurn: 200_000, burnPerDay: 7_142, days: 112 });
  });

  it('irregular charges: two on one day count as one day of three; 60.00 left after 40.00 → 42 days', async () => {
    const t = await timeline('100');
    t.day(1);
    await t.charge('5');
    t.day(1, 6);
    await t.charge('5');
    t.day(4);
    await t.charge('10');
    t.day(9);
    await t.charge('20');
    expect(await t.runway()).toEqual({ windowBurn: 400_000, burnPerDay: 14_285, days: 42 });
  });

  it('is unknown with charges on only two distinct days', async () => {
    const t = await timeline('100');
    t.day(1);
    await t.charge('5');
    t.day(1, 6);
    await t.charge('5');
    t.day(9);
    await t.charge('20');
    expect(await t.runway()).toBeNull();
  });

  it('is unknown without charges, however old the client', async () => {
    const t = await timeline('100');
    t.day(40);
    await t.pay('10');
    expect(await t.runway()).toBeNull();
  });

  it('is unknown with less than 7 days of history, known from the 7th day on', async () => {
    const t = await timeline('100');
    for (const n of [1, 2, 3]) {
      t.day(n);
      await t.charge('1');
    }
    t.day(6, 23);
    expect(await t.runway()).toBeNull();
    t.day(7);
    // 97.00 × 28 / 3.00 = 905.3 → 905
    expect(await t.runway()).toMatchObject({ days: 905 });
  });

  it('payments never count as burn, they only lengthen the runway', async () => {
    const t = await timeline('100');
    for (let n = 1; n <= 10; n += 1) {
      t.day(n);
      await t.charge('2');
    }
    await t.pay('40');
    // 120.00 × 28 / 20.00 = 168
    expect(await t.runway()).toEqual({ windowBurn: 200_000, burnPerDay: 7_142, days: 168 });
  });

  it('only the last 28 days count, and an available balance at or below 0 has 0 days', async () => {
    const t = await timeline('10');
    for (const n of [1, 2, 3, 4]) {
      t.day(n);
      await t.charge('5');
    }
    // Day 7 (enough history): balance −10.00
    t.day(7);
    expect(await t.runway()).toMatchObject({ days: 0, windowBurn: 200_000 });
    // Day 29½: the window starts at day 1½, so the charge of day 1 has left it; three remain.
    t.day(29, 12);
    expect(await t.runway()).toMatchObject({ windowBurn: 150_000, days: 0 });
    // Day 31: only the charge of day 4 is left (day 3 is on the window's open edge): unknown.
    t.day(31);
    expect(await t.runway()).toBeNull();
  });
});

describe('the Runway condition of an advanced rule, through the real check', () => {
  it('matches only clients with a known runway within its days', async () => {
    const world = await openWorld();
    const profileId = await world.addProfile({
      advancedRules: [
        { ...advancedRule('1000', 1), inactivity: { value: 1, unit: 'minutes' }, runwayDays: 30 },
      ],
    });
    const soon = await timelineIn(world, '30', profileId, 'Soon');
    const later = await timelineIn(world, '900', profileId, 'Later');
    const unknown = await timelineIn(world, '5', profileId, 'Unknown');
    for (let n = 1; n <= 10; n += 1) {
      soon.day(n);
      await soon.charge('2'); // 10.00 left after 20.00: 10 × 28 / 20 = 14 days
      await later.charge('2'); // 880.00 left: 1,232 days
    }
    await unknown.charge('1'); // one day of charges only
    soon.day(10, 1);
    const { checks } = await world.core.call('engine.checkNow', { profileId });
    expect(await world.queued(checks[0].checkId)).toEqual(['Soon|advanced|one@client.example']);

    const page = await world.core.call('clients.get', { id: soon.clientId, events: { offset: 0, limit: 5 } });
    expect(page.runway).toEqual({ days: 14, burnPerDay: 7_142 });
    expect(page.rules[0]).toMatchObject({ runwayDays: 30, matches: true });
    expect(page.rules[0].reason).toContain('the runway is ≈ 14 days (within 30 days)');
    const laterPage = await world.core.call('clients.get', {
      id: later.clientId,
      events: { offset: 0, limit: 5 },
    });
    expect(laterPage.rules[0]).toMatchObject({ matches: false });
    expect(laterPage.rules[0].reason).toContain('(more than 30 days)');
  });

  it('a Runway-only rule (no Threshold, no Inactivity) is on and matches on the runway alone, at any balance', async () => {
    const world = await openWorld();
    const profileId = await world.addProfile({
      advancedRules: [{ threshold: '', notify: true, inactivity: null, runwayDays: 20, emails: [] }],
    });
    const profile = await world.core.call('profiles.get', { id: profileId });
    expect(profile.advancedRules[0]).toMatchObject({ threshold: null, inactivity: null, runwayDays: 20 });
    // 5,000.00 left burning 200.00 a day: 25 days; 3,000.00: 15 days (charged today, so never inactive).
    const rich = await timelineIn(world, '7000', profileId, 'Rich');
    const soon = await timelineIn(world, '5000', profileId, 'Soon');
    for (let n = 1; n <= 10; n += 1) {
      rich.day(n);
      await rich.charge('200');
      await soon.charge('200');
    }
    const { checks } = await world.core.call('engine.checkNow', { profileId });
    expect(await world.queued(checks[0].checkId)).toEqual([]);
    await soon.charge('2000'); // 1,000.00 left, window burn 4,000.00: 1,000 × 28 / 4,000 = 7 days
    const preview = await world.core.call('engine.preview', { profileId });
    expect(preview.rows.map((row) => row.conditions)).toEqual([
      [{ condition: 'runway', text: 'Runs out in ≈ 7 days, within the Runway of 20 days' }],
    ]);
    const again = await world.core.call('engine.checkNow', { profileId });
    expect(await world.queued(again.checks[0].checkId)).toEqual(['Soon|advanced|one@client.example']);
    const [notice] = await world.core.ctx.db('notifications').select('threshold_set', 'kind');
    expect(notice).toEqual({ threshold_set: 0, kind: 'low_balance' });
    const history = await world.core.call('notifications.list', { offset: 0, limit: 5 });
    expect(history.rows[0]).toMatchObject({ threshold: null, kind: 'low_balance', heldUntil: null });
  });

  it('a rule with neither Threshold nor Runway is off: it needs no recipient and never matches', async () => {
    const world = await openWorld();
    const profileId = await world.addProfile({
      advancedRules: [{ threshold: '', notify: false, inactivity: null, runwayDays: '', emails: [] }],
    });
    await timelineIn(world, '-100', profileId, 'Broke');
    const { checks } = await world.core.call('engine.checkNow', { profileId });
    expect(checks[0]).toMatchObject({ matches: 0, queued: 0 });
  });

  it('a Runway-only rule without recipients is refused, naming the field', async () => {
    const world = await openWorld();
    await expect(
      world.addProfile({
        advancedRules: [{ threshold: '', notify: false, inactivity: null, runwayDays: 5, emails: [] }],
      }),
    ).rejects.toMatchObject({
      error: {
        issues: [{ path: 'advancedRules.0.emails', message: expect.stringContaining('needs a recipient') }],
      },
    });
  });

  it('gives templates runway_days, empty when unknown', async () => {
    const world = await openWorld();
    await world.core.call('templates.save', {
      kind: 'client',
      template: { subject: 'Runway {{ runway_days }}|', textBody: 'x', htmlBody: 'x' },
    });
    const profileId = await world.addProfile({
      clientNotification: { threshold: '1000', notify: true, emails: [] },
    });
    const soon = await timelineIn(world, '30', profileId, 'Soon');
    await timelineIn(world, '30', profileId, 'New');
    for (let n = 1; n <= 10; n += 1) {
      soon.day(n);
      await soon.charge('2');
    }
    await world.core.call('engine.checkNow', { profileId });
    const subjects = await world.core.ctx.db('notifications').orderBy('subject').pluck('subject');
    expect(subjects).toEqual(['Runway 14|', 'Runway |']);
  });
});
