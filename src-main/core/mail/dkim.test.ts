import fs from 'node:fs';
import path from 'node:path';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { startTestSmtpServer, type TestSmtpServer } from '../../test-support/test-smtp-server';
import { SECRETS_FOLDER } from './secret-store';

let core: TestCore | undefined;
let smtp: TestSmtpServer | undefined;
afterEach(async () => {
  await core?.close();
  await smtp?.stop();
  core = smtp = undefined;
});

function settings(extra: Record<string, unknown> = {}) {
  return {
    host: '127.0.0.1',
    port: smtp!.port,
    tlsMode: 'none' as const,
    fromName: 'Lowbal',
    fromAddress: 'alerts@acme.example',
    dkimDomain: 'acme.example',
    dkimSelector: 'lowbal1',
    ...extra,
  };
}

/** DNS as the receiving server asks it, answering only the published record. */
function publishedDns(record: { name: string; value: string }) {
  return async (name: string, type: string) => {
    if (type === 'TXT' && name === record.name) return [[record.value]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}

describe('DKIM', () => {
  it('signs outgoing mail with the generated key; the signature verifies against the published TXT record', async () => {
    core = await createTestCore();
    smtp = await startTestSmtpServer();
    await core.call('mail.saveSettings', settings());
    const view = await core.call('mail.generateDkimKey', {});
    expect(view.dkimRecord).toEqual({
      name: 'lowbal1._domainkey.acme.example',
      value: expect.stringMatching(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/]+=*$/),
    });
    expect(JSON.stringify(view)).not.toContain('PRIVATE KEY');

    expect(await core.call('mail.sendTest', { to: 'ops@acme.example' })).toMatchObject({ ok: true });
    const [received] = smtp.received;
    expect(received.raw).toMatch(/^DKIM-Signature: .*d=acme\.example/m);
    const verified = await dkimVerify(Buffer.from(received.raw), {
      resolver: publishedDns(view.dkimRecord!),
    });
    expect(verified.results).toEqual([
      expect.objectContaining({
        signingDomain: 'acme.example',
        selector: 'lowbal1',
        status: expect.objectContaining({ result: 'pass' }),
      }),
    ]);

    // A message changed on its way no longer verifies.
    const tampered = received.raw.replace('This is a test e-mail from Lowbal.', 'This is a changed e-mail.');
    const failed = await dkimVerify(Buffer.from(tampered), { resolver: publishedDns(view.dkimRecord!) });
    expect(failed.results[0].status.result).not.toBe('pass');
  });

  it('keeps the private key as a secret: a new key replaces (and removes) the old one, and the old record fails', async () => {
    core = await createTestCore();
    smtp = await startTestSmtpServer();
    await core.call('mail.saveSettings', settings());
    const first = (await core.call('mail.generateDkimKey', {})).dkimRecord!;
    const second = (await core.call('mail.generateDkimKey', {})).dkimRecord!;
    expect(second.value).not.toBe(first.value);
    const files = fs.readdirSync(path.join(core.dataDir, SECRETS_FOLDER));
    expect(files).toHaveLength(1);
    expect(fs.readFileSync(path.join(core.dataDir, SECRETS_FOLDER, files[0]), 'utf8')).toContain(
      'PRIVATE KEY',
    );
    const row = (await core.ctx.db('settings').where({ key: 'smtp' }).first('value')).value as string;
    expect(row).not.toContain('PRIVATE KEY');
    expect((await core.call('interchange.export', {})).text).not.toContain('PRIVATE KEY');

    // Saving the form again keeps the key.
    await core.call('mail.saveSettings', settings({ fromName: 'Billing' }));
    expect((await core.call('mail.getSettings', {})).dkimRecord).toEqual(second);
    await core.call('mail.sendTest', { to: 'ops@acme.example' });
    const raw = Buffer.from(smtp.received[0].raw);
    expect((await dkimVerify(raw, { resolver: publishedDns(second) })).results[0].status.result).toBe('pass');
    expect((await dkimVerify(raw, { resolver: publishedDns(first) })).results[0].status.result).not.toBe(
      'pass',
    );
  });

  it('needs both a domain and a selector, and saved settings before a key', async () => {
    core = await createTestCore();
    expect((await core.callError('mail.generateDkimKey', {})).message).toMatch(
      /^Save the e-mail settings first/,
    );
    smtp = await startTestSmtpServer();
    const error = await core.callError('mail.saveSettings', settings({ dkimSelector: '' }));
    expect(error.issues).toEqual([
      { path: 'dkimSelector', message: 'DKIM selector is required with a DKIM domain' },
    ]);
    const bad = await core.callError('mail.saveSettings', settings({ dkimDomain: 'not a domain' }));
    expect(bad.issues.map((issue) => issue.path)).toEqual(['dkimDomain']);
  });
});
