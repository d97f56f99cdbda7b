import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE_NAME } from '../db/open-database';
import type { TestCore } from '../../test-support/test-core';

/** Builders of interchange documents for tests: valid entries, overridable field by field. */

export const FIXTURES_DIR = path.join(__dirname, 'fixtures');

export function document(sections: Record<string, unknown> = {}): Record<string, unknown> {
  return { format: 'lowbal', version: 1, ...sections };
}

export const text = (value: unknown) => JSON.stringify(value, null, 2);

/** A client as an export writes it (so files built from these export back unchanged). */
export function clientEntry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Client One',
    reseller: 'Acme Telecom',
    currency: 'USD',
    billingEmail: 'one@client.example',
    balance: '12.50',
    credit: '0.00',
    profile: 'Standard',
    lastChargeAt: '2025-11-20T08:00:00Z',
    active: true,
    ...overrides,
  };
}

export function profileEntry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Standard',
    reseller: 'Acme Telecom',
    currency: 'USD',
    sortOrder: 0,
    maxQty: 3,
    period: { value: 24, unit: 'hours' },
    userNotification: { threshold: '50.00', notify: true, users: ['ann@acme.example'], emails: [] },
    clientNotification: { threshold: '20.00', notify: true, emails: [] },
    advancedRules: [{ threshold: '5.00', notify: true, inactivity: { value: 3, unit: 'days' }, emails: [] }],
    ...overrides,
  };
}

/** The catalog most tests start from: USD (base) and EUR, two resellers, a user, a profile per reseller, a client. */
export const SEED = document({
  currencies: [
    { code: 'EUR', name: 'Euro', rate: '0.9', base: false },
    { code: 'USD', name: 'US Dollar', rate: '1', base: true },
  ],
  resellers: [
    { name: 'Acme Telecom', email: 'noc@acme.example' },
    { name: 'Beta Mobile', email: 'ops@beta.example' },
  ],
  users: [{ name: 'Ann Admin', email: 'ann@acme.example', reseller: 'Acme Telecom' }],
  profiles: [profileEntry(), profileEntry({ name: 'Beta plan', reseller: 'Beta Mobile', currency: 'EUR' })],
  clients: [clientEntry()],
});

export async function seed(core: TestCore): Promise<void> {
  await core.call('interchange.apply', { text: text(SEED) });
}

/** A fingerprint of the database files (the SQLite file and its write-ahead log), to prove nothing was written. */
export function databaseFingerprint(dataDir: string): string {
  const hash = crypto.createHash('sha256');
  for (const suffix of ['', '-wal']) {
    const file = path.join(dataDir, `${DATABASE_FILE_NAME}${suffix}`);
    hash.update(`${suffix}:`);
    if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/** An export's text without the one line that differs between two exports of the same data. */
export function withoutExportedAt(exported: string): string {
  return exported.replace(/^ {2}"exportedAt": "[^"]*",\n/m, '');
}
