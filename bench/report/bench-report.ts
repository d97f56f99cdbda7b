/** A measured figure: one printed line and one row of docs/BENCHMARKS.md. */
export interface Figure {
  label: string;
  /** Formatted with its unit, e.g. "8.12 s" or "1,234 e-mails/s". */
  value: string;
}

/** How a goal compares its ratio with the limit. */
export type Comparison = 'at least' | 'at most' | 'under';

/** A goal: a ratio (or, for memory, an amount) against a limit, measured in the same run. */
export interface Goal {
  label: string;
  /** What the ratio is made of, e.g. "1.9 µs vs 48 µs per client". */
  basis: string;
  value: number;
  /** `×` a ratio; `MB` and `e-mails` amounts (memory, lost or duplicated messages). */
  unit: '×' | 'MB' | 'e-mails';
  comparison: Comparison;
  limit: number;
  pass: boolean;
}

/** A yes/no verification (e.g. every e-mail arrived exactly once). */
export interface Verification {
  label: string;
  pass: boolean;
  detail: string;
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** How the scenario measures, in a sentence or two (Markdown). */
  method: string;
  figures: Figure[];
  goals: Goal[];
  checks: Verification[];
  /** What the figures mean, worked out from them (e.g. why a goal is missed). */
  notes: string[];
}

const SYMBOL: Record<Comparison, string> = { 'at least': '≥', 'at most': '≤', under: '<' };

export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const plural = (count: number, word: string) =>
  `${formatNumber(count)} ${word}${count === 1 ? '' : 's'}`;

/** A size in kB (1,024 bytes) or MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 ** 2) return `${formatNumber(bytes / 1024, 1)} kB`;
  return `${formatNumber(bytes / 1024 ** 2, 2)} MB`;
}

/** A duration in the unit that reads best: µs, ms or s. */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${formatNumber(ms * 1000, ms < 0.01 ? 2 : 1)} µs`;
  if (ms < 1000) return `${formatNumber(ms, ms < 10 ? 2 : ms < 100 ? 1 : 0)} ms`;
  return `${formatNumber(ms / 1000, 2)} s`;
}

export function goalTarget(goal: Pick<Goal, 'comparison' | 'limit' | 'unit'>): string {
  const limit = formatNumber(goal.limit, Number.isInteger(goal.limit) ? 0 : 2);
  return `${SYMBOL[goal.comparison]} ${limit}${goal.unit === '×' ? '×' : ` ${goal.unit}`}`;
}

export function goalValue(goal: Pick<Goal, 'value' | 'unit'>): string {
  return goal.unit === '×' ? `${formatNumber(goal.value, 2)}×` : `${formatNumber(goal.value)} ${goal.unit}`;
}

/** A goal that `subjectMs` takes at most `limit` times `baselineMs`. */
export function timeAgainstBaseline(
  label: string,
  subjectMs: number,
  baselineMs: number,
  limit: number,
): Omit<Goal, 'pass'> {
  return {
    label,
    basis: `${formatDuration(subjectMs)} vs ${formatDuration(baselineMs)}`,
    value: subjectMs / baselineMs,
    unit: '×',
    comparison: 'at most',
    limit,
  };
}

/**
 * Collects the figures of one scenario and prints each as it is recorded,
 * one line per figure: `[check] real check, 1,000,000 clients: 8.12 s`.
 */
export class ScenarioRecorder {
  readonly result: ScenarioResult;

  constructor(
    id: string,
    title: string,
    method: string,
    private readonly print: (line: string) => void,
  ) {
    this.result = { id, title, method, figures: [], goals: [], checks: [], notes: [] };
  }

  figure(label: string, value: string): void {
    this.result.figures.push({ label, value });
    this.print(`[${this.result.id}] ${label}: ${value}`);
  }

  /** Records a goal; `pass` is derived from the comparison. */
  goal(goal: Omit<Goal, 'pass'>): Goal {
    const pass =
      goal.comparison === 'at least'
        ? goal.value >= goal.limit
        : goal.comparison === 'at most'
          ? goal.value <= goal.limit
          : goal.value < goal.limit;
    const recorded = { ...goal, pass };
    this.result.goals.push(recorded);
    this.print(
      `[${this.result.id}] GOAL ${goal.label}: ${goalValue(goal)} (${goal.basis}; goal ${goalTarget(goal)}) ${pass ? 'PASS' : 'MISS'}`,
    );
    return recorded;
  }

  note(text: string): void {
    this.result.notes.push(text);
    this.print(`[${this.result.id}] NOTE ${text}`);
  }

  check(label: string, pass: boolean, detail: string): void {
    this.result.checks.push({ label, pass, detail });
    this.print(`[${this.result.id}] CHECK ${label}: ${detail} ${pass ? 'PASS' : 'FAIL'}`);
  }
}
