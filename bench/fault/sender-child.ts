import { createCore } from '../../src-main/core/create-core';
import { describeHost } from '../../src-main/core/lease/describe-host';
import { createLogger } from '../../src-main/core/logger';

/** Never: the profiles were checked already; only sending runs. */
const NO_CHECKS = '0 0 1 1 *';

/**
 * The fault scenario's sender, in its own process so it can be killed
 * (`node --import tsx bench/fault/sender-child.ts DATA_DIR`): the core as a
 * host opens it, taking the scheduler lease, which sends the outbox (and
 * every second what is due again). Prints `ready` once it holds the lease.
 */
async function main(dataDir: string): Promise<void> {
  const core = await createCore({
    dataDir,
    log: createLogger((line) => process.stderr.write(`${line}\n`), 'warn'),
  });
  await core.ctx.lease.start(core.ctx, {
    description: describeHost('bench sender'),
    scheduler: { tickRule: NO_CHECKS, dispatchRule: '* * * * * *' },
  });
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => void core.close().then(() => process.exit(0)));
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
