import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { createSafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret-store';

/** Stands in for Electron's safeStorage: reversible, but never the plain text. */
function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageLike {
  const flip = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
  return {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (plain) => flip(Buffer.from(plain, 'utf8')),
    decryptString: (encrypted) => flip(encrypted).toString('utf8'),
    getSelectedStorageBackend: options.backend ? () => options.backend! : undefined,
  };
}

describe('the safeStorage secret store', () => {
  it('stores only encrypted bytes and gives the password back', async () => {
    const store = createSafeStorageSecretStore(fakeSafeStorage());
    const stored = await store.encrypt('s3cret pässword');
    expect(stored).not.toContain('s3cret');
    expect(await store.decrypt(stored)).toBe('s3cret pässword');
    expect(store.description).toContain('keychain');
  });

  it('refuses to store a password when encryption is unavailable', async () => {
    const store = createSafeStorageSecretStore(fakeSafeStorage({ available: false }));
    await expect(store.encrypt('x')).rejects.toThrow(AppError);
  });

  it('says when Linux has no keyring', () => {
    const store = createSafeStorageSecretStore(fakeSafeStorage({ backend: 'basic_text' }));
    expect(store.description).toMatch(/without a system keyring/);
  });

  it('refuses a value stored by another kind of store', async () => {
    const store = createSafeStorageSecretStore(fakeSafeStorage());
    await expect(store.decrypt('file:smtp-password')).rejects.toThrow(/another host/);
  });
});
