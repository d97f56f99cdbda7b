import type { Locator, Page } from '@playwright/test';

/** The field labelled exactly `label` (a required field's label also holds its asterisk). */
export function field(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
}
