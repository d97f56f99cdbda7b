import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** A message as the server received it: the envelope and the raw RFC 5322 text. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export type FailureStage = 'mail' | 'rcpt' | 'data';

export interface TestSmtpServer {
  readonly port: number;
  readonly received: ReceivedMail[];
  /** Every AUTH the server was offered, as the client sent it. */
  readonly authAttempts: { username: string; password: string; method?: string; accessToken?: string }[];
  /** Connections accepted so far. */
  readonly connections: number;
  /** Messages whose data arrived and whose answer is still delayed (see `answerAfter`). */
  readonly unanswered: number;
  /**
   * Called with each recipient as the client names it (RCPT TO), before the server answers; returning
   * `'hold'` leaves that command unanswered (the client waits, as for a server that hangs).
   */
  onRecipient: ((address: string) => 'hold' | void) | null;
  /** Answers the next `times` messages (default: every message until `succeed()`) with this reply. */
  fail(code: number, message: string, options?: { stage?: FailureStage; times?: number }): void;
  /** Accepts messages again. */
  succeed(): void;
  /** Answers each message this long after its data arrived (a slow server); 0 answers at once. */
  answerAfter(ms: number): void;
  /** Resolves once `count` messages have arrived in total. */
  waitForMessages(count: number, timeoutMs?: number): Promise<void>;
  /** Stops listening and drops open connections. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

interface Failure {
  code: number;
  message: string;
  stage: FailureStage;
  remaining: number;
}

function smtpError(failure: Failure): Error {
  return Object.assign(new Error(failure.message), { responseCode: failure.code });
}

/**
 * A real SMTP server in the test process (plain SMTP on 127.0.0.1, or STARTTLS / TLS with `tls`),
 * recording what nodemailer actually sends. With `auth`, it requires that
 * user and password.
 */
export async function startTestSmtpServer(
  options: {
    port?: number;
    auth?: { user: string; pass: string };
    /** Offers STARTTLS with this key and certificate (PEM), or speaks TLS from the start with `secure`. */
    tls?: { key: string; cert: string; secure?: boolean };
    /** Accepts only XOAUTH2 for this user, with a token `validToken` accepts. */
    oauth?: { user: string; validToken: (token: string) => boolean };
  } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const authAttempts: { username: string; password: string; method?: string; accessToken?: string }[] = [];
  let connections = 0;
  let unanswered = 0;
  let onRecipient: ((address: string) => 'hold' | void) | null = null;
  const waiters: { count: number; resolve: () => void }[] = [];
  let failure: Failure | null = null;
  let answerDelayMs = 0;
  let server: SMTPServer | null = null;
  let port = options.port ?? 0;

  const takeFailure = (stage: FailureStage): Error | null => {
    if (!failure || failure.stage !== stage) return null;
    const error = smtpError(failure);
    failure.remaining -= 1;
    if (failure.remaining <= 0) failure = null;
    return error;
  };

  const serverOptions: SMTPServerOptions = {
    secure: options.tls?.secure ?? false,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    disabledCommands: [
      ...(options.tls ? [] : ['STARTTLS']),
      ...(options.auth || options.oauth ? [] : ['AUTH']),
    ],
    authOptional: !options.auth && !options.oauth,
    ...(options.oauth ? { authMethods: ['XOAUTH2'] } : {}),
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 200,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      authAttempts.push({
        username: auth.username ?? '',
        password: auth.password ?? '',
        ...(options.oauth ? { method: auth.method, accessToken: auth.accessToken } : {}),
      });
      if (options.oauth) {
        if (
          auth.method === 'XOAUTH2' &&
          auth.username === options.oauth.user &&
          options.oauth.validToken(auth.accessToken ?? '')
        ) {
          callback(null, { user: auth.username });
        } else {
          callback(null, { data: { status: '401', schemes: 'bearer' } });
        }
        return;
      }
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
      }
    },
    onMailFrom(_address, _session, callback) {
      callback(takeFailure('mail'));
    },
    onRcptTo(address, _session, callback) {
      if (onRecipient?.(address.address) === 'hold') return;
      callback(takeFailure('rcpt'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      const answer = () => {
        const error = takeFailure('data');
        if (error) {
          callback(error);
          return;
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        for (const waiter of waiters.filter((w) => received.length >= w.count)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
        callback();
      };
      stream.on('end', () => {
        const delay = answerDelayMs;
        if (delay === 0) return answer();
        unanswered += 1;
        setTimeout(() => {
          unanswered -= 1;
          answer();
        }, delay);
      });
    },
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = new SMTPServer(serverOptions);
      next.on('error', () => {
        // Connection-level errors (a client going away) are expected in these tests.
      });
      next.server.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        port = (next.server.address() as AddressInfo).port;
        server = next;
        resolve();
      });
    });

  await listen();

  return {
    get port() {
      return port;
    },
    received,
    authAttempts,
    get connections() {
      return connections;
    },
    get unanswered() {
      return unanswered;
    },
    get onRecipient() {
      return onRecipient;
    },
    set onRecipient(hook) {
      onRecipient = hook;
    },
    fail(code, message, failOptions = {}) {
      failure = {
        code,
        message,
        stage: failOptions.stage ?? 'rcpt',
        remaining: failOptions.times ?? Number.POSITIVE_INFINITY,
      };
    },
    succeed() {
      failure = null;
    },
    answerAfter(ms) {
      answerDelayMs = ms;
    },
    waitForMessages(count, timeoutMs = 10_000) {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} messages, received ${received.length}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    stop() {
      const current = server;
      server = null;
      if (!current) return Promise.resolve();
      return new Promise((resolve) => current.close(() => resolve()));
    },
    restart: listen,
  };
}
