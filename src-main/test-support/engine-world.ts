import type { ChannelInput } from '../core/api/handler-table';
import type { NotificationStatus } from '../shared/schemas/notification';
import { createTestCore, type TestCore, type TestCoreOptions } from './test-core';

export const DAY = 24 * 60 * 60_000;
export const HOUR = 60 * 60_000;

/** A cron rule that never fires during a test. */
export const NEVER = '0 0 1 1 *';
/** Scheduler options for tests: only the start-up tick and kicks run. */
export const KICKS_ONLY = { tickRule: NEVER, dispatchRule: NEVER };

type ProfileInput = ChannelInput<'profiles.create'>;
type ClientInput = ChannelInput<'clients.create'>;

/** A test core with a base currency (USD), a reseller and two staff users, made through the real API. */
export interface EngineWorld {
  core: TestCore;
  usd: number;
  resellerId: number;
  /** ann@acme.example and bob@acme.example */
  userIds: { ann: number; bob: number };
  addCurrency(code: string, rate: string | null): Promise<number>;
  /** A profile with every rule off unless `rules` turns them on. */
  addProfile(rules: Partial<ProfileInput> & { name?: string }): Promise<number>;
  addClient(client: Partial<ClientInput> & { name: string; balance: string }): Promise<number>;
  /** Notifications of one check (or of all checks), as "client|kind|recipient" sorted. */
  queued(checkId?: number | null): Promise<string[]>;
  statuses(): Promise<Record<NotificationStatus, number>>;
  close(): Promise<void>;
}

export const RESELLER_EMAIL = 'noc@acme.example';

/** An advanced rule that is on, e-mails the client (and `emails`) and needs `days` without a charge. */
export function advancedRule(threshold: string, days: number, emails: string[] = []) {
  return { threshold, notify: true, inactivity: { value: days, unit: 'days' as const }, emails };
}

export async function createEngineWorld(
  options: Omit<TestCoreOptions, 'dataDir'> = {},
): Promise<EngineWorld> {
  const core = await createTestCore({ ...options, start: options.start ?? Date.UTC(2026, 10, 26, 8) });
  const usd = (
    await core.call('currencies.create', { code: 'USD', name: 'US Dollar', rate: '1', isBase: true })
  ).id;
  const resellerId = (await core.call('resellers.create', { name: 'Acme Telecom', email: RESELLER_EMAIL }))
    .id;
  const ann = (await core.call('users.create', { name: 'Ann', email: 'ann@acme.example', resellerId })).id;
  const bob = (await core.call('users.create', { name: 'Bob', email: 'bob@acme.example', resellerId })).id;
  let profiles = 0;

  return {
    core,
    usd,
    resellerId,
    userIds: { ann, bob },
    async addCurrency(code, rate) {
      return (await core.call('currencies.create', { code, name: code, rate, isBase: false })).id;
    },
    async addProfile(rules) {
      profiles += 1;
      const profile = await core.call('profiles.create', {
        name: `Profile ${profiles}`,
        resellerId,
        currencyId: usd,
        sortOrder: 0,
        maxQty: 0,
        period: { value: 24, unit: 'hours' },
        userNotification: { threshold: '', notify: false, userIds: [], emails: [] },
        clientNotification: { threshold: '', notify: false, emails: [] },
        advancedRules: [],
        ...rules,
      });
      return profile.id;
    },
    async addClient(client) {
      const created = await core.call('clients.create', {
        resellerId,
        currencyId: usd,
        credit: '0',
        ...client,
      });
      return created.id;
    },
    async queued(checkId) {
      const query = core.ctx
        .db('notifications as n')
        .join('clients as c', 'c.id', 'n.client_id')
        .select('c.name', 'n.rule_kind', 'n.recipient');
      if (checkId !== undefined) query.where('n.check_id', checkId);
      const rows: { name: string; rule_kind: string; recipient: string }[] = await query;
      return rows.map((r) => `${r.name}|${r.rule_kind}|${r.recipient}`).sort();
    },
    async statuses() {
      const rows: { status: NotificationStatus; count: number }[] = await core.ctx
        .db('notifications')
        .groupBy('status')
        .select('status')
        .count({ count: '*' });
      const counts: Record<NotificationStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0 };
      for (const row of rows) counts[row.status] = Number(row.count);
      return counts;
    },
    close: () => core.close(),
  };
}
