import type { TemplateVariableView } from '../../../shared/schemas/mail';

/**
 * The variables every template can use: the one list that the values (`template-values.ts`), the check
 * of a template (`template-check.ts`), the editor's completion (through `templates.list`) and
 * docs/templates.md (`npm run template-docs`) read. A new variable is one entry here and its value in
 * `templateValues`, which the type below makes required.
 */
export const TEMPLATE_VARIABLES = [
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
  { name: 'count', description: 'Which notice this is since the last refill (1 = first)', numeric: true },
  { name: 'max_qty', description: 'Max Qty of the profile (0 = no limit)', numeric: true },
  { name: 'inactivity', description: 'The Inactivity of an advanced rule, e.g. 3 days (empty otherwise)' },
  {
    name: 'runway_days',
    description:
      "Whole days until the available balance runs out at the last 28 days' burn rate (empty when unknown)",
  },
] as const satisfies readonly TemplateVariableView[];

type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateVariableName = TemplateVariable['name'];

/** The values of one notification: every variable, as plain text, or a number where it says `numeric`. */
export type TemplateValues = {
  [V in TemplateVariable as V['name']]: V extends { numeric: true } ? number : string;
};

const BY_NAME: ReadonlyMap<string, TemplateVariableView> = new Map(
  TEMPLATE_VARIABLES.map((variable) => [variable.name, variable]),
);

export function findTemplateVariable(name: string): TemplateVariableView | undefined {
  return BY_NAME.get(name);
}
