import type { Knex } from 'knex';
import type { DailyDeliveries } from '../../shared/schemas/overview';
import type { LocalDay } from './local-days';

type CountRow = Record<string, number | null>;

/** The e-mails one check queued, by what became of them (a check's e-mails carry its start time). */
export async function checkDeliveries(
  db: Knex,
  check: { checkId: number; startedAt: number },
): Promise<{ sent: number; failed: number; waiting: number }> {
  const [row] = await db.raw<CountRow[]>(
    `SELECT coalesce(sum(status = 'sent'), 0) AS sent, coalesce(sum(status = 'failed'), 0) AS failed,
       coalesce(sum(status IN ('queued', 'sending')), 0) AS waiting
     FROM notifications WHERE created_at = ? AND check_id = ?`,
    [check.startedAt, check.checkId],
  );
  return { sent: Number(row.sent), failed: Number(row.failed), waiting: Number(row.waiting) };
}

/** Queued e-mails whose earlier attempts failed for a reason worth retrying, and the latest reason. */
export async function retryingMails(db: Knex): Promise<{ retrying: number; lastRetryError: string | null }> {
  const [row] = await db.raw<Record<string, string | number | null>[]>(
    `SELECT count(*) AS retrying,
       (SELECT last_error FROM notifications WHERE status = 'queued' AND attempts > 0
        ORDER BY next_attempt_at DESC, id DESC LIMIT 1) AS last_error
     FROM notifications WHERE status = 'queued' AND attempts > 0`,
  );
  return {
    retrying: Number(row.retrying),
    lastRetryError: row.last_error === null ? null : String(row.last_error),
  };
}

/** E-mails created at or after `since` that ended `failed`. */
export async function failedSince(db: Knex, since: number): Promise<number> {
  const [row] = await db.raw<CountRow[]>(
    `SELECT count(*) AS failed FROM notifications WHERE created_at >= ? AND status = 'failed'`,
    [since],
  );
  return Number(row.failed);
}

/** Sent and failed e-mails per day, by the day each was queued; every day present, even empty ones. */
export async function dailyDeliveries(db: Knex, days: LocalDay[]): Promise<DailyDeliveries[]> {
  if (days.length === 0) return [];
  const rows = await db.raw<{ day: string; sent: number; failed: number }[]>(
    `WITH days(day, start, finish) AS (VALUES ${days.map(() => '(?, ?, ?)').join(', ')})
     SELECT d.day, coalesce(sum(n.status = 'sent'), 0) AS sent, coalesce(sum(n.status = 'failed'), 0) AS failed
     FROM days d
     LEFT JOIN notifications n
       ON n.created_at >= d.start AND n.created_at < d.finish AND n.status IN ('sent', 'failed')
     GROUP BY d.day, d.start
     ORDER BY d.start`,
    days.flatMap((day) => [day.day, day.start, day.end]),
  );
  return rows.map((row) => ({ day: String(row.day), sent: Number(row.sent), failed: Number(row.failed) }));
}

export async function countProfiles(db: Knex): Promise<number> {
  const [row] = await db.raw<CountRow[]>('SELECT count(*) AS profiles FROM profiles');
  return Number(row.profiles);
}
