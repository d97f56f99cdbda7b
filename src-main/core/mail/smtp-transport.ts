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

const CONNECTION_TIMEOUT_MS = 30_000;

/**
 * Opens the TCP connection with Nagle's algorithm off and hands it to
 * nodemailer (which then speaks SMTP over it, upgrading it for TLS as
 * configured). nodemailer writes a message in several small chunks, so with
 * Nagle on, each message on a reused (pooled) connection waited for the
 * server's delayed ACK (~40 ms): about 20 messages a second per connection.
 */
function connectUnbuffered(config: SmtpConfig) {
  return (_options: unknown, callback: (error: Error | null, socketOptions?: object) => void) => {
    const socket = net.connect({ host: config.host, port: config.port, noDelay: true });
    const fail = (error: Error) => {
      socket.destroy();
      callback(error);
    };
    socket.setTimeout(CONNECTION_TIMEOUT_MS, () =>
      fail(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })),
    );
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.setTimeout(0);
      // nodemailer attaches its own error handler before this callback returns.
      socket.off('error', fail);
      callback(null, { connection: socket });
    });
  };
}

function connectionOptions(config: SmtpConfig): SMTPTransport.Options {
  return {
    getSocket: connectUnbuffered(config),
    host: config.host,
    port: config.port,
    secure: config.tlsMode === 'tls',
    requireTLS: config.tlsMode === 'starttls',
    ignoreTLS: config.tlsMode === 'none',
    auth: config.user ? { user: config.user, pass: config.password } : undefined,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
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
