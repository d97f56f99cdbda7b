import type { Knex } from 'knex';

/** A notification taken from the queue by one sender, to be sent now. */
export interface ClaimedMessage {
  id: number;
  recipient: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  /** The sender that claimed it (its lease id at the time): the outcome is written only under that claim. */
  claimedBy: string;
  /** Attempts before this one. */
  attempts: number;
  /** Sends of it cut short by a crash so far. */
  interruptions: number;
  /** The first temporary failure, from which the retry time runs; null before any. */
  retrySince: number | null;
}

type Row = Record<string, string | number | null>;

function toClaimed(row: Row): ClaimedMessage {
  return {
    id: Number(row.id),
    recipient: String(row.recipient),
    subject: String(row.subject),
    textBody: String(row.text_body),
    htmlBody: String(row.html_body),
    claimedBy: String(row.claimed_by),
    attempts: Number(row.attempts),
    interruptions: Number(row.interruptions),
    retrySince: row.retry_since === null ? null : Number(row.retry_since),
  };
}

export interface ClaimRequest {
  /** Only this channel's rows: each channel has its own sender. */
  channel: string;
  /** The claiming sender's id (`outbox_senders.id`). */
  claimer: string;
  now: number;
  limit: number;
  /**
   * Claim only messages a crash interrupted before: they are sent one at a
   * time, on their own, so a message that crashes the sender takes no other
   * message down with it. Otherwise only messages never interrupted.
   */
  interrupted: boolean;
}

/**
 * Moves up to `limit` due rows from `queued` to `sending`, recording the
 * claimer and the time, in one statement, and returns them in queue order.
 */
export async function claimDue(db: Knex, request: ClaimRequest): Promise<ClaimedMessage[]> {
  const rows = await db.raw<Row[]>(
    `UPDATE notifications SET status = 'sending', claimed_by = ?, claimed_at = ?
     WHERE id IN (
       SELECT id FROM notifications
       WHERE status = 'queued' AND channel = ? AND interruptions ${request.interrupted ? '>' : '='} 0 AND next_attempt_at <= ?
       ORDER BY next_attempt_at, id LIMIT ?)
     RETURNING id, recipient, subject, text_body, html_body, claimed_by, attempts, interruptions, retry_since`,
    [request.claimer, request.now, request.channel, request.now, request.limit],
  );
  return rows.map(toClaimed).sort((a, b) => a.id - b.id);
}

/** What becomes of one claimed message (`claimer`: who claimed it), as the outbox writes it. */
export type OutcomeWrite =
  | { id: number; claimer: string; kind: 'sent'; messageId: string }
  | {
      id: number;
      claimer: string;
      kind: 'retry';
      error: string;
      nextAttemptAt: number;
      retrySince: number;
    }
  | { id: number; claimer: string; kind: 'failed'; error: string }
  /** Back to the queue, due as before, no attempt spent (the peer was unreachable; the sender stopped). */
  | { id: number; claimer: string; kind: 'held'; error: string }
  /** Claimed but never sent: back to the queue as it was. */
  | { id: number; claimer: string; kind: 'returned' };

type SentWrite = Extract<OutcomeWrite, { kind: 'sent' }>;
type OtherWrite = Exclude<OutcomeWrite, { kind: 'sent' }>;

function changesOf(write: OtherWrite, attempts: Knex.Raw): Record<string, unknown> {
  switch (write.kind) {
    case 'retry':
      return {
        status: 'queued',
        attempts,
        last_error: write.error,
        next_attempt_at: write.nextAttemptAt,
        retry_since: write.retrySince,
      };
    case 'failed':
      return { status: 'failed', attempts, last_error: write.error, next_attempt_at: null };
    case 'held':
      return { status: 'queued', last_error: write.error };
    case 'returned':
      return { status: 'queued' };
  }
}

/** Rows still under the claim that took them: `sending`, claimed by `claimer`. */
function stillClaimed(query: Knex.QueryBuilder, claimer: string, ids: number[]) {
  return query.whereIn('id', ids).where({ status: 'sending', claimed_by: claimer });
}

/** The deliveries of one claimer in one statement (most outcomes are these), each with its own reference. */
async function recordSent(trx: Knex, claimer: string, sent: SentWrite[], now: number): Promise<number[]> {
  const ids = sent.map((write) => write.id);
  const references = trx.raw(
    `CASE id ${sent.map(() => 'WHEN ? THEN ?').join(' ')} END`,
    sent.flatMap((write) => [write.id, write.messageId]),
  );
  const changed = await stillClaimed(trx('notifications'), claimer, ids).update({
    status: 'sent',
    attempts: trx.raw('attempts + 1'),
    sent_at: now,
    message_id: references,
    next_attempt_at: null,
  });
  if (changed === ids.length) return [];
  const landed = new Set(
    (await trx('notifications')
      .whereIn('id', ids)
      .where({ status: 'sent', claimed_by: claimer, sent_at: now })
      .pluck('id')) as number[],
  );
  return ids.filter((id) => !landed.has(id));
}

/**
 * Records outcomes, each only if its row is still under the claim that took
 * it: `sending`, claimed by the same sender id. A sender whose claims were
 * taken back (a sweep presumed it gone) claims under a new id from then on,
 * so a late outcome of the old claim cannot overwrite what happened since.
 * Several outcomes go in one transaction (one commit). Returns the ids whose
 * claim was lost.
 */
