import type { ClientInput } from '../shared/schemas/client';
import type { ProfileInput } from '../shared/schemas/profile';
import type { TestCore } from './test-core';

/** Where the clock of the client tests starts. */
export const CLIENT_TESTS_START = Date.UTC(2026, 10, 26, 10, 0, 0);

export type Catalog = Awaited<ReturnType<typeof seedCatalog>>;

/**
 * A small catalog for client tests: USD (base), EUR at 0.9 per USD, JPY
 * without a rate, and two resellers.
 */
export async function seedCatalog(core: TestCore) {
  const usd = await core.call('currencies.create', {
    code: 'USD',
    name: 'US Dollar',
    rate: '1',
    isBase: true,
  });
  const eur = await core.call('currencies.create', { code: 'EUR', name: 'Euro', rate: '0.9' });
  const jpy = await core.call('currencies.create', { code: 'JPY', name: 'Yen', rate: '' });
  const acme = await core.call('resellers.create', { name: 'Acme Telecom', email: 'noc@acme.example' });
  const beta = await core.call('resellers.create', { name: 'Beta Mobile', email: 'ops@beta.example' });
  return { usd, eur, jpy, acme, beta };
}

export interface ProfileRules {
  user?: string | null;
  client?: string | null;
  advanced?: { threshold: string; days: number }[];
  maxQty?: number;
}

/** A profile input whose rules are on at the given thresholds (e-mail recipients), off when null. */
export function profileInput(
  name: string,
  resellerId: number,
  currencyId: number,
  rules: ProfileRules = {},
): ProfileInput {
  return {
    name,
    resellerId,
    currencyId,
    maxQty: rules.maxQty ?? 3,
    period: { value: 24, unit: 'hours' },
    userNotification: {
      threshold: rules.user ?? '',
      notify: false,
      userIds: [],
      emails: ['staff@acme.example'],
    },
    clientNotification: { threshold: rules.client ?? '', notify: true, emails: [] },
    advancedRules: (rules.advanced ?? []).map((rule) => ({
      threshold: rule.threshold,
      notify: true,
      inactivity: { value: rule.days, unit: 'days' as const },
      emails: [],
    })),
  };
}

export function clientInput(
  name: string,
  resellerId: number,
  currencyId: number,
  extra: Partial<ClientInput> = {},
): ClientInput {
  return {
    name,
    resellerId,
    currencyId,
    balance: '0',
    billingEmail: `${name.replace(/\W/g, '')}@client.example`,
    ...extra,
  };
}

/** Sets a client's rule counters as a check would have left them (the engine is not under test here). */
export async function setRuleCounters(core: TestCore, clientId: number, counts: Record<number, number>) {
  for (const [ruleId, count] of Object.entries(counts)) {
    await core.ctx
      .db('rule_state')
      .insert({ client_id: clientId, rule_id: Number(ruleId), count, last_notified_at: core.ctx.now() })
      .onConflict(['client_id', 'rule_id'])
      .merge();
  }
}

export async function ruleCounts(core: TestCore, clientId: number): Promise<number[]> {
  const rows: { count: number }[] = await core.ctx
    .db('rule_state')
    .where({ client_id: clientId })
    .orderBy('rule_id')
    .select('count');
  return rows.map((row) => row.count);
}

/**
 * A client of Acme in USD with a 10.00 balance (unless `extra` says otherwise),
 * under a "Standard" profile whose user (50) and client (20) rules are on,
 * with their counters standing at 2 and 1.
 */
export async function clientWithCounters(core: TestCore, catalog: Catalog, extra: Partial<ClientInput> = {}) {
  const profile = await core.call(
    'profiles.create',
    profileInput('Standard', catalog.acme.id, catalog.usd.id, { user: '50', client: '20' }),
  );
  const input = clientInput('Client', catalog.acme.id, catalog.usd.id, {
    balance: '10',
    profileId: profile.id,
    ...extra,
  });
  const client = await core.call('clients.create', input);
  await setRuleCounters(core, client.id, {
    [profile.userNotification.id]: 2,
    [profile.clientNotification.id]: 1,
  });
  return { profile, input, client };
}
