import { durationSeconds, formatDuration, type Duration } from '../../../shared/duration';
import { displayAmount } from '../../../shared/money';
import { describeRuleKind, hasCondition, RULE_KIND_LABELS } from '../../../shared/rule-kinds';
import type { RuleKind } from '../../../shared/views';
import type { TemplateValues } from './template-variables';

export type { TemplateValues };

/** The facts behind one notification, as the engine reads them from the database. */
export interface NotificationFacts {
  clientName: string;
  clientEmail: string | null;
  clientCurrencyCode: string;
  resellerName: string;
  resellerEmail: string;
  profileName: string;
  profileCurrencyCode: string;
  ruleKind: RuleKind;
  /** Client currency units. */
  balance: number;
  credit: number;
  /** Profile currency units. */
  available: number;
  /** Null for a rule without a threshold (Runway only): the template gets ''. */
  threshold: number | null;
  count: number;
  maxQty: number;
  inactivity: Duration | null;
  /** Whole days of runway left, null when unknown (SPEC §7). */
  runwayDays: number | null;
}

export function templateValues(facts: NotificationFacts): TemplateValues {
  return {
    client: facts.clientName,
    client_email: facts.clientEmail ?? '',
    reseller: facts.resellerName,
    reseller_email: facts.resellerEmail,
    profile: facts.profileName,
    rule_kind: facts.ruleKind,
    rule: RULE_KIND_LABELS[facts.ruleKind],
    balance: displayAmount(facts.balance, facts.clientCurrencyCode),
    credit: displayAmount(facts.credit, facts.clientCurrencyCode),
    available_balance: displayAmount(facts.available, facts.profileCurrencyCode),
    threshold: facts.threshold === null ? '' : displayAmount(facts.threshold, facts.profileCurrencyCode),
    currency: facts.profileCurrencyCode,
    count: facts.count,
    max_qty: facts.maxQty,
    inactivity:
      hasCondition(facts.ruleKind, 'inactivity') && facts.inactivity && durationSeconds(facts.inactivity) > 0
        ? formatDuration(facts.inactivity)
        : '',
    runway_days: facts.runwayDays === null ? '' : String(facts.runwayDays),
  };
}

/** Made-up facts for previews and for checking a template before it is saved. */
export function sampleFacts(kind: RuleKind): NotificationFacts {
  return {
    clientName: 'Client One',
    clientEmail: 'billing@client-one.example',
    clientCurrencyCode: 'USD',
    resellerName: 'Acme Telecom',
    resellerEmail: 'noc@acme.example',
    profileName: 'Prepaid standard',
    profileCurrencyCode: 'USD',
    ruleKind: kind,
    balance: 125_000,
    credit: 0,
    available: 125_000,
    threshold: 200_000,
    count: 1,
    maxQty: 3,
    inactivity: describeRuleKind(kind).sample.inactivity,
    runwayDays: 12,
  };
}
