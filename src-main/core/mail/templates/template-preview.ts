import { convertInto } from '../../clients/available-balance';
import { describeRuleKind } from '../../../shared/rule-kinds';
import type { RuleKind } from '../../../shared/views';
import type { ClientForPreview } from './template-preview-repo';
import type { NotificationFacts } from './template-values';

/**
 * What a notification about this client would say for a rule of `kind`: its
 * profile's rule when there is one, otherwise the client's own amounts with a
 * threshold of 0. `notes` says what was assumed.
 */
export function previewFactsFor(
  client: ClientForPreview,
  kind: RuleKind,
): { facts: NotificationFacts; notes: string[] } {
  const notes: string[] = [];
  let profileCurrency = client.profile?.currency ?? client.currency;
  let available = client.balance + client.credit;
  const converted = convertInto(available, client.currency, profileCurrency);
  if (converted.ok) {
    available = converted.value;
  } else {
    notes.push(`${converted.message}: amounts shown in ${client.currency.code}`);
    profileCurrency = client.currency;
  }
  if (!client.profile) notes.push('the client has no profile');
  else if (!client.rule || client.rule.threshold === null) notes.push(`the profile's ${kind} rule is off`);
  return {
    facts: {
      clientName: client.name,
      clientEmail: client.billingEmail,
      clientCurrencyCode: client.currency.code,
      resellerName: client.resellerName,
      resellerEmail: client.resellerEmail,
      profileName: client.profile?.name ?? '(no profile)',
      profileCurrencyCode: profileCurrency.code,
      ruleKind: kind,
      balance: client.balance,
      credit: client.credit,
      available,
      threshold: client.rule?.threshold ?? 0,
      count: (client.rule?.count ?? 0) + 1,
      maxQty: client.profile?.maxQty ?? 0,
      inactivity: client.rule?.inactivity ?? describeRuleKind(kind).sample.inactivity,
      runwayDays: client.runwayDays,
    },
    notes,
  };
}
