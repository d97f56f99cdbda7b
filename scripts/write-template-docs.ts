import fs from 'node:fs';
import path from 'node:path';
import { TEMPLATE_DOCS_FILE } from '../src-main/core/mail/templates/template-docs';
import { formattedTemplateDocs } from './template-docs-text';
import { PROJECT_ROOT } from './project-root';

// `npm run template-docs`: regenerates docs/templates.md from the list of template variables.
const file = path.join(PROJECT_ROOT, TEMPLATE_DOCS_FILE);
formattedTemplateDocs().then((text) => {
  fs.writeFileSync(file, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
});
