import type { CheckSummary } from '../../shared/schemas/notification';
import type { CoreContext } from '../context';
import { runCheck } from './check-profile';
import { CheckCancelled } from './engine-runtime';
import { advanceSchedule, dueProfiles, profileIdsInListOrder, type DueProfile } from './schedule-repo';

/** After a check that failed or was cancelled, the profile is tried again this soon (or after its Period, if shorter). */
const RETRY_FAILED_CHECK_MS = 15 * 60_000;

export interface CheckRunResult {
  /** The profiles checked, in order (all of them unless the run was cancelled). */
  checks: CheckSummary[];
  /** Cancel stopped the run: the profile it was checking was left as it was, and those after it too. */
  cancelled: boolean;
}

function postpone(ctx: CoreContext, profile: DueProfile): Promise<void> {
  const periodMs = profile.period_seconds * 1000;
  return advanceSchedule(ctx.db, profile.id, null, ctx.now() + Math.min(periodMs, RETRY_FAILED_CHECK_MS));
}

/**
 * Checks every profile whose next check is due, once each, as one run. A
 * profile overdue by a Period or more (the computer slept, the app was
 * closed) is checked once as a catch-up, and its next check is one Period
 * from now, not one per missed Period. A check that fails is logged and tried
 * again later; a cancelled run leaves the profiles it did not check until
 * then too, so the next tick does not start it all over again.
 */
export function runDueChecks(ctx: CoreContext): Promise<CheckRunResult> {
  const select = () => dueProfiles(ctx.db, ctx.now());
  return ctx.engine.checkRun(
    ctx.events,
    { trigger: 'schedule', now: ctx.now, select },
    async (run, profiles) => {
      const checks: CheckSummary[] = [];
      for (const [index, profile] of profiles.entries()) {
        const now = ctx.now();
        const overdue =
          profile.next_check_at !== null && now - profile.next_check_at >= profile.period_seconds * 1000;
        try {
          checks.push(await runCheck(ctx, profile.id, overdue ? 'catch-up' : 'schedule', { run, index }));
        } catch (error) {
          if (error instanceof CheckCancelled) {
            for (const left of profiles.slice(index)) await postpone(ctx, left);
            ctx.log.warn('scheduled check cancelled', { checked: index, postponed: profiles.length - index });
            return { checks, cancelled: true };
          }
          ctx.log.error('check failed', { profile: profile.id, error });
          await postpone(ctx, profile);
        }
      }
      return { checks, cancelled: false };
    },
  );
}

/** `Check now`: one profile, or every profile in list order, as one run. */
export function checkNow(ctx: CoreContext, profileId?: number): Promise<CheckRunResult> {
  const trigger = 'manual';
  const select = async () => (profileId !== undefined ? [profileId] : profileIdsInListOrder(ctx.db));
  return ctx.engine.checkRun(ctx.events, { trigger, now: ctx.now, select }, async (run, ids) => {
    const checks: CheckSummary[] = [];
    for (const [index, id] of ids.entries()) {
      try {
        checks.push(await runCheck(ctx, id, trigger, { run, index }));
      } catch (error) {
        if (!(error instanceof CheckCancelled)) throw error;
        ctx.log.info('check cancelled', { checked: index, of: ids.length });
        return { checks, cancelled: true };
      }
    }
    return { checks, cancelled: false };
  });
}
