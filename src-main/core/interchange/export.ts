import { formatAmount, formatRate } from '../../shared/money';
import type { RuleView } from '../../shared/views';
import type { CoreContext } from '../context';
import { INTERCHANGE_FORMAT, INTERCHANGE_VERSION, SECTION_NAMES, type SectionName } from './format';
import { loadSnapshot, type Snapshot } from './interchange-repo';
import type { ExportResult } from './interchange-types';
import { sortByKey } from './natural-keys';

/**
 * Writes the chosen sections (all by default) as one document, every entry
 * with every field, in natural-key order. Settings are never part of it, so
 * the SMTP password and other secrets cannot leak into a file.
 */
export async function exportDocument(
  ctx: CoreContext,
  sections: readonly SectionName[] = SECTION_NAMES,
): Promise<ExportResult> {
  const chosen = SECTION_NAMES.filter((name) => sections.includes(name));
  const snapshot = await loadSnapshot(ctx.db, { clients: chosen.includes('clients') });
  const exportedAt = isoTime(ctx.now());
  const document: Record<string, unknown> = {
    format: INTERCHANGE_FORMAT,
    version: INTERCHANGE_VERSION,
    exportedAt,
  };
  const counts: Partial<Record<SectionName, number>> = {};
  for (const name of chosen) {
    const entries = sectionWriters[name](snapshot);
    document[name] = entries;
    counts[name] = entries.length;
  }
  return {
    text: `${JSON.stringify(document, null, 2)}\n`,
    fileName: `lowbal-export-${exportedAt.slice(0, 10)}.json`,
    counts,
  };
}

/** ISO 8601 in UTC, without milliseconds when there are none: `2026-11-20T08:00:00Z`. */
function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

const threshold = (units: number | null) => (units === null ? null : formatAmount(units));

const sectionWriters: Record<SectionName, (snapshot: Snapshot) => unknown[]> = {
  currencies: (snapshot) =>
    sortByKey(snapshot.currencies, (c) => [c.code]).map((c) => ({
      code: c.code,
      name: c.name,
      rate: c.rateE8 === null ? null : formatRate(c.rateE8),
      base: c.isBase,
    })),

  resellers: (snapshot) =>
    sortByKey(snapshot.resellers, (r) => [r.name]).map((r) => ({ name: r.name, email: r.email })),

  users: (snapshot) => {
    const resellerName = new Map(snapshot.resellers.map((r) => [r.id, r.name]));
    return sortByKey(snapshot.users, (u) => [u.email]).map((u) => ({
      name: u.name,
      email: u.email,
      reseller: u.resellerId === null ? null : resellerName.get(u.resellerId)!,
    }));
  },

  profiles: (snapshot) => {
    const userEmail = new Map(snapshot.users.map((u) => [u.id, u.email]));
    const rule = (r: RuleView) => ({ threshold: threshold(r.threshold), notify: r.notify });
    return sortByKey(snapshot.profiles, (p) => [p.resellerName, p.name]).map((p) => ({
      name: p.name,
      reseller: p.resellerName,
      currency: p.currencyCode,
      sortOrder: p.sortOrder,
      maxQty: p.maxQty,
      ...(p.mostUrgentOnly ? { mostUrgentOnly: true } : {}),
      ...(p.recoveryNotice ? { recoveryNotice: true } : {}),
      ...(p.quietHours ? { quietHours: { ...p.quietHours } } : {}),
      period: { value: p.period.value, unit: p.period.unit },
      userNotification: {
        ...rule(p.userNotification),
        users: sortByKey(
          p.userNotification.userIds.map((id) => userEmail.get(id)!),
          (email) => [email],
        ),
        emails: p.userNotification.emails,
      },
      clientNotification: { ...rule(p.clientNotification), emails: p.clientNotification.emails },
      advancedRules: p.advancedRules.map((r) => ({
        ...rule(r),
        inactivity: r.inactivity && { value: r.inactivity.value, unit: r.inactivity.unit },
        ...(r.runwayDays === null ? {} : { runwayDays: r.runwayDays }),
        emails: r.emails,
      })),
    }));
  },

  clients: (snapshot) => {
    const resellerName = new Map(snapshot.resellers.map((r) => [r.id, r.name]));
    const currencyCode = new Map(snapshot.currencies.map((c) => [c.id, c.code]));
    const profileName = new Map(snapshot.profiles.map((p) => [p.id, p.name]));
    return sortByKey(snapshot.clients, (c) => [resellerName.get(c.resellerId)!, c.name]).map((c) => ({
      name: c.name,
      reseller: resellerName.get(c.resellerId)!,
      currency: currencyCode.get(c.currencyId)!,
      billingEmail: c.billingEmail,
      balance: formatAmount(c.balance),
      credit: formatAmount(c.credit),
      profile: c.profileId === null ? null : profileName.get(c.profileId)!,
      lastChargeAt: c.lastChargeAt === null ? null : isoTime(c.lastChargeAt),
      active: c.active,
    }));
  },
};
