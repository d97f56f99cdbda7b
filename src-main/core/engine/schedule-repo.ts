import type { Knex } from 'knex';
import type { CheckTrigger } from '../../shared/schemas/notification';
import type { ProfileForCheck } from './evaluation-repo';

/* The scheduling queries of checks: which profiles are due, the check rows, the next check. */

export async function insertCheckRow(
  trx: Knex.Transaction,
  profile: ProfileForCheck,
  trigger: CheckTrigger,
  now: number,
): Promise<number> {
  const [row] = await trx('checks')
    .insert({ profile_id: profile.id, profile_name: profile.name, trigger, started_at: now })
    .returning('id');
  return (row as { id: number }).id;
}

export type { CheckTrigger };

export async function finishCheckRow(
  trx: Knex.Transaction,
  checkId: number,
  summary: {
    finishedAt: number;
    clientsEvaluated: number;
    matches: number;
    queued: number;
    skipped: number;
    detail: unknown;
  },
): Promise<void> {
  await trx('checks')
    .where({ id: checkId })
    .update({
      finished_at: summary.finishedAt,
      clients_evaluated: summary.clientsEvaluated,
      matches: summary.matches,
      queued: summary.queued,
      skipped: summary.skipped,
      skipped_detail: JSON.stringify(summary.detail),
    });
}

export interface DueProfile {
  id: number;
  next_check_at: number | null;
  period_seconds: number;
}

/** The profiles whose next check is due (or never scheduled), most overdue first. */
export async function dueProfiles(db: Knex, now: number): Promise<DueProfile[]> {
  return db('profiles')
    .where((q) => q.whereNull('next_check_at').orWhere('next_check_at', '<=', now))
    .orderBy([{ column: 'next_check_at' }, { column: 'id' }])
    .select('id', 'next_check_at', 'period_seconds');
}

/** Every profile, in the order of the Profiles list. */
export async function profileIdsInListOrder(db: Knex): Promise<number[]> {
  return db('profiles').orderBy(['sort_order', 'name', 'id']).pluck('id');
}

/** After a check: the next one is one Period from now, however many were missed. */
export async function advanceSchedule(
  db: Knex,
  profileId: number,
  checkedAt: number | null,
  nextCheckAt: number,
): Promise<void> {
  const columns: Record<string, number> = { next_check_at: nextCheckAt };
  if (checkedAt !== null) columns.last_check_at = checkedAt;
  await db('profiles').where({ id: profileId }).update(columns);
}
