import fs from 'node:fs';
import path from 'node:path';
import { startHost, type RunningHost } from '../../e2e/support/host';
import { ensureBuild } from '../../scripts/ensure-build';
import { DATABASE_FILE_NAME } from '../../src-main/core/db/open-database';
import type { BenchContext } from '../bench-context';
import { generateDataset } from '../dataset/generate-dataset';
import {
  formatDuration,
  formatNumber,
  timeAgainstBaseline,
  type ScenarioResult,
} from '../report/bench-report';
import { median, quantile, timed } from '../report/timing';
import { measureCliStart } from './cli-start';

const METHOD = `The built \`lowbal serve\` runs as a child process (as the README's service unit runs it) on a freshly
generated database, and is called over its HTTP API as the browser calls it. The probe is a trivial call,
\`engine.status\` (what the app polls while a check runs; \`currencies.list\` counts a million clients per currency,
about 100 ms here, so it is not trivial at this size), every 20 ms, one after the other, timing each from request
to answer: first for a few seconds
at rest, then during \`Check all now\` (\`engine.checkNow\` of every profile). The same check also runs without the
probe, on a byte-for-byte copy of the same database in another host, so its time is the baseline of the check's own
time. CLI start: \`lowbal export\` of an empty database (migrated, nothing in it) against \`node -e\` opening the same
file with better-sqlite3 and reading one row, each as a fresh process, median of the runs in turns.`;

const PROBE_EVERY_MS = 20;
const CHANNEL = 'engine.status';

async function call(host: RunningHost, channel: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${host.origin}/api/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!result.ok) throw new Error(`${channel} failed: ${result.error?.message}`);
  return result.value;
}

/** The trivial call every 20 ms until `done()` says stop; the latency of each. */
async function probe(host: RunningHost, done: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  while (!done()) {
    const { ms } = await timed(() => call(host, CHANNEL, {}));
    latencies.push(ms);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, PROBE_EVERY_MS - ms)));
  }
  return latencies;
}

interface CheckRun {
  ms: number;
  profiles: number;
  clients: number;
  queued: number;
}

async function checkAll(host: RunningHost): Promise<CheckRun> {
  const { ms, value } = await timed(
    () =>
      call(host, 'engine.checkNow', {}) as Promise<{
        checks: { clientsEvaluated: number; queued: number }[];
      }>,
  );
  return {
    ms,
    profiles: value.checks.length,
    clients: value.checks.reduce((sum, check) => sum + check.clientsEvaluated, 0),
    queued: value.checks.reduce((sum, check) => sum + check.queued, 0),
  };
}

async function withHost<T>(dataDir: string, work: (host: RunningHost) => Promise<T>): Promise<T> {
  const host = await startHost({ dataDir });
  try {
    // Nothing else runs behind the measurement: the generated profiles are not due, and sending is held.
    await call(host, 'engine.pause', {});
    return await work(host);
  } finally {
    await host.stop();
  }
}

const describeLatencies = (values: number[]) =>
  `p50 ${formatDuration(median(values))}, p99 ${formatDuration(quantile(values, 0.99))}, ` +
  `max ${formatDuration(Math.max(...values))} (${formatNumber(values.length)} calls)`;

export async function runResponsivenessScenario(bench: BenchContext): Promise<ScenarioResult> {
  const sizes = bench.sizes.check;
  const recorder = bench.recorder('responsiveness', 'Responsiveness', METHOD);
  ensureBuild();

  const generated = bench.scratch('responsiveness');
  const file = path.join(generated, DATABASE_FILE_NAME);
  const data = await generateDataset(file, {
    clients: sizes.clients,
    profiles: sizes.profiles,
    resellers: sizes.resellers,
  });
  const copies = ['without-probe', 'with-probe'].map((name) => {
    const dir = bench.scratch(`responsiveness-${name}`);
    fs.copyFileSync(file, path.join(dir, DATABASE_FILE_NAME));
    return dir;
  });
  recorder.figure(
    'data',
    `${formatNumber(data.clients)} clients, ${data.profiles} profiles (two copies of one generated database)`,
  );

  const alone = await withHost(copies[0], (host) => checkAll(host));
  recorder.figure(
    `Check all now without the probe (${alone.profiles} profiles, ${formatNumber(alone.clients)} clients)`,
    `${formatDuration(alone.ms)} (${formatNumber(alone.queued)} e-mails queued)`,
  );

  const probed = await withHost(copies[1], async (host) => {
    // Warmed up first (the first calls compile the handlers), then measured at rest.
    for (let i = 0; i < 50; i++) await call(host, CHANNEL, {});
    const restUntil = performance.now() + (bench.mode === 'full' ? 5_000 : 2_000);
    const atRest = await probe(host, () => performance.now() >= restUntil);
    let finished = false;
    const [check, during] = await Promise.all([
      checkAll(host).finally(() => (finished = true)),
      probe(host, () => finished),
    ]);
    return { atRest, during, check };
  });
  recorder.figure(`${CHANNEL} every ${PROBE_EVERY_MS} ms at rest`, describeLatencies(probed.atRest));
  recorder.figure(
    `${CHANNEL} every ${PROBE_EVERY_MS} ms during Check all now`,
    describeLatencies(probed.during),
  );
  recorder.figure(
    'Check all now with the probe',
    `${formatDuration(probed.check.ms)} (${formatNumber(probed.check.queued)} e-mails queued)`,
  );
  recorder.check(
    'both checks did the same work',
    probed.check.queued === alone.queued && probed.check.clients === alone.clients,
    `${formatNumber(alone.queued)} and ${formatNumber(probed.check.queued)} e-mails queued, ` +
      `${formatNumber(alone.clients)} and ${formatNumber(probed.check.clients)} clients`,
  );
  const restP99 = quantile(probed.atRest, 0.99);
  const duringP99 = quantile(probed.during, 0.99);
  recorder.goal({
    label: `p99 of a trivial call during Check all now, against at rest`,
    basis: `${formatDuration(duringP99)} vs ${formatDuration(restP99)}`,
    value: duringP99 / restP99,
    unit: '×',
    comparison: 'at most',
    limit: 5,
  });
  recorder.goal(
    timeAgainstBaseline('check time with the probe, against without', probed.check.ms, alone.ms, 1.2),
  );

  recorder.note(
    'Before the core ran in its own threads (issue 11, 1,000,000 clients, 50 profiles), the trivial call ' +
      'made during Check all now waited 10,621 ms, against a p99 of 10 ms at rest (about 1,000×): every call ' +
      'waited for the whole check. Now reads run on reader threads with their own connection.',
  );

  const cli = await measureCliStart(bench.scratch('responsiveness-cli'), bench.mode === 'full' ? 15 : 5);
  recorder.figure('lowbal export of an empty database (median)', formatDuration(cli.cliMs));
  recorder.figure('node -e opening it with better-sqlite3 (median)', formatDuration(cli.baselineMs));
  recorder.goal(
    timeAgainstBaseline(
      'CLI start: lowbal export against node with better-sqlite3',
      cli.cliMs,
      cli.baselineMs,
      3,
    ),
  );
  return recorder.result;
}
