import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import * as prettier from 'prettier';
import { PROJECT_ROOT } from '../scripts/project-root';
import { createBenchContext, type BenchContext } from './bench-context';
import { runCheckScenario, runRunwayCheckScenario } from './check/check-scenario';
import { runDispatchScenario } from './dispatch/dispatch-scenario';
import { runFaultScenario } from './fault/fault-scenario';
import { runInterchangeScenario } from './interchange/interchange-scenario';
import { runRendererScenario } from './renderer/renderer-scenario';
import { runResponsivenessScenario } from './responsiveness/responsiveness-scenario';
import type { ScenarioResult } from './report/bench-report';
import { describeMachine } from './report/machine';
import { benchmarksMarkdown } from './report/write-markdown';

const SCENARIOS: Record<string, (bench: BenchContext) => Promise<ScenarioResult>> = {
  check: runCheckScenario,
  'check-runway': runRunwayCheckScenario,
  dispatch: runDispatchScenario,
  fault: runFaultScenario,
  interchange: runInterchangeScenario,
  renderer: runRendererScenario,
  responsiveness: runResponsivenessScenario,
};

const USAGE = `Usage: npm run bench [-- --quick] [--only ${Object.keys(SCENARIOS).join(',')}] [--out FILE] [--keep]

  --quick   small sizes (under a minute); prints the figures, leaves docs/BENCHMARKS.md alone
  --only    run only these scenarios (a full run of all of them writes docs/BENCHMARKS.md)
  --out     also write the report to FILE (any mode)
  --keep    keep the generated data in .bench-data/`;

const BENCHMARKS_FILE = path.join(PROJECT_ROOT, 'docs/BENCHMARKS.md');

async function formatMarkdown(markdown: string): Promise<string> {
  const options = await prettier.resolveConfig(BENCHMARKS_FILE);
  return prettier.format(markdown, { ...options, filepath: BENCHMARKS_FILE });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      quick: { type: 'boolean' },
      only: { type: 'string' },
      keep: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const names = values.only ? values.only.split(',').map((name) => name.trim()) : Object.keys(SCENARIOS);
  const unknown = names.find((name) => !SCENARIOS[name]);
  if (unknown) {
    process.stderr.write(`Unknown scenario "${unknown}"\n\n${USAGE}\n`);
    return 2;
  }

  const mode = values.quick ? 'quick' : 'full';
  const workDir = path.join(PROJECT_ROOT, '.bench-data');
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const bench = createBenchContext(mode, workDir, print);
  const startedAt = new Date();
  print(`Lowbal benchmarks (${mode}): ${names.join(', ')}`);

  const scenarios: ScenarioResult[] = [];
  try {
    for (const name of names) scenarios.push(await SCENARIOS[name](bench));
  } finally {
    if (!values.keep) fs.rmSync(workDir, { recursive: true, force: true });
  }

  const memory = new Database(':memory:');
  const sqlite = (memory.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  memory.close();
  // Formatted as `npm run lint` expects of every file in the repository.
  const markdown = await formatMarkdown(
    benchmarksMarkdown({
      mode,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      machine: describeMachine(sqlite),
      scenarios,
    }),
  );
  const missed = scenarios.flatMap((s) => [...s.goals, ...s.checks]).filter((item) => !item.pass);
  print(
    `Done in ${Math.round((Date.now() - startedAt.getTime()) / 1000)} s; ${missed.length} goal(s) or verification(s) not met.`,
  );
  const targets = [
    ...(mode === 'full' && names.length === Object.keys(SCENARIOS).length ? [BENCHMARKS_FILE] : []),
    ...(values.out ? [path.resolve(values.out)] : []),
  ];
  for (const target of targets) {
    fs.writeFileSync(target, markdown);
    print(`Wrote ${path.relative(PROJECT_ROOT, target)}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
