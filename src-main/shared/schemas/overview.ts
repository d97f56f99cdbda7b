import { z } from 'zod';
import type { PeerStatusView } from './delivery';

/** Days the Overview's chart covers, today included. */
export const OVERVIEW_DAYS = 30;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const overviewInputSchema = z
  .object({
    /** IANA name of the zone whose calendar days the chart counts in (the viewer's); default the host's. */
    timeZone: z
      .string()
      .max(100)
      .refine(isTimeZone, { error: 'Time zone is not a known IANA time zone name' })
      .optional(),
  })
  .default({});

/** Another process holds the scheduler lease: this one runs read-only. */
export interface ReadOnlyView {
  /** Who sends, e.g. "desktop app on host office-pc (pid 4242)". */
  holder: string;
  /** Since when it holds the lease (epoch ms). */
  since: number;
}

/** What the scheduler is doing, from this process's point of view, most telling first. */
export type SchedulerState = 'read-only' | 'paused' | 'running' | 'stopped';

/** The latest check and what became of the e-mails it queued. */
export interface LastCheckView {
  at: number;
  profileName: string;
  queued: number;
  sent: number;
  failed: number;
  /** Still waiting in the outbox (queued or sending). */
  waiting: number;
}

/** The status line of the tray, and the top of the Overview. */
export interface EngineOverview {
  state: SchedulerState;
  paused: boolean;
  readOnly: ReadOnlyView | null;
  smtpConfigured: boolean;
  nextCheckAt: number | null;
  lastCheck: LastCheckView | null;
  /** The outbox: e-mails waiting to be sent (queued or sending), and of those already retried. */
  queue: { waiting: number; retrying: number; lastRetryError: string | null };
  /** Every e-mail that ended `failed`, ever. */
  failedTotal: number;
  /** Each channel's peer: reachable, unreachable since when, or answering again. */
  delivery: PeerStatusView[];
}

export interface DailyDeliveries {
  /** The calendar day, `YYYY-MM-DD`, in the requested time zone. */
  day: string;
  sent: number;
  failed: number;
}

export interface OverviewView extends EngineOverview {
  /** E-mails created in the last 24 hours that ended `failed`. */
  failedLast24h: number;
  /** Active clients below an on-rule threshold of their profile right now. */
  clientsLowNow: number;
  profiles: number;
  /** The last 30 days, oldest first, by the day each e-mail was queued. */
  daily: DailyDeliveries[];
}
