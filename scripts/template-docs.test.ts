import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_DOCS_FILE } from '../src-main/core/mail/templates/template-docs';
import { TEMPLATE_VARIABLES } from '../src-main/core/mail/templates/template-variables';
import { PROJECT_ROOT } from './project-root';
import { formattedTemplateDocs } from './template-docs-text';

describe('docs/templates.md', () => {
  it('is what the list of template variables generates (run `npm run template-docs` after changing it)', async () => {
    const checkedIn = fs.readFileSync(path.join(PROJECT_ROOT, TEMPLATE_DOCS_FILE), 'utf8');
    expect(checkedIn).toBe(await formattedTemplateDocs());
    for (const variable of TEMPLATE_VARIABLES) expect(checkedIn).toContain(`{{ ${variable.name} }}`);
  });
});
