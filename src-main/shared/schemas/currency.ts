import { z } from 'zod';
import { id, rate, requiredText } from './common';

export const currencyInputSchema = z.object({
  code: z
    .string({ error: 'Code is required' })
    .trim()
    .regex(/^[A-Z]{3}$/, { error: 'Code must be 3 upper-case letters (ISO 4217), e.g. USD' }),
  name: requiredText('Name', 80),
  rate: rate('Rate'),
  isBase: z.boolean().default(false),
});
export type CurrencyInput = z.input<typeof currencyInputSchema>;
export const currencyUpdateSchema = z.object({ id: id('Currency'), currency: currencyInputSchema });
export const currencyIdSchema = z.object({ id: id('Currency') });
