import { durationSeconds, formatDuration, type Duration } from '../../../shared/duration';
import { displayAmount } from '../../../shared/money';
import { RULE_KIND_LABELS, type TemplateVariableView } from '../../../shared/schemas/mail';
import type { RuleKind } from '../../../shared/views';

/** The variables every template can use; all values are plain strings or numbers. */
export interface TemplateValues {
  client: string;
  client_email: string;
  reseller: string;
  reseller_email: string;
  profile: string;
  rule_kind: RuleKind;
  rule: string;
  balance: string;
  credit: string;
  available_balance: string;
  threshold: string;
  currency: string;
  count: number;
  max_qty: number;
  inactivity: string;
}

export const TEMPLATE_VARIABLES: TemplateVariableView[] = [
  { name: 'client', description: "The client's name" },
  { name: 'client_email', description: "The client's Billing Email (empty when it has none)" },
  { name: 'reseller', description: "The client's reseller" },
  { name: 'reseller_email', description: "The reseller's e-mail" },
  { name: 'profile', description: 'The Low Balance Profile' },
  { name: 'rule_kind', description: 'user, client or advanced' },
  { name: 'rule', description: 'User Notification, Client Notification or Advanced rule' },
  { name: 'balance', description: "The balance, in the client's currency, e.g. 1,234.50 EUR" },
  { name: 'credit', description: "The credit, in the client's currency" },
  { name: 'available_balance', description: "Balance + credit, in the profile's currency" },
  { name: 'threshold', description: "The rule's threshold, in the profile's currency" },
  { name: 'currency', description: "The profile's currency code" },
  { name: 'count', description: 'Which notice this is since the last refill (1 = first)' },
  { name: 'max_qty', description: 'Max Qty of the profile (0 = no limit)' },
  { name: 'inactivity', description: 'The Inactivity of an advanced rule, e.g. 3 days (empty otherwise)' },
];

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
  threshold: number;
  count: number;
  maxQty: number;
  inactivity: Duration | null;
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
    threshold: displayAmount(facts.threshold, facts.profileCurrencyCode),
    currency: facts.profileCurrencyCode,
    count: facts.count,
    max_qty: facts.maxQty,
    inactivity:
      facts.ruleKind === 'advanced' && facts.inactivity && durationSeconds(facts.inactivity) > 0
        ? formatDuration(facts.inactivity)
        : '',
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
    inactivity: kind === 'advanced' ? { value: 3, unit: 'days' } : null,
  };
}
