import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { writeSecretFile } from '../files/owner-only';
import type { Logger } from '../logger';

/**
 * Keeps secrets (the SMTP password, OAuth2 client secrets and refresh tokens,
 * keys) out of the database in plain text. The database holds only what
 * `encrypt` returns, one value per secret; the host decides where the secret
 * lives (Electron: safeStorage; headless: one owner-only file per secret).
 * Secrets never leave the core. It is asynchronous because the core runs in
 * its own thread: the desktop app's store is a proxy to the main process,
 * which alone holds the keychain.
 */
export interface SecretStore {
  /** Where secrets are kept, in words the settings form can show. */
  readonly description: string;
  /**
   * The SMTP password is set outside the app (`LOWBAL_SMTP_PASSWORD`): the core
   * reads it as `decrypt(SMTP_PASSWORD_FROM_ENV)` and refuses a typed one.
   */
  readonly external?: boolean;
  /** Returns the value to store in the database. */
  encrypt(plain: string): Promise<string>;
  decrypt(stored: string): Promise<string>;
  /** Forgets a stored value that nothing refers to any more (a replaced secret); a store that keeps nothing itself has none. */
  discard?(stored: string): Promise<void>;
}

export const SMTP_PASSWORD_ENV = 'LOWBAL_SMTP_PASSWORD';
/** What the core decrypts for the SMTP password when the store is `external`. */
export const SMTP_PASSWORD_FROM_ENV = `env:${SMTP_PASSWORD_ENV}`;
/** The one file of the single-secret store, whose `file:smtp-password` values still decrypt. */
export const SMTP_PASSWORD_FILE = 'smtp-password';
export const SECRETS_FOLDER = 'secrets';

const LEGACY_MARKER = `file:${SMTP_PASSWORD_FILE}`;
const FILE_MARKER = new RegExp(
  `^file:${SECRETS_FOLDER}/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`,
);

export const STORED_ELSEWHERE_MESSAGE =
  'A saved secret was stored by another host; enter it again in Settings';

/**
 * The headless (and default) store: each secret is a file of its own in the
 * `secrets` folder of the data folder, readable only by its owner (0600, the
 * folder 0700), written through a temporary file renamed over it; the stored
 * value names the file. With `LOWBAL_SMTP_PASSWORD` set, the SMTP password is
 * that variable's value and the other secrets still go to files.
 */
export function createHeadlessSecretStore(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): SecretStore {
  const fromEnv = env[SMTP_PASSWORD_ENV];
  const external = fromEnv !== undefined && fromEnv !== '';
  const folder = path.join(dataDir, SECRETS_FOLDER);
  const fileOf = (stored: string): string | null => {
    if (stored === LEGACY_MARKER) return path.join(dataDir, SMTP_PASSWORD_FILE);
    const name = FILE_MARKER.exec(stored)?.[1];
    return name ? path.join(folder, name) : null;
  };
  return {
    description: `owner-only files in ${folder}`,
    external,
    async encrypt(plain) {
      fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
      const name = randomUUID();
      writeSecretFile(path.join(folder, name), plain);
      return `file:${SECRETS_FOLDER}/${name}`;
    },
    async decrypt(stored) {
      if (stored === SMTP_PASSWORD_FROM_ENV) {
        if (external) return fromEnv;
        throw new AppError(
          'unavailable',
          `The SMTP password was to come from the environment variable ${SMTP_PASSWORD_ENV}, which is not set`,
        );
      }
      const file = fileOf(stored);
      if (!file) throw new AppError('unavailable', STORED_ELSEWHERE_MESSAGE);
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        throw new AppError(
          'unavailable',
          `The secret file ${file} is missing; enter the secret again in Settings`,
        );
      }
    },
    async discard(stored) {
      const file = fileOf(stored);
      if (file) fs.rmSync(file, { force: true });
    },
  };
}

/** A secret the operator may type: blank keeps the stored one. */
export interface SecretChange {
  /** What the database holds now, or null. */
  previous: string | null;
  typed: string;
}

/**
 * Stores the typed secrets and saves what refers to them with `save`; then
 * forgets the values they replaced, so no stale secret is left behind. When
 * something fails before the save, the secrets just stored are forgotten
 * again and the old ones stay as they were.
 */
export async function saveWithSecrets<K extends string, T>(
  { secrets: store, log }: { secrets: SecretStore; log: Logger },
  changes: Record<K, SecretChange>,
  save: (stored: Record<K, string | null>) => Promise<T>,
): Promise<T> {
  const stored = {} as Record<K, string | null>;
  const created: string[] = [];
  const replaced: string[] = [];
  let result: T;
  try {
    for (const key of Object.keys(changes) as K[]) {
      const { previous, typed } = changes[key];
      if (typed === '') {
        stored[key] = previous;
        continue;
      }
      const value = await store.encrypt(typed);
      created.push(value);
      stored[key] = value;
      if (previous !== null) replaced.push(previous);
    }
    result = await save(stored);
  } catch (error) {
    await Promise.allSettled(created.map((value) => store.discard?.(value)));
    throw error;
  }
  const forgotten = await Promise.allSettled(replaced.map((value) => store.discard?.(value)));
  for (const outcome of forgotten) {
    if (outcome.status === 'rejected') {
      log.warn('a replaced secret could not be removed', { error: outcome.reason });
    }
  }
  return result;
}
