import type { Knex } from 'knex';
import type {
  NotificationDetailView,
  NotificationKind,
  NotificationListQuery,
  NotificationRowView,
  NotificationStatus,
} from '../../shared/schemas/notification';
import type { Page, RuleKind } from '../../shared/views';

const ROW_COLUMNS = `n.id, n.created_at, n.sent_at, n.status, n.client_id, c.name AS client_name, n.profile_id,
  n.profile_name, n.rule_kind, n.kind, n.recipient, n.subject, n.attempts, n.next_attempt_at, n.held_until,
  n.last_error, n.balance, n.available, n.threshold, n.threshold_set, n.currency_code, n.count`;

type Row = Record<string, string | number | null>;

const nullableNumber = (value: string | number | null) => (value === null ? null : Number(value));

function toRowView(row: Row): NotificationRowView {
  return {
    id: Number(row.id),
    createdAt: Number(row.created_at),
    sentAt: nullableNumber(row.sent_at),
    status: row.status as NotificationStatus,
    clientId: Number(row.client_id),
    clientName: String(row.client_name),
    profileId: nullableNumber(row.profile_id),
    profileName: String(row.profile_name),
    ruleKind: row.rule_kind as RuleKind,
    kind: row.kind as NotificationKind,
    recipient: String(row.recipient),
    subject: String(row.subject),
    attempts: Number(row.attempts),
    nextAttemptAt: row.status === 'queued' ? nullableNumber(row.next_attempt_at) : null,
    heldUntil: nullableNumber(row.held_until),
    lastError: row.last_error === null ? null : String(row.last_error),
    balance: Number(row.balance),
    available: Number(row.available),
    threshold: row.threshold_set ? Number(row.threshold) : null,
    currencyCode: String(row.currency_code),
    count: Number(row.count),
  };
}

/** The history, newest first, filtered by client, profile, status and creation date. */
export async function listNotifications(
  db: Knex,
  query: NotificationListQuery,
): Promise<Page<NotificationRowView>> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const filter = (sql: string, value: string | number | undefined) => {
    if (value === undefined) return;
    where.push(sql);
    params.push(value);
  };
  filter('n.client_id = ?', query.clientId);
  filter('n.profile_id = ?', query.profileId);
  filter('n.status = ?', query.status);
  filter('n.created_at >= ?', query.from);
  filter('n.created_at < ?', query.to);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ total }] = await db.raw<{ total: number }[]>(
    `SELECT count(*) AS total FROM notifications n ${whereSql}`,
    params,
  );
  const rows = await db.raw<Row[]>(
    `SELECT ${ROW_COLUMNS} FROM notifications n JOIN clients c ON c.id = n.client_id ${whereSql}
     ORDER BY n.created_at DESC, n.id DESC LIMIT ? OFFSET ?`,
    [...params, query.limit, query.offset],
  );
  return { rows: rows.map(toRowView), total: Number(total) };
}

export async function getNotification(db: Knex, id: number): Promise<NotificationDetailView | undefined> {
  const [row] = await db.raw<Row[]>(
    `SELECT ${ROW_COLUMNS}, n.text_body, n.html_body, n.message_id, n.check_id, n.rule_id
     FROM notifications n JOIN clients c ON c.id = n.client_id WHERE n.id = ?`,
    [id],
  );
  if (!row) return undefined;
  // The same e-mail went to every recipient of one (check, client, rule).
  const siblings: { id: number; recipient: string; status: NotificationStatus }[] =
    row.check_id === null
      ? [{ id: Number(row.id), recipient: String(row.recipient), status: row.status as NotificationStatus }]
      : await db('notifications')
          .where({ check_id: row.check_id, client_id: row.client_id, rule_id: row.rule_id })
          .orderBy('id')
          .select('id', 'recipient', 'status');
  return {
    ...toRowView(row),
    textBody: String(row.text_body),
    htmlBody: String(row.html_body),
    messageId: row.message_id === null ? null : String(row.message_id),
    checkId: nullableNumber(row.check_id),
    ruleId: nullableNumber(row.rule_id),
    recipients: siblings.map((s) => ({ id: Number(s.id), recipient: s.recipient, status: s.status })),
  };
}

export interface OutboxCounts {
  queued: number;
  sending: number;
  failed: number;
  due: number;
}

export async function outboxCounts(db: Knex, now: number): Promise<OutboxCounts> {
  const [row] = await db.raw<Record<string, number | null>[]>(
    `SELECT
       (SELECT count(*) FROM notifications WHERE status = 'queued') AS queued,
       (SELECT count(*) FROM notifications WHERE status = 'sending') AS sending,
       (SELECT count(*) FROM notifications WHERE status = 'failed') AS failed,
       (SELECT count(*) FROM notifications WHERE status = 'queued' AND next_attempt_at <= ?) AS due`,
    [now],
  );
  return {
    queued: Number(row.queued),
    sending: Number(row.sending),
    failed: Number(row.failed),
    due: Number(row.due),
  };
}
