import { z } from 'zod';
import { amount, id, optionalEmail, requiredText } from './common';

const nonNegativeAmount = (label: string) =>
  amount(label).refine((units) => units >= 0, { error: `${label} must be 0 or more` });

const positiveAmount = (label: string) =>
  amount(label).refine((units) => units > 0, { error: `${label} must be greater than 0` });

const note = z
  .string()
  .trim()
  .max(500, { error: 'Note must be at most 500 characters' })
  .nullable()
  .optional()
  .transform((text) => text || null);

/** Epoch milliseconds, or empty. Whether it lies in the future is checked by the core against its clock. */
const optionalTimestamp = (label: string) =>
  z
    .number({ error: `${label} must be a date and time` })
    .int({ error: `${label} must be a date and time` })
    .nonnegative({ error: `${label} must be a date and time` })
    .nullable()
    .default(null);

export const clientInputSchema = z.object({
  name: requiredText('Name', 200),
  resellerId: id('Reseller'),
  currencyId: id('Currency'),
  billingEmail: optionalEmail('Billing Email'),
  balance: amount('Balance'),
  credit: nonNegativeAmount('Credit').default(0),
  /** Must belong to the client's reseller (checked by the core). */
  profileId: id('Profile').nullable().default(null),
  lastChargeAt: optionalTimestamp('Last charge'),
  active: z.boolean().default(true),
});
export type ClientInput = z.input<typeof clientInputSchema>;
export type ClientData = z.output<typeof clientInputSchema>;

/**
 * An update may leave Balance out to keep the balance as it is (so a form
 * opened before a payment does not undo it). A changed balance is recorded as
 * an adjustment.
 */
export const clientUpdateSchema = z.object({
  id: id('Client'),
  client: clientInputSchema.extend({ balance: amount('Balance').optional() }),
});
export type ClientUpdateData = z.output<typeof clientUpdateSchema>['client'];

export const CLIENT_SORT_COLUMNS = [
  'name',
  'reseller',
  'currency',
  'balance',
  'credit',
  'available',
  'profile',
  'lastChargeAt',
  'status',
] as const;
export type ClientSortColumn = (typeof CLIENT_SORT_COLUMNS)[number];

export const CLIENT_PAGE_LIMIT = 500;
/** Most clients one bulk action (assign or remove a profile) takes. */
export const MAX_BULK_CLIENTS = 10_000;

const clientFilterFields = {
  /** Part of the name or of the billing e-mail. */
  search: z.string().trim().max(200).optional(),
  resellerId: id('Reseller').optional(),
  /** A profile's id, or 'none' for clients without a profile. */
  profileId: z.union([id('Profile'), z.literal('none')]).optional(),
  /** Only clients whose available balance is below an on-rule threshold of their profile. */
  lowNow: z.boolean().default(false),
  active: z.boolean().optional(),
};

export const clientFilterSchema = z.object(clientFilterFields).default({ lowNow: false });
export type ClientFilter = z.output<typeof clientFilterSchema>;

export const clientListSchema = z
  .object({
    ...clientFilterFields,
    sort: z.enum(CLIENT_SORT_COLUMNS).default('name'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(CLIENT_PAGE_LIMIT).default(100),
  })
  .default({ lowNow: false, sort: 'name', direction: 'asc', offset: 0, limit: 100 });
export type ClientListQuery = z.output<typeof clientListSchema>;

export const clientIdSchema = z.object({ id: id('Client') });

export const clientGetSchema = z.object({
  id: id('Client'),
  events: z
    .object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    })
    .default({ offset: 0, limit: 50 }),
});

const clientIds = z
  .array(id('Client'), { error: 'Choose at least one client' })
  .min(1, { error: 'Choose at least one client' })
  .max(MAX_BULK_CLIENTS, { error: `At most ${MAX_BULK_CLIENTS.toLocaleString('en-US')} clients at once` })
  .transform((ids) => [...new Set(ids)]);

export const assignProfileSchema = z.object({ clientIds, profileId: id('Profile') });
export const removeProfileSchema = z.object({ clientIds });

export const paymentSchema = z.object({
  clientId: id('Client'),
  amount: positiveAmount('Amount'),
  note,
});
export type PaymentInput = z.input<typeof paymentSchema>;

/** A charge takes `amount` off the balance. */
export const chargeSchema = paymentSchema;

/** An adjustment sets the balance to a new value; the event records the difference. */
export const adjustmentSchema = z.object({
  clientId: id('Client'),
  newBalance: amount('New balance'),
  note,
});
export type AdjustmentInput = z.input<typeof adjustmentSchema>;
