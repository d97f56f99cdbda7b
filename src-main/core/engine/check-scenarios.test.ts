import { describe, expect, it } from 'vitest';
import type { CheckSummary } from '../../shared/schemas/notification';
import { closedAfterEach } from '../../test-support/closed-after-each';
import {
  advancedRule,
  createEngineWorld,
  DAY,
  HOUR,
  RESELLER_EMAIL,
  type EngineWorld,
} from '../../test-support/engine-world';
import { runDueChecks } from './check-runs';

/**
 * One case per behaviour of SPEC §3. Each builds a fresh database through the
 * real API, runs whatever happens before, then one check (or `act`), and
 * compares what that check queued ("client|rule kind|recipient") and its summary.
 */
interface Scenario {
  name: string;
  setup(world: EngineWorld): Promise<number>;
  /** What happens before the check under test (earlier checks, payments, time passing). */
  before?(world: EngineWorld, profileId: number): Promise<void>;
  act?(world: EngineWorld, profileId: number): Promise<CheckSummary>;
  queued: string[];
  summary?: Partial<CheckSummary>;
  verify?(world: EngineWorld, summary: CheckSummary): Promise<void>;
}

const LOW = 'low@client.example';

async function check(world: EngineWorld, profileId: number): Promise<CheckSummary> {
  const { checks } = await world.core.call('engine.checkNow', { profileId });
  return checks[0];
}

async function clientId(world: EngineWorld, name: string): Promise<number> {
  return (await world.core.ctx.db('clients').where({ name }).first('id')).id;
}

/** A client e-mailed at LOW whose last charge was `idleDays` ago. */
function addIdleClient(w: EngineWorld, profileId: number, name: string, balance: string, idleDays: number) {
  const lastChargeAt = w.core.ctx.now() - idleDays * DAY;
  return w.addClient({ name, balance, profileId, billingEmail: LOW, lastChargeAt });
}

const clientRule = (emails: string[] = [], notify = true) => ({
  clientNotification: { threshold: '20', notify, emails },
});

