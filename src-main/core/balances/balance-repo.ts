import type { Knex } from 'knex';
import type {
  BalanceChangeResult,
  BalanceEventKind,
  BalanceEventView,
  BalancePoint,
} from '../../shared/client-views';
import { AppError } from '../../shared/errors';
import type { Page } from '../../shared/views';
import { transactionConnection } from '../db/transaction-connection';

interface EventRow {
  id: number;
  at: number;
  kind: BalanceEventKind;
  amount: number;
  balance_after: number;
  note: string | null;
}

function toView(row: EventRow): BalanceEventView {
  return {
    id: row.id,
    at: row.at,
    kind: row.kind,
    amount: row.amount,
    balanceAfter: row.balance_after,
    note: row.note,
  };
}

export interface BalanceChange {
  clientId: number;
  newBalance: number;
  kind: BalanceEventKind;
  at: number;
  note: string | null;
}

/** How a new client's opening balance is recorded (when it is not zero). */
export function openingBalanceChange(clientId: number, balance: number, at: number): BalanceChange {
  return { clientId, newBalance: balance, kind: 'adjustment', at, note: 'Opening balance' };
}

/**
 * Moves each client's balance to its `newBalance`, in order, inside the
 * caller's transaction: updates the balance (and, for a charge, the last
 * charge time), resets all the client's rule counters when the balance rises
 * (SPEC §3, refill; noting the recovery notices owed, SPEC §7), and records the event with its signed amount and the
 * balance after. Prepared statements on the transaction's connection keep an
 * import's 100,000 changes fast; any failure is undone with the transaction.
 */
export async function applyBalanceChanges(
  trx: Knex.Transaction,
  changes: readonly BalanceChange[],
): Promise<BalanceChangeResult[]> {
  const connection = await transactionConnection(trx);
  const readClient = connection.prepare<[number], { balance: number; last_charge_at: number | null }>(
    'SELECT balance, last_charge_at FROM clients WHERE id = ?',
  );
  const setBalance = connection.prepare(
    'UPDATE clients SET balance = ?, last_charge_at = ?, updated_at = ? WHERE id = ?',
  );
  // A count above 0 reset by the refill owes one recovery notice where the rule's profile (still the
  // client's) sends them (SPEC §7); `recovery-notices.ts` sends it. SET reads the row's old count.
  const resetCounters = connection.prepare(
    `UPDATE rule_state SET count = 0,
       recovery_due = CASE WHEN count > 0 AND EXISTS (
         SELECT 1 FROM rules r JOIN profiles p ON p.id = r.profile_id JOIN clients c ON c.profile_id = p.id
         WHERE r.id = rule_state.rule_id AND c.id = rule_state.client_id AND p.recovery_notice = 1)
       THEN 1 ELSE recovery_due END
     WHERE client_id = ?`,
  );
  const recordEvent = connection.prepare(
    `INSERT INTO balance_events (client_id, at, kind, amount, balance_after, note) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  return changes.map((change) => {
    const client = readClient.get(change.clientId);
    if (!client) throw AppError.notFound('Client');
    const amount = change.newBalance - client.balance;
    const charged =
      change.kind === 'charge' && (client.last_charge_at === null || client.last_charge_at < change.at);
    setBalance.run(
      change.newBalance,
      charged ? change.at : client.last_charge_at,
      change.at,
      change.clientId,
    );
    const refill = amount > 0;
    if (refill) resetCounters.run(change.clientId);
    const { lastInsertRowid } = recordEvent.run(
      change.clientId,
      change.at,
      change.kind,
      amount,
      change.newBalance,
      change.note,
    );
    const event: BalanceEventView = {
      id: Number(lastInsertRowid),
      at: change.at,
      kind: change.kind,
      amount,
      balanceAfter: change.newBalance,
      note: change.note,
    };
    return { event, refill };
  });
}

/** One client's balance change: `applyBalanceChanges` with a single change. */
export async function applyBalanceChange(
  trx: Knex.Transaction,
  change: BalanceChange,
): Promise<BalanceChangeResult> {
  const [result] = await applyBalanceChanges(trx, [change]);
  return result;
}

/** A client's events, newest first. */
export async function listBalanceEvents(
  db: Knex,
  clientId: number,
  offset: number,
  limit: number,
): Promise<Page<BalanceEventView>> {
  const [{ total }] = await db('balance_events').where({ client_id: clientId }).count({ total: '*' });
  const rows: EventRow[] = await db('balance_events')
    .where({ client_id: clientId })
    .orderBy([
      { column: 'at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .offset(offset)
    .limit(limit)
    .select('id', 'at', 'kind', 'amount', 'balance_after', 'note');
  return { rows: rows.map(toView), total: Number(total) };
}

const DAY_MS = 86_400_000;
/** The balance chart covers this many days. */
export const SERIES_DAYS = 90;
/** Above this many events in the window, the series keeps one point per (UTC) day: the day's last balance. */
export const SERIES_MAX_POINTS = 500;

/**
 * The balance over the last SERIES_DAYS days (or since the client's
 * creation): the balance at the start, every change since (or each day's
 * closing balance when there are many) and the balance now.
 */
export async function balanceSeries(
  db: Knex,
  client: { id: number; createdAt: number; balance: number },
  now: number,
): Promise<BalancePoint[]> {
  const from = Math.max(now - SERIES_DAYS * DAY_MS, client.createdAt);
  const inWindow = () => db('balance_events').where({ client_id: client.id }).whereBetween('at', [from, now]);
  const [{ count }] = await inWindow().count({ count: '*' });
  const changes: { at: number; balance_after: number }[] =
    Number(count) <= SERIES_MAX_POINTS
      ? await inWindow().orderBy(['at', 'id']).select('at', 'balance_after')
      : // SQLite returns the bare column of the row holding max(at) in each group.
        await db.raw(
          `SELECT max(at) AS at, balance_after FROM balance_events
           WHERE client_id = ? AND at BETWEEN ? AND ? GROUP BY at / ${DAY_MS} ORDER BY at`,
          [client.id, from, now],
        );
  const opening = await balanceAt(db, client.id, from, client.balance);
  const first = changes[0];
  const points: BalancePoint[] = [];
  if (!first || first.at > from) points.push({ at: from, balance: opening });
  for (const change of changes) points.push({ at: change.at, balance: change.balance_after });
  if (points[points.length - 1].at < now) points.push({ at: now, balance: client.balance });
  return points;
}

/** The balance at `at`: after the last event until then, else what the first later event started from. */
async function balanceAt(db: Knex, clientId: number, at: number, currentBalance: number): Promise<number> {
  const ordered = (order: 'asc' | 'desc') =>
    db('balance_events')
      .where({ client_id: clientId })
      .orderBy([
        { column: 'at', order },
        { column: 'id', order },
      ]);
  const before: { balance_after: number } | undefined = await ordered('desc')
    .where('at', '<=', at)
    .first('balance_after');
  if (before) return before.balance_after;
  const after: { balance_after: number; amount: number } | undefined = await ordered('asc').first(
    'balance_after',
    'amount',
  );
  return after ? after.balance_after - after.amount : currentBalance;
}
