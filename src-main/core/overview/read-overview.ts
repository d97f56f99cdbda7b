import {
  OVERVIEW_DAYS,
  type EngineOverview,
  type LastCheckView,
  type OverviewView,
  type SchedulerState,
} from '../../shared/schemas/overview';
import { listClientIds } from '../clients/client-repo';
import type { CoreContext } from '../context';
import { nextCheckAt, readLastCheck } from '../engine/check-history-repo';
import { isPaused } from '../engine/engine-settings-repo';
import { readPeerStatus } from '../mail/outbox/delivery-status';
import { loadSmtpSettings } from '../mail/smtp-settings-repo';
import { outboxCounts } from '../notifications/notification-repo';
import { lastLocalDays } from './local-days';
import { checkDeliveries, countProfiles, dailyDeliveries, failedSince, retryingMails } from './overview-repo';

const DAY_MS = 24 * 60 * 60_000;

async function lastCheck(ctx: CoreContext): Promise<LastCheckView | null> {
  const check = await readLastCheck(ctx.db);
  if (!check?.checkId) return null;
  return {
    at: check.startedAt,
    profileName: check.profileName,
    queued: check.queued,
    ...(await checkDeliveries(ctx.db, { checkId: check.checkId, startedAt: check.startedAt })),
  };
}

const hostTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Whether this process checks and sends, and how the outbox stands: light
 * enough to poll. Times in its lines are in `timeZone` (default: the host's).
 */
export async function readEngineOverview(
  ctx: CoreContext,
  timeZone: string = hostTimeZone(),
): Promise<EngineOverview> {
  const { readOnly, running } = ctx.engineState();
  const paused = await isPaused(ctx.db);
  const state: SchedulerState = readOnly ? 'read-only' : paused ? 'paused' : running ? 'running' : 'stopped';
  const counts = await outboxCounts(ctx.db, ctx.now());
  return {
    state,
    paused,
    readOnly,
    smtpConfigured: (await loadSmtpSettings(ctx.db)) !== undefined,
    nextCheckAt: await nextCheckAt(ctx.db),
    lastCheck: await lastCheck(ctx),
    queue: { waiting: counts.queued + counts.sending, ...(await retryingMails(ctx.db)) },
    failedTotal: counts.failed,
    delivery: await readPeerStatus(ctx.db, { now: ctx.now(), leaseNow: ctx.outbox.tuning.clock(), timeZone }),
  };
}

/** The Overview page: the engine at a glance, the clients low now, and 30 days of deliveries. */
export async function readOverview(ctx: CoreContext, timeZone: string): Promise<OverviewView> {
  const now = ctx.now();
  return {
    ...(await readEngineOverview(ctx, timeZone)),
    failedLast24h: await failedSince(ctx.db, now - DAY_MS),
    clientsLowNow: (await listClientIds(ctx.db, { lowNow: true, active: true }, 0)).total,
    profiles: await countProfiles(ctx.db),
    daily: await dailyDeliveries(ctx.db, lastLocalDays(now, timeZone, OVERVIEW_DAYS)),
  };
}
