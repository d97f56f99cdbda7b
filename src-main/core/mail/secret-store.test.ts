import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger, type Logger } from '../logger';
import {
  createHeadlessSecretStore,
  saveWithSecrets,
  SECRETS_FOLDER,
  SMTP_PASSWORD_ENV,
  SMTP_PASSWORD_FILE,
  SMTP_PASSWORD_FROM_ENV,
  type SecretStore,
} from './secret-store';

function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-secrets-'));
}

/** The file a stored value names, as the store's folder holds it. */
function fileOf(dataDir: string, stored: string): string {
  return path.join(dataDir, stored.slice('file:'.length));
}

function filesIn(dataDir: string): string[] {
  return fs.readdirSync(path.join(dataDir, SECRETS_FOLDER)).sort();
}

describe('the headless secret store', () => {
  it('keeps each secret in an owner-only file of its own, named by the stored value', async () => {
    const dataDir = tempDataDir();
    const store = createHeadlessSecretStore(dataDir, {});
    const password = await store.encrypt('correct horse');
    const refreshToken = await store.encrypt('1//refresh-token');
    expect(password).not.toBe(refreshToken);
    for (const stored of [password, refreshToken]) {
      expect(stored).toMatch(new RegExp(`^file:${SECRETS_FOLDER}/`));
      expect(stored).not.toMatch(/horse|refresh-token/);
      expect(fs.statSync(fileOf(dataDir, stored)).mode & 0o777).toBe(0o600);
    }
    expect(fs.statSync(path.join(dataDir, SECRETS_FOLDER)).mode & 0o777).toBe(0o700);
    // Written through a temporary file renamed over it: nothing else is left in the folder.
    expect(filesIn(dataDir)).toEqual([password, refreshToken].map((stored) => path.basename(stored)).sort());
    expect(await store.decrypt(password)).toBe('correct horse');
    expect(await store.decrypt(refreshToken)).toBe('1//refresh-token');
    expect(store.description).toContain(path.join(dataDir, SECRETS_FOLDER));
  });

  it('still reads a password saved as file:smtp-password, and removes that file when it is discarded', async () => {
    const dataDir = tempDataDir();
    fs.writeFileSync(path.join(dataDir, SMTP_PASSWORD_FILE), 'the old password', { mode: 0o600 });
    const store = createHeadlessSecretStore(dataDir, {});
    expect(await store.decrypt(`file:${SMTP_PASSWORD_FILE}`)).toBe('the old password');
    await store.discard!(`file:${SMTP_PASSWORD_FILE}`);
    expect(fs.existsSync(path.join(dataDir, SMTP_PASSWORD_FILE))).toBe(false);
  });

  it('refuses values it did not store, and never reads outside its folder', async () => {
    const dataDir = tempDataDir();
    fs.writeFileSync(path.join(dataDir, 'lowbal.sqlite'), 'not a secret');
    const store = createHeadlessSecretStore(dataDir, {});
    for (const stored of [
      'safeStorage:AAAA',
      'file:../lowbal.sqlite',
      `file:${SECRETS_FOLDER}/../lowbal.sqlite`,
      '',
    ]) {
      await expect(store.decrypt(stored)).rejects.toThrow(/stored by another host/);
      await store.discard!(stored);
    }
    expect(fs.existsSync(path.join(dataDir, 'lowbal.sqlite'))).toBe(true);
    const gone = await store.encrypt('x');
    fs.rmSync(fileOf(dataDir, gone));
    await expect(store.decrypt(gone)).rejects.toThrow(/is missing; enter the secret again/);
  });

  it('takes the SMTP password from LOWBAL_SMTP_PASSWORD and keeps every other secret in files', async () => {
    const dataDir = tempDataDir();
    const store = createHeadlessSecretStore(dataDir, { [SMTP_PASSWORD_ENV]: 'from the environment' });
    expect(store.external).toBe(true);
    expect(await store.decrypt(SMTP_PASSWORD_FROM_ENV)).toBe('from the environment');
    const clientSecret = await store.encrypt('client secret');
    expect(await store.decrypt(clientSecret)).toBe('client secret');
    expect(fs.readFileSync(fileOf(dataDir, clientSecret), 'utf8')).toBe('client secret');

    const withoutEnv = createHeadlessSecretStore(dataDir, {});
    expect(withoutEnv.external).toBe(false);
    await expect(withoutEnv.decrypt(SMTP_PASSWORD_FROM_ENV)).rejects.toThrow(SMTP_PASSWORD_ENV);
  });
});

describe('saving with secrets', () => {
  const warnings: string[] = [];
  const log: Logger = { ...silentLogger, warn: (message) => warnings.push(message) };

  async function saved(
    store: SecretStore,
    previous: Record<'a' | 'b', string | null>,
    typed: Record<'a' | 'b', string>,
  ) {
    return saveWithSecrets(
      { secrets: store, log },
      { a: { previous: previous.a, typed: typed.a }, b: { previous: previous.b, typed: typed.b } },
      async (stored) => stored,
    );
  }

  it('removes the file of a replaced secret and keeps the one left blank', async () => {
    const dataDir = tempDataDir();
    const store = createHeadlessSecretStore(dataDir, {});
    const first = await saved(store, { a: null, b: null }, { a: 'one', b: 'two' });
    const second = await saved(store, first, { a: 'three', b: '' });
    expect(second.b).toBe(first.b);
    expect(second.a).not.toBe(first.a);
    expect(await store.decrypt(second.a!)).toBe('three');
    expect(filesIn(dataDir)).toEqual([second.a!, second.b!].map((stored) => path.basename(stored)).sort());
  });

  it('removes the new secrets and keeps the old ones when the save fails', async () => {
    const dataDir = tempDataDir();
    const store = createHeadlessSecretStore(dataDir, {});
    const first = await saved(store, { a: null, b: null }, { a: 'one', b: 'two' });
    const failing = saveWithSecrets(
      { secrets: store, log },
      { a: { previous: first.a, typed: 'new one' }, b: { previous: first.b, typed: 'new two' } },
      async () => {
        throw new Error('disk full');
      },
    );
    await expect(failing).rejects.toThrow('disk full');
    expect(filesIn(dataDir)).toEqual([first.a!, first.b!].map((stored) => path.basename(stored)).sort());
    expect(await store.decrypt(first.a!)).toBe('one');
  });

  it('logs (without the secret) a replaced secret it could not remove, and still saves', async () => {
    const store: SecretStore = {
      description: 'a store that cannot forget',
      encrypt: async (plain) => `sealed:${plain.length}`,
      decrypt: async () => '',
      discard: async () => {
        throw new Error('read-only folder');
      },
    };
    warnings.length = 0;
    expect(await saved(store, { a: 'sealed:old', b: null }, { a: 'secret!', b: '' })).toEqual({
      a: 'sealed:7',
      b: null,
    });
    expect(warnings).toEqual(['a replaced secret could not be removed']);
  });
});
