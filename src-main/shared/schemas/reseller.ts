import { z } from 'zod';
import { email, id, requiredText } from './common';

export const resellerInputSchema = z.object({
  name: requiredText('Name', 120),
  email: email('Email'),
});
export type ResellerInput = z.input<typeof resellerInputSchema>;
export const resellerUpdateSchema = z.object({ id: id('Reseller'), reseller: resellerInputSchema });
export const resellerIdSchema = z.object({ id: id('Reseller') });
