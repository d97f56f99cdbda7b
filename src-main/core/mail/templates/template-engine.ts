import { Liquid, type LiquidOptions, type Template } from 'liquidjs';
import type { FieldIssue } from '../../../shared/errors';
import { TEMPLATE_PART_LABELS, type TemplateBody } from '../../../shared/schemas/mail';
import { singleLine } from '../../../shared/header-text';
import { canUsePlan, longestValue, planTemplate, renderPlan, type RenderPlan } from './render-plan';
import type { TemplateValues } from './template-values';

/**
 * Liquid, locked down: unknown variables and filters are errors (so a typo is
 * caught when the template is saved), only own properties are readable, there
 * is no file system (no include, render or layout), and parsing and rendering
 * are bounded in size and time.
 */
const SAFE_OPTIONS: LiquidOptions = {
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  templates: {},
  parseLimit: 500_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
};

const textEngine = new Liquid(SAFE_OPTIONS);

/** Every value printed into HTML is escaped; `raw` is replaced so it cannot turn that off. */
const htmlEngine = new Liquid({ ...SAFE_OPTIONS, outputEscape: 'escape' });
htmlEngine.registerFilter('raw', (value: unknown) => value);

export interface CompiledTemplate {
  subject: Template[];
  textBody: Template[];
  htmlBody: Template[];
  /** The faster, identical way to render each part, where the part allows it (`render-plan.ts`). */
  plans: Record<keyof TemplateBody, RenderPlan | null>;
}

export interface RenderedMail {
  /** One line, without control characters. */
  subject: string;
  textBody: string;
  htmlBody: string;
}

/** The engine each part of a template is parsed and rendered with. */
export const PART_ENGINES: Record<keyof TemplateBody, Liquid> = {
  subject: textEngine,
  textBody: textEngine,
  htmlBody: htmlEngine,
};

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

export class TemplateError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => issue.message).join('; '));
    this.name = 'TemplateError';
  }
}

/** Parses the three parts once; a check renders them for every match. */
export function compileTemplate(body: TemplateBody): CompiledTemplate {
  const issues: FieldIssue[] = [];
  const parse = (field: keyof TemplateBody): Template[] => {
    const engine = PART_ENGINES[field];
    try {
      return engine.parse(body[field]);
    } catch (error) {
      issues.push({ path: field, message: `${TEMPLATE_PART_LABELS[field]}: ${errorText(error)}` });
      return [];
    }
  };
  const subject = parse('subject');
  const textBody = parse('textBody');
  const htmlBody = parse('htmlBody');
  if (issues.length) throw new TemplateError(issues);
  return {
    subject,
    textBody,
    htmlBody,
    plans: {
      subject: planTemplate(PART_ENGINES.subject, subject),
      textBody: planTemplate(PART_ENGINES.textBody, textBody),
      htmlBody: planTemplate(PART_ENGINES.htmlBody, htmlBody),
    },
  };
}

export function renderMail(template: CompiledTemplate, values: TemplateValues): RenderedMail {
  const issues: FieldIssue[] = [];
  const scope = values as unknown as Record<string, unknown>;
  const longest = longestValue(values);
  const render = (field: keyof TemplateBody): string => {
    const engine = PART_ENGINES[field];
    const plan = template.plans[field];
    try {
      if (plan && canUsePlan(engine, plan, scope, longest)) return renderPlan(engine, plan, scope);
      return String(engine.renderSync(template[field], values));
    } catch (error) {
      issues.push({ path: field, message: `${TEMPLATE_PART_LABELS[field]}: ${errorText(error)}` });
      return '';
    }
  };
  const subject = singleLine(render('subject'));
  const textBody = render('textBody');
  const htmlBody = render('htmlBody');
  if (issues.length) throw new TemplateError(issues);
  return { subject, textBody, htmlBody };
}
