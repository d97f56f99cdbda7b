import path from 'node:path';
import * as prettier from 'prettier';
import { TEMPLATE_DOCS_FILE, templateDocsMarkdown } from '../src-main/core/mail/templates/template-docs';
import { PROJECT_ROOT } from './project-root';

/** docs/templates.md as it is checked in: generated, then laid out as `npm run lint` expects. */
export async function formattedTemplateDocs(): Promise<string> {
  const file = path.join(PROJECT_ROOT, TEMPLATE_DOCS_FILE);
  const options = await prettier.resolveConfig(file);
  return prettier.format(templateDocsMarkdown(), { ...options, filepath: file });
}
