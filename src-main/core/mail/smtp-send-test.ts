import {
  SEND_TEST_STAGES,
  type SendTestMailResult,
  type SendTestStage,
  type SendTestStageResult,
} from '../../shared/schemas/mail';
import { GMAIL_SCOPE } from './smtp-auth/google-token';
import type { SmtpConfig } from './smtp-config';
import { deliveryErrorText } from './smtp-failure';
import { PhaseError, PooledConnection, composeMail, tokenSourceFor, type OutgoingMail } from './smtp-sender';
import type { SmtpTimeouts } from './smtp-timeouts';
import { CertificateRefusedError, type TlsDetails } from './tls/certificate-trust';

interface SmtpErrorFields {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
}

/** The stage a failure while sending one message belongs to, by the command nodemailer was at. */
function sendStage(error: SmtpErrorFields): SendTestStage {
  if (error.command === 'MAIL FROM') return 'sender';
  if (error.command === 'RCPT TO') return 'recipient';
  return 'data';
}

const STAGE_OF_PHASE = { connect: 'connect', tls: 'tls', login: 'auth' } as const;

/** A plain next step for the stage that failed, from the server's code and text. */
export function hintFor(stage: SendTestStage, error: SmtpErrorFields, config: SmtpConfig): string {
  const code = typeof error.responseCode === 'number' ? error.responseCode : undefined;
  const text = `${typeof error.response === 'string' ? error.response : ''} ${String((error as Error).message ?? '')}`;
  switch (stage) {
    case 'connect':
      if (config.port === 25) return 'Port 25 is blocked by many providers: try 587 (STARTTLS) or 465 (TLS)';
      if (error.code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(text))
        return 'The host name was not found: check Host';
      if (/ECONNREFUSED/.test(text) || error.code === 'ECONNREFUSED')
        return 'Nothing accepts connections on this host and port: check Host and Port (and any firewall)';
      if (/timeout/i.test(text))
        return 'The server did not answer in time: check Host and Port, or a firewall dropping the connection';
      return 'The server could not be reached: check Host and Port';
    case 'tls':
      if (error instanceof CertificateRefusedError)
        return error.previousFingerprint
          ? 'The server presents another certificate than the one you trusted: trust the new one only if you expected it'
          : "Trust this certificate's fingerprint, or paste the CA certificate that issued it, then save";
      if (/STARTTLS/i.test(text))
        return config.tlsMode === 'starttls'
          ? 'The server offers no STARTTLS on this port: try TLS mode TLS on port 465'
          : 'Check the TLS mode: port 465 usually wants TLS, port 587 STARTTLS';
      if (/wrong version|unsupported protocol|protocol version/i.test(text))
        return 'The server only speaks TLS older than 1.2 (or no TLS on this port): update the server or check the TLS mode';
      return 'The TLS handshake failed: check the TLS mode (465: TLS, 587: STARTTLS)';
    case 'auth':
      if (config.authMethod !== 'password')
        return oauthHint(config, error.code === 'ETOKEN' || /sign-in failed/.test(text));
      if (/XOAUTH2|OAUTH|5\.7\.139|basic auth/i.test(text))
        return 'The server wants OAuth2: choose OAuth2 in Authentication';
      if (code === 535 || /invalid login|authentication failed|credentials/i.test(text))
        return 'The user name or password was refused';
      if (code === 530 || code === 538)
        return 'The server wants an encrypted connection before login: choose STARTTLS or TLS';
      return 'The server refused the login: check User and Password';
    case 'sender':
      return 'The server does not accept the From address for this account: use an address this account may send as';
    case 'recipient':
      return 'The server refused the recipient: check the address, or whether this server relays for your account';
    case 'data':
      return 'The server refused the message itself: its answer says why (size, content, policy)';
  }
}

/** What to check when OAuth2 fails: the sign-in (the token endpoint refused) or the token (the server refused it). */
function oauthHint(config: SmtpConfig, signIn: boolean): string {
  if (config.authMethod === 'oauth2-microsoft')
    return signIn
      ? 'Microsoft refused the sign-in: check Tenant ID, Client ID and the client secret (and that it has not expired)'
      : 'The server refused the OAuth2 token: give the app the SMTP.SendAsApp permission (admin consent) and the mailbox to its service principal, and enable SMTP AUTH for the mailbox';
  if (!signIn)
    return `The server refused the OAuth2 token: the token must be for this mailbox (User) with the scope ${GMAIL_SCOPE}`;
  return config.googleCredential === 'service-account'
    ? `Google refused the service account: check its key, and that domain-wide delegation (Admin console → Security → API controls) grants its client ID the scope ${GMAIL_SCOPE}`
    : 'Google refused the sign-in: check Client ID, the client secret and the refresh token (revoked, or older than 7 days while the consent screen is in Testing)';
}

