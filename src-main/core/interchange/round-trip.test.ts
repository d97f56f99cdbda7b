import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatAmount } from '../../shared/money';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { FIXTURES_DIR, document, profileEntry, text, withoutExportedAt } from './test-documents';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const cores: TestCore[] = [];

async function emptyCore(): Promise<TestCore> {
  const core = await createTestCore({ start: NOW });
  cores.push(core);
  return core;
}

afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

/** Imports `exported` into an empty database and exports that database again. */
async function reimport(exported: string): Promise<string> {
  const target = await emptyCore();
  await target.call('interchange.apply', { text: exported });
  return (await target.call('interchange.export', {})).text;
}

/**
 * A large file in the exact shape an export writes (every field, natural-key
 * order, amounts as the export formats them), so importing and exporting it
 * must give it back unchanged.
 */
function generatedDocument(clientCount: number): string {
  const resellers = Array.from({ length: 40 }, (_, r) => ({
    name: `Reseller ${String(r).padStart(2, '0')}`,
    email: `noc${r}@reseller.example`,
  }));
  const profiles = resellers.flatMap((reseller, r) =>
    ['Basic', 'Premium'].map((plan, p) =>
      profileEntry({
        name: plan,
        reseller: reseller.name,
        currency: r % 3 === 0 ? 'EUR' : 'USD',
        sortOrder: p,
        maxQty: r % 4,
        period: { value: 6 * (p + 1), unit: 'hours' },
        userNotification: {
          threshold: p ? '100.00' : null,
          notify: p === 1,
          users: p ? [`staff${r % 5}@lowbal.example`] : [],
          emails: [],
        },
        clientNotification: { threshold: formatAmount(r * 1_000), notify: true, emails: [] },
        advancedRules: p
          ? [
              {
                threshold: '-5.50',
                notify: false,
                inactivity: { value: r + 1, unit: 'days' },
                emails: ['risk@lowbal.example'],
              },
            ]
          : [],
      }),
    ),
  );
  const clients = resellers.flatMap((reseller, r) => {
    const perReseller = clientCount / resellers.length;
    return Array.from({ length: perReseller }, (_, c) => {
      const i = r * perReseller + c;
      return {
        name: `Client ${String(c).padStart(6, '0')}`,
        reseller: reseller.name,
        currency: i % 7 === 0 ? 'EUR' : 'USD',
        billingEmail: i % 11 === 0 ? null : `client${i}@client.example`,
        balance: formatAmount(((i * 7_919) % 2_000_001) - 500_000),
        credit: formatAmount((i % 5) * 10_000),
        profile: i % 13 === 0 ? null : i % 2 ? 'Basic' : 'Premium',
        lastChargeAt: i % 3 === 0 ? null : new Date(NOW - i * 60_000).toISOString().replace('.000Z', 'Z'),
        active: i % 17 !== 0,
      };
    });
  });
  return `${text(
    document({
      exportedAt: '2026-11-26T00:00:00Z',
      currencies: [
        { code: 'EUR', name: 'Euro', rate: '0.92', base: false },
        { code: 'USD', name: 'US Dollar', rate: '1', base: true },
      ],
      resellers,
      users: Array.from({ length: 5 }, (_, u) => ({
        name: `Staff ${u}`,
        email: `staff${u}@lowbal.example`,
        reseller: null,
      })),
      profiles,
      clients,
    }),
  )}\n`;
}

describe('export and import', () => {
  it('gives back the same document after a round trip of the sample data', async () => {
    const source = await emptyCore();
    await source.call('sample.load', {});
    const exported = await source.call('interchange.export', {});
    expect(exported.counts).toEqual({ currencies: 3, resellers: 2, users: 3, profiles: 3, clients: 20 });

    expect(withoutExportedAt(await reimport(exported.text))).toBe(withoutExportedAt(exported.text));

    const preview = await source.call('interchange.preview', { text: exported.text });
    expect(preview.valid).toBe(true);
    for (const section of Object.values(preview.plan)) {
      expect(section).toMatchObject({ create: 0, update: 0, delete: 0 });
    }
  });

  it('gives back the same document after a round trip of 100,000 clients', { timeout: 300_000 }, async () => {
    const generated = generatedDocument(100_000);
    const target = await emptyCore();
    const result = await target.call('interchange.apply', { text: generated });
    expect(result.plan.clients).toEqual({ create: 100_000, update: 0, unchanged: 0, delete: 0 });
    expect(result.plan.profiles.create).toBe(80);

    const exported = await target.call('interchange.export', {});
    expect(exported.counts.clients).toBe(100_000);
    expect(withoutExportedAt(exported.text)).toBe(withoutExportedAt(generated));

    const again = await target.call('interchange.preview', { text: exported.text });
    expect(again.plan.clients).toEqual({ create: 0, update: 0, unchanged: 100_000, delete: 0 });
  });

  // The example of SPEC §5, with its last charge a year earlier so the CLI tests, on the real clock, accept it too.
  it('imports the example of SPEC §5', async () => {
    const core = await emptyCore();
    const example = fs.readFileSync(path.join(FIXTURES_DIR, 'spec-example.json'), 'utf8');
    await core.call('interchange.apply', { text: example });
    const [client] = (await core.call('clients.list', {})).rows;
    expect(client).toMatchObject({
      name: 'Client One',
      resellerName: 'Acme Telecom',
      currencyCode: 'USD',
      balance: 125_000,
      profileName: 'Prepaid standard',
      lastChargeAt: Date.parse('2025-11-20T08:00:00Z'),
    });
    const [usd] = await core.call('currencies.list', {});
    expect(usd).toMatchObject({ code: 'USD', isBase: true, rateE8: 100_000_000 });
  });

  it('exports only the chosen sections', async () => {
    const core = await emptyCore();
    await core.call('sample.load', {});
    const exported = await core.call('interchange.export', { sections: ['clients', 'resellers'] });
    expect(Object.keys(JSON.parse(exported.text))).toEqual([
      'format',
      'version',
      'exportedAt',
      'resellers',
      'clients',
    ]);
    expect(exported.counts).toEqual({ resellers: 2, clients: 20 });
    expect(exported.fileName).toBe('lowbal-export-2026-11-26.json');
  });

  it('never exports settings or secrets', async () => {
    const core = await emptyCore();
    await core.call('sample.load', {});
    const secret = 'hunter2-smtp-secret';
    await core.ctx.db('settings').insert({
      key: 'smtp',
      value: JSON.stringify({ host: 'mail.example', user: 'mailer', password: secret }),
      updated_at: NOW,
    });
    const { text: exported } = await core.call('interchange.export', {});
    expect(exported).not.toContain(secret);
    expect(exported).not.toContain('mail.example');
  });
});
