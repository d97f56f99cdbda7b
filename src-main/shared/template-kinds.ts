import { RULE_KIND_LABELS, RULE_KINDS, type RuleKind } from './rule-kinds';

/**
 * The kinds of template (SPEC §4, §7): one per rule kind for its low-balance
 * notice, and `recovery` for the "balance restored" message of any rule.
 */
export const TEMPLATE_KINDS = [...RULE_KINDS, 'recovery'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_KIND_LABELS: Record<TemplateKind, string> = {
  ...RULE_KIND_LABELS,
  recovery: 'Recovery notice',
};

/** The rule kind whose facts preview and check a template of this kind (a recovery: the client's rule). */
export function previewRuleKind(kind: TemplateKind): RuleKind {
  return kind === 'recovery' ? 'client' : kind;
}
