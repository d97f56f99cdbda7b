import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import { startTestSmtpServer, type TestSmtpServer } from '../src-main/test-support/test-smtp-server';
import { callApi } from './support/call-api';
import { expect, test, type RunningHost } from './support/fixtures';
import { startHost } from './support/host';
import { billingEmail, seedLowClients } from './support/low-clients';

const CLIENTS = Array.from({ length: 8 }, (_, i) => `Client ${i + 1}`);
const RECIPIENTS = CLIENTS.map(billingEmail);
/** Messages per minute: the first run sends this many at once; the rest wait in the queue. */
const RATE_LIMIT = 4;

let smtp: TestSmtpServer;
test.beforeEach(async () => {
  smtp = await startTestSmtpServer();
});
test.afterEach(async () => {
  await smtp.stop();
});

/** The outbox as the database holds it (read while no host runs). */
function outboxStatuses(dataDir: string): Record<string, number> {
  const db = new Database(path.join(dataDir, 'lowbal.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('SELECT status, count(*) AS n FROM notifications GROUP BY status').all() as {
      status: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  } finally {
    db.close();
  }
}

const countWith = async (request: APIRequestContext, host: RunningHost, status: 'sending' | 'sent') =>
  (await callApi(request, host, 'notifications.list', { status, limit: 1 })).total;

/** The lease holder a host's log names, e.g. "headless service on host srv (pid 123)". */
function holderIn(output: string): string {
  const match = /INFO scheduler lease acquired; this host checks and sends host="([^"]+)"/.exec(output);
  if (!match) throw new Error(`no lease line in:\n${output}`);
  return match[1];
}

test.describe('headless service (lowbal serve)', () => {
  test('SIGTERM while e-mails are being sent loses nothing and sends nothing twice', async ({
    request,
    host,
  }) => {
    await seedLowClients(request, host, {
      clients: CLIENTS.map((name) => [name, '5']),
      smtp: { port: smtp.port, rateLimit: RATE_LIMIT },
    });
    const { checks } = await callApi(request, host, 'engine.checkNow', {});
    expect(checks[0].queued).toBe(RECIPIENTS.length);

    smtp.answerAfter(2_000);
    await callApi(request, host, 'engine.resume', {});
    await expect.poll(() => countWith(request, host, 'sending')).toBe(RATE_LIMIT);
    expect(smtp.received).toHaveLength(0);

    expect(await host.stop()).toBe(0);
    expect(host.output).toMatch(/INFO stopping signal=SIGTERM/);
    expect(host.output).toMatch(/INFO scheduler stopped/);
    expect(host.output).toMatch(/INFO scheduler lease released/);
    // The sends in flight finished before the process exited; the rest is still queued.
    expect(outboxStatuses(host.dataDir)).toEqual({
      sent: RATE_LIMIT,
      queued: RECIPIENTS.length - RATE_LIMIT,
    });
    expect(smtp.received).toHaveLength(RATE_LIMIT);

    smtp.answerAfter(0);
    await host.restart();
    await expect.poll(() => countWith(request, host, 'sent'), { timeout: 20_000 }).toBe(RECIPIENTS.length);
    expect(smtp.received.flatMap((mail) => mail.to).sort()).toEqual([...RECIPIENTS].sort());
  });

  test('a second host on the same data folder runs read-only, says why, and takes over when the first stops', async ({
    request,
    host: first,
  }) => {
    const second = await startHost({ dataDir: first.dataDir });
    try {
      const holder = holderIn(first.output);
      expect(holder).toMatch(/^headless service on host .+ \(pid \d+\)$/);
      expect(second.output).toContain(
        `WARN read-only: another Lowbal checks and sends on this database holder="${holder}"`,
      );
      expect(await callApi(request, second, 'overview.get', {})).toMatchObject({
        state: 'read-only',
        readOnly: { holder },
      });
      await expect(callApi(request, second, 'engine.checkNow', {})).rejects.toThrow(
        `Checks and sending run in the ${holder}`,
      );
      expect(await callApi(request, first, 'overview.get', {})).toMatchObject({ state: 'running' });

      expect(await first.stop()).toBe(0);
      expect(first.output).toMatch(/INFO scheduler lease released/);
      await expect.poll(() => second.output, { timeout: 20_000 }).toMatch(/INFO scheduler lease acquired/);
      expect(holderIn(second.output)).not.toBe(holder);
      expect(await callApi(request, second, 'overview.get', {})).toMatchObject({
        state: 'running',
        readOnly: null,
      });
      expect(await callApi(request, second, 'engine.checkNow', {})).toEqual({
        checks: [],
        paused: false,
        cancelled: false,
      });
    } finally {
      await second.stop();
    }
  });
});
