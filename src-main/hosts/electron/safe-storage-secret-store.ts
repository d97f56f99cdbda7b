import { AppError } from '../../shared/errors';
import { STORED_ELSEWHERE_MESSAGE, type SecretStore } from '../../core/mail/secret-store';

/** The part of Electron's `safeStorage` the store uses (a parameter, so tests pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which backend encrypts; `basic_text` means no keyring was found. */
  getSelectedStorageBackend?(): string;
}

const PREFIX = 'safeStorage:';

/**
 * Keeps each secret encrypted with the operating system's keychain
 * (Electron `safeStorage`); the database holds only the encrypted bytes.
 * Refuses to store anything when encryption is unavailable.
 */
export function createSafeStorageSecretStore(safeStorage: SafeStorageLike): SecretStore {
  const backend = safeStorage.getSelectedStorageBackend?.();
  const description =
    backend === 'basic_text'
      ? 'Electron safeStorage without a system keyring (obfuscated, not strongly encrypted)'
      : "the system's keychain (Electron safeStorage)";
  const requireEncryption = () => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new AppError(
        'unavailable',
        'The system keychain is not available, so secrets cannot be stored safely',
      );
    }
  };
  return {
    description,
    async encrypt(plain) {
      requireEncryption();
      return PREFIX + safeStorage.encryptString(plain).toString('base64');
    },
    async decrypt(stored) {
      if (!stored.startsWith(PREFIX)) {
        throw new AppError('unavailable', STORED_ELSEWHERE_MESSAGE);
      }
      requireEncryption();
      return safeStorage.decryptString(Buffer.from(stored.slice(PREFIX.length), 'base64'));
    },
  };
}
