import type { Knex } from 'knex';
import type { NotificationKind } from '../../../shared/schemas/notification';
import type { RuleKind } from '../../../shared/views';
import { CHANNELS } from '../../channels/registry';
import { transactionConnection } from '../../db/transaction-connection';

/** One rendered notice for one target on one channel, as the engine hands it to the outbox. */
export interface OutboundMessage {
  channel: string;
  /** Where it goes on its channel (an e-mail address, …); checked by the engine against the channel. */
  target: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  clientId: number;
  profileId: number;
  profileName: string;
  ruleId: number;
  ruleKind: RuleKind;
  kind: NotificationKind;
  /** The recovery notices of a refill belong to no check. */
  checkId: number | null;
  /** Profile currency units. */
  balance: number;
  available: number;
  /** Null for a rule without a threshold (Runway only). */
  threshold: number | null;
  currencyCode: string;
  /** Which notice of its (client, rule) this is. */
  count: number;
}

/**
 * Puts messages in the outbox, `queued` and due now, or held until `heldUntil`
 * (the opening of the profile's quiet hours): the only writer of new outbox rows. Written through one prepared statement on the transaction's
 * connection: the bodies are large, so they are neither built into a query
 * nor copied through a temp table. Returns how many were queued.
 */
export async function enqueue(
  trx: Knex.Transaction,
  messages: OutboundMessage[],
  now: number,
  heldUntil: number | null = null,
): Promise<number> {
  const connection = await transactionConnection(trx);
  const insert = connection.prepare(
    `INSERT INTO notifications (channel, recipient, subject, text_body, html_body, client_id, profile_id,
       profile_name, rule_id, rule_kind, kind, check_id, balance, available, threshold, threshold_set,
       currency_code, count, status, attempts, next_attempt_at, held_until, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)`,
  );
  for (const m of messages) {
    // A message for a channel no sender serves would wait forever: refuse it loudly instead.
    if (!CHANNELS.has(m.channel)) throw new Error(`Unknown channel "${m.channel}"`);
    insert.run(
      m.channel,
      m.target,
      m.subject,
      m.textBody,
      m.htmlBody,
      m.clientId,
      m.profileId,
      m.profileName,
      m.ruleId,
      m.ruleKind,
      m.kind,
      m.checkId,
      m.balance,
      m.available,
      m.threshold ?? 0,
      m.threshold === null ? 0 : 1,
      m.currencyCode,
      m.count,
      heldUntil ?? now,
      heldUntil,
      now,
    );
  }
  return messages.length;
}
