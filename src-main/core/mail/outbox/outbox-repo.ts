import type { Knex } from 'knex';

/** A notification taken from the queue to be sent. */
export interface ClaimedMail {
  id: number;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  attempts: number;
}

/**
 * Moves up to `limit` due rows from `queued` to `sending` in one statement and
 * returns them: a row is claimed before it is sent, so nothing is sent twice.
 */
export async function claimDueMails(db: Knex, now: number, limit: number): Promise<ClaimedMail[]> {
  const rows = await db.raw<Record<string, string | number>[]>(
    `UPDATE notifications SET status = 'sending'
     WHERE id IN (
       SELECT id FROM notifications WHERE status = 'queued' AND next_attempt_at <= ?
       ORDER BY next_attempt_at, id LIMIT ?)
     RETURNING id, recipient, subject, text_body, html_body, attempts`,
    [now, limit],
  );
  return rows
    .map((row) => ({
      id: Number(row.id),
      recipient: String(row.recipient),
      subject: String(row.subject),
      textBody: String(row.text_body),
      htmlBody: String(row.html_body),
      attempts: Number(row.attempts),
    }))
    .sort((a, b) => a.id - b.id);
}

export type DeliveryOutcome =
  | { id: number; result: 'sent'; messageId: string }
  | { id: number; result: 'retry'; error: string; nextAttemptAt: number }
  | { id: number; result: 'failed'; error: string };

/** Records what happened to claimed rows (only rows still `sending`: a requeued row is left alone). */
export async function recordOutcomes(db: Knex, outcomes: DeliveryOutcome[], now: number): Promise<void> {
  await db.transaction(async (trx) => {
    for (const outcome of outcomes) {
      const row = trx('notifications').where({ id: outcome.id, status: 'sending' });
      const attempts = trx.raw('attempts + 1');
      if (outcome.result === 'sent') {
        await row.update({
          status: 'sent',
          attempts,
          sent_at: now,
          message_id: outcome.messageId,
          next_attempt_at: null,
        });
      } else if (outcome.result === 'retry') {
        await row.update({
          status: 'queued',
          attempts,
          last_error: outcome.error,
          next_attempt_at: outcome.nextAttemptAt,
        });
      } else {
        await row.update({ status: 'failed', attempts, last_error: outcome.error, next_attempt_at: null });
      }
    }
  });
}

/** Rows left `sending` (by a crash, or a stop that could not wait) go back to the queue, due now. */
export async function requeueSending(db: Knex, now: number, ids?: number[]): Promise<number> {
  const query = db('notifications').where({ status: 'sending' });
  if (ids) query.whereIn('id', ids);
  return query.update({ status: 'queued', next_attempt_at: now });
}

/** Failed rows → queued again, due now, with a fresh set of attempts. */
export async function requeueFailed(db: Knex, ids: number[], now: number): Promise<number> {
  return db('notifications')
    .whereIn('id', ids)
    .where({ status: 'failed' })
    .update({ status: 'queued', attempts: 0, next_attempt_at: now });
}
