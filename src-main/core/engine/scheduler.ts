import schedule from 'node-schedule';
import { CHANNELS } from '../channels/registry';
import type { CoreContext } from '../context';
import { createDispatcher, type DispatcherOptions } from '../mail/outbox/dispatcher';
import { runDueChecks } from './check-runs';
import { isPaused } from './engine-settings-repo';
import { queueRecoveryNotices } from './recovery-notices';
import type { RunningScheduler } from './engine-runtime';

export interface SchedulerOptions {
  /** Cron rule of the master tick (due checks, then sending); every minute by default. */
  tickRule?: string;
  /** Cron rule of the dispatcher's own run; every 15 seconds by default. */
  dispatchRule?: string;
  /** How long `stop()` waits for sends in flight before returning them to the queue. */
  stopGraceMs?: number;
  /** Options of every channel's dispatcher (the channel and the kick are the scheduler's). */
  dispatcher?: Omit<DispatcherOptions, 'channel' | 'kick'>;
}

/** Runs `work` when triggered; triggers while it runs make it run once more afterwards. */
function coalescing(work: () => Promise<void>) {
  let running: Promise<void> | null = null;
  let again = false;
  const trigger = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await work();
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
  return { trigger, idle: () => running ?? Promise.resolve(), busy: () => running !== null };
}

/**
 * Starts the notification engine in this process: a master tick (at most a minute
 * apart, and once right away to catch up) checks the profiles that are due
 * and sends, and the dispatcher also runs on its own interval. Pausing (a
 * persisted setting) holds both. Hosts call this once they own the database
 * and `stop()` (or `core.close()`) on the way out.
 */
export async function startScheduler(
  ctx: CoreContext,
  options: SchedulerOptions = {},
): Promise<RunningScheduler> {
  if (ctx.engine.scheduler) throw new Error('The scheduler is already running in this process');
  // Registers this process as a sender and takes back what stopped senders left `sending`.
  await ctx.outbox.senderLease(ctx).start();
  // Kicked by the dispatcher once an unreachable peer answers again.
  let kickDispatch = () => {};
  // One sender per channel: an unreachable gateway holds its own queue only.
  const dispatchers = CHANNELS.all().map((channel) =>
    createDispatcher(ctx, { ...options.dispatcher, channel, kick: () => kickDispatch() }),
  );
  let stopping: Promise<void> | null = null;

  const guarded = (what: string, work: () => Promise<void>) => async () => {
    try {
      if (stopping || (await isPaused(ctx.db))) return;
      await work();
    } catch (error) {
      ctx.log.error(`${what} failed`, { error });
    }
  };
  // The outbox moved: hosts read the engine's state again (the tray, desktop alerts).
  const sendAndTell = async () => {
    await queueRecoveryNotices(ctx);
    const results = await Promise.all(dispatchers.map((dispatcher) => dispatcher.runOnce()));
    if (results.some(({ sent, retried, failed }) => sent + retried + failed > 0)) {
      ctx.events.emit('engine.changed', {});
    }
  };
  const tick = coalescing(
    guarded('scheduled check', async () => {
      await runDueChecks(ctx);
      if (!stopping) await sendAndTell();
    }),
  );
  const dispatch = coalescing(guarded('sending', sendAndTell));

  kickDispatch = () => void dispatch.trigger();

  const tickJob = schedule.scheduleJob(options.tickRule ?? '* * * * *', () => void tick.trigger());
  const dispatchJob = schedule.scheduleJob(
    options.dispatchRule ?? '*/15 * * * * *',
    () => void dispatch.trigger(),
  );

  const scheduler: RunningScheduler = {
    kickDispatch: () => void dispatch.trigger(),
    kickTick: () => void tick.trigger(),
    async settled() {
      while (tick.busy() || dispatch.busy()) await Promise.all([tick.idle(), dispatch.idle()]);
    },
    stop(graceMs = options.stopGraceMs) {
      stopping ??= (async () => {
        tickJob.cancel();
        dispatchJob.cancel();
        await Promise.all(dispatchers.map((dispatcher) => dispatcher.close(graceMs)));
        await Promise.all([tick.idle(), dispatch.idle()]);
        ctx.engine.scheduler = null;
        ctx.log.info('scheduler stopped');
        ctx.events.emit('engine.changed', {});
      })();
      return stopping;
    },
  };
  ctx.engine.scheduler = scheduler;
  ctx.log.info('scheduler started');
  ctx.events.emit('engine.changed', {});
  void tick.trigger();
  return scheduler;
}
