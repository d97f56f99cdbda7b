import type { BenchContext } from '../bench-context';
import type { ScenarioResult } from '../report/bench-report';

export async function runRendererScenario(bench: BenchContext): Promise<ScenarioResult> {
  return bench.recorder('renderer', 'Renderer', 'todo').result;
}
