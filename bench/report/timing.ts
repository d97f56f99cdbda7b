/** Milliseconds `work` took, with its result. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value at the given quantile (0…1) of `values`, by the nearest-rank method. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) throw new Error('quantile of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * Runs `subject` then `baseline`, `times` rounds, and returns the median of each:
 * taking turns, a change in the machine's load weighs on both alike.
 */
export async function medianInTurns(
  times: number,
  subject: (run: number) => Promise<number>,
  baseline: (run: number) => Promise<number>,
): Promise<{ subject: number; baseline: number }> {
  const subjects: number[] = [];
  const baselines: number[] = [];
  for (let run = 0; run < times; run++) {
    subjects.push(await subject(run));
    baselines.push(await baseline(run));
  }
  return { subject: median(subjects), baseline: median(baselines) };
}
