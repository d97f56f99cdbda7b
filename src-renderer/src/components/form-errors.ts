import type { FormErrors } from '@mantine/form';
import type { FieldIssue } from '@shared/errors';

/** Server issues as form errors, keyed by their dotted field path (a field shows its first issue). */
export function issuesToFormErrors(issues: FieldIssue[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) errors[issue.path] ??= issue.message;
  return errors;
}

/**
 * The error of a list field and of its items (`emails` and `emails.2`), so a
 * field holding a list shows what is wrong with any of its entries.
 */
export function errorUnder(errors: FormErrors, path: string): string | undefined {
  const messages = Object.entries(errors)
    .filter(([key, message]) => message && (key === path || key.startsWith(`${path}.`)))
    .map(([, message]) => String(message));
  return messages.length ? [...new Set(messages)].join('; ') : undefined;
}