function failedStage(stage: SendTestStage, error: unknown, config: SmtpConfig): SendTestStageResult {
  const fields = (error ?? {}) as SmtpErrorFields;
  return {
    stage,
    status: 'failed',
    detail: deliveryErrorText(error),
    ...(typeof fields.responseCode === 'number' ? { code: fields.responseCode } : {}),
    ...(typeof fields.response === 'string' ? { serverText: fields.response } : {}),
    hint: hintFor(stage, fields, config),
  };
}

/** Every stage: those that passed, the failed one, then the rest (not reached). */
function report(passed: SendTestStageResult[], failed: SendTestStageResult): SendTestStageResult[] {
  const after = SEND_TEST_STAGES.slice(SEND_TEST_STAGES.indexOf(failed.stage) + 1);
  return [
    ...passed,
    failed,
    ...after.map((stage) => ({ stage, status: 'skipped' as const, detail: 'Not reached' })),
  ];
}

/**
 * `Send test e-mail`, one stage after the other (connect, TLS, authentication,
 * sender, recipient, data), reporting each and, for the one that failed, the
 * server's code and text and a plain hint.
 */
export async function runSendTest(
  config: SmtpConfig,
  mail: OutgoingMail,
  timeouts: SmtpTimeouts,
): Promise<SendTestMailResult> {
  const passed: SendTestStageResult[] = [];
  let connection: PooledConnection;
  try {
    connection = await PooledConnection.open(config, timeouts, tokenSourceFor(config));
  } catch (error) {
    const phase = error instanceof PhaseError ? error.phase : 'connect';
    const reason = error instanceof PhaseError ? error.reason : error;
    const stage = phase === 'send' ? 'connect' : STAGE_OF_PHASE[phase];
    if (stage !== 'connect')
      passed.push({ stage: 'connect', status: 'passed', detail: `${config.host}:${config.port} answered` });
    if (stage === 'auth') passed.push(tlsStage(config, error instanceof PhaseError ? error.tls : null));
    return {
      ok: false,
      stages: report(passed, failedStage(stage, reason, config)),
      error: deliveryErrorText(reason),
      ...(reason instanceof CertificateRefusedError
        ? {
            certificate: reason.certificate,
            certificateRefused: true,
            ...(reason.previousFingerprint ? { previousFingerprint: reason.previousFingerprint } : {}),
          }
        : {}),
    };
  }
  passed.push(
    { stage: 'connect', status: 'passed', detail: `${config.host}:${config.port} answered` },
    tlsStage(config, connection.tls),
    {
      stage: 'auth',
      status: config.user ? 'passed' : 'skipped',
      detail: config.user ? `Logged in as ${config.user}` : 'No login (User is empty)',
    },
  );
  try {
    const { envelope, stream } = composeMail(config, mail, Promise.resolve());
    const info = await connection.send(envelope, stream);
    connection.quit();
    passed.push(acceptedStage('sender', config.fromAddress), acceptedStage('recipient', mail.to), {
      stage: 'data',
      status: 'passed',
      detail: info.response,
    });
    return {
      ok: true,
      stages: passed,
      response: info.response,
      messageId: mail.messageId,
      ...(connection.tls ? { certificate: connection.tls.certificate } : {}),
    };
  } catch (error) {
    connection.close();
    const stage = sendStage((error ?? {}) as SmtpErrorFields);
    if (stage !== 'sender') passed.push(acceptedStage('sender', config.fromAddress));
    if (stage === 'data') passed.push(acceptedStage('recipient', mail.to));
    return {
      ok: false,
      stages: report(passed, failedStage(stage, error, config)),
      error: deliveryErrorText(error),
      ...(connection.tls ? { certificate: connection.tls.certificate } : {}),
    };
  }
}

function acceptedStage(stage: 'sender' | 'recipient', address: string): SendTestStageResult {
  return { stage, status: 'passed', detail: `${address} accepted` };
}

function tlsStage(config: SmtpConfig, details: TlsDetails | null): SendTestStageResult {
  if (config.tlsMode === 'none')
    return { stage: 'tls', status: 'skipped', detail: 'TLS mode None (plain SMTP)' };
  if (!details) return { stage: 'tls', status: 'passed', detail: 'Encrypted' };
  const { certificate } = details;
  return {
    stage: 'tls',
    status: 'passed',
    detail: `${details.protocol}, subject ${certificate.subject}, issuer ${certificate.issuer}, SHA-256 ${certificate.fingerprint}`,
  };
}
