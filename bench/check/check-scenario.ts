import { spawn } from 'node:child_process';
import path from 'node:path';
import { DATABASE_FILE_NAME, openDatabase } from '../../src-main/core/db/open-database';
import { PROJECT_ROOT } from '../../scripts/project-root';
import { BURN_WINDOW_DAYS } from '../../src-main/core/clients/runway-sql';
import type { BenchContext } from '../bench-context';
import { generateDataset, THRESHOLDS } from '../dataset/generate-dataset';
import {
  formatDuration,
  formatNumber,
  timeAgainstBaseline,
  type ScenarioResult,
} from '../report/bench-report';
import { timed } from '../report/timing';
import type { CheckChildResult } from './check-child';
import { floorCheck } from './floor-check';
import { perClientCheck } from './per-client-check';
import { timeRenderingAlone } from './render-share';

const METHOD = `The engine's real check (the \`engine.checkNow\` handler, every profile) runs in a child process on a
freshly generated database, so its peak resident memory (\`process.resourceUsage().maxRSS\`) is its own.
Baseline A is \`bench/check/per-client-check.ts\`: the per-client loop a first version would write (a query per
client for its row, its last charge and each rule's counter, an insert per recipient, the same templates),
run on the clients with the lowest ids, in one transaction rolled back afterwards, and compared per client.
Baseline B, the floor, is one \`SELECT count(*)\` over the clients with the balance predicate plus a raw prepared
insert of as many outbox rows as the check queued (copies of its real e-mails), in one transaction. Rendering the
check's e-mails is also timed alone (the app's templates over the same facts), as the part of the check no floor has.`;

const CHILD = path.join(__dirname, 'check-child.ts');

class RolledBack extends Error {}

function runCheckChild(dataDir: string): Promise<CheckChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the check process exited with ${code}:\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as CheckChildResult);
    });
  });
}

