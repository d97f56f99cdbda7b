/** What a running scheduler offers the handlers (see `startScheduler`). */
export interface RunningScheduler {
  /** Sends what is due soon, without waiting for the next interval. */
  kickDispatch(): void;
  /** Runs the master tick soon (checks that are due, then sending). */
  kickTick(): void;
  /** Resolves once no tick or send run is in progress (what was kicked has been done). */
  settled(): Promise<void>;
  /** Stops ticking; in-flight sends finish (within `graceMs`, default the scheduler's) or go back to the queue. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The engine's process-wide state, reachable from every handler through the
 * context: the scheduler running in this process (if any) and the lane that
 * keeps checks from overlapping.
 */
export class EngineRuntime {
  scheduler: RunningScheduler | null = null;
  private lane: Promise<unknown> = Promise.resolve();

  /** Runs `work` after every earlier piece of exclusive work has settled. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.lane.then(work, work);
    this.lane = result.catch(() => undefined);
    return result;
  }
}
