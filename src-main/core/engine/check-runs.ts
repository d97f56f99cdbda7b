import type { CheckSummary } from '../../shared/schemas/notification';
import type { CoreContext } from '../context';
import { runCheck } from './check-profile';
import { advanceSchedule, dueProfiles, profileIdsInListOrder, type CheckTrigger } from './evaluation-repo';

/** After a check that failed, the profile is tried again this soon (or after its Period, if shorter). */
const RETRY_FAILED_CHECK_MS = 15 * 60_000;

/** Checks one profile in the engine's lane, so no two checks overlap. */
function checkProfile(ctx: CoreContext, profileId: number, trigger: CheckTrigger): Promise<CheckSummary> {
  return ctx.engine.exclusive(() => runCheck(ctx, profileId, trigger));
}

/**
 * Checks every profile whose next check is due, once each. A profile overdue
 * by a Period or more (the computer slept, the app was closed) is checked
 * once as a catch-up, and its next check is one Period from now, not one
 * per missed Period. A check that fails is logged and tried again later.
 */
export async function runDueChecks(ctx: CoreContext): Promise<CheckSummary[]> {
  const now = ctx.now();
  const summaries: CheckSummary[] = [];
  for (const profile of await dueProfiles(ctx.db, now)) {
    const periodMs = profile.period_seconds * 1000;
    const overdue = profile.next_check_at !== null && now - profile.next_check_at >= periodMs;
    try {
      summaries.push(await checkProfile(ctx, profile.id, overdue ? 'catch-up' : 'schedule'));
    } catch (error) {
      ctx.log.error('check failed', { profile: profile.id, error });
      await advanceSchedule(ctx.db, profile.id, null, ctx.now() + Math.min(periodMs, RETRY_FAILED_CHECK_MS));
    }
  }
  return summaries;
}

/** `Check now`: one profile, or every profile in list order. */
export async function checkNow(ctx: CoreContext, profileId?: number): Promise<CheckSummary[]> {
  if (profileId !== undefined) return [await checkProfile(ctx, profileId, 'manual')];
  const summaries: CheckSummary[] = [];
  for (const id of await profileIdsInListOrder(ctx.db)) summaries.push(await checkProfile(ctx, id, 'manual'));
  return summaries;
}
