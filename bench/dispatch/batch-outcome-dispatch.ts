import net from 'node:net';
import type { Knex } from 'knex';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { SmtpConfig } from '../../src-main/core/mail/smtp-config';

/** Rows claimed at a time by the dispatcher before issue 10. */
const CLAIM_BATCH = 50;

/** The socket the old transport used: Nagle off (see `connectSocket` in smtp-sender.ts). */
function unbufferedSocket(config: SmtpConfig) {
  return (_options: unknown, callback: (error: Error | null, socketOptions?: object) => void) => {
    const socket = net.connect({ host: config.host, port: config.port, noDelay: true });
    socket.once('error', (error) => callback(error));
    socket.once('connect', () => callback(null, { connection: socket }));
  };
}

/**
 * The outbox dispatcher as it was before issue 10, kept as the dispatch
 * scenario's baseline: claim 50 rows, send them all through nodemailer's
 * pooled transport (5 connections), and write the 50 outcomes in one
 * transaction only after the whole batch. Fast, but a crash re-sends
 * everything of the batch already delivered. Returns the number sent. Its
 * claims carry `claimer` (the bench core's sender lease), so that lease's
 * sweep takes them for a live sender's, as it would the new dispatcher's.
 */
export async function dispatchInBatches(
  db: Knex,
  config: SmtpConfig,
  now: number,
  claimer: string,
): Promise<number> {
  const transport = nodemailer.createTransport({
    getSocket: unbufferedSocket(config),
    host: config.host,
    port: config.port,
    ignoreTLS: true,
    pool: true,
    maxConnections: 5,
    maxMessages: 100,
    logger: false,
  } as SMTPPool.Options);
  let sent = 0;
  try {
    for (;;) {
      const rows = await db.raw<
        { id: number; recipient: string; subject: string; text_body: string; html_body: string }[]
      >(
        `UPDATE notifications SET status = 'sending', claimed_by = ?
         WHERE id IN (SELECT id FROM notifications WHERE status = 'queued' AND next_attempt_at <= ?
                      ORDER BY next_attempt_at, id LIMIT ?)
         RETURNING id, recipient, subject, text_body, html_body`,
        [claimer, now, CLAIM_BATCH],
      );
      if (rows.length === 0) return sent;
      const outcomes = await Promise.all(
        rows.map((row) =>
          transport
            .sendMail({
              from: { name: config.fromName, address: config.fromAddress },
              to: row.recipient,
              subject: row.subject,
              text: row.text_body,
              html: row.html_body,
              headers: { 'Auto-Submitted': 'auto-generated' },
            })
            .then((info) => ({ id: row.id, messageId: info.messageId })),
        ),
      );
      await db.transaction(async (trx) => {
        for (const outcome of outcomes) {
          await trx('notifications')
            .where({ id: outcome.id, status: 'sending' })
            .update({
              status: 'sent',
              attempts: trx.raw('attempts + 1'),
              sent_at: now,
              message_id: outcome.messageId,
              next_attempt_at: null,
            });
        }
      });
      sent += outcomes.length;
    }
  } finally {
    transport.close();
  }
}
