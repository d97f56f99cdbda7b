import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { isGone, thisProcess, type ProcessIdentity } from '../../lease/process-identity';
import type { Logger } from '../../logger';
import { sweepAbandoned } from './outbox-repo';

export interface SenderLeaseTiming {
  heartbeatMs: number;
  /** How long the lease outlives the last heartbeat; a sender silent this long is presumed gone. */
  ttlMs: number;
}

export const DEFAULT_SENDER_TIMING: SenderLeaseTiming = { heartbeatMs: 5_000, ttlMs: 30_000 };

/** What one sender sees of one channel's peer, for every host's status (see `delivery-status.ts`). */
export interface PeerState {
  /** Since when the peer is unreachable; null while it answers. */
  unreachableSince: number | null;
  /** The last reason it was unreachable. */
  error: string | null;
  /** When it answered again after the last outage. */
  recoveredAt: number | null;
}

export type SenderState = Record<string, PeerState>;

export interface SenderLeaseDeps {
  db: Knex;
  log: Logger;
  /** The outbox clock (next attempt times). */
  now: () => number;
  /** The lease clock (real time; the outbox clock may be moved by tests). */
  clock: () => number;
  description: string;
  /** The host's run (see `CoreOptions.runId`): a sender of the same run but another id is a crashed predecessor. */
  runId?: string;
}

/**
 * A sending process's own lease: its row in `outbox_senders`, kept alive by
 * heartbeats. Its id marks the rows it claims, so the rows of a sender that
 * is gone (lease expired, or its process no longer running on this machine)
 * can be taken back by any other sender's sweep, which runs with every
 * heartbeat, while the rows of a live one are left alone.
 *
 * A sender that cannot renew stops claiming and sending two thirds into its
 * lease, well before another one may take its rows back (`valid()`, `onLapse`).
 */
export class SenderLease {
  private identity: ProcessIdentity;
  private validUntil = 0;
  private started: Promise<void> | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private lapseTimer: NodeJS.Timeout | undefined;
  private lapsed = false;
  private failing = false;
  private registered = false;
  private readonly state: SenderState = {};
  private readonly lapseListeners = new Set<() => void>();

  constructor(
    private readonly deps: SenderLeaseDeps,
    private readonly timing: SenderLeaseTiming = DEFAULT_SENDER_TIMING,
  ) {
    this.identity = thisProcess(this.newId());
  }

  get id(): string {
    return this.identity.id;
  }

  private newId(): string {
    return this.deps.runId ? `${this.deps.runId}.${randomUUID()}` : randomUUID();
  }

  /** Gone for sure: its process stopped, or it is an earlier core of this host's run (one runs at a time). */
  private isGone(other: ProcessIdentity): boolean {
    const run = this.deps.runId;
    return (run !== undefined && other.id.startsWith(`${run}.`)) || isGone(other, this.identity);
  }

  /** Registers (once) and takes back what gone senders left; then renews every heartbeat until `stop`. */
  start(): Promise<void> {
    this.started ??= this.beat();
    return this.started;
  }

  /** Whether claims and sends are safe now: the lease was renewed recently enough. */
  valid(): boolean {
    return !this.stopped && this.deps.clock() < this.validUntil;
  }

  /** Called when the lease could not be renewed in time: everything in flight should stop. */
  onLapse(listener: () => void): () => void {
    this.lapseListeners.add(listener);
    return () => this.lapseListeners.delete(listener);
  }

  /** Records what this sender sees of a channel's peer; written at once and with every heartbeat. */
  setPeerState(channel: string, state: PeerState): void {
    this.state[channel] = state;
    if (!this.started || this.stopped) return;
    this.writeState().catch((error: unknown) =>
      this.deps.log.warn('could not record the delivery state', { error }),
    );
  }

  private async writeState(): Promise<void> {
    await this.deps
      .db('outbox_senders')
      .where({ id: this.id })
      .update({ state: JSON.stringify(this.state) });
  }

  private async renew(at: number): Promise<void> {
    const { db } = this.deps;
    const row = {
      heartbeat_at: at,
      expires_at: at + this.timing.ttlMs,
      state: JSON.stringify(this.state),
    };
    const renewed = await db('outbox_senders').where({ id: this.id }).update(row);
    if (renewed === 0) {
      if (this.registered) {
        // A sweep removed this sender while it could not renew, and took its claims back: claims
        // from now on go under a new id, so late outcomes of the old ones cannot touch them.
        this.identity = thisProcess(this.newId());
        this.deps.log.warn(
          'this sender was presumed gone and its claims were taken back; it goes on under a new id',
        );
      }
      await db('outbox_senders').insert({
        ...row,
        id: this.id,
        description: this.deps.description,
        host: this.identity.host,
        pid: this.identity.pid,
        started_at: at,
      });
      this.registered = true;
    }
  }

  private async sweep(): Promise<void> {
    const { db, log } = this.deps;
    const neighbours = (await db('outbox_senders')
      .where({ host: this.identity.host })
      .whereNot({ id: this.id })
      .select('id', 'host', 'pid')) as ProcessIdentity[];
    const gone = neighbours.filter((other) => this.isGone(other)).map((other) => other.id);
    const swept = await sweepAbandoned(db, {
      self: this.id,
      gone,
      leaseNow: this.deps.clock(),
      now: this.deps.now(),
    });
    if (swept.interrupted + swept.returned > 0) {
      log.warn('notifications left sending by a stopped Lowbal are queued again', {
        interrupted: swept.interrupted,
        returned: swept.returned,
      });
    }
    if (swept.failed > 0) {
      log.error('notifications interrupted 3 times by a stopping Lowbal are failed', {
        failed: swept.failed,
      });
    }
  }

  private async beat(): Promise<void> {
    if (this.stopped) return;
    const at = this.deps.clock();
    try {
      await this.renew(at);
      this.validUntil = at + Math.floor((this.timing.ttlMs * 2) / 3);
      this.armLapse();
      if (this.lapsed || this.failing) {
        this.deps.log.info('sender lease renewed; sending resumes');
      }
      this.lapsed = false;
      this.failing = false;
      await this.sweep();
    } catch (error) {
      if (!this.failing) this.deps.log.warn('could not renew the sender lease; retrying', { error });
      this.failing = true;
    } finally {
      this.scheduleBeat();
    }
  }

  private scheduleBeat(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.beat(), this.timing.heartbeatMs);
    this.timer.unref();
  }

  private armLapse(): void {
    clearTimeout(this.lapseTimer);
    this.lapseTimer = setTimeout(() => {
      if (this.stopped || this.valid()) return;
      this.lapsed = true;
      this.deps.log.warn('the sender lease could not be renewed in time; sending stops until it can');
      for (const listener of this.lapseListeners) listener();
    }, this.validUntil - this.deps.clock());
    this.lapseTimer.unref();
  }

  /** Stops renewing and removes the lease: this sender has nothing in flight any more. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.lapseTimer);
    if (!this.started) return;
    await this.started;
    await this.deps.db('outbox_senders').where({ id: this.id }).delete();
  }
}
