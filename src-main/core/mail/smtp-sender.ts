import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import { PassThrough } from 'node:stream';
import DKIM from 'nodemailer/lib/dkim';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { singleLine } from '../../shared/header-text';
import type { ProbeResult } from './outbox/channel';
import type { SendResult } from './outbox/delivery-policy';
import type { SmtpConfig } from './smtp-config';
import { SENDS_AT_ONCE } from './outbox/outbox-repo';
import { classifySmtpFailure, type SmtpPhase } from './smtp-failure';
import { DEFAULT_SMTP_TIMEOUTS, type SmtpTimeouts } from './smtp-timeouts';
import { googleTokenSource } from './smtp-auth/google-token';
import { microsoftTokenSource } from './smtp-auth/microsoft-token';
import { xoauth2Response, type TokenSource } from './smtp-auth/token-source';
import { tlsOptions, verifyPeer, type TlsDetails } from './tls/certificate-trust';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The Message-ID header, `<…@…>`. */
  messageId: string;
}

export interface SmtpSenderOptions {
  /** Connections kept open at once (and messages in flight). */
  connections: number;
  /** A connection is closed (and a fresh one opened) after this many messages. */
  messagesPerConnection: number;
  timeouts: SmtpTimeouts;
  /** An idle connection is closed after this long. */
  idleMs: number;
}

export const POOL_SIZE = SENDS_AT_ONCE;
const DEFAULT_OPTIONS: SmtpSenderOptions = {
  connections: POOL_SIZE,
  messagesPerConnection: 100,
  timeouts: DEFAULT_SMTP_TIMEOUTS,
  idleMs: 5_000,
};

export interface SmtpSender {
  readonly concurrency: number;
  /**
   * Sends one message; resolves with what happened, never rejects. The end of
   * its data (after which the server may accept it) waits for `mayCommit`; if
   * that rejects, the message is abandoned before the server can accept it.
   */
  sendMail(mail: OutgoingMail, mayCommit?: Promise<void>): Promise<SendResult>;
  /** Connects, greets and logs in, then quits. */
  probe(): Promise<ProbeResult>;
  /** Drops every connection, sends in flight included. */
  close(): void;
}

export class PhaseError extends Error {
  constructor(
    readonly phase: SmtpPhase,
    readonly reason: unknown,
    /** The verified TLS session, when the failure came after it. */
    readonly tls: TlsDetails | null = null,
  ) {
    super('SMTP exchange failed');
  }
}

/**
 * Opens the TCP connection with Nagle's algorithm off: nodemailer writes a
 * message in several small chunks, so with Nagle on, each message on a reused
 * connection waited for the server's delayed ACK (~40 ms).
 */
