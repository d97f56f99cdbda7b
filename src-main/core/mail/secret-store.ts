import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { writeSecretFile } from '../files/owner-only';

/**
 * Keeps the SMTP password out of the database in plain text. The database
 * holds only what `encrypt` returns; the host decides where the secret lives
 * (Electron: safeStorage; headless: an environment variable or an owner-only
 * file). Passwords never leave the core. It is asynchronous because the core
 * runs in its own thread: the desktop app's store is a proxy to the main
 * process, which alone holds the keychain.
 */
export interface SecretStore {
  /** Where the password is kept, in words the settings form can show. */
  readonly description: string;
  /** The secret is set outside the app: `decrypt` ignores what is stored and `encrypt` refuses. */
  readonly external?: boolean;
  /** Returns the value to store in the database. */
  encrypt(plain: string): Promise<string>;
  decrypt(stored: string): Promise<string>;
}

export const SMTP_PASSWORD_ENV = 'LOWBAL_SMTP_PASSWORD';
export const SMTP_PASSWORD_FILE = 'smtp-password';
const FILE_MARKER = `file:${SMTP_PASSWORD_FILE}`;

/**
 * The headless (and default) store: the password comes from the environment
 * variable `LOWBAL_SMTP_PASSWORD` when it is set; otherwise it is written to
 * `smtp-password` in the data folder, readable only by its owner (mode 0600),
 * through a temporary file renamed over it.
 */
export function createHeadlessSecretStore(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): SecretStore {
  const fromEnv = env[SMTP_PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    return {
      description: `the environment variable ${SMTP_PASSWORD_ENV}`,
      external: true,
      async encrypt() {
        throw AppError.field(
          'password',
          `The password comes from the environment variable ${SMTP_PASSWORD_ENV}; change it there`,
        );
      },
      decrypt: async () => fromEnv,
    };
  }
  const file = path.join(dataDir, SMTP_PASSWORD_FILE);
  return {
    description: `the file ${file} (readable only by its owner)`,
    async encrypt(plain) {
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      writeSecretFile(file, plain);
      return FILE_MARKER;
    },
    async decrypt(stored) {
      if (stored !== FILE_MARKER) {
        throw new AppError(
          'unavailable',
          'The saved SMTP password was stored by another host; enter it again',
        );
      }
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        throw new AppError(
          'unavailable',
          `The SMTP password file ${file} is missing; enter the password again`,
        );
      }
    },
  };
}
