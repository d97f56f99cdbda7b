import { z } from 'zod';
import { ruleIsOn } from '../rule-kinds';
import {
  duration,
  emailList,
  id,
  integer,
  optionalDuration,
  quietHours,
  requiredText,
  runwayDays,
  threshold,
} from './common';

const NO_RECIPIENT = 'A rule that is on needs a recipient: tick Notify, choose a user or add an e-mail';

/**
 * Whether a rule is on (`ruleIsOn`) yet reaches no one: SPEC §2 wants
 * Notify, a chosen user (`users`, the user rule only) or an e-mail. The form
 * and the interchange file report it each in their own words.
 */
export function ruleLacksRecipient(
  rule: { threshold: number | null; runwayDays?: number | null; notify: boolean; emails: readonly string[] },
  users: readonly unknown[] = [],
): boolean {
  return ruleIsOn(rule) && !rule.notify && rule.emails.length === 0 && users.length === 0;
}

/** The form's check: the message sits on the rule's Emails field. */
function requireRecipient(
  rule: {
    threshold: number | null;
    runwayDays?: number | null;
    notify: boolean;
    emails: string[];
    userIds?: number[];
  },
  ctx: z.RefinementCtx,
) {
  if (ruleLacksRecipient(rule, rule.userIds)) {
    ctx.addIssue({ code: 'custom', path: ['emails'], message: NO_RECIPIENT });
  }
}

export const userNotificationSchema = z
  .object({
    threshold: threshold(),
    notify: z.boolean().default(false),
    userIds: z.array(id('User')).max(200).default([]),
    emails: emailList().default([]),
  })
  .superRefine(requireRecipient);

export const clientNotificationSchema = z
  .object({
    threshold: threshold(),
    notify: z.boolean().default(false),
    emails: emailList().default([]),
  })
  .superRefine(requireRecipient);

export const advancedRuleSchema = z
  .object({
    id: z.number().int().positive().optional(),
    threshold: threshold(),
    notify: z.boolean().default(false),
    inactivity: optionalDuration('Inactivity'),
    runwayDays: runwayDays(),
    emails: emailList().default([]),
  })
  .superRefine(requireRecipient);

export const profileInputSchema = z.object({
  name: requiredText('Name', 120),
  resellerId: id('Reseller'),
  currencyId: id('Currency'),
  sortOrder: integer('Sort Order', -1_000_000_000, 1_000_000_000).default(0),
  maxQty: integer('Max Qty', 0, 1_000_000),
  period: duration('Period'),
  /** SPEC §7: of the client-side rules matching one client, only the lowest threshold sends and counts. */
  mostUrgentOnly: z.boolean({ error: 'Only the most urgent rule must be true or false' }).default(false),
  /** SPEC §7: a refill that resets a rule's count from above 0 sends its recipients one "balance restored". */
  recoveryNotice: z.boolean({ error: 'Recovery notice must be true or false' }).default(false),
  quietHours: quietHours().default(null),
  userNotification: userNotificationSchema,
  clientNotification: clientNotificationSchema,
  advancedRules: z.array(advancedRuleSchema).max(20, { error: 'At most 20 advanced rules' }).default([]),
});

export type ProfileInput = z.input<typeof profileInputSchema>;
export type ProfileData = z.output<typeof profileInputSchema>;

export const profileUpdateSchema = z.object({ id: id('Profile'), profile: profileInputSchema });
export const profileIdSchema = z.object({ id: id('Profile') });
