import { generateKeyPairSync } from 'node:crypto';
import type { DkimRecordView } from '../../shared/schemas/mail';

/** What nodemailer's DKIM signer needs: the domain (d=), the selector (s=) and the private key. */
export interface DkimSigning {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/** A new RSA 2048 key: the private key (PEM, a secret) and the public key as DNS publishes it (base64 DER). */
export function generateDkimKey(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKey, publicKey: publicKey.toString('base64') };
}

/** The TXT record that publishes the key, once a domain, a selector and a key are there. */
export function dkimRecord(settings: {
  dkimDomain: string;
  dkimSelector: string;
  dkimPublicKey: string;
}): DkimRecordView | null {
  if (!settings.dkimDomain || !settings.dkimSelector || !settings.dkimPublicKey) return null;
  return {
    name: `${settings.dkimSelector}._domainkey.${settings.dkimDomain}`,
    value: `v=DKIM1; k=rsa; p=${settings.dkimPublicKey}`,
  };
}
