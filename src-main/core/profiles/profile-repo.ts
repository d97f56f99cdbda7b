import type { Knex } from 'knex';
import { durationSeconds, type Duration, type DurationUnit } from '../../shared/duration';
import { describeRuleKind, hasCondition, RULE_KINDS } from '../../shared/rule-kinds';
import type { QuietHours } from '../../shared/quiet-hours';
import type { ProfileData } from '../../shared/schemas/profile';
import type { ProfileView, RuleKind, RuleView } from '../../shared/views';
import { containsPattern } from '../api/list-input';
import { toResellerAndCurrency, type ResellerAndCurrencyRow } from '../resellers/reseller-scope-repo';

interface ProfileRow extends ResellerAndCurrencyRow {
  id: number;
  name: string;
  sort_order: number;
  max_qty: number;
  most_urgent_only: number | boolean;
  recovery_notice: number | boolean;
  quiet_from: string | null;
  quiet_until: string | null;
  quiet_time_zone: string | null;
  period_value: number;
  period_unit: DurationUnit;
  last_check_at: number | null;
  next_check_at: number | null;
  client_count: number;
}

interface RuleRow {
  id: number;
  profile_id: number;
  kind: RuleKind;
  position: number;
  threshold: number | null;
  notify: number;
  inactivity_value: number | null;
  inactivity_unit: DurationUnit | null;
  runway_days: number | null;
}

const PROFILE_COLUMNS = `p.id, p.name, p.reseller_id, r.name AS reseller_name, p.currency_id, c.code AS currency_code,
  p.sort_order, p.max_qty, p.most_urgent_only, p.recovery_notice, p.quiet_from, p.quiet_until, p.quiet_time_zone,
  p.period_value, p.period_unit, p.last_check_at, p.next_check_at,
  (SELECT count(*) FROM clients cl WHERE cl.profile_id = p.id) AS client_count`;

const PROFILE_FROM = `FROM profiles p JOIN resellers r ON r.id = p.reseller_id JOIN currencies c ON c.id = p.currency_id`;

export interface ProfileListQuery {
  search?: string;
  offset: number;
  limit: number;
}

export async function listProfiles(
  db: Knex,
  query: ProfileListQuery,
): Promise<{ rows: ProfileView[]; total: number }> {
  const where = query.search ? `WHERE p.name LIKE ? ESCAPE '\\' OR r.name LIKE ? ESCAPE '\\'` : '';
  const params = query.search ? [containsPattern(query.search), containsPattern(query.search)] : [];
  const [{ total }] = await db.raw<{ total: number }[]>(
    `SELECT count(*) AS total ${PROFILE_FROM} ${where}`,
    params,
  );
  const rows = await db.raw<ProfileRow[]>(
    `SELECT ${PROFILE_COLUMNS} ${PROFILE_FROM} ${where} ORDER BY p.sort_order, p.name, p.id LIMIT ? OFFSET ?`,
    [...params, query.limit, query.offset],
  );
  return { rows: await withRules(db, rows), total };
}

export async function getProfile(db: Knex, id: number): Promise<ProfileView | undefined> {
  const rows = await db.raw<ProfileRow[]>(`SELECT ${PROFILE_COLUMNS} ${PROFILE_FROM} WHERE p.id = ?`, [id]);
  return rows.length ? (await withRules(db, rows))[0] : undefined;
}

