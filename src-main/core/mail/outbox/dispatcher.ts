import type { CoreContext } from '../../context';
import { CHANNELS } from '../../channels/registry';
import type { ChannelSender, OutboxChannel } from './channel';
import {
  DEFAULT_RETRY_FOR_MS,
  describeSpan,
  outcomeFor,
  type Abandoned,
  type SendResult,
} from './delivery-policy';
import { readRetryFor } from './delivery-settings-repo';
import { claimDue, SENDS_AT_ONCE, type ClaimedMessage } from './outbox-repo';
import { SendRateWindow } from './send-rate-window';

export interface DispatchResult {
  sent: number;
  retried: number;
  failed: number;
  /** Back in the queue without an attempt spent: the peer was unreachable, or sending stopped. */
  held: number;
}

export interface Dispatcher {
  /**
   * Sends every due message the rate limit allows now, `SENDS_AT_ONCE` at a
   * time, each outcome written as soon as its send finishes. Concurrent
   * calls share one run. Never rejects.
   */
  runOnce(): Promise<DispatchResult>;
  /** Waits up to `graceMs` for sends in flight, returns the rest to the queue, closes the connections. */
  close(graceMs?: number): Promise<void>;
}

export interface DispatcherOptions {
  /** The channel to send (default: e-mail). */
  channel?: OutboxChannel<never>;
  /** Builds the sender for a configuration (tests may wrap the channel's). */
  createSender?: (config: never, ctx: CoreContext) => ChannelSender | Promise<ChannelSender>;
  /** Asks for a run once the peer answers again (the scheduler's, which respects Pause). */
  kick?: () => void;
}

/** Rows claimed at a time: one claim serves many sends (see `SENDS_AT_ONCE` for what a crash does to them). */
const CLAIM_BATCH = 50;

const noResult = (): DispatchResult => ({ sent: 0, retried: 0, failed: 0, held: 0 });

const COUNTED = { sent: 'sent', retry: 'retried', failed: 'failed', held: 'held' } as const;

/** One run: what it counts, the retry time it applies, its claim under way, whether the queue ran dry. */
interface Run {
  result: DispatchResult;
  retryForMs: number;
  claiming: Promise<void> | null;
  exhausted: boolean;
}

interface Outage {
  since: number;
  error: string;
  delayMs: number;
  timer?: NodeJS.Timeout;
}

/**
 * The outbox's sender for one channel. It claims due rows (`queued →
 * sending`, marked with this process's sender lease) a batch at a time and
 * sends them in claim order through `SENDS_AT_ONCE` slots, writing each
 * outcome the moment its send finishes: a crash can re-send only what was in
 * flight, at most one message per slot. A message a crash interrupted before is sent on its own. When the
 * peer is unreachable, the whole queue waits (no attempt spent) and the peer
 * is probed with back-off until it answers. Without a valid sender lease
 * nothing is claimed or sent, and what is in flight is cut off.
 */