/** Runs baseline A in a transaction that is rolled back, so the real check starts from the same data. */
async function measurePerClientCheck(file: string, lastClientId: number) {
  const db = await openDatabase({ file });
  let measured: { ms: number; clients: number; queued: number } | undefined;
  try {
    await db.transaction(async (trx) => {
      const { ms, value } = await timed(() => perClientCheck(trx, lastClientId, Date.now()));
      measured = { ms, ...value };
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  } finally {
    await db.destroy();
  }
  return measured!;
}

/** How many e-mails the real check queued for the clients of the slice (to confirm A did the same work). */
async function queuedForSlice(file: string, lastClientId: number): Promise<number> {
  const db = await openDatabase({ file });
  try {
    const [{ count }] = await db.raw<{ count: number }[]>(
      'SELECT count(*) AS count FROM notifications WHERE client_id <= ?',
      [lastClientId],
    );
    return Number(count);
  } finally {
    await db.destroy();
  }
}

const RUNWAY_DAYS = 14;

const RUNWAY_METHOD = `${METHOD} Here every profile's advanced rule also sets a Runway of ${RUNWAY_DAYS} days (SPEC §7) and every
charged client has about 10 charges over the last 28 days; the per-client loop reads each client's burn rate with
its own query, and the floor adds one aggregate scan of the charges in the 28-day window.`;

export function runCheckScenario(bench: BenchContext): Promise<ScenarioResult> {
  return checkScenario(bench, { name: 'check', title: 'Check', method: METHOD });
}

/** The check with Runway on in every profile: burn rates over ~10 charges per client. */
export function runRunwayCheckScenario(bench: BenchContext): Promise<ScenarioResult> {
  return checkScenario(bench, {
    name: 'check-runway',
    title: 'Check with Runway',
    method: RUNWAY_METHOD,
    runwayDays: RUNWAY_DAYS,
  });
}

async function checkScenario(
  bench: BenchContext,
  variant: { name: string; title: string; method: string; runwayDays?: number },
): Promise<ScenarioResult> {
  const sizes = bench.sizes.check;
  const recorder = bench.recorder(variant.name, variant.title, variant.method);
  const dataDir = bench.scratch(variant.name);
  const file = path.join(dataDir, DATABASE_FILE_NAME);

  const generated = await timed(() =>
    generateDataset(file, {
      clients: sizes.clients,
      profiles: sizes.profiles,
      resellers: sizes.resellers,
      runwayDays: variant.runwayDays,
    }),
  );
  const data = generated.value;
  recorder.figure(
    'data generated',
    `${formatNumber(data.clients)} clients (${formatNumber(data.lowClients)} low, ` +
      `${formatNumber((100 * data.lowClients) / data.clients, 1)}%), ${data.profiles} profiles × 3 rules, ` +
      `${formatNumber(data.balanceEvents)} charges, in ${formatDuration(generated.ms)}`,
  );

  const slice = sizes.perClientSlice;
  const naive = await measurePerClientCheck(file, slice);
  const naivePerClient = naive.ms / naive.clients;
  recorder.figure(
    `baseline A: per-client loop over ${formatNumber(naive.clients)} active clients`,
    `${formatDuration(naive.ms)} (${formatDuration(naivePerClient)} per client, ${formatNumber(naive.queued)} e-mails)`,
  );

  const real = await runCheckChild(dataDir);
  const realPerClient = real.ms / real.clientsEvaluated;
  recorder.figure(
    `engine check of ${real.profiles} profiles, ${formatNumber(real.clientsEvaluated)} active clients`,
    `${formatDuration(real.ms)} (${formatDuration(realPerClient)} per client; ${formatNumber(real.matches)} matches, ` +
      `${formatNumber(real.queued)} e-mails queued, ${formatNumber(real.skipped)} skipped)`,
  );
  recorder.figure('peak resident memory of the check process', `${formatNumber(real.maxRssMb)} MB`);

  const sameSlice = await queuedForSlice(file, slice);
  recorder.check(
    'baseline A queues what the engine queues',
    sameSlice === naive.queued,
    `${formatNumber(naive.queued)} e-mails by the loop vs ${formatNumber(sameSlice)} by the engine for the same clients`,
  );

  const burnWindowSince =
    variant.runwayDays === undefined ? undefined : data.now - BURN_WINDOW_DAYS * 86_400_000;
  const floor = await floorCheck(file, real.queued, THRESHOLDS.user, burnWindowSince);
  recorder.figure(
    `baseline B: count(*)${burnWindowSince === undefined ? '' : " + one scan of the window's charges"} + raw insert of ${formatNumber(real.queued)} outbox rows`,
    `${formatDuration(floor.ms)} (${formatNumber(floor.lowClients)} clients below ${THRESHOLDS.user / 10_000}.00)`,
  );

  const rendering = await timeRenderingAlone(file);
  recorder.figure(
    `of which rendering the e-mails (no floor does this): ${formatNumber(rendering.rendered)} × subject, text and HTML`,
    `${formatDuration(rendering.ms)} alone, ${formatNumber(rendering.ms / floor.ms, 2)}× the floor`,
  );

  recorder.goal({
    label: 'check faster than the per-client loop, per client',
    basis: `${formatDuration(naivePerClient)} vs ${formatDuration(realPerClient)} per client`,
    value: naivePerClient / realPerClient,
    unit: '×',
    comparison: 'at least',
    limit: 20,
  });
  const floorGoal = recorder.goal(timeAgainstBaseline('check time against the floor', real.ms, floor.ms, 3));
  if (!floorGoal.pass) {
    const floorAndRendering = floor.ms + rendering.ms;
    recorder.note(
      `Rendering the e-mails alone takes ${formatNumber(rendering.ms / floor.ms, 2)}× the floor. A check that did ` +
        `nothing but render them and write the floor's rows would take ${formatDuration(floorAndRendering)}: ` +
        `${formatNumber(floorAndRendering / floor.ms, 2)}× the floor and ` +
        `${formatNumber(naivePerClient / (floorAndRendering / real.clientsEvaluated), 1)}× faster than the ` +
        `per-client loop. The rest of the check (evaluation, temp tables, counters, history) takes ` +
        `${formatDuration(real.ms - floorAndRendering)}.`,
    );
  }
  recorder.goal({
    label: 'peak resident memory of the check',
    basis: `maxRSS of the check process`,
    value: real.maxRssMb,
    unit: 'MB',
    comparison: 'under',
    limit: 300,
  });
  return recorder.result;
}
