import type { Knex } from 'knex';
import type { TemplateBody, TemplateView } from '../../../shared/schemas/mail';
import type { TemplateKind } from '../../../shared/template-kinds';
import { DEFAULT_TEMPLATES } from './default-templates';

interface TemplateRow {
  kind: TemplateKind;
  subject: string;
  text_body: string;
  html_body: string;
  updated_at: number;
}

/** The operator's template of a kind, or the shipped default while there is none. */
export async function loadTemplate(db: Knex, kind: TemplateKind): Promise<TemplateView> {
  const row = (await db('templates').where({ kind }).first()) as TemplateRow | undefined;
  if (!row) return { kind, ...DEFAULT_TEMPLATES[kind], customized: false, updatedAt: null };
  return {
    kind,
    subject: row.subject,
    textBody: row.text_body,
    htmlBody: row.html_body,
    customized: true,
    updatedAt: Number(row.updated_at),
  };
}

export async function saveTemplate(
  db: Knex,
  kind: TemplateKind,
  body: TemplateBody,
  now: number,
): Promise<void> {
  await db('templates')
    .insert({
      kind,
      subject: body.subject,
      text_body: body.textBody,
      html_body: body.htmlBody,
      updated_at: now,
    })
    .onConflict('kind')
    .merge();
}

/** Back to the shipped default. */
export async function deleteTemplate(db: Knex, kind: TemplateKind): Promise<void> {
  await db('templates').where({ kind }).delete();
}