async function withRules(db: Knex, profiles: ProfileRow[]): Promise<ProfileView[]> {
  if (profiles.length === 0) return [];
  const ids = profiles.map((p) => p.id);
  const rules = await db<RuleRow>('rules')
    .whereIn('profile_id', ids)
    .orderBy(['profile_id', 'kind', 'position']);
  const ruleIds = rules.map((r) => r.id);
  const users = ruleIds.length
    ? await db('rule_users').whereIn('rule_id', ruleIds).orderBy(['rule_id', 'user_id'])
    : [];
  const emails = ruleIds.length
    ? await db('rule_emails').whereIn('rule_id', ruleIds).orderBy(['rule_id', 'position'])
    : [];
  const usersByRule = groupBy(users as { rule_id: number; user_id: number }[], (u) => u.rule_id);
  const emailsByRule = groupBy(emails as { rule_id: number; email: string }[], (e) => e.rule_id);
  const rulesByProfile = groupBy(rules, (r) => r.profile_id);

  return profiles.map((p) => {
    const views = (rulesByProfile.get(p.id) ?? []).map((r): RuleView => ({
      id: r.id,
      kind: r.kind,
      threshold: r.threshold,
      notify: Boolean(r.notify),
      userIds: (usersByRule.get(r.id) ?? []).map((u) => u.user_id),
      emails: (emailsByRule.get(r.id) ?? []).map((e) => e.email),
      inactivity:
        r.inactivity_value !== null && r.inactivity_unit !== null
          ? { value: r.inactivity_value, unit: r.inactivity_unit }
          : null,
      runwayDays: r.runway_days,
    }));
    const offRule = (kind: RuleKind): RuleView => ({
      id: 0,
      kind,
      threshold: null,
      notify: false,
      userIds: [],
      emails: [],
      inactivity: null,
      runwayDays: null,
    });
    return {
      id: p.id,
      name: p.name,
      ...toResellerAndCurrency(p),
      sortOrder: p.sort_order,
      maxQty: p.max_qty,
      mostUrgentOnly: Boolean(p.most_urgent_only),
      recoveryNotice: Boolean(p.recovery_notice),
      quietHours: quietHoursOf(p),
      period: { value: p.period_value, unit: p.period_unit },
      ...rulesByField(views, offRule),
      clientCount: p.client_count,
      lastCheckAt: p.last_check_at,
      nextCheckAt: p.next_check_at,
    };
  });
}