function connectSocket(config: SmtpConfig, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: config.host, port: config.port, noDelay: true });
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () =>
      fail(Object.assign(new Error(`Connection timeout after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

const closedUnexpectedly = () =>
  Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' });

/**
 * One SMTP connection (nodemailer's `SMTPConnection`). An error or the end of
 * the connection settles the exchange in progress, which nodemailer itself
 * would leave waiting.
 */
export class PooledConnection {
  messages = 0;
  /** The TLS session once it is verified (null in TLS mode None). */
  tls: TlsDetails | null = null;
  gone = false;
  idleTimer: NodeJS.Timeout | undefined;
  private settle: ((error: unknown) => void) | null = null;

  private constructor(private readonly smtp: SMTPConnection) {
    smtp.on('error', (error) => this.interrupt(error));
    smtp.on('end', () => {
      this.gone = true;
      this.interrupt(closedUnexpectedly());
    });
  }

  private interrupt(error: unknown): void {
    const settle = this.settle;
    this.settle = null;
    settle?.(error);
  }

  /** Runs one exchange: resolves with its callback's value, rejects on its error or the connection's. */
  private exchange<T>(start: (done: (error: unknown, value?: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.gone) {
        reject(closedUnexpectedly());
        return;
      }
      let settled = false;
      const done = (error: unknown, value?: T) => {
        if (settled) return;
        settled = true;
        this.settle = null;
        if (error) reject(error);
        else resolve(value as T);
      };
      this.settle = done;
      start(done);
    });
  }

  static async open(
    config: SmtpConfig,
    timeouts: SmtpTimeouts,
    tokens: TokenSource | null = null,
  ): Promise<PooledConnection> {
    let socket: net.Socket;
    try {
      socket = await connectSocket(config, timeouts.connectionMs);
    } catch (error) {
      throw new PhaseError('connect', error);
    }
    const connection = new PooledConnection(
      new SMTPConnection({
        host: config.host,
        port: config.port,
        connection: socket,
        secure: config.tlsMode === 'tls',
        requireTLS: config.tlsMode === 'starttls',
        ignoreTLS: config.tlsMode === 'none',
        tls: tlsOptions(config),
        connectionTimeout: timeouts.connectionMs,
        greetingTimeout: timeouts.greetingMs,
        socketTimeout: timeouts.replyMs,
        // Logging stays off: nodemailer's debug output would include the AUTH exchange.
        logger: false,
      }),
    );
    try {
      await connection.exchange<void>((done) => connection.smtp.connect((error) => done(error)));
    } catch (error) {
      connection.close();
      throw new PhaseError((error as { code?: unknown }).code === 'ETLS' ? 'tls' : 'connect', error);
    }
    if (config.tlsMode !== 'none') {
      try {
        // nodemailer keeps its socket private; after connect() it is the TLS socket.
        connection.tls = verifyPeer((connection.smtp as unknown as { _socket: TLSSocket })._socket, config);
      } catch (error) {
        connection.close();
        throw new PhaseError('tls', error);
      }
    }
    if (config.user) {
      try {
        await connection.exchange<void>((done) =>
          connection.smtp.login(credentials(config, tokens), (error) => done(error)),
        );
      } catch (error) {
        connection.close();
        throw new PhaseError('login', error, connection.tls);
      }
    }
    return connection;
  }

  send(envelope: SMTPConnection.Envelope, message: NodeJS.ReadableStream) {
    this.messages += 1;
    return this.exchange<SMTPConnection.SentMessageInfo>((done) =>
      this.smtp.send(envelope, message as never, (error, info) => done(error, info)),
    );
  }

  quit(): void {
    this.gone = true;
    this.smtp.quit();
  }

  close(): void {
    this.gone = true;
    this.smtp.close();
  }
}

/** A password login, or XOAUTH2 with a token asked for as nodemailer needs it (a fresh one after a refusal). */
function credentials(config: SmtpConfig, tokens: TokenSource | null): SMTPConnection.Credentials {
  if (!tokens) return { user: config.user, pass: config.password };
  const oauth2 = {
    getToken(renew: boolean, callback: (error: Error | null, token?: string) => void) {
      tokens(renew).then(
        (token) => callback(null, token),
        (error: Error) => callback(error),
      );
    },
    buildXOAuth2Token: (token: string) => xoauth2Response(config.user, token),
  };
  return { user: config.user, oauth2 } as unknown as SMTPConnection.Credentials;
}

/** The token source of the settings' authentication, or null for a password. */
export function tokenSourceFor(config: SmtpConfig): TokenSource | null {
  switch (config.authMethod) {
    case 'password':
      return null;
    case 'oauth2-microsoft':
      return microsoftTokenSource(config);
    case 'oauth2-google':
      return googleTokenSource(config);
  }
}

export function composeMail(config: SmtpConfig, mail: OutgoingMail, mayCommit: Promise<void>) {
  const node = new MailComposer({
    from: { name: singleLine(config.fromName, 200), address: config.fromAddress },
    to: mail.to,
    subject: singleLine(mail.subject),
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: { 'Auto-Submitted': 'auto-generated' },
  }).compile();
  const { dkim } = config;
  if (dkim) node.processFunc((input) => new DKIM(dkim).sign(input));
  const source = node.createReadStream();
  const data = new PassThrough();
  source.pipe(data, { end: false });
  source.once('error', (error) => data.destroy(error));
  // Cut off before the end (the outbox could not record the previous outcome): the server never accepts it.
  source.once('end', () =>
    mayCommit.then(
      () => data.end(),
      (error: Error) => data.destroy(error),
    ),
  );
  return { envelope: node.getEnvelope() as SMTPConnection.Envelope, stream: data };
}

/**
 * Sends e-mail through a small pool of SMTP connections, each opened (connect,
 * greeting, TLS, login) when needed, reused for up to `messagesPerConnection`
 * messages and closed when idle. Written on nodemailer's own `SMTPConnection`
 * and `MailComposer` rather than its pooled transport, which cannot tell a
 * failure to reach the server from a failure of one message, re-sends a
 * message by itself when a connection drops, and cannot cut off sends in flight.
 */
export function createSmtpSender(config: SmtpConfig, options: Partial<SmtpSenderOptions> = {}): SmtpSender {
  const settings = { ...DEFAULT_OPTIONS, ...options };
  // One per sender: its cache keeps the token until shortly before it expires.
  const tokens = tokenSourceFor(config);
  const idle: PooledConnection[] = [];
  const open = new Set<PooledConnection>();
  let closed = false;

  const drop = (connection: PooledConnection) => {
    clearTimeout(connection.idleTimer);
    open.delete(connection);
    const index = idle.indexOf(connection);
    if (index >= 0) idle.splice(index, 1);
  };

  const acquire = async (): Promise<PooledConnection> => {
    for (let connection = idle.pop(); connection; connection = idle.pop()) {
      clearTimeout(connection.idleTimer);
      if (!connection.gone) return connection;
      open.delete(connection);
    }
    const connection = await PooledConnection.open(config, settings.timeouts, tokens);
    if (closed) {
      connection.close();
      throw new PhaseError('send', new Error('The sender was closed'));
    }
    open.add(connection);
    return connection;
  };

  const release = (connection: PooledConnection) => {
    if (closed || connection.gone || connection.messages >= settings.messagesPerConnection) {
      drop(connection);
      if (!connection.gone) connection.quit();
      return;
    }
    idle.push(connection);
    connection.idleTimer = setTimeout(() => {
      drop(connection);
      connection.quit();
    }, settings.idleMs);
    connection.idleTimer.unref();
  };

  return {
    concurrency: settings.connections,
    async sendMail(mail, mayCommit = Promise.resolve()) {
      let connection: PooledConnection;
      try {
        connection = await acquire();
      } catch (error) {
        return error instanceof PhaseError
          ? classifySmtpFailure(error.reason, error.phase)
          : classifySmtpFailure(error, 'connect');
      }
      const { envelope, stream } = composeMail(config, mail, mayCommit);
      try {
        const info = await connection.send(envelope, stream);
        release(connection);
        return { kind: 'delivered', reference: mail.messageId, response: info.response };
      } catch (error) {
        drop(connection);
        connection.close();
        return classifySmtpFailure(error, 'send');
      }
    },
    async probe() {
      try {
        const connection = await PooledConnection.open(config, settings.timeouts, tokens);
        connection.quit();
        return { reachable: true };
      } catch (error) {
        const reason = error instanceof PhaseError ? error.reason : error;
        return { reachable: false, error: classifySmtpFailure(reason, 'connect').error };
      }
    },
    close() {
      closed = true;
      for (const connection of [...open]) {
        drop(connection);
        connection.close();
      }
    },
  };
}
