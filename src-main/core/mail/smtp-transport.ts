import net from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { singleLine } from '../../shared/header-text';
import type { SmtpConfig } from './smtp-config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** What the server said about a delivered message. */
export interface Delivery {
  messageId: string;
  response: string;
}

export interface MailSender {
  send(mail: OutgoingMail): Promise<Delivery>;
  close(): void;
}

/**
 * Hands nodemailer a TCP socket with Nagle's algorithm off, which it then
 * connects itself. nodemailer writes a message in several small chunks, so
 * with Nagle on each message on a reused (pooled) connection waited for the
 * server's delayed ACK (~40 ms): about 20 messages a second per connection.
 * nodemailer only connects such a socket in plain text, so implicit TLS keeps
 * its default socket; STARTTLS upgrades this one.
 */
function unbufferedSocket(_options: unknown, callback: (error: Error | null, socketOptions: object) => void) {
  callback(null, { socket: new net.Socket().setNoDelay(true) });
}

function connectionOptions(config: SmtpConfig): SMTPTransport.Options {
  return {
    getSocket: config.tlsMode === 'tls' ? undefined : unbufferedSocket,
    host: config.host,
    port: config.port,
    secure: config.tlsMode === 'tls',
    requireTLS: config.tlsMode === 'starttls',
    ignoreTLS: config.tlsMode === 'none',
    auth: config.user ? { user: config.user, pass: config.password } : undefined,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    // Logging stays off: nodemailer's debug output would include the AUTH exchange.
    logger: false,
  };
}

function messageOptions(config: SmtpConfig, mail: OutgoingMail) {
  return {
    from: { name: singleLine(config.fromName, 200), address: config.fromAddress },
    to: mail.to,
    subject: singleLine(mail.subject),
    text: mail.text,
    html: mail.html,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

function senderOver(
  config: SmtpConfig,
  transport: Transporter<SMTPTransport.SentMessageInfo> | Transporter<SMTPPool.SentMessageInfo>,
): MailSender {
  return {
    async send(mail) {
      const info = await transport.sendMail(messageOptions(config, mail));
      return { messageId: info.messageId, response: info.response };
    },
    close: () => transport.close(),
  };
}

/** A pooled sender for the outbox: a few connections kept open and reused. */
export function createPooledSender(config: SmtpConfig): MailSender {
  const options: SMTPPool.Options = {
    ...connectionOptions(config),
    pool: true,
    maxConnections: 5,
    maxMessages: 100,
  };
  return senderOver(config, nodemailer.createTransport(options));
}

/** A single-connection sender, for `Send test e-mail`. */
export function createSingleSender(config: SmtpConfig): MailSender {
  return senderOver(config, nodemailer.createTransport(connectionOptions(config)));
}

/** The server's own words when it answered, otherwise what went wrong. */
export function deliveryErrorText(error: unknown): string {
  if (error && typeof error === 'object') {
    const { response, message } = error as { response?: unknown; message?: unknown };
    if (typeof response === 'string' && response) return singleLine(response, 1000);
    if (typeof message === 'string' && message) return singleLine(message, 1000);
  }
  return singleLine(String(error), 1000);
}
