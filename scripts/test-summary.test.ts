import { describe, expect, it } from 'vitest';
import { playwrightCounts, summaryLine, vitestCounts } from './test-summary';

describe('test summary', () => {
  it('adds up both runners into one closing line', () => {
    const unit = vitestCounts({ numPassedTests: 10, numFailedTests: 1, numPendingTests: 2, numTodoTests: 1 });
    const e2e = playwrightCounts({ stats: { expected: 4, unexpected: 0, skipped: 1, flaky: 1 } });
    expect(summaryLine([unit, e2e])).toBe('Tests: 15 passed, 1 failed, 4 skipped');
  });
});
