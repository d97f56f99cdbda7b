import type { Knex } from 'knex';
import { TEMPLATE_KINDS, type TemplateKind } from '../../../shared/template-kinds';
import type { Logger } from '../../logger';
import { DEFAULT_TEMPLATES } from './default-templates';
import { compileTemplate, type CompiledTemplate } from './template-engine';
import { loadTemplate } from './template-repo';

export type CompiledTemplates = Record<TemplateKind, CompiledTemplate>;

/**
 * The templates a check renders with, parsed once per check. A saved template
 * that no longer parses (saving validates, so only a hand-edited database)
 * falls back to the default rather than stopping every check.
 */
export async function loadCompiledTemplates(db: Knex, log: Logger): Promise<CompiledTemplates> {
  const compiled = {} as CompiledTemplates;
  for (const kind of TEMPLATE_KINDS) {
    const template = await loadTemplate(db, kind);
    try {
      compiled[kind] = compileTemplate(template);
    } catch (error) {
      log.warn('saved template does not parse; using the default', { kind, error });
      compiled[kind] = compileTemplate(DEFAULT_TEMPLATES[kind]);
    }
  }
  return compiled;
}