/** A profile row's quiet hours (the three columns are set together or not at all). */
export function quietHoursOf(row: {
  quiet_from: string | null;
  quiet_until: string | null;
  quiet_time_zone: string | null;
}): QuietHours | null {
  return row.quiet_from !== null && row.quiet_until !== null && row.quiet_time_zone !== null
    ? { from: row.quiet_from, until: row.quiet_until, timeZone: row.quiet_time_zone }
    : null;
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function profileColumns(data: ProfileData, periodSeconds: number, now: number) {
  return {
    name: data.name,
    reseller_id: data.resellerId,
    currency_id: data.currencyId,
    sort_order: data.sortOrder,
    max_qty: data.maxQty,
    most_urgent_only: data.mostUrgentOnly,
    recovery_notice: data.recoveryNotice,
    quiet_from: data.quietHours?.from ?? null,
    quiet_until: data.quietHours?.until ?? null,
    quiet_time_zone: data.quietHours?.timeZone ?? null,
    period_value: data.period.value,
    period_unit: data.period.unit,
    period_seconds: periodSeconds,
    updated_at: now,
  };
}

export async function insertProfile(
  trx: Knex.Transaction,
  data: ProfileData,
  periodSeconds: number,
  now: number,
) {
  const [row] = await trx('profiles')
    .insert({ ...profileColumns(data, periodSeconds, now), created_at: now, next_check_at: now })
    .returning('id');
  const id = (row as { id: number }).id;
  await saveRules(trx, id, data);
  return id;
}

export async function updateProfile(
  trx: Knex.Transaction,
  id: number,
  data: ProfileData,
  periodSeconds: number,
  now: number,
) {
  const before = await trx('profiles').where({ id }).first('period_seconds', 'last_check_at');
  const columns: Record<string, unknown> = profileColumns(data, periodSeconds, now);
  if (before && before.period_seconds !== periodSeconds) {
    // A new Period takes effect from the last check, not from the next one.
    columns.next_check_at = (before.last_check_at ?? now) + periodSeconds * 1000;
  }
  await trx('profiles').where({ id }).update(columns);
  await saveRules(trx, id, data);
}

/**
 * Writes the rules of a profile. The user and client rules keep their rows (so
 * their Max Qty counters survive an edit); advanced rules are matched by id,
 * and rows no longer in the form are deleted with their counters.
 */
type RuleData = {
  id?: number;
  threshold: number | null;
  notify: boolean;
  emails: string[];
  userIds?: number[];
  inactivity?: Duration;
  runwayDays?: number | null;
};

type RulesOfProfile = Pick<ProfileView, 'userNotification' | 'clientNotification' | 'advancedRules'>;

/** A profile's rule views placed in the profile's field of each kind (one, or a list). */
function rulesByField(views: RuleView[], offRule: (kind: RuleKind) => RuleView): RulesOfProfile {
  return Object.fromEntries(
    RULE_KINDS.map((kind) => {
      const { profileField, many } = describeRuleKind(kind);
      const rules = views.filter((r) => r.kind === kind);
      return [profileField, many ? rules : (rules[0] ?? offRule(kind))];
    }),
  ) as unknown as RulesOfProfile;
}

async function saveRules(trx: Knex.Transaction, profileId: number, data: ProfileData) {
  const existing = await trx<RuleRow>('rules').where({ profile_id: profileId });
  const keep = new Set<number>();

  const upsert = async (
    kind: RuleKind,
    position: number,
    existingId: number | undefined,
    rule: RuleData,
    inactivitySeconds: number | null,
  ) => {
    const columns = {
      profile_id: profileId,
      kind,
      position,
      threshold: rule.threshold,
      notify: rule.notify,
      inactivity_value: rule.inactivity?.value ?? null,
      inactivity_unit: rule.inactivity?.unit ?? null,
      inactivity_seconds: inactivitySeconds,
      runway_days: rule.runwayDays ?? null,
    };
    let ruleId = existingId;
    if (ruleId !== undefined) {
      await trx('rules').where({ id: ruleId }).update(columns);
      await trx('rule_users').where({ rule_id: ruleId }).delete();
      await trx('rule_emails').where({ rule_id: ruleId }).delete();
    } else {
      const [row] = await trx('rules').insert(columns).returning('id');
      ruleId = (row as { id: number }).id;
    }
    keep.add(ruleId);
    if (rule.userIds?.length) {
      await trx('rule_users').insert(rule.userIds.map((userId) => ({ rule_id: ruleId, user_id: userId })));
    }
    if (rule.emails.length) {
      await trx('rule_emails').insert(
        rule.emails.map((email, i) => ({ rule_id: ruleId, position: i, email })),
      );
    }
  };

  for (const kind of RULE_KINDS) {
    const { profileField, many } = describeRuleKind(kind);
    const field = data[profileField];
    const rules: RuleData[] = Array.isArray(field) ? field : [field];
    for (const [position, rule] of rules.entries()) {
      // A single rule of its kind keeps its row; one of many keeps the row the form names.
      const match = existing.find((r) => r.kind === kind && (!many || r.id === rule.id));
      const inactivity = hasCondition(kind, 'inactivity') && rule.inactivity ? rule.inactivity : undefined;
      await upsert(
        kind,
        position,
        match?.id,
        { ...rule, inactivity, runwayDays: hasCondition(kind, 'runway') ? rule.runwayDays : null },
        inactivity ? durationSeconds(inactivity) : null,
      );
    }
  }
  const stale = existing.filter((r) => !keep.has(r.id)).map((r) => r.id);
  if (stale.length) await trx('rules').whereIn('id', stale).delete();
}

export async function deleteProfile(trx: Knex.Transaction, id: number): Promise<number> {
  // Clients are unassigned and notifications keep their snapshot through the foreign keys.
  return trx('profiles').where({ id }).delete();
}
