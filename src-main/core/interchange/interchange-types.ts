import type { SectionName } from './format';

/** Results of the interchange operations, as the UI and the CLI receive them. */

export type { SectionName };

/** A problem in an import file: where (a JSONPath such as `$.clients[3].billingEmail`) and what. */
export interface ImportIssue {
  path: string;
  message: string;
}

export interface SectionPlan {
  create: number;
  update: number;
  unchanged: number;
  /** Only in Replace mode: stored entries the file does not contain. */
  delete: number;
}

export type ImportPlan = Record<SectionName, SectionPlan>;

export interface ImportPreview {
  /** True when the file can be applied as it is. */
  valid: boolean;
  replace: boolean;
  /** The sections the file holds, in the order they are applied. */
  sections: SectionName[];
  /** What applying would do (counting only the entries without errors while there are errors). */
  plan: ImportPlan;
  /** Clients whose balance would rise: refills, which reset their rule counters. */
  refills: number;
  /** The first MAX_REPORTED_ISSUES problems, in file order. */
  errors: ImportIssue[];
  errorCount: number;
}

export interface ImportResult {
  replace: boolean;
  sections: SectionName[];
  plan: ImportPlan;
  refills: number;
}

export interface ExportResult {
  text: string;
  /** A file name to suggest, e.g. `lowbal-export-2026-11-26.json`. */
  fileName: string;
  counts: Partial<Record<SectionName, number>>;
}

export const MAX_REPORTED_ISSUES = 10_000;
