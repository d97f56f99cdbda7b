import { z } from 'zod';
import type { RuleCondition } from '../rule-kinds';
import type { RuleKind } from '../views';
import { id } from './common';

export const NOTIFICATION_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

const timestamp = (label: string) =>
  z
    .number({ error: `${label} must be a date` })
    .int({ error: `${label} must be a date` })
    .nonnegative({ error: `${label} must be a date` });

export const notificationListSchema = z
  .object({
    clientId: id('Client').optional(),
    profileId: id('Profile').optional(),
    status: z
      .enum(NOTIFICATION_STATUSES, { error: 'Status must be queued, sending, sent or failed' })
      .optional(),
    /** Created at or after (epoch ms). */
    from: timestamp('From').optional(),
    /** Created before (epoch ms). */
    to: timestamp('To').optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from < query.to, {
    path: ['to'],
    error: 'To must be after From',
  })
  .default({ offset: 0, limit: 100 });
export type NotificationListQuery = z.output<typeof notificationListSchema>;

export const notificationIdSchema = z.object({ id: id('Notification') });
export const notificationRetrySchema = z.object({
  ids: z.array(id('Notification')).min(1, { error: 'Choose at least one notification' }).max(1000),
});

export const checkNowSchema = z.object({ profileId: id('Profile').optional() }).default({});
export const enginePreviewSchema = z.object({
  profileId: id('Profile'),
  limit: z.number().int().min(1).max(5000).default(500),
});

/** One row of the history (without the bodies). */
/** What a notification is: what channels (the webhook's event type) read. */
export const NOTIFICATION_KINDS = ['low_balance', 'recovery'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationRowView {
  id: number;
  createdAt: number;
  sentAt: number | null;
  status: NotificationStatus;
  clientId: number;
  clientName: string;
  profileId: number | null;
  profileName: string;
  ruleKind: RuleKind;
  /** A low-balance notice, or the "balance restored" message of a recovery (SPEC §7). */
  kind: NotificationKind;
  recipient: string;
  subject: string;
  attempts: number;
  nextAttemptAt: number | null;
  /** Created in the profile's quiet hours: held until then (SPEC §7); null otherwise. */
  heldUntil: number | null;
  lastError: string | null;
  /** Amounts at the time, in `currencyCode` (the profile's currency). */
  balance: number;
  available: number;
  /** Null when the rule had no threshold (a Runway-only advanced rule). */
  threshold: number | null;
  currencyCode: string;
  /** Which notice this was since the last refill (1 = first). */
  count: number;
}

export interface NotificationDetailView extends NotificationRowView {
  textBody: string;
  htmlBody: string;
  messageId: string | null;
  checkId: number | null;
  ruleId: number | null;
  /** Every recipient of the same e-mail (same check, client and rule), this one included. */
  recipients: { id: number; recipient: string; status: NotificationStatus }[];
}

export interface SkippedItem {
  clientId: number;
  clientName: string;
  ruleKind?: RuleKind;
  address?: string | null;
  reason: string;
}

/** What a check found; also stored per check in `checks`. */
export interface CheckSummary {
  checkId: number | null;
  profileId: number;
  profileName: string;
  startedAt: number;
  finishedAt: number;
  clientsEvaluated: number;
  matches: number;
  queued: number;
  /** Matches that sent nothing because the rule's count reached Max Qty. */
  maxQtyReached: number;
  skipped: number;
  skippedReasons: { reason: string; count: number }[];
  /** The first skipped items (at most 100). */
  skippedItems: SkippedItem[];
}

export interface PreviewRow {
  clientId: number;
  clientName: string;
  ruleId: number;
  ruleKind: RuleKind;
  /** In the profile's currency. */
  available: number;
  threshold: number | null;
  /** The count this e-mail would carry (1 = first since the last refill). */
  count: number;
  recipients: string[];
  /** Which of the rule's conditions held (SPEC §7: the preview explains each match). */
  conditions: MatchCondition[];
}

/** One condition of a rule, as it held for a match, in words. */
export interface MatchCondition {
  condition: RuleCondition;
  text: string;
}

/**
 * Why a matching rule sends nothing now: its count reached Max Qty, a more
 * urgent rule matched (Only the most urgent rule), or no recipient is usable.
 * (Quiet hours delay rather than stop: see `EnginePreviewView.heldUntil`.)
 */
export type HeldBackReason = 'max_qty' | 'outranked' | 'no_recipient';

export interface HeldBackRow {
  clientId: number;
  clientName: string;
  ruleId: number;
  ruleKind: RuleKind;
  conditions: MatchCondition[];
  reason: HeldBackReason;
  reasonText: string;
}

export interface EnginePreviewView {
  profileId: number;
  profileName: string;
  currencyCode: string;
  maxQty: number;
  /** Matches that would send (the first `limit` of them in `rows`). */
  total: number;
  rows: PreviewRow[];
  /** The first matches that would send nothing, with why. */
  heldBack: HeldBackRow[];
  /** Quiet hours: a check now would hold its notices until then; null when it sends at once. */
  heldUntil: number | null;
  emails: number;
  summary: CheckSummary;
}

/** How a check run was started. */
export type CheckTrigger = 'schedule' | 'manual' | 'catch-up' | 'cli';

/** A check run as it goes: profile i of n, the clients evaluated so far, and how it ended. */
export interface CheckProgressView {
  /** Counts the runs of this process (a new run, a new id). */
  runId: number;
  trigger: CheckTrigger;
  startedAt: number;
  /** The profile being checked (1-based; `profileCount` once every profile is done). */
  profileIndex: number;
  profileCount: number;
  profileName: string;
  /** Clients evaluated so far in this run (the profiles finished, and the current one's first steps). */
  clientsEvaluated: number;
  /** `cancelling`: Cancel was asked for; the run stops at its next step and keeps what was checked. */
  state: 'running' | 'cancelling' | 'finished' | 'cancelled' | 'failed';
}

export interface EngineStatusView {
  /** A scheduler runs in this process. */
  running: boolean;
  /** The check running now, if any. */
  check: CheckProgressView | null;
  paused: boolean;
  smtpConfigured: boolean;
  queue: { queued: number; sending: number; failed: number; due: number };
  nextCheckAt: number | null;
  lastCheck: CheckSummary | null;
}
