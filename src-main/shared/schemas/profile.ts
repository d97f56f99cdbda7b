import { z } from 'zod';
import { duration, emailList, id, integer, requiredText, threshold } from './common';

const NO_RECIPIENT = 'A rule that is on needs a recipient: tick Notify, choose a user or add an e-mail';

export const userNotificationSchema = z
  .object({
    threshold: threshold(),
    notify: z.boolean().default(false),
    userIds: z.array(id('User')).max(200).default([]),
    emails: emailList().default([]),
  })
  .superRefine((rule, ctx) => {
    if (rule.threshold !== null && !rule.notify && rule.userIds.length === 0 && rule.emails.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['emails'], message: NO_RECIPIENT });
    }
  });

export const clientNotificationSchema = z
  .object({
    threshold: threshold(),
    notify: z.boolean().default(false),
    emails: emailList().default([]),
  })
  .superRefine((rule, ctx) => {
    if (rule.threshold !== null && !rule.notify && rule.emails.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['emails'], message: NO_RECIPIENT });
    }
  });

export const advancedRuleSchema = z
  .object({
    id: z.number().int().positive().optional(),
    threshold: threshold(),
    notify: z.boolean().default(false),
    inactivity: duration('Inactivity'),
    emails: emailList().default([]),
  })
  .superRefine((rule, ctx) => {
    if (rule.threshold !== null && !rule.notify && rule.emails.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['emails'], message: NO_RECIPIENT });
    }
  });

export const profileInputSchema = z.object({
  name: requiredText('Name', 120),
  resellerId: id('Reseller'),
  currencyId: id('Currency'),
  sortOrder: integer('Sort Order', -1_000_000_000, 1_000_000_000).default(0),
  maxQty: integer('Max Qty', 0, 1_000_000),
  period: duration('Period'),
  userNotification: userNotificationSchema,
  clientNotification: clientNotificationSchema,
  advancedRules: z.array(advancedRuleSchema).max(20, { error: 'At most 20 advanced rules' }).default([]),
});

export type ProfileInput = z.input<typeof profileInputSchema>;
export type ProfileData = z.output<typeof profileInputSchema>;

export const profileUpdateSchema = z.object({ id: id('Profile'), profile: profileInputSchema });
export const profileIdSchema = z.object({ id: id('Profile') });
export const profileListSchema = z
  .object({ search: z.string().trim().max(200).optional() })
  .optional()
  .default({});
