import { z } from 'zod';
import { defineHandler } from '../api/define-handler';
import { SECTION_NAMES } from './format';
import { exportDocument } from './export';
import { applyImport, previewImport } from './import';

/** A file's text as read by the UI or the CLI. */
const importInput = z.object({
  text: z
    .string({ error: 'The file content is required' })
    .max(512 * 1024 * 1024, { error: 'The file is larger than 512 MB' }),
  replace: z.boolean().default(false),
});

const exportInput = z
  .object({
    sections: z
      .array(z.enum(SECTION_NAMES, { error: `Sections are ${SECTION_NAMES.join(', ')}` }))
      .min(1, { error: 'Choose at least one section' })
      .optional(),
  })
  .optional()
  .default({});

export const interchangeHandlers = {
  /** What importing the file would create, update, leave alone and (Replace) remove, and every problem. */
  'interchange.preview': defineHandler(importInput, { reads: true }, ({ text, replace }, ctx) =>
    previewImport(ctx, text, { replace }),
  ),
  /** Imports the whole file in one transaction, or nothing when it has any problem. */
  'interchange.apply': defineHandler(importInput, { writes: true }, ({ text, replace }, ctx) =>
    applyImport(ctx, text, { replace }),
  ),
  'interchange.export': defineHandler(exportInput, { reads: true }, ({ sections }, ctx) =>
    exportDocument(ctx, sections),
  ),
};
