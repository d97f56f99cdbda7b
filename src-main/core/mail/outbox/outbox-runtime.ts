import type { Knex } from 'knex';
import { describeHost } from '../../lease/describe-host';
import type { Logger } from '../../logger';
import { DEFAULT_SMTP_TIMEOUTS, type SmtpTimeouts } from '../smtp-timeouts';
import { recordOutcomes } from './outbox-repo';
import { DEFAULT_OUTCOME_TIMING, OutcomeWriter, type OutcomeWriterTiming } from './outcome-writer';
import { DEFAULT_SENDER_TIMING, SenderLease, type SenderLeaseTiming } from './sender-lease';

/** Probing an unreachable peer: the first wait, doubled after each failed probe up to the longest. */
export interface ProbeTiming {
  firstMs: number;
  longestMs: number;
}

/** The outbox's timings; tests shorten them so fault tests run in seconds. */
export interface DeliveryTuning {
  sender: SenderLeaseTiming;
  probe: ProbeTiming;
  smtpTimeouts: SmtpTimeouts;
  outcomes: OutcomeWriterTiming;
  /** The sender lease's clock: real time, also when a test moves the outbox clock. */
  clock: () => number;
}

export const DEFAULT_DELIVERY_TUNING: DeliveryTuning = {
  sender: DEFAULT_SENDER_TIMING,
  probe: { firstMs: 1_000, longestMs: 60_000 },
  smtpTimeouts: DEFAULT_SMTP_TIMEOUTS,
  outcomes: DEFAULT_OUTCOME_TIMING,
  clock: Date.now,
};

interface RuntimeDeps {
  db: Knex;
  log: Logger;
  now: () => number;
}

/**
 * The outbox's process-wide state, shared by every channel's dispatcher: this
 * process's sender lease (its claims are marked with its id) and the writer of
 * outcomes, which outlives a dispatcher stopped while its last outcomes are
 * still being written.
 */
export class OutboxRuntime {
  readonly tuning: DeliveryTuning;
  private lease: SenderLease | null = null;
  private writer: OutcomeWriter | null = null;

  constructor(
    tuning: Partial<DeliveryTuning> = {},
    private readonly runId?: string,
  ) {
    this.tuning = { ...DEFAULT_DELIVERY_TUNING, ...tuning };
  }

  senderLease(deps: RuntimeDeps): SenderLease {
    this.lease ??= new SenderLease(
      { ...deps, clock: this.tuning.clock, description: describeHost('Lowbal'), runId: this.runId },
      this.tuning.sender,
    );
    return this.lease;
  }

  outcomes(deps: RuntimeDeps): OutcomeWriter {
    this.writer ??= new OutcomeWriter(
      async (writes) => {
        const lost = await recordOutcomes(deps.db, writes, deps.now());
        if (lost.length > 0) {
          deps.log.warn('outcomes arrived after their notifications were taken back by another sender', {
            notifications: lost.join(','),
          });
        }
      },
      deps.log,
      this.tuning.outcomes,
    );
    return this.writer;
  }

  /**
   * Waits up to `graceMs` for outcomes still being written, then gives up this
   * process's sender lease. Outcomes that could not be written are left to
   * the next sweep (they count as interrupted).
   */
  async stop(log: Logger, graceMs = 10_000): Promise<void> {
    if (this.writer && this.writer.pending > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs);
      });
      const written = await Promise.race([this.writer.idle().then(() => 'written' as const), timeout]);
      clearTimeout(timer);
      if (written === 'timeout') {
        log.error('stopping with delivery outcomes not written; those notifications count as interrupted', {
          outcomes: this.writer.pending,
        });
        return;
      }
    }
    await this.lease?.stop();
  }
}
