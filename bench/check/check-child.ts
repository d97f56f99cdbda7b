import { createCore } from '../../src-main/core/create-core';
import { silentLogger } from '../../src-main/core/logger';
import { callChannel } from '../call-channel';
import { timed } from '../report/timing';

/**
 * Runs in its own process (`node --import tsx bench/check/check-child.ts DATA_DIR`)
 * so that its peak resident memory is the check's alone, not the generator's.
 * Checks every profile through the same handler as `Check now`, then prints
 * one JSON line with the time, the totals and the peak memory.
 */
export interface CheckChildResult {
  ms: number;
  profiles: number;
  clientsEvaluated: number;
  matches: number;
  queued: number;
  skipped: number;
  maxRssMb: number;
}

async function main(dataDir: string): Promise<CheckChildResult> {
  const core = await createCore({ dataDir, log: silentLogger });
  try {
    const {
      ms,
      value: { checks },
    } = await timed(() => callChannel(core, 'engine.checkNow', {}));
    const total = (key: 'clientsEvaluated' | 'matches' | 'queued' | 'skipped') =>
      checks.reduce((sum, check) => sum + check[key], 0);
    return {
      ms,
      profiles: checks.length,
      clientsEvaluated: total('clientsEvaluated'),
      matches: total('matches'),
      queued: total('queued'),
      skipped: total('skipped'),
      // resourceUsage reports kilobytes.
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await core.close();
  }
}

main(process.argv[2]).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