const scenarios: Scenario[] = [
  {
    name: 'user rule: reseller (Notify), chosen users and Emails',
    async setup(w) {
      const profileId = await w.addProfile({
        userNotification: {
          threshold: '20',
          notify: true,
          userIds: [w.userIds.ann, w.userIds.bob],
          emails: ['ops@acme.example'],
        },
      });
      await w.addClient({ name: 'Low', balance: '10', profileId });
      await w.addClient({ name: 'High', balance: '30', profileId });
      await w.addClient({ name: 'Edge', balance: '20', profileId });
      return profileId;
    },
    queued: [
      'Low|user|ann@acme.example',
      'Low|user|bob@acme.example',
      `Low|user|${RESELLER_EMAIL}`,
      'Low|user|ops@acme.example',
    ],
    summary: { clientsEvaluated: 3, matches: 1, queued: 4, skipped: 0 },
  },
  {
    name: 'user rule without Notify: the reseller is not e-mailed',
    async setup(w) {
      const profileId = await w.addProfile({
        userNotification: {
          threshold: '20',
          notify: false,
          userIds: [w.userIds.ann],
          emails: ['ops@acme.example'],
        },
      });
      await w.addClient({ name: 'Low', balance: '10', profileId, billingEmail: LOW });
      return profileId;
    },
    queued: ['Low|user|ann@acme.example', 'Low|user|ops@acme.example'],
  },
  {
    name: 'client rule: Billing Email (Notify) and Emails',
    async setup(w) {
      const profileId = await w.addProfile(clientRule(['copy@acme.example']));
      await w.addClient({ name: 'Low', balance: '19.9999', profileId, billingEmail: LOW });
      await w.addClient({ name: 'High', balance: '25', profileId, billingEmail: 'high@client.example' });
      return profileId;
    },
    queued: [`Low|client|${LOW}`, 'Low|client|copy@acme.example'],
    summary: { clientsEvaluated: 2, matches: 1, queued: 2 },
  },
  {
    name: 'client rule without Notify: only Emails',
    async setup(w) {
      const profileId = await w.addProfile(clientRule(['copy@acme.example'], false));
      await w.addClient({ name: 'Low', balance: '10', profileId, billingEmail: LOW });
      return profileId;
    },
    queued: ['Low|client|copy@acme.example'],
  },
  {
    name: 'credit counts towards the available balance',
    async setup(w) {
      const profileId = await w.addProfile(clientRule());
      await w.addClient({ name: 'Covered', balance: '5', credit: '15', profileId, billingEmail: LOW });
      await w.addClient({ name: 'Short', balance: '5', credit: '14.9999', profileId, billingEmail: LOW });
      return profileId;
    },
    queued: [`Short|client|${LOW}`],
  },
  {
    name: 'advanced rule: inactivity met (last charge 4 days ago, inactivity 3 days) and not met',
    async setup(w) {
      const profileId = await w.addProfile({
        advancedRules: [advancedRule('20', 3)],
      });
      await addIdleClient(w, profileId, 'Idle', '10', 4);
      await addIdleClient(w, profileId, 'Busy', '10', 1);
      return profileId;
    },
    queued: [`Idle|advanced|${LOW}`],
    summary: { clientsEvaluated: 2, matches: 1 },
  },
  {
    name: 'advanced rule: a never-charged client counts from its creation (not met yet)',
    async setup(w) {
      const profileId = await w.addProfile({
        advancedRules: [advancedRule('20', 3)],
      });
      await w.addClient({ name: 'New', balance: '10', profileId, billingEmail: LOW });
      return profileId;
    },
    before: async (w) => w.core.advance(3 * DAY - 60_000),
    queued: [],
    summary: { clientsEvaluated: 1, matches: 0 },
  },
  {
    name: 'advanced rule: a never-charged client created long enough ago (met)',
    async setup(w) {
      const profileId = await w.addProfile({
        advancedRules: [advancedRule('20', 3)],
      });
      await w.addClient({ name: 'New', balance: '10', profileId, billingEmail: LOW });
      return profileId;
    },
    before: async (w) => w.core.advance(3 * DAY),
    queued: [`New|advanced|${LOW}`],
  },
  {
    name: 'a charge makes an idle client active again',
    async setup(w) {
      const profileId = await w.addProfile({
        advancedRules: [advancedRule('20', 3)],
      });
      await addIdleClient(w, profileId, 'Idle', '10', 5);
      return profileId;
    },
    async before(w) {
      await w.core.call('balances.recordCharge', { clientId: await clientId(w, 'Idle'), amount: '1' });
    },
    queued: [],
  },
  {
    name: 'two advanced rules both matching: one e-mail per rule',
    async setup(w) {
      const profileId = await w.addProfile({
        advancedRules: [advancedRule('20', 1), advancedRule('15', 2, ['ops@acme.example'])],
      });
      await addIdleClient(w, profileId, 'Idle', '10', 3);
      return profileId;
    },
    queued: [`Idle|advanced|${LOW}`, `Idle|advanced|${LOW}`, 'Idle|advanced|ops@acme.example'],
    summary: { matches: 2, queued: 3 },
  },
  {
    name: 'every rule kind at once',
    async setup(w) {
      const profileId = await w.addProfile({
        userNotification: { threshold: '50', notify: true, userIds: [], emails: [] },
        clientNotification: { threshold: '20', notify: true, emails: [] },
        advancedRules: [advancedRule('5', 1)],
      });
      await addIdleClient(w, profileId, 'Mid', '30', 2);
      await addIdleClient(w, profileId, 'Low', '4', 2);
      return profileId;
    },
    queued: [
      `Low|advanced|${LOW}`,
      `Low|client|${LOW}`,
      `Low|user|${RESELLER_EMAIL}`,
      `Mid|user|${RESELLER_EMAIL}`,
    ],
    summary: { matches: 4, queued: 4 },
  },
  {
    name: 'duplicate recipients are de-duplicated per rule, without regard to case',
    async setup(w) {
      const profileId = await w.addProfile({
        userNotification: {
          threshold: '20',
          notify: true,
          userIds: [w.userIds.ann],
          emails: ['NOC@Acme.example', 'Ann@ACME.example', 'x@y.example'],
        },
        clientNotification: { threshold: '20', notify: true, emails: ['LOW@Client.example'] },
      });
      await w.addClient({ name: 'Low', balance: '10', profileId, billingEmail: LOW });
      return profileId;
    },
    queued: [
      `Low|client|${LOW}`,
      'Low|user|ann@acme.example',
      `Low|user|${RESELLER_EMAIL}`,
      'Low|user|x@y.example',
    ],
  },
  {
    name: 'Max Qty reached: nothing more is sent',
    async setup(w) {
      const profileId = await w.addProfile({ maxQty: 2, ...clientRule() });
      await w.addClient({ name: 'Low', balance: '10', profileId, billingEmail: LOW });
      return profileId;
    },
    async before(w, profileId) {
      expect((await check(w, profileId)).queued).toBe(1);
      expect((await check(w, profileId)).queued).toBe(1);
    },
    queued: [],
    summary: { matches: 1, maxQtyReached: 1, queued: 0 },
  },
  {
    name: 'Max Qty 0: no limit',
    async setup(w) {
      const profileId = await w.addProfile({ maxQty: 0, ...clientRule() });
      await w.addClient({ name: 'Low', balance: '10', profileId, billingEmail: LOW });
      return profileId;
    },
    async before(w, profileId) {
      for (let i = 0; i < 3; i += 1) expect((await check(w, profileId)).queued).toBe(1);
    },
    queued: [`Low|client|${LOW}`],
    async verify(w) {
      const counts = await w.core.ctx.db('notifications').orderBy('id').pluck('count');
      expect(counts).toEqual([1, 2, 3, 4]);
    },
  },
  {
    name: 'refill: a payment resets the count',
    async setup(w) {
      const profileId = await w.addProfile({ maxQty: 1, ...clientRule() });
      await w.addClient({ name: 'Low', balance: '5', profileId, billingEmail: LOW });
      return profileId;
    },
    async before(w, profileId) {
      expect((await check(w, profileId)).queued).toBe(1);
      expect((await check(w, profileId)).queued).toBe(0);
      await w.core.call('balances.recordPayment', { clientId: await clientId(w, 'Low'), amount: '1' });
    },
    queued: [`Low|client|${LOW}`],
    summary: { maxQtyReached: 0 },
  },
  {
    name: 'recovery: a check finding the rule no longer matching resets the count',
    async setup(w) {
      const profileId = await w.addProfile({ maxQty: 1, ...clientRule() });
      await w.addClient({ name: 'Low', balance: '5', profileId, billingEmail: LOW });
      return profileId;
    },
    async before(w, profileId) {
      const id = await clientId(w, 'Low');
      const client = (await w.core.call('clients.get', { id })).client;
      const update = (credit: string) =>
        w.core.call('clients.update', {
          id,
          client: {
            name: client.name,
            resellerId: client.resellerId,
            currencyId: client.currencyId,
            billingEmail: client.billingEmail,
            credit,
            profileId,
          },
        });
      expect((await check(w, profileId)).queued).toBe(1);
      expect((await check(w, profileId)).queued).toBe(0);
      await update('50');
      expect((await check(w, profileId)).matches).toBe(0);
      await update('0');
    },
    queued: [`Low|client|${LOW}`],
    async verify(w) {
      const counts = await w.core.ctx.db('notifications').orderBy('id').pluck('count');
      expect(counts).toEqual([1, 1]);
    },
  },
  {
    name: 'currency conversion: exact, rounded half away from zero, in the profile currency',
    async setup(w) {
      // 1 USD = 3 EUR: 29.9999 EUR = 9.99997 USD, which rounds to 10.0000 (not below 10).
      const eur = await w.addCurrency('EUR', '3');
      const profileId = await w.addProfile({
        clientNotification: { threshold: '10', notify: true, emails: [] },
      });
      await w.addClient({
        name: 'Rounds up',
        balance: '29.9999',
        currencyId: eur,
        profileId,
        billingEmail: LOW,
      });
      await w.addClient({ name: 'Below', balance: '29.9998', currencyId: eur, profileId, billingEmail: LOW });
      await w.addClient({ name: 'Far above', balance: '30', currencyId: eur, profileId, billingEmail: LOW });
      return profileId;
    },
    queued: [`Below|client|${LOW}`],
    summary: { clientsEvaluated: 3, matches: 1 },
    async verify(w) {
      const row = await w.core.ctx
        .db('notifications')
        .first('available', 'balance', 'currency_code', 'threshold');
      // 29.9998 / 3 = 9.99993… → 9.9999 USD
      expect(row).toEqual({ available: 99_999, balance: 99_999, currency_code: 'USD', threshold: 100_000 });
    },
  },
  {
    name: 'missing rate: the client is skipped and reported',
    async setup(w) {
      const gbp = await w.addCurrency('GBP', null);
      const profileId = await w.addProfile(clientRule());
      await w.addClient({ name: 'Pound', balance: '1', currencyId: gbp, profileId, billingEmail: LOW });
      await w.addClient({ name: 'Dollar', balance: '1', profileId, billingEmail: LOW });
      return profileId;
    },
    queued: [`Dollar|client|${LOW}`],
    summary: {
      clientsEvaluated: 1,
      matches: 1,
      skipped: 1,
      skippedReasons: [{ reason: 'no exchange rate for GBP', count: 1 }],
    },
  },
  {
    name: 'invalid address: skipped and reported, the other recipients still get it',
    async setup(w) {
      const profileId = await w.addProfile(clientRule(['copy@acme.example']));
      const id = await w.addClient({ name: 'Low', balance: '1', profileId, billingEmail: LOW });
      // Only an older or hand-edited database can hold one: the API refuses invalid addresses.
      await w.core.ctx
        .db('clients')
        .where({ id })
        .update({ billing_email: 'low@client.example\r\nBcc: x@evil.example' });
      return profileId;
    },
    queued: ['Low|client|copy@acme.example'],
    summary: { queued: 1, skipped: 1, skippedReasons: [{ reason: 'invalid e-mail address', count: 1 }] },
  },
  {
    name: 'missing Billing Email: skipped and reported',
    async setup(w) {
      const profileId = await w.addProfile(clientRule());
      await w.addClient({ name: 'Nobody', balance: '1', profileId });
      return profileId;
    },
    queued: [],
    summary: {
      matches: 1,
      queued: 0,
      skipped: 1,
      skippedReasons: [{ reason: 'no Billing Email', count: 1 }],
    },
  },
  {
    name: 'a disabled rule (empty Threshold) sends nothing',
    async setup(w) {
      const profileId = await w.addProfile({
        clientNotification: { threshold: '', notify: true, emails: [] },
      });
      await w.addClient({ name: 'Low', balance: '-100', profileId, billingEmail: LOW });
      return profileId;
    },
    queued: [],
    summary: { clientsEvaluated: 1, matches: 0 },
  },
  {
    name: 'an inactive client is not evaluated',
    async setup(w) {
      const profileId = await w.addProfile(clientRule());
      await w.addClient({ name: 'Dormant', balance: '1', profileId, billingEmail: LOW, active: false });
      await w.addClient({ name: 'Awake', balance: '1', profileId, billingEmail: LOW });
      return profileId;
    },
    queued: [`Awake|client|${LOW}`],
    summary: { clientsEvaluated: 1, matches: 1 },
  },
  {
    name: 'negative thresholds compare exactly',
    async setup(w) {
      const profileId = await w.addProfile({
        clientNotification: { threshold: '-10', notify: true, emails: [] },
      });
      await w.addClient({ name: 'Deep', balance: '-10.0001', profileId, billingEmail: LOW });
      await w.addClient({ name: 'Shallow', balance: '-10', profileId, billingEmail: LOW });
      return profileId;
    },
    queued: [`Deep|client|${LOW}`],
  },
  {
    name: 'a template that fails to render skips its match, which is not counted',
    async setup(w) {
      // Saving validates templates, so only a hand-edited database holds one that cannot render.
      await w.core.ctx.db('templates').insert({
        kind: 'client',
        subject: 'Low: {{ client }}',
        text_body: '{% if count > 0 %}{{ nobody }}{% endif %}',
        html_body: '<p>{{ client }}</p>',
        updated_at: w.core.ctx.now(),
      });
      const profileId = await w.addProfile({
        userNotification: { threshold: '20', notify: true, userIds: [], emails: [] },
        ...clientRule(),
      });
      await w.addClient({ name: 'Low', balance: '10', profileId, billingEmail: LOW });
      return profileId;
    },
    queued: [`Low|user|${RESELLER_EMAIL}`],
    summary: {
      matches: 2,
      skipped: 1,
      skippedReasons: [
        { reason: 'template error: Text body: undefined variable: nobody, line:1, col:22', count: 1 },
      ],
    },
    async verify(w) {
      const counts = await w.core.ctx
        .db('rule_state')
        .join('rules', 'rules.id', 'rule_state.rule_id')
        .select('rules.kind', 'rule_state.count');
      expect(counts).toEqual([{ kind: 'user', count: 1 }]);
    },
  },
  {
    name: 'catch-up after a long pause runs once',
    async setup(w) {
      const profileId = await w.addProfile({ period: { value: 1, unit: 'hours' }, ...clientRule() });
      await w.addClient({ name: 'Low', balance: '1', profileId, billingEmail: LOW });
      return profileId;
    },
    async before(w) {
      expect((await runDueChecks(w.core.ctx)).checks).toHaveLength(1);
      expect((await runDueChecks(w.core.ctx)).checks).toHaveLength(0);
      w.core.advance(10 * HOUR + 5 * 60_000);
    },
    async act(w) {
      const ran = await runDueChecks(w.core.ctx);
      expect(ran.checks).toHaveLength(1);
      expect((await runDueChecks(w.core.ctx)).checks).toHaveLength(0);
      return ran.checks[0];
    },
    queued: [`Low|client|${LOW}`],
    async verify(w, summary) {
      const checks = await w.core.ctx.db('checks').orderBy('id').pluck('trigger');
      expect(checks).toEqual(['schedule', 'catch-up']);
      const profile = await w.core.ctx.db('profiles').first('last_check_at', 'next_check_at');
      expect(profile).toEqual({ last_check_at: summary.startedAt, next_check_at: summary.startedAt + HOUR });
    },
  },
];

const openWorld = closedAfterEach(createEngineWorld);

describe('a check of one profile (SPEC §3)', () => {
  it.each(scenarios)('$name', async (scenario) => {
    const world = await openWorld();
    const profileId = await scenario.setup(world);
    await scenario.before?.(world, profileId);
    const summary = await (scenario.act ?? check)(world, profileId);
    expect(await world.queued(summary.checkId)).toEqual([...scenario.queued].sort());
    expect(summary.queued).toBe(scenario.queued.length);
    if (scenario.summary) expect(summary).toMatchObject(scenario.summary);
    await scenario.verify?.(world, summary);
  });
});
