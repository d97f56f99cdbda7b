import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { ReadOnlyView } from '../../shared/schemas/overview';
import type { CoreContext } from '../context';
import type { RunningScheduler } from '../engine/engine-runtime';
import type { SchedulerOptions } from '../engine/scheduler';
import { claimLease, type LeaseClaim, type LeaseRow, releaseLease, renewLease } from './lease-repo';
import { isGone, thisProcess } from './process-identity';

const LEASE_HEARTBEAT_MS = 10_000;
const LEASE_TTL_MS = 30_000;

export interface LeaseOptions {
  /** Who this host is, for the other hosts' messages (see hosts/describe-host.ts). */
  description: string;
  /**
   * Who holds the lease in the table; default: a random id per lease. A host
   * passes one id for its whole run, so the core it restarts after a crash
   * takes its lease straight back instead of waiting for it to expire.
   */
  holder?: string;
  heartbeatMs?: number;
  /** How long the lease outlives the last heartbeat; a host gone this long is taken over. */
  ttlMs?: number;
  scheduler?: SchedulerOptions;
  /** Starts the scheduler once the lease is had (tests may wrap it). */
  startScheduler?: (ctx: CoreContext, options?: SchedulerOptions) => Promise<RunningScheduler>;
}

type LeaseState =
  /** No host asked for the lease (tests, the CLI): nothing to report. */
  | { kind: 'idle' }
  /** Asked, not settled yet (the first attempt, or one that failed). */
  | { kind: 'starting' }
  | { kind: 'holding'; since: number }
  /** Another process holds it: this one is read-only. */
  | { kind: 'waiting'; holder: string; since: number }
  | { kind: 'stopped' };

