/**
 * One description per rule kind (SPEC §2–3): the data the engine, the
 * validation, the interchange file, the templates and the profile form read,
 * so a kind is described here once rather than spelled out in each of them.
 */

/** A condition a rule of the kind can set (the threshold is always one). */
export type RuleCondition = 'threshold' | 'inactivity' | 'runway';

/** Who the rule's Notify box sends to. */
export type NotifyTarget = 'resellerEmail' | 'billingEmail';

export interface RuleKindDescription {
  /** The label operators know (SPEC §2), also the template variable `rule`. */
  label: string;
  /** The profile form's section (fieldset legend). */
  formSection: string;
  /** Where the kind's rules live in a profile (form, IPC and the file alike). */
  profileField: 'userNotification' | 'clientNotification' | 'advancedRules';
  /** Zero or more rows (advanced rules), or exactly one. */
  many: boolean;
  conditions: readonly RuleCondition[];
  recipients: {
    /** What Notify adds. */
    notify: NotifyTarget;
    /** Whether chosen users are recipients too. */
    users: boolean;
  };
  /** Client-side rules are those about the client itself (SPEC §7: most urgent, per-client care). */
  clientSide: boolean;
  /** What template previews and checks use as the rule's own facts. */
  sample: { inactivity: { value: number; unit: 'days' } | null };
}

export const RULE_KIND_DESCRIPTIONS = {
  user: {
    label: 'User Notification',
    formSection: 'User Notification',
    profileField: 'userNotification',
    many: false,
    conditions: ['threshold'],
    recipients: { notify: 'resellerEmail', users: true },
    clientSide: false,
    sample: { inactivity: null },
  },
  client: {
    label: 'Client Notification',
    formSection: 'Client Notification',
    profileField: 'clientNotification',
    many: false,
    conditions: ['threshold'],
    recipients: { notify: 'billingEmail', users: false },
    clientSide: true,
    sample: { inactivity: null },
  },
  advanced: {
    label: 'Advanced rule',
    formSection: 'Advanced rules',
    profileField: 'advancedRules',
    many: true,
    conditions: ['threshold', 'inactivity', 'runway'],
    recipients: { notify: 'billingEmail', users: false },
    clientSide: true,
    sample: { inactivity: { value: 3, unit: 'days' } },
  },
} as const satisfies Record<string, RuleKindDescription>;

export type RuleKind = keyof typeof RULE_KIND_DESCRIPTIONS;

/** The kinds, in the order of the profile form. */
export const RULE_KINDS = Object.keys(RULE_KIND_DESCRIPTIONS) as [RuleKind, ...RuleKind[]];

export function describeRuleKind(kind: RuleKind): RuleKindDescription {
  return RULE_KIND_DESCRIPTIONS[kind];
}

export const RULE_KIND_LABELS = Object.fromEntries(
  RULE_KINDS.map((kind) => [kind, RULE_KIND_DESCRIPTIONS[kind].label]),
) as Record<RuleKind, string>;

export function hasCondition(kind: RuleKind, condition: RuleCondition): boolean {
  return (RULE_KIND_DESCRIPTIONS[kind].conditions as readonly RuleCondition[]).includes(condition);
}

/** The kinds whose rules set a given condition. */
export function kindsWith(condition: RuleCondition): RuleKind[] {
  return RULE_KINDS.filter((kind) => hasCondition(kind, condition));
}

/** The kinds whose description passes a test (e.g. whose Notify reaches the Billing Email). */
export function kindsWhere(test: (description: RuleKindDescription) => boolean): RuleKind[] {
  return RULE_KINDS.filter((kind) => test(RULE_KIND_DESCRIPTIONS[kind]));
}

/**
 * Whether a rule is on (SPEC §2, §7): its Threshold or its Runway is set (only
 * kinds with a Runway condition hold one). Inactivity only narrows a rule that is on.
 */
export function ruleIsOn(rule: { threshold: number | null; runwayDays?: number | null }): boolean {
  return rule.threshold !== null || (rule.runwayDays ?? null) !== null;
}

/** A SQL list literal of kinds (`'user','client'`): kinds are fixed identifiers, never user input. */
export function sqlKindList(kinds: readonly RuleKind[]): string {
  return kinds.length === 0 ? "''" : kinds.map((kind) => `'${kind}'`).join(',');
}
