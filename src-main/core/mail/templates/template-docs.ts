import { TEMPLATE_PART_LABELS, TEMPLATE_PART_NAMES } from '../../../shared/schemas/mail';
import { TEMPLATE_VARIABLES } from './template-variables';

/** Where the generated page is checked in, relative to the project root (`npm run template-docs` writes it). */
export const TEMPLATE_DOCS_FILE = 'docs/templates.md';

/** docs/templates.md, before Prettier lays out its table: how templates work and every variable they can use. */
export function templateDocsMarkdown(): string {
  const rows = TEMPLATE_VARIABLES.map(
    (variable) =>
      `| \`{{ ${variable.name} }}\` | ${'numeric' in variable ? 'number' : 'text'} | ${variable.description} |`,
  );
  return `# Templates

<!-- Generated from src-main/core/mail/templates/template-variables.ts by \`npm run template-docs\`; edit the list there. -->

Each rule kind (User Notification, Client Notification, Advanced rule) has an e-mail template in **Settings →
Templates**, in three parts: ${TEMPLATE_PART_NAMES.map((part) => TEMPLATE_PART_LABELS[part]).join(', ')}. They are
[Liquid](https://liquidjs.com/) templates: \`{{ client }}\` prints a variable, \`{% if count > 1 %}…{% endif %}\`
decides, and Liquid's standard filters work (\`{{ client | upcase }}\`, \`{{ threshold | append: "!" }}\`).

- Every value printed into the HTML body is escaped (\`raw\` does not turn that off); the subject is forced onto one line.
- Templates cannot read files (\`include\`, \`render\` and \`layout\` have nothing to load).
- Every variable is plain text or a number: \`{{ client.size }}\` works (its length), \`{{ client.name }}\` does not.

## The check

Saving a template is refused when a part does not parse (an unclosed tag or output, an unknown filter), uses a
variable that is not in the list below (\`{{ clinet }}\`, in any branch), or cannot be rendered with sample values;
the message names the part, the line and the variable, e.g. \`Text body, line 3: unknown variable "balanse"\`.
The editor runs the same check as you type and marks each mistake where it is; \`Ctrl+Space\` completes variable
names.

## Variables

| Variable | Type | What it holds |
| --- | --- | --- |
${rows.join('\n')}
`;
}
