import type { Logger } from '../../logger';
import { SENDS_AT_ONCE, type OutcomeWrite } from './outbox-repo';

export interface OutcomeWriterTiming {
  /**
   * An outcome waits at most this long for others to share its write (0: only
   * for the outcomes that arrive in the same turn of the event loop)…
   */
  gatherMs: number;
  /** …or until this many are waiting. */
  gatherCount: number;
  /** A failed write is tried again after this, doubled each time up to `longestRetryMs`. */
  firstRetryMs: number;
  longestRetryMs: number;
}

export const DEFAULT_OUTCOME_TIMING: OutcomeWriterTiming = {
  gatherMs: 0,
  gatherCount: SENDS_AT_ONCE,
  firstRetryMs: 100,
  longestRetryMs: 5_000,
};

interface Pending {
  write: OutcomeWrite;
  done: () => void;
}

/**
 * Writes send outcomes as soon as they are known: an outcome waits a couple
 * of milliseconds at most for the other slots' outcomes, and those that
 * arrive while a write is under way go in the next one, so a few share each
 * write (one commit, the costly part). A write that fails (a locked database, a
 * full disk) is retried with back-off, keeping the outcomes in memory, until it
 * succeeds: a delivered message is never left `sending` to be sent again.
 */
export class OutcomeWriter {
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private failures = 0;
  private idleWaiters: (() => void)[] = [];
  private gathered: (() => void) | null = null;
  private readonly troubleListeners = new Set<() => void>();

  constructor(
    private readonly write: (writes: OutcomeWrite[]) => Promise<void>,
    private readonly log: Logger,
    private readonly timing: OutcomeWriterTiming = DEFAULT_OUTCOME_TIMING,
  ) {}

  /** Resolves once the outcome is in the database. */
  record(write: OutcomeWrite): Promise<void> {
    return new Promise((done) => {
      this.queue.push({ write, done });
      this.writing ??= this.gather().then(() => this.drain());
      if (this.queue.length >= this.timing.gatherCount) this.gathered?.();
    });
  }

  /** Resolves after `gatherMs`, or sooner once `gatherCount` outcomes wait. */
  private gather(): Promise<void> {
    return new Promise((resolve) => {
      const gathered = () => {
        cancel();
        this.gathered = null;
        resolve();
      };
      const cancel = this.afterGatherTime(gathered);
      this.gathered = gathered;
    });
  }

  /** Calls `gathered` after `gatherMs`; returns what cancels it. */
  private afterGatherTime(gathered: () => void): () => void {
    // setTimeout(0) waits a millisecond; setImmediate runs once the outcomes already due are in.
    if (this.timing.gatherMs === 0) {
      const immediate = setImmediate(gathered);
      return () => clearImmediate(immediate);
    }
    const timer = setTimeout(gathered, this.timing.gatherMs);
    return () => clearTimeout(timer);
  }

  /** Outcomes not yet written. */
  get pending(): number {
    return this.queue.length;
  }

  /** False from a failed write until a write succeeds again. */
  get healthy(): boolean {
    return this.failures === 0;
  }

  /** Called when a write fails after writes succeeded (the first failure of a streak). */
  onTrouble(listener: () => void): () => void {
    this.troubleListeners.add(listener);
    return () => this.troubleListeners.delete(listener);
  }

  /** Resolves once every outcome recorded so far is written. */
  idle(): Promise<void> {
    if (!this.writing) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.write(batch.map((entry) => entry.write));
        if (this.failures > 0) {
          this.log.info('delivery outcomes written again', { after: this.failures, outcomes: batch.length });
        }
        this.failures = 0;
        for (const entry of batch) entry.done();
      } catch (error) {
        this.queue = [...batch, ...this.queue];
        this.failures += 1;
        const delay = Math.min(
          this.timing.firstRetryMs * 2 ** (this.failures - 1),
          this.timing.longestRetryMs,
        );
        if (this.failures === 1) {
          this.log.error('could not write delivery outcomes; keeping them and retrying', {
            outcomes: this.queue.length,
            error,
          });
          for (const listener of this.troubleListeners) listener();
        }
        await new Promise<void>((resolve) => setTimeout(resolve, delay).unref());
      }
    }
    this.writing = null;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
