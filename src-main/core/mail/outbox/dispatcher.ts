import type { CoreContext } from '../../context';
import { loadSmtpConfig, type SmtpConfig } from '../smtp-config';
import { createPooledSender, deliveryErrorText, type MailSender } from '../smtp-transport';
import { MAX_ATTEMPTS, isPermanentFailure, retryDelayMs } from './delivery-policy';
import {
  claimDueMails,
  recordOutcomes,
  requeueSending,
  type ClaimedMail,
  type DeliveryOutcome,
} from './outbox-repo';
import { SendRateWindow } from './send-rate-window';

/** Rows claimed at a time: enough to keep the pool's connections busy. */
const CLAIM_BATCH = 50;

export interface DispatchResult {
  sent: number;
  retried: number;
  failed: number;
}

export interface Dispatcher {
  /** Sends every due queued e-mail the rate limit allows now; concurrent calls share one run. Never rejects. */
  runOnce(): Promise<DispatchResult>;
  /** Waits up to `graceMs` for sends in flight, returns the rest to the queue, closes the connections. */
  close(graceMs?: number): Promise<void>;
}

export interface DispatcherOptions {
  /** Builds the sender for a configuration (tests may wrap it). */
  createSender?: (config: SmtpConfig) => MailSender;
}

function outcomeOf(mail: ClaimedMail, error: unknown, now: number): DeliveryOutcome {
  const text = deliveryErrorText(error);
  const attempts = mail.attempts + 1;
  if (isPermanentFailure(error)) return { id: mail.id, result: 'failed', error: text };
  if (attempts >= MAX_ATTEMPTS) {
    return { id: mail.id, result: 'failed', error: `Gave up after ${attempts} attempts: ${text}` };
  }
  return { id: mail.id, result: 'retry', error: text, nextAttemptAt: now + retryDelayMs(attempts) };
}

/**
 * The outbox's sender: claims due rows (`queued → sending`), sends them
 * through one pooled SMTP transport, and records `sent`, a retry with
 * back-off, or `failed`. The transport is rebuilt when the settings change.
 */
export function createDispatcher(ctx: CoreContext, options: DispatcherOptions = {}): Dispatcher {
  const createSender = options.createSender ?? createPooledSender;
  const window = new SendRateWindow();
  const inFlight = new Set<number>();
  let sender: { key: string; sender: MailSender } | null = null;
  let running: Promise<DispatchResult> | null = null;
  let closing = false;
  // Settles the sends still waiting for the server when `close` stops waiting for them.
  let abandonSends = () => {};
  const abandoned = new Promise<never>((_resolve, reject) => {
    abandonSends = () => reject(new Error('Stopped before the server answered'));
  });
  abandoned.catch(() => {});

  const senderFor = (config: SmtpConfig): MailSender => {
    const key = JSON.stringify(config);
    if (sender?.key !== key) {
      sender?.sender.close();
      sender = { key, sender: createSender(config) };
    }
    return sender.sender;
  };

  const sendBatch = async (mails: ClaimedMail[], transport: MailSender): Promise<DeliveryOutcome[]> => {
    for (const mail of mails) inFlight.add(mail.id);
    try {
      return await Promise.all(
        mails.map((mail) =>
          Promise.race([
            transport.send({
              to: mail.recipient,
              subject: mail.subject,
              text: mail.textBody,
              html: mail.htmlBody,
            }),
            abandoned,
          ]).then(
            (delivery): DeliveryOutcome => ({ id: mail.id, result: 'sent', messageId: delivery.messageId }),
            (error: unknown) => outcomeOf(mail, error, ctx.now()),
          ),
        ),
      );
    } finally {
      for (const mail of mails) inFlight.delete(mail.id);
    }
  };

  const run = async (): Promise<DispatchResult> => {
    const result: DispatchResult = { sent: 0, retried: 0, failed: 0 };
    let config: SmtpConfig | null;
    try {
      config = await loadSmtpConfig(ctx);
    } catch (error) {
      ctx.log.warn('e-mails wait: the SMTP password cannot be read', { error });
      return result;
    }
    if (!config) return result;
    const transport = senderFor(config);
    while (!closing) {
      const allowance = window.allowance(config.rateLimit, ctx.now());
      if (allowance <= 0) break;
      const mails = await claimDueMails(ctx.db, ctx.now(), Math.min(CLAIM_BATCH, allowance));
      if (mails.length === 0) break;
      window.record(mails.length, ctx.now());
      const outcomes = await sendBatch(mails, transport);
      await recordOutcomes(ctx.db, outcomes, ctx.now());
      for (const outcome of outcomes) {
        if (outcome.result === 'sent') result.sent += 1;
        else if (outcome.result === 'retry') result.retried += 1;
        else result.failed += 1;
        if (outcome.result !== 'sent') {
          ctx.log.warn('e-mail not delivered', {
            notification: outcome.id,
            outcome: outcome.result,
            error: outcome.error,
          });
        }
      }
    }
    if (result.sent + result.retried + result.failed > 0) ctx.log.info('outbox dispatched', { ...result });
    return result;
  };

  return {
    runOnce() {
      if (closing) return Promise.resolve({ sent: 0, retried: 0, failed: 0 });
      running ??= run()
        .catch((error: unknown) => {
          ctx.log.error('sending failed', { error });
          return { sent: 0, retried: 0, failed: 0 };
        })
        .finally(() => {
          running = null;
        });
      return running;
    },

    async close(graceMs = 10_000) {
      closing = true;
      if (running) {
        let timer: NodeJS.Timeout | undefined;
        const gaveUp = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), graceMs);
        });
        const finished = await Promise.race([running.then(() => 'done' as const), gaveUp]);
        clearTimeout(timer);
        if (finished === 'timeout') {
          const requeued = await requeueSending(ctx.db, ctx.now(), [...inFlight]);
          ctx.log.warn('stopped while sending; e-mails returned to the queue', { requeued });
          abandonSends();
          await running;
        }
      }
      sender?.sender.close();
      sender = null;
    },
  };
}
