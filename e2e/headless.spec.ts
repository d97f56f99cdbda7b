import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/fixtures';

test.describe('headless host (lowbal serve)', () => {
  test('opens the app from the printed URL and removes the token from the address bar', async ({
    page,
    host,
  }) => {
    await page.goto(host.url);
    await expect(page).toHaveTitle('Lowbal');
    await expect(page.locator('#root')).not.toBeEmpty();
    await expect(page).not.toHaveURL(/token=/);
    expect(new URL(page.url()).origin).toBe(host.origin);
  });

  test('the page calls the API with its token', async ({ page, host }) => {
    await page.goto(host.url);
    const result = await page.evaluate(async () => {
      const token = sessionStorage.getItem('lowbal.token');
      const response = await fetch('/api/profiles.list', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: '{}',
      });
      return { status: response.status, body: await response.json() };
    });
    expect(result).toEqual({ status: 200, body: { ok: true, value: { rows: [], total: 0 } } });
  });

  test('refuses an API call without the token or with a wrong one', async ({ request, host }) => {
    const missing = await request.post(`${host.origin}/api/profiles.list`, { data: {} });
    expect(missing.status()).toBe(401);
    expect((await missing.json()).ok).toBe(false);
    const wrong = await request.post(`${host.origin}/api/profiles.list`, {
      data: {},
      headers: { Authorization: `Bearer ${host.token}x` },
    });
    expect(wrong.status()).toBe(401);
  });

  test('refuses a call from a foreign Origin or for a foreign Host', async ({ request, host }) => {
    const authorization = `Bearer ${host.token}`;
    const foreignOrigin = await request.post(`${host.origin}/api/profiles.list`, {
      data: {},
      headers: { Authorization: authorization, Origin: 'http://attacker.example' },
    });
    expect(foreignOrigin.status()).toBe(403);
    const rebound = await request.post(`${host.origin}/api/profiles.list`, {
      data: {},
      headers: { Authorization: authorization, Host: `attacker.example:${new URL(host.origin).port}` },
    });
    expect(rebound.status()).toBe(403);
    const ownOrigin = await request.post(`${host.origin}/api/profiles.list`, {
      data: {},
      headers: { Authorization: authorization, Origin: host.origin },
    });
    expect(ownOrigin.status()).toBe(200);
  });

  test('refuses a body over the size limit', async ({ request, host }) => {
    const response = await request.post(`${host.origin}/api/profiles.list`, {
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      data: Buffer.alloc(51 * 1024 * 1024, 0x20),
    });
    expect(response.status()).toBe(413);
    expect((await response.json()).error.message).toMatch(/larger than 50 MB/);
  });

  test('keeps the data across a restart on the same folder', async ({ request, host }) => {
    const call = async (channel: string, input: unknown) => {
      const response = await request.post(`${host.origin}/api/${channel}`, {
        data: input,
        headers: { Authorization: `Bearer ${host.token}` },
      });
      return response.json();
    };
    const created = await call('resellers.create', { name: 'Acme Telecom', email: 'noc@acme.example' });
    expect(created.ok).toBe(true);
    const firstToken = host.token;
    await host.restart();
    expect(host.token).not.toBe(firstToken);
    const listed = await call('resellers.list', {});
    expect(listed.value).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Acme Telecom' })]));
  });

  test('stops cleanly on SIGTERM, closing the database', async ({ request, host }) => {
    const reply = await request.post(`${host.origin}/api/currencies.list`, {
      data: {},
      headers: { Authorization: `Bearer ${host.token}` },
    });
    expect(reply.status()).toBe(200);
    expect(await host.stop()).toBe(0);
    expect(host.output).toMatch(/INFO stopping signal=SIGTERM/);
    // SQLite removes the write-ahead log when the last connection closes properly.
    expect(fs.existsSync(path.join(host.dataDir, 'lowbal.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(host.dataDir, 'lowbal.sqlite-wal'))).toBe(false);
  });
});
