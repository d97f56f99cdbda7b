import type { BenchContext } from '../bench-context';
import type { ScenarioResult } from '../report/bench-report';

export async function runInterchangeScenario(bench: BenchContext): Promise<ScenarioResult> {
  return bench.recorder('interchange', 'Interchange', 'todo').result;
}
