import type { Knex } from 'knex';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { previewRuleKind, TEMPLATE_KINDS } from '../../../shared/template-kinds';
import {
  templateCheckSchema,
  templateKindSchema,
  templatePreviewSchema,
  templateSaveSchema,
  type TemplateBody,
  type TemplateCheckView,
  type TemplatePreviewView,
  type TemplateView,
} from '../../../shared/schemas/mail';
import { defineHandler } from '../../api/define-handler';
import { checkTemplate } from './template-check';
import { compileTemplate, renderMail, TemplateError, type RenderedMail } from './template-engine';
import { previewFactsFor } from './template-preview';
import { loadClientForPreview } from './template-preview-repo';
import { deleteTemplate, loadTemplate, saveTemplate } from './template-repo';
import { sampleFacts, templateValues, type NotificationFacts } from './template-values';
import { TEMPLATE_VARIABLES } from './template-variables';

/** Renders `body`; template mistakes become field issues of the editor (`template.subject`, …). */
function renderOrExplain(body: TemplateBody, facts: NotificationFacts): RenderedMail {
  try {
    const rendered = renderMail(compileTemplate(body), templateValues(facts));
    if (rendered.subject === '') throw AppError.field('template.subject', 'Subject renders as an empty line');
    return rendered;
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    throw AppError.validation(error.issues.map((issue) => ({ ...issue, path: `template.${issue.path}` })));
  }
}

async function allTemplates(db: Knex): Promise<TemplateView[]> {
  const templates: TemplateView[] = [];
  for (const kind of TEMPLATE_KINDS) templates.push(await loadTemplate(db, kind));
  return templates;
}

export const templateHandlers = {
  /** The three templates (the shipped default where none is saved) and the variables they may use. */
  'templates.list': defineHandler(z.object({}).optional(), { reads: true }, async (_input, ctx) => ({
    templates: await allTemplates(ctx.db),
    variables: TEMPLATE_VARIABLES,
  })),

  'templates.get': defineHandler(templateKindSchema, { reads: true }, ({ kind }, ctx) =>
    loadTemplate(ctx.db, kind),
  ),

  /** What saving would refuse in the editor's text, with the line and what to mark: the editor's marks. */
  'templates.check': defineHandler(
    templateCheckSchema,
    { reads: true },
    async ({ kind, template }): Promise<TemplateCheckView> => ({
      problems: checkTemplate(template, templateValues(sampleFacts(previewRuleKind(kind)))),
    }),
  ),

  /** Saves a template that passes the check; otherwise refuses it, each problem at its part. */
  'templates.save': defineHandler(templateSaveSchema, { writes: true }, async ({ kind, template }, ctx) => {
    const problems = checkTemplate(template, templateValues(sampleFacts(previewRuleKind(kind))));
    if (problems.length) {
      throw AppError.validation(
        problems.map((problem) => ({ path: `template.${problem.field}`, message: problem.message })),
      );
    }
    await saveTemplate(ctx.db, kind, template, ctx.now());
    return loadTemplate(ctx.db, kind);
  }),

  /** Back to the shipped default. */
  'templates.reset': defineHandler(templateKindSchema, { writes: true }, async ({ kind }, ctx) => {
    await deleteTemplate(ctx.db, kind);
    return loadTemplate(ctx.db, kind);
  }),

  /** Renders the editor's (unsaved) template for a chosen client, or for sample values. */
  'templates.preview': defineHandler(
    templatePreviewSchema,
    { reads: true },
    async ({ kind, template, clientId }, ctx): Promise<TemplatePreviewView> => {
      if (clientId === null || clientId === undefined) {
        return { ...renderOrExplain(template, sampleFacts(previewRuleKind(kind))), source: 'Sample values' };
      }
      const ruleKind = previewRuleKind(kind);
      const client = await loadClientForPreview(ctx.db, clientId, ruleKind, ctx.now());
      if (!client) throw AppError.notFound('Client');
      const { facts, notes } = previewFactsFor(client, ruleKind);
      const source = `${facts.clientName}, profile ${facts.profileName}${notes.length ? ` (${notes.join('; ')})` : ''}`;
      return { ...renderOrExplain(template, facts), source };
    },
  ),
};