function formatMoment(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * One sender per database: the scheduler runs only in the host holding the
 * lease in `scheduler_lease`. A host that cannot get it runs read-only (the
 * UI works, nothing is checked or sent here), says who holds it, and keeps
 * trying: it takes over once the holder releases the lease on a clean stop or
 * stops renewing it (crashed, killed, asleep).
 */
export class SchedulerLease {
  private state: LeaseState = { kind: 'idle' };
  private readonly identity = thisProcess(randomUUID());
  private holder = this.identity.id;
  private scheduler: RunningScheduler | null = null;
  private timer: NodeJS.Timeout | undefined;
  private lapseTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  /** Attempts and the stop run one after another, never interleaved. */
  private lane: Promise<void> = Promise.resolve();
  private reportedHolder = '';
  /** What `readOnly()` said at the last `engine.changed` this lease emitted. */
  private shown = 'null';

  /** The holder while this process runs read-only; null when it sends (or never asked). */
  readOnly(): ReadOnlyView | null {
    return this.state.kind === 'waiting' ? { holder: this.state.holder, since: this.state.since } : null;
  }

  /** Refuses work that only the lease holder may do (a check queues e-mails and counts them). */
  assertMaySend(): void {
    const readOnly = this.readOnly();
    if (!readOnly) return;
    throw new AppError(
      'read_only',
      `Checks and sending run in the ${readOnly.holder} since ${formatMoment(readOnly.since)}; ` +
        'this one is read-only until that one stops.',
    );
  }

  /**
   * Tries for the lease now (starting the scheduler if it is had), then keeps
   * renewing it, or trying again, every heartbeat until `stop`.
   */
  async start(ctx: CoreContext, options: LeaseOptions): Promise<void> {
    if (this.state.kind !== 'idle') throw new Error('The scheduler lease was already started');
    if (options.holder) this.holder = options.holder;
    this.state = { kind: 'starting' };
    const attempt = () =>
      this.attempt(ctx, options, {
        holder: this.holder,
        description: options.description,
        host: this.identity.host,
        pid: this.identity.pid,
        now: Date.now(),
        ttlMs: options.ttlMs ?? LEASE_TTL_MS,
      });
    const next = () => {
      if (this.stopping) return;
      this.timer = setTimeout(() => {
        this.lane = this.lane.then(attempt).finally(next);
      }, options.heartbeatMs ?? LEASE_HEARTBEAT_MS);
      this.timer.unref();
    };
    this.lane = attempt();
    await this.lane;
    next();
  }

  private async attempt(ctx: CoreContext, options: LeaseOptions, claim: LeaseClaim): Promise<void> {
    if (this.stopping) return;
    try {
      if (this.state.kind === 'holding') {
        if (await renewLease(ctx.db, claim)) {
          this.armLapse(ctx, claim);
          return;
        }
        ctx.log.warn('the scheduler lease was taken over; stopping the scheduler here');
        await this.stopScheduler();
        this.state = { kind: 'starting' };
      }
      const lease = await this.claim(ctx, claim);
      if (lease?.holder === this.holder) {
        this.state = { kind: 'holding', since: lease.acquiredAt };
        this.armLapse(ctx, claim);
        this.reportedHolder = '';
        ctx.log.info('scheduler lease acquired; this host checks and sends', { host: claim.description });
        // Loaded here, not up front: a core that never sends (the CLI) starts without the scheduler and SMTP.
        const start = options.startScheduler ?? (await import('../engine/scheduler')).startScheduler;
        this.scheduler = await start(ctx, options.scheduler);
      } else if (lease) {
        this.state = { kind: 'waiting', holder: lease.description, since: lease.acquiredAt };
        if (this.reportedHolder !== lease.holder) {
          this.reportedHolder = lease.holder;
          ctx.log.warn('read-only: another Lowbal checks and sends on this database', {
            holder: lease.description,
            since: new Date(lease.acquiredAt).toISOString(),
          });
        }
      }
    } catch (error) {
      ctx.log.error('scheduler lease: attempt failed; trying again', { error });
      if (this.state.kind === 'holding' && !this.scheduler) {
        await releaseLease(ctx.db, this.holder).catch(() => undefined);
        this.state = { kind: 'starting' };
      }
    }
    this.emitIfChanged(ctx);
  }

  /** Hosts show whether this one sends or is read-only: each change of that is an `engine.changed`. */
  private emitIfChanged(ctx: CoreContext): void {
    const shown = JSON.stringify(this.readOnly());
    if (shown === this.shown) return;
    this.shown = shown;
    ctx.events.emit('engine.changed', {});
  }

  /** Claims the lease, taking it at once from a holder whose process is known to be gone (a crash here). */
  private async claim(ctx: CoreContext, claim: LeaseClaim): Promise<LeaseRow | null> {
    const lease = await claimLease(ctx.db, claim);
    if (!lease || lease.holder === this.holder || lease.host === null || lease.pid === null) return lease;
    if (!isGone({ id: lease.holder, host: lease.host, pid: lease.pid }, this.identity)) return lease;
    ctx.log.info('the scheduler lease holder is gone (its process stopped); taking over', {
      holder: lease.description,
    });
    return claimLease(ctx.db, { ...claim, takeOverFrom: lease.holder });
  }

  /**
   * A holder that cannot renew its lease stops checking and sending two thirds
   * into it, before another host may take it over.
   */
  private armLapse(ctx: CoreContext, claim: LeaseClaim): void {
    const lapsesAt = claim.now + Math.floor((claim.ttlMs * 2) / 3);
    const expiresAt = claim.now + claim.ttlMs;
    clearTimeout(this.lapseTimer);
    this.lapseTimer = setTimeout(() => {
      if (this.state.kind !== 'holding' || this.stopping) return;
      ctx.log.warn(
        'the scheduler lease could not be renewed in time; checks and sending stop here until it can',
      );
      this.state = { kind: 'starting' };
      // Sends in flight get half of what is left of the lease, then are cut off.
      void this.stopScheduler(Math.max(0, Math.floor((expiresAt - Date.now()) / 2)));
    }, lapsesAt - Date.now());
    this.lapseTimer.unref();
  }

  private async stopScheduler(graceMs?: number): Promise<void> {
    const scheduler = this.scheduler;
    this.scheduler = null;
    await scheduler?.stop(graceMs);
  }

  /** Stops the scheduler (sends in flight finish or go back to the queue) and releases the lease. */
  stop(ctx: CoreContext): Promise<void> {
    if (this.stopping) return this.lane;
    this.stopping = true;
    clearTimeout(this.timer);
    clearTimeout(this.lapseTimer);
    this.lane = this.lane.then(async () => {
      await this.stopScheduler();
      if (this.state.kind === 'holding') {
        await releaseLease(ctx.db, this.holder);
        ctx.log.info('scheduler lease released');
      }
      this.state = { kind: 'stopped' };
      this.emitIfChanged(ctx);
    });
    return this.lane;
  }
}
