import { Liquid } from 'liquidjs';
import { describe, expect, it } from 'vitest';
import { RULE_KINDS } from '../../../shared/schemas/mail';
import { DEFAULT_TEMPLATES } from './default-templates';
import { compileTemplate, renderMail, type CompiledTemplate } from './template-engine';
import { sampleFacts, templateValues, type TemplateValues } from './template-values';

/** What Liquid alone renders: the same compiled template without its plans. */
function liquidOnly(template: CompiledTemplate): CompiledTemplate {
  return { ...template, plans: { subject: null, textBody: null, htmlBody: null } };
}

const TRICKY_NAMES = [
  'Client One',
  `O'Brien & Sons <b>"Ltd"</b>`,
  '{{ client }} {% if %}',
  'Ünïcødé — ☎',
  '',
];

function valuesFor(
  kind: (typeof RULE_KINDS)[number],
  name: string,
  count: number,
  maxQty: number,
): TemplateValues {
  return templateValues({
    ...sampleFacts(kind),
    clientName: name,
    resellerName: `${name} reseller`,
    count,
    maxQty,
  });
}

describe('render plans', () => {
  it('exist for the default templates', () => {
    for (const kind of RULE_KINDS) {
      const { plans } = compileTemplate(DEFAULT_TEMPLATES[kind]);
      expect(plans.subject).not.toBeNull();
      expect(plans.textBody).not.toBeNull();
      expect(plans.htmlBody).not.toBeNull();
    }
  });

  it('render the default templates exactly as Liquid does, escapes and notices included', () => {
    for (const kind of RULE_KINDS) {
      const template = compileTemplate(DEFAULT_TEMPLATES[kind]);
      for (const name of TRICKY_NAMES) {
        for (const [count, maxQty] of [
          [1, 3],
          [2, 0],
          [3, 3],
        ]) {
          const values = valuesFor(kind, name, count, maxQty);
          expect(renderMail(template, values)).toEqual(renderMail(liquidOnly(template), values));
        }
      }
    }
  });

  it('leave templates with other tags or filters to Liquid, with the same result', () => {
    const body = {
      subject: '{{ client | upcase }}',
      textBody: '{% assign who = client %}{{ who }}',
      htmlBody: '{% for i in (1..2) %}{{ client }}{% endfor %}{{ client | raw }}',
    };
    const template = compileTemplate(body);
    expect(template.plans).toEqual({ subject: null, textBody: null, htmlBody: null });
    const values = valuesFor('user', `A & B`, 1, 3);
    const rendered = renderMail(template, values);
    expect(rendered).toEqual(renderMail(liquidOnly(template), values));
    expect(rendered.htmlBody).toBe('A &amp; BA &amp; BA &amp; B');
  });

  it('report the same error as Liquid for a variable the values lack', () => {
    const template = compileTemplate({
      subject: 'Hi {{ client }}',
      textBody: '{% if count > 1 %}{{ nobody }}{% endif %}',
      htmlBody: '<p>{{ size }}</p>',
    });
    expect(template.plans.subject).not.toBeNull();
    expect(template.plans.textBody).not.toBeNull();
    const values = valuesFor('client', 'C', 2, 3);
    const messageOf = (render: () => unknown) => {
      try {
        render();
      } catch (error) {
        return (error as Error).message;
      }
      return 'rendered';
    };
    const viaPlan = messageOf(() => renderMail(template, values));
    expect(viaPlan).toMatch(/Text body: undefined variable: nobody/);
    expect(viaPlan).toBe(messageOf(() => renderMail(liquidOnly(template), values)));
  });

  it('print numbers and escape HTML with the engine’s own rules', () => {
    const engine = new Liquid({ outputEscape: 'escape' });
    const values = valuesFor('user', `<"it's">&`, 7, 0);
    const template = compileTemplate({
      subject: '{{ count }}',
      textBody: '{{ max_qty }}',
      htmlBody: '{{ client }}',
    });
    expect(renderMail(template, values)).toEqual({
      subject: '7',
      textBody: '0',
      htmlBody: engine.parseAndRenderSync('{{ client }}', values),
    });
  });
});