export async function recordOutcomes(db: Knex, writes: OutcomeWrite[], now: number): Promise<number[]> {
  const sentBy = new Map<string, SentWrite[]>();
  const others: OtherWrite[] = [];
  for (const write of writes) {
    if (write.kind === 'sent') sentBy.set(write.claimer, [...(sentBy.get(write.claimer) ?? []), write]);
    else others.push(write);
  }
  const writeAll = async (trx: Knex) => {
    const lost: number[] = [];
    for (const [claimer, sent] of sentBy) lost.push(...(await recordSent(trx, claimer, sent, now)));
    for (const write of others) {
      const changed = await stillClaimed(trx('notifications'), write.claimer, [write.id]).update(
        changesOf(write, trx.raw('attempts + 1')),
      );
      if (changed === 0) lost.push(write.id);
    }
    return lost;
  };
  // One statement is atomic on its own.
  return sentBy.size + others.length === 1 ? writeAll(db) : db.transaction(writeAll);
}

/** After this many sends cut short by a crash, a message is failed rather than sent again. */
export const MAX_INTERRUPTIONS = 3;

/**
 * Messages one sender sends at once (its slots). A slot starts its next
 * message while the previous outcome is being written, but that message
 * cannot be accepted before the write lands: at most one delivery per slot is
 * ever unrecorded, at most two messages per slot have been started and not
 * recorded. A sender claims more than that at a time and starts them in
 * claim order (time, then id), so of the rows it left `sending`, only the
 * first `2 × SENDS_AT_ONCE` (in that order) can have been in flight.
 */
export const SENDS_AT_ONCE = 5;
const STARTED_AT_MOST = 2 * SENDS_AT_ONCE;

export const INTERRUPTED_AGAIN =
  'Interrupted: Lowbal stopped (crashed or was killed) while sending it; it is sent again, on its own';
export const INTERRUPTED_TOO_OFTEN = `Interrupted ${MAX_INTERRUPTIONS} times: Lowbal stopped while sending it each time, so it is not sent again automatically (Retry sends it once more)`;

export interface SweepRequest {
  /** This sender: never swept (it knows what it has in flight). */
  self: string;
  /** Senders known to be gone although their lease has not expired (see `isGone`). */
  gone: string[];
  /** The lease clock: senders whose lease expired before it are gone. */
  leaseNow: number;
  /** The outbox clock (next attempt). */
  now: number;
}

export interface SweepResult {
  /** Sends cut short, queued again. */
  interrupted: number;
  /** Sends cut short for the last time, failed. */
  failed: number;
  /** Claimed but not yet sent, queued again as they were. */
  returned: number;
}

/**
 * Takes back the rows left `sending` by senders that are gone (their lease
 * expired, or their process is known to have stopped) and removes those
 * senders. The rows that may have been in flight (see `SENDS_AT_ONCE`) count
 * an attempt and an interruption, the third one failing the message; the
 * others go back to the queue untouched.
 */
export async function sweepAbandoned(db: Knex, request: SweepRequest): Promise<SweepResult> {
  return db.transaction(async (trx) => {
    const goneSenders = () =>
      trx('outbox_senders')
        .whereNot('id', request.self)
        .andWhere((where) => {
          where.where('expires_at', '<', request.leaseNow);
          where.orWhereIn('id', request.gone);
        });
    const abandoned = () =>
      trx('notifications')
        .where('status', 'sending')
        .andWhere((where) =>
          where
            .whereNull('claimed_by')
            .orWhere((claimed) =>
              claimed
                .whereNot('claimed_by', request.self)
                .whereNotIn(
                  'claimed_by',
                  trx('outbox_senders').select('id').whereNotIn('id', goneSenders().select('id')),
                ),
            ),
        );
    const places = trx.raw('row_number() over (partition by claimed_by order by claimed_at, id) as place');
    const ranked = (await abandoned().select('id', 'interruptions', places)) as {
      id: number;
      interruptions: number;
      place: number;
    }[];
    const inFlight = ranked.filter((row) => Number(row.place) <= STARTED_AT_MOST);
    const lastChance = inFlight
      .filter((row) => row.interruptions >= MAX_INTERRUPTIONS - 1)
      .map((row) => row.id);
    const again = inFlight.filter((row) => row.interruptions < MAX_INTERRUPTIONS - 1).map((row) => row.id);
    const untouched = ranked.filter((row) => Number(row.place) > STARTED_AT_MOST).map((row) => row.id);
    const interruption = { attempts: trx.raw('attempts + 1'), interruptions: trx.raw('interruptions + 1') };
    // A gone sender left at most a claim batch or two: the id lists stay short.
    const update = (ids: number[], changes: Record<string, unknown>) =>
      trx('notifications').whereIn('id', ids).update(changes);
    await update(lastChance, {
      ...interruption,
      status: 'failed',
      next_attempt_at: null,
      last_error: INTERRUPTED_TOO_OFTEN,
    });
    await update(again, {
      ...interruption,
      status: 'queued',
      next_attempt_at: request.now,
      last_error: INTERRUPTED_AGAIN,
    });
    await update(untouched, { status: 'queued' });
    await goneSenders().delete();
    return { interrupted: again.length, failed: lastChance.length, returned: untouched.length };
  });
}

/** Failed rows → queued again, due now, with a fresh set of attempts. */
export async function requeueFailed(db: Knex, ids: number[], now: number): Promise<number> {
  return db('notifications').whereIn('id', ids).where({ status: 'failed' }).update({
    status: 'queued',
    attempts: 0,
    interruptions: 0,
    retry_since: null,
    next_attempt_at: now,
  });
}