export function createDispatcher(ctx: CoreContext, options: DispatcherOptions = {}): Dispatcher {
  const channel = (options.channel ?? CHANNELS.get('email')) as OutboxChannel<unknown>;
  const createSender = (options.createSender ?? channel.createSender) as (
    config: unknown,
    ctx: CoreContext,
  ) => ChannelSender | Promise<ChannelSender>;
  const lease = ctx.outbox.senderLease(ctx);
  const writer = ctx.outbox.outcomes(ctx);
  const { probe: probeTiming } = ctx.outbox.tuning;
  const window = new SendRateWindow();
  /** Being sent, by id: how to abandon each send. */
  const inFlight = new Map<number, () => void>();
  /** Claimed and not yet started, in claim order. */
  let reserve: ClaimedMessage[] = [];
  let current: { key: string; sender: ChannelSender } | null = null;
  let running: Promise<DispatchResult> | null = null;
  let closing = false;
  let outage: Outage | null = null;
  let recoveredAt: number | null = null;

  /** Returns the claimed rows not yet started to the queue (the write is retried until it lands). */
  const releaseReserve = () => {
    const released = reserve;
    reserve = [];
    return Promise.all(
      released.map((message) =>
        writer.record({ id: message.id, claimer: message.claimedBy, kind: 'returned' }),
      ),
    );
  };

  const abandonInFlight = () => {
    void releaseReserve();
    for (const abandon of inFlight.values()) abandon();
    current?.sender.close();
    current = null;
  };
  const stopListening = lease.onLapse(abandonInFlight);

  const publishPeerState = () =>
    lease.setPeerState(channel.name, {
      unreachableSince: outage?.since ?? null,
      error: outage?.error ?? null,
      recoveredAt,
    });

  const waitingCount = async () => {
    const [{ waiting }] = await ctx
      .db('notifications')
      .where('channel', channel.name)
      .whereIn('status', ['queued', 'sending'])
      .count({ waiting: '*' });
    return Number(waiting);
  };

  const endOutage = async () => {
    if (!outage) return;
    clearTimeout(outage.timer);
    const since = outage.since;
    outage = null;
    recoveredAt = ctx.now();
    publishPeerState();
    ctx.log.info(`${channel.peer} reachable again; delivering again`, {
      channel: channel.name,
      unreachableFor: describeSpan(recoveredAt - since),
      waiting: await waitingCount().catch(() => null),
    });
  };

  const scheduleProbe = () => {
    if (!outage || closing) return;
    clearTimeout(outage.timer);
    outage.timer = setTimeout(() => void probe(), outage.delayMs);
    outage.timer.unref();
  };

  const probe = async () => {
    if (!outage || closing) return;
    if (!current) {
      // The sender was dropped (its lease lapsed); the next run builds a new one.
      scheduleProbe();
      return;
    }
    const answer = await current.sender.probe();
    if (!outage || closing) return;
    if (answer.reachable) {
      await endOutage();
      (options.kick ?? (() => void dispatcher.runOnce()))();
      return;
    }
    outage.error = answer.error;
    outage.delayMs = Math.min(outage.delayMs * 2, probeTiming.longestMs);
    scheduleProbe();
  };

  const startOutage = (error: string) => {
    if (outage) {
      outage.error = error;
      return;
    }
    outage = { since: ctx.now(), error, delayMs: probeTiming.firstMs };
    void releaseReserve();
    publishPeerState();
    scheduleProbe();
    void waitingCount()
      .catch(() => null)
      .then((waiting) =>
        ctx.log.warn(
          `${channel.peer} unreachable; the queue waits and Lowbal checks it again with back-off`,
          {
            channel: channel.name,
            waiting,
            error,
          },
        ),
      );
  };

  const senderFor = async (config: unknown): Promise<ChannelSender> => {
    const key = JSON.stringify(config);
    if (current?.key !== key) {
      current?.sender.close();
      current = { key, sender: await createSender(config, ctx) };
      // New settings may well reach the peer: try them at once.
      if (outage) {
        clearTimeout(outage.timer);
        outage = null;
        publishPeerState();
      }
    }
    return current.sender;
  };

  /** Sends waiting for their slot's previous outcome to be written, to be cut off if writes fail. */
  const waitingForWrite = new Set<() => void>();

  /**
   * Sends one message, then hands its outcome to the writer; resolves once it
   * is sent, with the write (not awaited: the slot's next message starts
   * meanwhile, but cannot be accepted before that write lands).
   */
  const sendOne = async (
    message: ClaimedMessage,
    sender: ChannelSender,
    previousWritten: Promise<void>,
    run: Run,
  ): Promise<{ written: Promise<void> }> => {
    let abandon = () => {};
    const abandoned = new Promise<Abandoned>((resolve) => {
      abandon = () => resolve({ kind: 'abandoned' });
    });
    inFlight.set(message.id, abandon);
    // The peer may accept this message only once the previous one is recorded; if writes fail
    // meanwhile, it is cut off before that point (and costs no attempt).
    let cutOff = () => {};
    const mayCommit = new Promise<void>((resolve, reject) => {
      cutOff = () => {
        reject(new Error('Cut off: delivery outcomes cannot be written'));
        abandon();
      };
      previousWritten.then(resolve, reject);
    }).finally(() => waitingForWrite.delete(cutOff));
    mayCommit.catch(() => {});
    waitingForWrite.add(cutOff);
    const sending = sender
      .send(message, mayCommit)
      .catch((error: unknown): SendResult => ({ kind: 'temporary', error: String(error) }));
    const sent = await Promise.race([sending, abandoned]);
    inFlight.delete(message.id);
    if (sent.kind === 'unreachable') startOutage(sent.error);
    const write = outcomeFor(message, sent, ctx.now(), run.retryForMs);
    if (write.kind === 'retry' || write.kind === 'failed') {
      ctx.log.warn('notification not delivered', {
        channel: channel.name,
        notification: message.id,
        outcome: write.kind,
        error: write.error,
      });
    }
    // Wrapped: an async function returning the promise itself would wait for the write.
    const written = writer.record(write).then(() => {
      run.result[COUNTED[write.kind]] += 1;
    });
    return { written };
  };
  const stopWatchingWrites = writer.onTrouble(() => {
    for (const cutOff of [...waitingForWrite]) cutOff();
  });

  /** Whether another message may start now. */
  const mayStart = (config: unknown) =>
    !closing &&
    !outage &&
    lease.valid() &&
    writer.healthy &&
    window.allowance(channel.rateLimitPerMinute(config), ctx.now()) > 0;

  /** The next message to send, claiming a batch (one claim for all slots) when the reserve is empty. */
  const next = async (config: unknown, run: Run): Promise<ClaimedMessage | null> => {
    while (mayStart(config) && !run.exhausted) {
      const message = reserve.shift();
      if (message) {
        // Counted as it is taken, so that slots taking messages at the same time keep within the limit.
        window.record(1, ctx.now());
        return message;
      }
      run.claiming ??= claimDue(ctx.db, {
        channel: channel.name,
        claimer: lease.id,
        now: ctx.now(),
        limit: Math.min(CLAIM_BATCH, window.allowance(channel.rateLimitPerMinute(config), ctx.now())),
        interrupted: false,
      })
        .then((claimed) => {
          reserve.push(...claimed);
          if (claimed.length === 0) run.exhausted = true;
        })
        .catch((error: unknown) => {
          ctx.log.warn('could not take notifications from the queue; trying again later', { error });
          run.exhausted = true;
        })
        .finally(() => {
          run.claiming = null;
        });
      await run.claiming;
    }
    return null;
  };

  /** One slot: its messages one after another, each starting while the previous outcome is written. */
  const slot = async (sender: ChannelSender, config: unknown, run: Run) => {
    let written: Promise<void> = Promise.resolve();
    for (let message = await next(config, run); message; message = await next(config, run)) {
      ({ written } = await sendOne(message, sender, written, run));
    }
    await written;
  };

  /** Messages a crash interrupted before go first, one at a time, each alone on the wire. */
  const sendInterrupted = async (sender: ChannelSender, config: unknown, run: Run) => {
    while (mayStart(config)) {
      const [message] = await claimDue(ctx.db, {
        channel: channel.name,
        claimer: lease.id,
        now: ctx.now(),
        limit: 1,
        interrupted: true,
      });
      if (!message) return;
      await await sendOne(message, sender, Promise.resolve(), run);
    }
  };

  const runAll = async (): Promise<DispatchResult> => {
    const result = noResult();
    let config: unknown;
    try {
      config = await channel.loadConfig(ctx);
    } catch (error) {
      ctx.log.warn(`${channel.name}: notifications wait, the settings cannot be read`, { error });
      return result;
    }
    if (!config) return result;
    const sender = await senderFor(config);
    await lease.start();
    const run: Run = {
      result,
      retryForMs: await readRetryFor(ctx.db).catch(() => DEFAULT_RETRY_FOR_MS),
      claiming: null,
      exhausted: false,
    };
    try {
      await sendInterrupted(sender, config, run);
    } catch (error) {
      ctx.log.warn('could not take notifications from the queue; trying again later', { error });
      return result;
    }
    const slots = Math.min(sender.concurrency, SENDS_AT_ONCE);
    await Promise.all(Array.from({ length: slots }, () => slot(sender, config, run)));
    // Stopped by the rate limit, an outage or a lapse with claims left: they go back.
    await releaseReserve();
    if (result.sent + result.retried + result.failed + result.held > 0) {
      ctx.log.info('outbox dispatched', { channel: channel.name, ...result });
    }
    return result;
  };

  /** Waits up to `ms` for the run in progress (its sends and their writes). */
  const waitForRun = async (ms: number) => {
    if (!running) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([running, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
  };

  const dispatcher: Dispatcher = {
    runOnce() {
      if (closing) return Promise.resolve(noResult());
      running ??= runAll()
        .catch((error: unknown) => {
          ctx.log.error('sending failed', { channel: channel.name, error });
          return noResult();
        })
        .finally(() => {
          running = null;
        });
      return running;
    },

    async close(graceMs = 10_000) {
      closing = true;
      stopListening();
      stopWatchingWrites();
      clearTimeout(outage?.timer);
      await waitForRun(graceMs);
      if (inFlight.size > 0) {
        ctx.log.warn('stopped while sending; notifications in flight return to the queue', {
          channel: channel.name,
          inFlight: inFlight.size,
        });
        abandonInFlight();
        await waitForRun(graceMs);
      }
      // Written (and retried) in the background: the outbox runtime waits for it on the way out.
      void releaseReserve();
      current?.sender.close();
      current = null;
    },
  };
  return dispatcher;
}
