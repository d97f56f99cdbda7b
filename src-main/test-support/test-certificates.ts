import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCertificate {
  key: string;
  cert: string;
  fingerprint: string;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

function read(dir: string, key: string, cert: string): TestCertificate {
  const pem = fs.readFileSync(path.join(dir, cert), 'utf8');
  return {
    key: fs.readFileSync(path.join(dir, key), 'utf8'),
    cert: pem,
    fingerprint: new X509Certificate(pem).fingerprint256,
  };
}

/** Made at test time with openssl: nothing in the repository is a key. */
function inTempDir<T>(make: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-cert-'));
  try {
    return make(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const SERVER_NAMES = 'subjectAltName=IP:127.0.0.1,DNS:localhost';

/** A self-signed certificate for 127.0.0.1 / localhost. */
export function selfSignedCertificate(commonName = 'mail.test'): TestCertificate {
  return inTempDir((dir) => {
    openssl(dir, [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'key.pem',
      '-out',
      'cert.pem',
      '-days',
      '30',
      '-subj',
      `/CN=${commonName}/O=Lowbal test`,
      '-addext',
      SERVER_NAMES,
    ]);
    return read(dir, 'key.pem', 'cert.pem');
  });
}

/** A private CA and a server certificate for 127.0.0.1 / localhost that it issued. */
export function privateCaCertificates(): { ca: TestCertificate; server: TestCertificate } {
  return inTempDir((dir) => {
    openssl(dir, [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'ca-key.pem',
      '-out',
      'ca.pem',
      '-days',
      '30',
      '-subj',
      '/CN=Lowbal Test CA/O=Lowbal test',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    openssl(dir, [
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'key.pem',
      '-out',
      'server.csr',
      '-subj',
      '/CN=relay.test/O=Lowbal test',
    ]);
    fs.writeFileSync(path.join(dir, 'ext.cnf'), `${SERVER_NAMES}\n`);
    openssl(dir, [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-out',
      'cert.pem',
      '-days',
      '30',
      '-extfile',
      'ext.cnf',
    ]);
    return { ca: read(dir, 'ca-key.pem', 'ca.pem'), server: read(dir, 'key.pem', 'cert.pem') };
  });
}
