import { singleLine } from '../../shared/header-text';
import type { SendResult } from './outbox/delivery-policy';

/** Where an SMTP exchange failed: reaching the server (connect, greeting), TLS, logging in, or sending one message. */
export type SmtpPhase = 'connect' | 'tls' | 'login' | 'send';

/** The server's own words when it answered, otherwise what went wrong. */
export function deliveryErrorText(error: unknown): string {
  const { response, message } = (error ?? {}) as { response?: unknown; message?: unknown };
  if (typeof response === 'string' && response) return singleLine(response, 1000);
  if (typeof message === 'string' && message) return singleLine(message, 1000);
  return singleLine(String(error), 1000);
}

/** nodemailer's codes for a failure about the envelope or the message (not the connection). */
const ABOUT_THE_MESSAGE = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * Sorts an SMTP failure into the outbox's four outcomes:
 * - anything before the server accepted our login (refused connection, DNS,
 *   no greeting, a TLS failure or a refused certificate, login refused) and a 421 reply ("service not available")
 *   are about the server: `unreachable`, the queue waits and no attempt is spent;
 * - a 5xx reply about this message (its sender, a recipient, its content), or
 *   an envelope nodemailer refuses itself, is `permanent`;
 * - everything else while sending (4xx, a reply timeout, a dropped connection)
 *   is `temporary`.
 */
export function classifySmtpFailure(
  error: unknown,
  phase: SmtpPhase,
): Exclude<SendResult, { kind: 'delivered' }> {
  const text = deliveryErrorText(error);
  const { responseCode, code, command } = (error ?? {}) as {
    responseCode?: unknown;
    code?: unknown;
    command?: unknown;
  };
  if (phase !== 'send' || responseCode === 421) return { kind: 'unreachable', error: text };
  const refusedLocally = command === 'API' && ABOUT_THE_MESSAGE.has(String(code));
  const permanentReply =
    typeof responseCode === 'number' &&
    responseCode >= 500 &&
    responseCode < 600 &&
    ABOUT_THE_MESSAGE.has(String(code));
  return { kind: refusedLocally || permanentReply ? 'permanent' : 'temporary', error: text };
}
