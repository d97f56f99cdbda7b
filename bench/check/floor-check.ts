import { openLikeTheApp } from '../raw-database';
import { timed } from '../report/timing';

/** The columns of a notification that the floor copies from rows the real check queued. */
const COPIED = [
  'client_id',
  'profile_id',
  'rule_id',
  'check_id',
  'rule_kind',
  'profile_name',
  'recipient',
  'subject',
  'text_body',
  'html_body',
  'balance',
  'available',
  'threshold',
  'currency_code',
  'count',
] as const;

const SAMPLE_ROWS = 1_000;

export interface FloorResult {
  ms: number;
  lowClients: number;
}

/**
 * Baseline B of the check benchmark, the floor: in one transaction, one
 * `SELECT count(*)` over the clients with the balance predicate and a raw
 * prepared insert of `rows` outbox rows. The rows repeat the first ones the
 * real check queued, so they are as large as the real e-mails (subject, text
 * and HTML bodies). Same connection settings as the app (WAL, foreign keys).
 */
export async function floorCheck(
  file: string,
  rows: number,
  threshold: number,
  /** With a Runway (SPEC §7), the floor also scans the charges of the 28-day window once, in one aggregate. */
  burnWindowSince?: number,
): Promise<FloorResult> {
  const db = openLikeTheApp(file);
  try {
    const sample = db
      .prepare(`SELECT ${COPIED.join(', ')} FROM notifications ORDER BY id LIMIT ?`)
      .raw()
      .all(SAMPLE_ROWS) as unknown[][];
    if (sample.length === 0) throw new Error('the check queued nothing to copy');
    const countLow = db.prepare(
      `SELECT count(*) AS n FROM clients WHERE profile_id IS NOT NULL AND active = 1 AND balance + credit < ?`,
    );
    const insert = db.prepare(
      `INSERT INTO notifications (${COPIED.join(', ')}, status, attempts, next_attempt_at, created_at)
       VALUES (${COPIED.map(() => '?').join(', ')}, 'queued', 0, ?, ?)`,
    );
    const scanBurn = db.prepare(
      `SELECT count(*) AS n FROM (SELECT client_id, sum(amount) FROM balance_events
       WHERE kind = 'charge' AND at > ? GROUP BY client_id)`,
    );
    const now = Date.now();
    const { ms, value: lowClients } = await timed(() =>
      db.transaction(() => {
        const { n } = countLow.get(threshold) as { n: number };
        if (burnWindowSince !== undefined) scanBurn.get(burnWindowSince);
        for (let i = 0; i < rows; i++) insert.run(...sample[i % sample.length], now, now);
        return n;
      })(),
    );
    return { ms, lowClients };
  } finally {
    db.close();
  }
}
