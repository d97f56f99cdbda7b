import { zod4Resolver } from 'mantine-form-zod-resolver';
import type { $ZodType } from 'zod/v4/core';

/**
 * Validates a form with the shared zod schema the core also uses. A field
 * shows its first issue (for an empty e-mail, "is required" rather than "is
 * not a valid e-mail address").
 */
export function schemaResolver(schema: $ZodType) {
  return zod4Resolver(schema, { errorPriority: 'first' });
}
