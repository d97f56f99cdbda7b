import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { AppError } from '../../../shared/errors';
import type { CertificateView } from '../../../shared/schemas/mail';

/** What the trust of a server's certificate is decided on (part of the SMTP settings). */
export interface CertificateTrust {
  host: string;
  /** Extra CA certificate(s), PEM; '' for the system's only. */
  trustedCaPem: string;
  /** The one certificate trusted whatever its chain; '' for none. */
  trustedFingerprint: string;
}

/** The TLS session as the send test reports it. */
export interface TlsDetails {
  protocol: string;
  certificate: CertificateView;
}

/** The server's certificate did not verify and is not trusted by fingerprint. */
export class CertificateRefusedError extends Error {
  readonly code = 'ECERTREFUSED';
  constructor(
    readonly certificate: CertificateView,
    readonly reason: string,
    /** The trusted fingerprint when the server now presents another certificate. */
    readonly previousFingerprint?: string,
  ) {
    super(
      previousFingerprint
        ? `The server's certificate changed: it is now ${certificate.fingerprint} (SHA-256), the trusted one is ` +
            `${previousFingerprint}. Subject ${certificate.subject}, issuer ${certificate.issuer}, valid ` +
            `${certificate.validFrom} to ${certificate.validTo}. Trust the new one only if you expected the change.`
        : `The server's certificate is not trusted (${reason}): subject ${certificate.subject}, issuer ` +
            `${certificate.issuer}, valid ${certificate.validFrom} to ${certificate.validTo}, SHA-256 fingerprint ` +
            `${certificate.fingerprint}`,
    );
  }
}

/** "CN=mail.example.com, O=Example" from Node's multi-line distinguished name. */
function distinguishedName(text: string): string {
  return text.split('\n').filter(Boolean).join(', ');
}

export function certificateView(certificate: X509Certificate): CertificateView {
  return {
    subject: distinguishedName(certificate.subject),
    issuer: distinguishedName(certificate.issuer),
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: new Date(certificate.validTo).toISOString(),
    fingerprint: certificate.fingerprint256,
  };
}

/** The certificates in a PEM text; throws with a readable message when one does not parse. */
export function parseCaPem(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error('no certificate (-----BEGIN CERTIFICATE-----) found');
  return blocks.map((block, index) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw new Error(`certificate ${index + 1} is not a valid PEM certificate`);
    }
  });
}

/**
 * Options for nodemailer's TLS: TLS 1.2 at least, the system's CAs plus the
 * trusted one. The chain is not refused by OpenSSL itself (so that the
 * certificate can be shown and trusted by its fingerprint); `verifyPeer` decides
 * right after the handshake, before anything (AUTH above all) is sent.
 */
export function tlsOptions(trust: CertificateTrust): tls.ConnectionOptions {
  return {
    minVersion: 'TLSv1.2',
    rejectUnauthorized: false,
    ...(trust.trustedCaPem ? { ca: [...tls.rootCertificates, trust.trustedCaPem] } : {}),
  };
}

/** OpenSSL's and Node's verification codes, in the operator's words. */
const REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed CA that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'it was issued by a CA that is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'it was issued by a CA that is not trusted',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was made for another host name',
};

function reasonText(code: unknown): string {
  const text = String(code ?? 'not verified');
  return REASONS[text] ? `${REASONS[text]}, ${text}` : text;
}

/**
 * Accepts the peer when its chain and host name verify (against the system's
 * and the trusted CAs) or when its certificate is exactly the trusted one;
 * refuses it otherwise with what the operator needs to decide.
 */
export function verifyPeer(socket: tls.TLSSocket, trust: CertificateTrust): TlsDetails {
  const peer = socket.getPeerX509Certificate();
  if (!peer) throw new Error('The server presented no certificate');
  const details = { protocol: socket.getProtocol() ?? 'TLS', certificate: certificateView(peer) };
  if (socket.authorized) return details;
  const fingerprint = details.certificate.fingerprint;
  if (trust.trustedFingerprint === fingerprint) return details;
  throw new CertificateRefusedError(
    details.certificate,
    reasonText(socket.authorizationError),
    trust.trustedFingerprint || undefined,
  );
}

/** A pasted CA certificate that does not parse is refused on its field, before it could fail every connection. */
export function checkTrustedCa(pem: string, field: string): void {
  if (pem === '') return;
  try {
    parseCaPem(pem);
  } catch (error) {
    throw AppError.field(field, `Trusted CA certificate: ${(error as Error).message}`);
  }
}
