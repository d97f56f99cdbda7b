import { describe, expect, it } from 'vitest';
import { RULE_KINDS, type TemplateBody } from '../../../shared/schemas/mail';
import { DEFAULT_TEMPLATES } from './default-templates';
import { checkTemplate } from './template-check';
import { sampleFacts, templateValues } from './template-values';
import { TEMPLATE_VARIABLES } from './template-variables';

const VALUES = templateValues(sampleFacts('advanced'));

const body = (overrides: Partial<TemplateBody> = {}): TemplateBody => ({
  subject: 'Low: {{ client }}',
  textBody: 'Text {{ available_balance }}',
  htmlBody: '<p>{{ client }}</p>',
  ...overrides,
});

const check = (overrides: Partial<TemplateBody>) => checkTemplate(body(overrides), VALUES);

/** The text a problem marks. */
const marked = (text: string, problem: { from: number; to: number }) => text.slice(problem.from, problem.to);

describe('checkTemplate', () => {
  it('passes the shipped templates, and one that uses every variable', () => {
    for (const kind of RULE_KINDS) {
      expect(checkTemplate(DEFAULT_TEMPLATES[kind], templateValues(sampleFacts(kind)))).toEqual([]);
    }
    const everything = TEMPLATE_VARIABLES.map((variable) => `{{ ${variable.name} }}`).join(' ');
    expect(check({ textBody: everything, htmlBody: everything })).toEqual([]);
  });

  it('names the part, the line and the unknown variable, and marks it', () => {
    const textBody = 'Dear {{ client }},\n\nYour balance is {{ balanse }} ({{ currency }}).\n';
    const [problem, ...others] = check({ textBody });
    expect(others).toEqual([]);
    expect(problem).toEqual({
      field: 'textBody',
      line: 3,
      column: 20,
      from: textBody.indexOf('balanse'),
      to: textBody.indexOf('balanse') + 7,
      variable: 'balanse',
      message: 'Text body, line 3: unknown variable "balanse"',
    });
    expect(marked(textBody, problem)).toBe('balanse');
  });

  it('finds unknown variables in branches the sample values do not take, every use, in every part', () => {
    const htmlBody = '{% if count > 99 %}\n  <p>{{ clinet }}</p>\n{% endif %}<p>{{ clinet | upcase }}</p>';
    const problems = check({ subject: 'Ünïcødé {{ nope }}', htmlBody });
    expect(problems.map((p) => [p.field, p.line, p.column, p.variable])).toEqual([
      ['subject', 1, 12, 'nope'],
      ['htmlBody', 2, 9, 'clinet'],
      ['htmlBody', 3, 18, 'clinet'],
    ]);
    expect(marked('Ünïcødé {{ nope }}', problems[0])).toBe('nope');
    expect(problems.slice(1).map((p) => marked(htmlBody, p))).toEqual(['clinet', 'clinet']);
  });

  it("accepts the template's own names: assign, capture, for and its forloop", () => {
    const textBody = [
      '{% assign low = available_balance %}{% capture line %}{{ client }}: {{ low }}{% endcapture %}{{ line }}',
      '{% for word in "a,b" | split: "," %}{{ forloop.index }} {{ word }}{% endfor %}',
      '{{ client.size }} {{ client | size }} {{ client[0] }} {{ reseller[count] }}',
    ].join('\n');
    expect(check({ textBody })).toEqual([]);
  });

  it('refuses properties the values lack (text has only its size), which would fail when sent', () => {
    const subject = 'Hi {{ client.name }} {{ client.first }} {{ count.size }}';
    const problems = check({ subject });
    expect(problems.map((p) => p.message)).toEqual([
      'Subject, line 1: "client" is plain text, it has no "name"',
      'Subject, line 1: "client" is plain text, it has no "first"',
      'Subject, line 1: "count" is a number, it has no "size"',
    ]);
    expect(problems.map((p) => marked(subject, p))).toEqual(['client.name', 'client.first', 'count.size']);
    expect(check({ subject: '{{ max_qty[0] }} {{ count[client] }}' }).map((p) => p.message)).toEqual([
      'Subject, line 1: "max_qty" is a number, it has no "0"',
      'Subject, line 1: "count" is a number, it has no "client"',
    ]);
  });

  it('keeps a mark within its line, and reads positions past line 9 and column 9', () => {
    const textBody = `${'\n'.repeat(11)}Dear friend, {{ client\n | upcase | shout }}`;
    const [problem] = check({ textBody });
    expect(problem).toStrictEqual({
      field: 'textBody',
      line: 12,
      column: 14,
      from: 24,
      to: textBody.indexOf('\n', 24),
      message: 'Text body, line 12: undefined filter: shout',
    });
    expect(marked(textBody, problem)).toBe('{{ client');
  });

  it.each([
    [
      'an unclosed tag',
      { htmlBody: '<p>\n{% if client %}<b>{{ client }}</b>' },
      'htmlBody',
      'HTML body, line 2: tag {% if client %} not closed',
      '{% if client %}',
    ],
    [
      'an unclosed output',
      { textBody: 'Hello\n  {{ "x }}' },
      'textBody',
      'Text body, line 2: output "{{',
      '{{ "x }}',
    ],
    [
      'an unknown filter',
      { textBody: 'x {{ client | shout }}' },
      'textBody',
      'Text body, line 1: undefined filter: shout',
      '{{ client | shout }}',
    ],
    [
      'an include (there is no file system)',
      { htmlBody: "<p>{% include 'secrets' %}</p>" },
      'htmlBody',
      'HTML body, line 1:',
      "{% include 'secrets' %}",
    ],
  ])('reports %s with its line, and marks it', (_what, overrides, field, message, mark) => {
    const problems = check(overrides);
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe(field);
    expect(problems[0].message.startsWith(message)).toBe(true);
    expect(marked(body(overrides)[field as keyof TemplateBody], problems[0])).toBe(mark);
  });

  it('reports an empty part, and a subject that renders as an empty line (a body may)', () => {
    expect(check({ textBody: '  \n ' })).toStrictEqual([
      { field: 'textBody', line: 1, column: 1, from: 0, to: 0, message: 'Text body is required' },
    ]);
    const empty = '{{ inactivity | remove: inactivity }}';
    expect(check({ subject: empty }).map((p) => p.message)).toEqual([
      'Subject, line 1: renders as an empty line',
    ]);
    expect(check({ textBody: empty, htmlBody: empty })).toEqual([]);
  });

  it('reports every broken part at once', () => {
    const problems = check({ subject: '{{ a }}', textBody: '{% if %}', htmlBody: '{{ b }}' });
    expect(problems.map((p) => p.field)).toEqual(['subject', 'textBody', 'htmlBody']);
  });
});
