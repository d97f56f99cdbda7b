/**
 * Prints one closing line for the whole `npm test` run, adding up the vitest and
 * Playwright JSON reports: `Tests: N passed, N failed, N skipped`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './project-root';

const REPORT_DIR = path.join(PROJECT_ROOT, '.test-reports');

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export function vitestCounts(report: {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}): Counts {
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

export function playwrightCounts(report: {
  stats: { expected: number; unexpected: number; skipped: number; flaky: number };
}): Counts {
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  };
}

export function summaryLine(parts: Counts[]): string {
  const total = parts.reduce(
    (sum, c) => ({
      passed: sum.passed + c.passed,
      failed: sum.failed + c.failed,
      skipped: sum.skipped + c.skipped,
    }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  return `Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`;
}

function readReport<T>(name: string): T {
  const file = path.join(REPORT_DIR, name);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run the test suites first`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

if (require.main === module) {
  const unit = vitestCounts(readReport('vitest.json'));
  const e2e = playwrightCounts(readReport('playwright.json'));
  console.log(
    `unit and integration (vitest): ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped`,
  );
  console.log(
    `browser end-to-end (Playwright): ${e2e.passed} passed, ${e2e.failed} failed, ${e2e.skipped} skipped`,
  );
  console.log(summaryLine([unit, e2e]));
  if (unit.failed + e2e.failed > 0) process.exit(1);
}
