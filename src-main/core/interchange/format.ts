import { z } from 'zod';
import {
  amount,
  duration,
  email,
  emailList,
  optionalEmail,
  rate,
  requiredText,
  runwayDays,
  threshold,
  quietHours,
} from '../../shared/schemas/common';
import { currencyInputSchema } from '../../shared/schemas/currency';
import { profileInputSchema, ruleLacksRecipient } from '../../shared/schemas/profile';
import { resellerInputSchema } from '../../shared/schemas/reseller';
import { userInputSchema } from '../../shared/schemas/user';

/**
 * The interchange document (SPEC §5), written once: the importer validates with
 * these schemas and `docs/lowbal.schema.json` is generated from them.
 *
 * On import an optional field that is absent keeps the stored value of an
 * existing entry (and takes its default for a new one), so a billing system can
 * send only the fields it owns; an explicit `null` clears. Export writes every field.
 */

export const INTERCHANGE_FORMAT = 'lowbal';
export const INTERCHANGE_VERSION = 1;

export const SECTION_NAMES = ['currencies', 'resellers', 'users', 'profiles', 'clients'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

const reference = (label: string, max: number, description: string) =>
  requiredText(label, max).meta({ description });

const currencyReference = currencyInputSchema.shape.code.meta({
  description: 'Code of a currency in this file or in the database',
});

const isoTime = (label: string) =>
  z
    .string({ error: `${label} must be a date and time such as 2026-11-20T08:00:00Z` })
    .refine((text) => ISO_TIME.test(text) && Number.isFinite(Date.parse(text)), {
      error: `${label} must be a date and time such as 2026-11-20T08:00:00Z`,
    })
    .transform((text) => Date.parse(text))
    .meta({ format: 'date-time', description: 'ISO 8601 date and time with Z or an offset' });
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const AMOUNT_HELP = 'Decimal string with up to 4 decimals, e.g. "12.5000" (a JSON number is accepted)';
const THRESHOLD_HELP = `${AMOUNT_HELP}; null = the rule is off`;

export const currencyEntrySchema = z.strictObject({
  code: currencyInputSchema.shape.code.meta({ description: 'ISO 4217 code; the natural key' }),
  name: currencyInputSchema.shape.name,
  rate: rate('Rate')
    .optional()
    .meta({ description: 'Units of this currency per 1 base unit, up to 8 decimals; null = no rate' }),
  base: z
    .boolean({ error: 'Base must be true or false' })
    .optional()
    .meta({ description: 'true for the base currency (its rate is 1)' }),
});

export const resellerEntrySchema = z.strictObject({
  name: resellerInputSchema.shape.name.meta({ description: 'Unique (case-insensitive); the natural key' }),
  email: resellerInputSchema.shape.email,
});

export const userEntrySchema = z.strictObject({
  name: userInputSchema.shape.name,
  email: userInputSchema.shape.email.meta({ description: 'Unique (case-insensitive); the natural key' }),
  reseller: reference('Reseller', 120, 'Name of a reseller in this file or in the database')
    .nullable()
    .optional(),
});

const NO_RECIPIENT =
  'This rule is on (it has a threshold or a runway) but has no recipient: set notify, users or emails';

/** The file's check: the message names the rule's JSON fields and sits on the rule. */
function requireRecipient(
  rule: {
    threshold: number | null;
    runwayDays?: number | null;
    notify: boolean;
    emails: string[];
    users?: string[];
  },
  ctx: z.RefinementCtx,
) {
  if (ruleLacksRecipient(rule, rule.users)) {
    ctx.addIssue({ code: 'custom', message: NO_RECIPIENT });
  }
}

const ruleFields = {
  threshold: threshold('Threshold').meta({ description: THRESHOLD_HELP }),
  notify: z.boolean({ error: 'Notify must be true or false' }).default(false),
  emails: emailList().default([]),
};

export const userRuleSchema = z
  .strictObject({
    ...ruleFields,
    users: z
      .array(email('User'), { error: 'Users must be a list of user e-mails' })
      .max(200, { error: 'Users can hold at most 200 users' })
      .default([])
      .meta({ description: 'E-mails of users in this file or in the database' }),
  })
  .superRefine(requireRecipient);

export const clientRuleSchema = z.strictObject(ruleFields).superRefine(requireRecipient);

export const advancedRuleSchema = z
  .strictObject({
    ...ruleFields,
    inactivity: duration('Inactivity')
      .nullable()
      .optional()
      .meta({ description: 'No charge for at least this long; null or absent = no inactivity condition' }),
    runwayDays: runwayDays().meta({
      description:
        'Runway: runs out within this many whole days (1–3650); null or absent = no runway condition',
    }),
  })
  .superRefine(requireRecipient);

export const profileEntrySchema = z.strictObject({
  name: profileInputSchema.shape.name.meta({
    description: 'Unique per reseller (case-insensitive); with the reseller, the natural key',
  }),
  reseller: reference('Reseller', 120, 'Name of a reseller in this file or in the database'),
  currency: currencyReference,
  sortOrder: profileInputSchema.shape.sortOrder.unwrap().optional(),
  maxQty: profileInputSchema.shape.maxQty,
  period: duration('Period').optional(),
  mostUrgentOnly: z
    .boolean({ error: 'mostUrgentOnly must be true or false' })
    .optional()
    .meta({ description: 'Only the most urgent rule (SPEC §7); absent = keep (new profiles: false)' }),
  recoveryNotice: z
    .boolean({ error: 'recoveryNotice must be true or false' })
    .optional()
    .meta({ description: 'Recovery notice (SPEC §7); absent = keep (new profiles: false)' }),
  quietHours: quietHours().optional().meta({
    description:
      'Quiet hours (SPEC §7): {"from": "08:00", "until": "20:00", "timeZone": "Europe/London"} (24-hour "HH:MM", an IANA zone; until before from runs across midnight) or null = any time; absent = keep',
  }),
  userNotification: userRuleSchema.optional(),
  clientNotification: clientRuleSchema.optional(),
  advancedRules: z
    .array(advancedRuleSchema, { error: 'Advanced rules must be a list' })
    .max(20, { error: 'At most 20 advanced rules' })
    .optional(),
});

export const clientEntrySchema = z.strictObject({
  name: requiredText('Name', 200).meta({ description: 'With the reseller, the natural key' }),
  reseller: reference('Reseller', 120, 'Name of a reseller in this file or in the database'),
  currency: currencyReference,
  billingEmail: optionalEmail('Billing Email').optional(),
  balance: amount('Balance').meta({ description: AMOUNT_HELP }),
  credit: amount('Credit')
    .refine((units) => units >= 0, { error: 'Credit must be 0 or more' })
    .optional()
    .meta({ description: `${AMOUNT_HELP}; 0 or more` }),
  profile: reference('Profile', 120, "Name of one of the client's reseller's profiles").nullable().optional(),
  lastChargeAt: isoTime('Last charge at').nullable().optional(),
  active: z.boolean({ error: 'Active must be true or false' }).optional(),
});

export const sectionEntrySchemas = {
  currencies: currencyEntrySchema,
  resellers: resellerEntrySchema,
  users: userEntrySchema,
  profiles: profileEntrySchema,
  clients: clientEntrySchema,
} as const satisfies Record<SectionName, z.ZodType>;

export type CurrencyEntry = z.output<typeof currencyEntrySchema>;
export type ResellerEntry = z.output<typeof resellerEntrySchema>;
export type UserEntry = z.output<typeof userEntrySchema>;
export type ProfileEntry = z.output<typeof profileEntrySchema>;
export type ClientEntry = z.output<typeof clientEntrySchema>;

const envelopeFields = {
  format: z.literal(INTERCHANGE_FORMAT).meta({ description: 'Always "lowbal"' }),
  version: z.literal(INTERCHANGE_VERSION).meta({ description: 'Version of this format' }),
  exportedAt: isoTime('Exported at').optional(),
};

const section = <S extends z.ZodType>(entry: S, label: string) =>
  z.array(entry, { error: `${label} must be a list` }).optional();

/** The whole document: what the JSON Schema describes. */
export const interchangeDocumentSchema = z
  .strictObject({
    ...envelopeFields,
    currencies: section(currencyEntrySchema, 'Currencies'),
    resellers: section(resellerEntrySchema, 'Resellers'),
    users: section(userEntrySchema, 'Users'),
    profiles: section(profileEntrySchema, 'Profiles'),
    clients: section(clientEntrySchema, 'Clients'),
  })
  .meta({
    title: 'Lowbal interchange file',
    description:
      'Currencies, resellers, users, low balance profiles and clients, referenced by natural keys. Every section is optional.',
  });

/** The document with each section's entries left unchecked, so they can be validated one by one. */
export const envelopeSchema = z.strictObject({
  ...envelopeFields,
  ...Object.fromEntries(SECTION_NAMES.map((name) => [name, section(z.unknown(), sectionLabel(name))])),
}) as z.ZodType<{ [K in SectionName]?: unknown[] } & { exportedAt?: number }>;

export function sectionLabel(name: SectionName): string {
  return name[0].toUpperCase() + name.slice(1);
}

/** Where the generated JSON Schema is checked in, relative to the project root. */
export const JSON_SCHEMA_FILE = 'docs/lowbal.schema.json';

/** The JSON Schema of the document, as the text checked in under `docs/` (`npm run schema` writes it). */
export function interchangeJsonSchemaText(): string {
  const schema = z.toJSONSchema(interchangeDocumentSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
