import type { Knex } from 'knex';
import type { ClientPageView, ConversionView, RuleStatusView } from '../../shared/client-views';
import { durationSeconds, formatDuration, type Duration } from '../../shared/duration';
import { AppError } from '../../shared/errors';
import { describeRuleKind, RULE_KINDS, ruleIsOn } from '../../shared/rule-kinds';
import { displayAmount } from '../../shared/money';
import type { ProfileView, RuleView } from '../../shared/views';
import { countWhere } from '../api/assert-exists';
import { balanceSeries, listBalanceEvents } from '../balances/balance-repo';
import { getProfile } from '../profiles/profile-repo';
import { convertInto, inactiveSince, ruleMatches, type Converted } from './available-balance';
import { getClientRow, ratedCurrencies, ruleCounters } from './client-repo';
import { MIN_CHARGE_DAYS, MIN_HISTORY_DAYS, readRunway, runwayWithin, type Runway } from './runway-sql';

/** Everything the client page shows, as of `now`. */
export async function loadClientPage(
  db: Knex,
  id: number,
  events: { offset: number; limit: number },
  now: number,
): Promise<ClientPageView> {
  const client = await getClientRow(db, id);
  if (!client) throw AppError.notFound('Client');
  const profile = client.profileId === null ? null : ((await getProfile(db, client.profileId)) ?? null);

  let conversion: ConversionView | null = null;
  let inProfileCurrency: Converted | null = null;
  if (profile) {
    const rates = await ratedCurrencies(db, [client.currencyId, profile.currencyId]);
    inProfileCurrency = convertInto(
      client.available,
      rates.get(client.currencyId)!,
      rates.get(profile.currencyId)!,
    );
    if (profile.currencyId !== client.currencyId) {
      conversion = inProfileCurrency.ok
        ? {
            ok: true,
            currencyCode: profile.currencyCode,
            available: inProfileCurrency.value,
            fromRateE8: rates.get(client.currencyId)!.rateE8!,
            toRateE8: rates.get(profile.currencyId)!.rateE8!,
          }
        : { ok: false, currencyCode: profile.currencyCode, message: inProfileCurrency.message };
    }
  }

  const lastActiveAt = inactiveSince(client);
  const runway = await readRunway(db, id, now);
  const counters = await ruleCounters(db, id);
  const rules =
    profile && inProfileCurrency
      ? onRules(profile).map(({ rule, label }): RuleStatusView => {
          const verdict = withRunway(
            judgeRule(rule, profile.currencyCode, inProfileCurrency, lastActiveAt, now),
            rule,
            runway,
            client.available,
          );
          const counter = counters.get(rule.id);
          return {
            ruleId: rule.id,
            kind: rule.kind,
            label,
            threshold: rule.threshold,
            inactivity: rule.inactivity,
            runwayDays: rule.runwayDays,
            ...verdict,
            sent: counter?.count ?? 0,
            lastNotifiedAt: counter?.lastNotifiedAt ?? null,
          };
        })
      : [];

  return {
    client,
    conversion,
    profile,
    rules,
    runway: runway && { days: runway.days, burnPerDay: runway.burnPerDay },
    inactiveSince: lastActiveAt,
    series: await balanceSeries(db, client, now),
    events: await listBalanceEvents(db, id, events.offset, events.limit),
    notificationCount: await countWhere(db, 'notifications', { client_id: id }),
  };
}

function onRules(profile: ProfileView): { rule: RuleView; label: string }[] {
  return [
    ...RULE_KINDS.flatMap((kind) => {
      const { profileField, label, many } = describeRuleKind(kind);
      const rules = profile[profileField];
      return Array.isArray(rules)
        ? rules.map((rule, i) => ({ rule, label: many ? `${label} ${i + 1}` : label }))
        : [{ rule: rules, label }];
    }),
  ].filter(({ rule }) => ruleIsOn(rule));
}

/** A rule's Runway condition on top of its other conditions, with its reason. */
function withRunway(
  verdict: { matches: boolean; reason: string },
  rule: RuleView,
  runway: Runway | null,
  available: number,
): { matches: boolean; reason: string } {
  if (rule.runwayDays === null) return verdict;
  const needs = `${rule.runwayDays} ${rule.runwayDays === 1 ? 'day' : 'days'}`;
  const within = runwayWithin(runway, available, rule.runwayDays);
  const runwayReason = !runway
    ? `the runway is unknown (needs ${MIN_HISTORY_DAYS} days of history and charges on ${MIN_CHARGE_DAYS} days)`
    : `the runway is ≈ ${runway.days} days (${within ? 'within' : 'more than'} ${needs})`;
  return { matches: verdict.matches && within, reason: `${verdict.reason}; ${runwayReason}` };
}

function judgeRule(
  rule: RuleView,
  currencyCode: string,
  available: Converted,
  lastActiveAt: number,
  now: number,
): { matches: boolean; reason: string } {
  if (!available.ok) return { matches: false, reason: `Cannot compare: ${available.message}` };
  const { threshold } = rule;
  const inactivitySeconds = rule.inactivity ? durationSeconds(rule.inactivity) : null;
  const matches = ruleMatches({ threshold, inactivitySeconds }, available.value, lastActiveAt, now);
  const below = threshold === null || available.value < threshold;
  const comparison =
    threshold === null
      ? `Available ${displayAmount(available.value, currencyCode)} (no threshold)`
      : `Available ${displayAmount(available.value, currencyCode)} is ${below ? '' : 'not '}below ${displayAmount(threshold, currencyCode)}`;
  if (!below || !rule.inactivity) return { matches, reason: comparison };
  const idle = formatDuration(elapsed(now - lastActiveAt));
  const needs = formatDuration(rule.inactivity);
  return {
    matches,
    reason: matches
      ? `${comparison} and there has been no charge for ${idle} (needs ${needs})`
      : `${comparison}, but the last charge was ${idle} ago (needs ${needs} without one)`,
  };
}

/** A span of time in its largest whole unit, rounded down. */
function elapsed(ms: number): Duration {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes >= 1440) return { value: Math.floor(minutes / 1440), unit: 'days' };
  if (minutes >= 60) return { value: Math.floor(minutes / 60), unit: 'hours' };
  return { value: minutes, unit: 'minutes' };
}
