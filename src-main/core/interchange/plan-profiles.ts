import { DEFAULT_PERIOD } from '../../shared/duration';
import type { ProfileView, RuleView } from '../../shared/views';
import { nocase, scopedKey } from './natural-keys';
import type { PlanContext } from './plan-context';
import { classify, emptyWrites, type ImportWrites, type ProfileTarget, type RuleTarget } from './plan-writes';

const OFF: RuleTarget = { threshold: null, notify: false, emails: [] };

/**
 * Profiles with their rules. A rule the file leaves out keeps its stored
 * state; advanced rules are matched by position, so a changed rule keeps its
 * row and its Max Qty counters.
 */
export function planProfiles(ctx: PlanContext): ImportWrites['profiles'] {
  const writes = emptyWrites<ProfileTarget>();
  const userKeyById = new Map(ctx.snapshot.users.map((u) => [u.id, nocase(u.email)]));
  const storedRule = (rule: RuleView): RuleTarget => ({
    threshold: rule.threshold,
    notify: rule.notify,
    emails: rule.emails,
  });
  const describeStored = (stored: ProfileView): ProfileTarget => ({
    key: scopedKey(stored.resellerName, stored.name),
    name: stored.name,
    resellerKey: nocase(stored.resellerName),
    currencyCode: stored.currencyCode,
    sortOrder: stored.sortOrder,
    maxQty: stored.maxQty,
    period: { value: stored.period.value, unit: stored.period.unit },
    mostUrgentOnly: stored.mostUrgentOnly,
    recoveryNotice: stored.recoveryNotice,
    quietHours: stored.quietHours && { ...stored.quietHours },
    userNotification: {
      ...storedRule(stored.userNotification),
      userKeys: stored.userNotification.userIds
        .map((id) => userKeyById.get(id)!)
        .filter((key) => ctx.isAvailable(ctx.users, key))
        .sort(),
    },
    clientNotification: storedRule(stored.clientNotification),
    advancedRules: stored.advancedRules.map((rule) => ({
      ...storedRule(rule),
      inactivity: rule.inactivity,
      runwayDays: rule.runwayDays,
    })),
  });

  for (const [key, { index, data }] of ctx.profiles.file) {
    const userKeys: string[] = [];
    const valid = ctx.passes(() => {
      ctx.checkReseller(['profiles', index, 'reseller'], data.reseller);
      ctx.checkCurrency(['profiles', index, 'currency'], data.currency);
      data.userNotification?.users.forEach((email, position) => {
        const path = ['profiles', index, 'userNotification', 'users', position];
        ctx.checkReference(path, 'user', email, ctx.users, nocase(email));
        if (!userKeys.includes(nocase(email))) userKeys.push(nocase(email));
      });
    });
    if (!valid) continue;
    const stored = ctx.profiles.db.get(key);
    const kept = stored ? describeStored(stored) : undefined;
    const { userNotification, clientNotification } = data;
    const target: ProfileTarget = {
      key,
      name: data.name,
      resellerKey: nocase(data.reseller),
      currencyCode: data.currency,
      sortOrder: data.sortOrder ?? kept?.sortOrder ?? 0,
      maxQty: data.maxQty,
      period: data.period ?? kept?.period ?? DEFAULT_PERIOD,
      mostUrgentOnly: data.mostUrgentOnly ?? kept?.mostUrgentOnly ?? false,
      recoveryNotice: data.recoveryNotice ?? kept?.recoveryNotice ?? false,
      quietHours: data.quietHours === undefined ? (kept?.quietHours ?? null) : data.quietHours,
      userNotification: userNotification
        ? {
            threshold: userNotification.threshold,
            notify: userNotification.notify,
            emails: userNotification.emails,
            userKeys: userKeys.sort(),
          }
        : (kept?.userNotification ?? { ...OFF, userKeys: [] }),
      clientNotification: clientNotification
        ? {
            threshold: clientNotification.threshold,
            notify: clientNotification.notify,
            emails: clientNotification.emails,
          }
        : (kept?.clientNotification ?? OFF),
      advancedRules: (data.advancedRules ?? kept?.advancedRules ?? []).map((rule) => ({
        threshold: rule.threshold,
        notify: rule.notify,
        emails: rule.emails,
        inactivity: rule.inactivity ? { value: rule.inactivity.value, unit: rule.inactivity.unit } : null,
        runwayDays: rule.runwayDays,
      })),
    };
    classify(writes, target, stored, describeStored);
    target.advancedRules.forEach((rule, position) => {
      rule.id = stored?.advancedRules[position]?.id;
    });
  }
  return writes;
}
