import { z } from 'zod';

/** Input of the small catalog lists (currencies, resellers, users): an optional search. */
export const catalogListInput = z
  .object({ search: z.string().trim().max(200).optional() })
  .optional()
  .default({});

/** A LIKE pattern matching `text` anywhere, with the wildcards in it escaped (use ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}
