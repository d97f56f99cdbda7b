import type { CheckProgressView, CheckTrigger } from '../../shared/schemas/notification';
import type { ReadOnlyView } from '../../shared/schemas/overview';
import type { EventEmitter } from '../api/event-bus';

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

/** The engine as the handlers read it, wherever they run (a reader gets the writer's copy). */
export interface EngineState {
  /** A scheduler runs in this host (it holds the lease). */
  running: boolean;
  /** Another host holds the lease: this one is read-only. */
  readOnly: ReadOnlyView | null;
  /** The check run in progress. */
  check: CheckProgressView | null;
}

/** Thrown at a check's next step once Cancel was asked for; the profile's transaction rolls back. */
export class CheckCancelled extends Error {
  constructor() {
    super('The check was cancelled');
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One check run (one profile, every profile, or the due ones) as it goes:
 * it reports its progress as `check.progress` events and stops at its next
 * step once cancelled.
 */
export class CheckRun {
  private progress: CheckProgressView;
  private cancelRequested = false;
  private stopped = false;
  /** Clients evaluated by the profiles already finished. */
  private finishedClients = 0;

  constructor(
    private readonly events: EventEmitter,
    init: { runId: number; trigger: CheckTrigger; profileCount: number; startedAt: number },
  ) {
    this.progress = {
      ...init,
      profileIndex: 0,
      profileName: '',
      clientsEvaluated: 0,
      state: 'running',
    };
    this.publish();
  }

  view(): CheckProgressView {
    return this.progress;
  }

  /** The run stopped early because of a Cancel (a Cancel after its last step changes nothing). */
  get cancelled(): boolean {
    return this.stopped;
  }

  private update(change: Partial<CheckProgressView>) {
    this.progress = { ...this.progress, ...change };
    this.publish();
  }

  private publish() {
    this.events.emit('check.progress', this.progress);
  }

  beginProfile(index: number, profileName: string): void {
    this.update({ profileIndex: index, profileName });
  }

  /** The current profile's clients were evaluated (its e-mails are still to be written). */
  evaluating(clients: number): void {
    this.update({ clientsEvaluated: this.finishedClients + clients });
  }

  finishProfile(clients: number): void {
    this.finishedClients += clients;
    this.update({ clientsEvaluated: this.finishedClients });
  }

  /**
   * Lets other work of this thread in (messages, a Cancel, the lease's
   * heartbeat, sending) between the steps of a check, then stops the check
   * if it was cancelled.
   */
  async checkpoint(): Promise<void> {
    await nextTurn();
    if (!this.cancelRequested) return;
    this.stopped = true;
    throw new CheckCancelled();
  }

  cancel(): void {
    if (this.cancelRequested || this.progress.state !== 'running') return;
    this.cancelRequested = true;
    this.update({ state: 'cancelling' });
  }

  end(state: 'finished' | 'cancelled' | 'failed'): void {
    this.update({ state });
  }
}

/**
 * The engine's process-wide state, reachable from every handler through the
 * context: the scheduler running in this process (if any), the check run in
 * progress, and the lane that keeps check runs from overlapping.
 */
export class EngineRuntime {
  scheduler: RunningScheduler | null = null;
  private lane: Promise<unknown> = Promise.resolve();
  private current: CheckRun | null = null;
  private runs = 0;

  /**
   * Runs a check run after every earlier one has settled: `select` picks the
   * profiles once the run's turn has come (so a run never re-checks what the
   * one before it just did), and `work` checks them, reporting to the run.
   */
  checkRun<P, T>(
    events: EventEmitter,
    options: { trigger: CheckTrigger; now: () => number; select: () => Promise<P[]> },
    work: (run: CheckRun, profiles: P[]) => Promise<T>,
  ): Promise<T> {
    const exclusive = async () => {
      const profiles = await options.select();
      this.runs += 1;
      const run = new CheckRun(events, {
        runId: this.runs,
        trigger: options.trigger,
        profileCount: profiles.length,
        startedAt: options.now(),
      });
      this.current = run;
      try {
        const result = await work(run, profiles);
        run.end(run.cancelled ? 'cancelled' : 'finished');
        return result;
      } catch (error) {
        run.end(run.cancelled ? 'cancelled' : 'failed');
        throw error;
      } finally {
        this.current = null;
        events.emit('engine.changed', {});
      }
    };
    const result = this.lane.then(exclusive, exclusive);
    this.lane = result.catch(() => undefined);
    return result;
  }

  /** Resolves once no check run is in progress or waiting. */
  async settled(): Promise<void> {
    await this.lane;
  }

  /** The run in progress, as the UI shows it. */
  currentCheck(): CheckProgressView | null {
    return this.current?.view() ?? null;
  }

  /** Asks the run in progress to stop at its next step; false when none runs. */
  cancelCheck(): boolean {
    if (!this.current) return false;
    this.current.cancel();
    return true;
  }
}
