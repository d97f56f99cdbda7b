/** Every exchange with the server is bounded, so a hung server never holds the queue. */
export interface SmtpTimeouts {
  /** Until the TCP connection is open. */
  connectionMs: number;
  /** Until the server's greeting. */
  greetingMs: number;
  /** Until each reply (silence on the connection, mid-message included). */
  replyMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connectionMs: 15_000,
  greetingMs: 30_000,
  replyMs: 60_000,
};
