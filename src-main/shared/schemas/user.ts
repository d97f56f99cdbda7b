import { z } from 'zod';
import { email, id, requiredText } from './common';

export const userInputSchema = z.object({
  name: requiredText('Name', 120),
  email: email('Email'),
  resellerId: id('Reseller').nullable().default(null),
});
export type UserInput = z.input<typeof userInputSchema>;
export const userUpdateSchema = z.object({ id: id('User'), user: userInputSchema });
export const userIdSchema = z.object({ id: id('User') });
