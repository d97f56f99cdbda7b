import type { z } from 'zod';
import {
  INTERCHANGE_FORMAT,
  INTERCHANGE_VERSION,
  SECTION_NAMES,
  envelopeSchema,
  sectionEntrySchemas,
  type SectionName,
} from './format';
import { jsonPath, lineAndColumn } from './json-path';
import type { ImportIssue } from './interchange-types';

type SectionEntries = { [K in SectionName]: z.output<(typeof sectionEntrySchemas)[K]> };

/** One valid entry of a section and its index in the file. */
export interface Entry<T> {
  index: number;
  data: T;
}

export type ParsedSections = { [K in SectionName]?: Entry<SectionEntries[K]>[] };

export interface ParseOutcome {
  /** The sections the file holds (even when some of their entries are invalid), in file order. */
  present: SectionName[];
  /** The valid entries of each present section. */
  sections: ParsedSections;
  issues: ImportIssue[];
}

/**
 * Reads the file's text and validates all of it: the envelope first (a file
 * that is not a Lowbal version 1 document is rejected outright), then every
 * entry on its own, so every structural problem is reported at once.
 */
export function parseDocument(rawText: string): ParseOutcome {
  const rejected = (path: string, message: string): ParseOutcome => ({
    present: [],
    sections: {},
    issues: [{ path, message }],
  });
  const text = rawText.replace(/^\uFEFF/, '');
  if (text.trim() === '') return rejected('$', 'The file is empty');

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return rejected('$', syntaxErrorMessage(text, error));
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return rejected('$', `The file must hold one JSON object with "format": "${INTERCHANGE_FORMAT}"`);
  }
  const document = raw as Record<string, unknown>;
  if (document.format !== INTERCHANGE_FORMAT) {
    return rejected(
      '$.format',
      document.format === undefined
        ? `"format" is missing; a Lowbal file has "format": "${INTERCHANGE_FORMAT}"`
        : `This is not a Lowbal file: "format" is ${JSON.stringify(document.format)}, expected "${INTERCHANGE_FORMAT}"`,
    );
  }
  if (document.version !== INTERCHANGE_VERSION) {
    return rejected('$.version', versionMessage(document.version));
  }

  const issues: ImportIssue[] = [];
  const envelope = envelopeSchema.safeParse(document, { error: plainMessage });
  if (!envelope.success) issues.push(...toImportIssues(envelope.error, [], document));

  const present = SECTION_NAMES.filter((name) => Array.isArray(document[name]));
  const sections: ParsedSections = {};
  for (const name of present) {
    const schema: z.ZodType = sectionEntrySchemas[name];
    const valid: Entry<unknown>[] = [];
    (document[name] as unknown[]).forEach((entry, index) => {
      const result = schema.safeParse(entry, { error: plainMessage });
      if (result.success) valid.push({ index, data: result.data });
      else issues.push(...toImportIssues(result.error, [name, index], entry));
    });
    (sections as Record<string, Entry<unknown>[]>)[name] = valid;
  }
  return { present, sections, issues };
}

function versionMessage(version: unknown): string {
  if (version === undefined) return `"version" is missing; this Lowbal reads version ${INTERCHANGE_VERSION}`;
  if (typeof version === 'number' && Number.isInteger(version) && version > INTERCHANGE_VERSION) {
    return `Version ${version} was written by a newer Lowbal; this one reads version ${INTERCHANGE_VERSION}`;
  }
  return `Version ${JSON.stringify(version)} is not supported; this Lowbal reads version ${INTERCHANGE_VERSION}`;
}

function syntaxErrorMessage(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : /end of JSON input/.test(message) ? text.length : null;
  const reason = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*in JSON at position \d+/, '')
    .replace(/^Unexpected end of JSON input$/, 'The file ends too early (unfinished JSON)');
  if (offset === null) return `The file is not valid JSON: ${reason}`;
  const { line, column } = lineAndColumn(text, offset);
  return `The file is not valid JSON: ${reason} (line ${line}, column ${column})`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** Plain messages for the issues the shared field schemas leave to zod's defaults. */
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const last = issue.path?.at(-1);
  const label = typeof last === 'string' ? last : 'This entry';
  if (issue.code === 'invalid_type')
    return `${label} must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  if (issue.code === 'too_big' && issue.origin === 'array')
    return `${label} has more than ${issue.maximum} items`;
  return undefined;
}

/** `input` is what was validated: an issue at a field it lacks says the field is missing. */
function toImportIssues(error: z.ZodError, prefix: PropertyKey[], input: unknown): ImportIssue[] {
  return error.issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: jsonPath([...path, key]), message: `Unknown field "${key}"` }));
    }
    const field = issue.path.at(-1);
    const missing = typeof field === 'string' && valueAt(input, issue.path) === undefined;
    return [{ path: jsonPath(path), message: missing ? `Missing field "${field}"` : issue.message }];
  });
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}
