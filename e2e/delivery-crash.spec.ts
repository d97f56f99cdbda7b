import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import { headerLines } from '../src-main/test-support/mail-world';
import { startTestSmtpServer, type TestSmtpServer } from '../src-main/test-support/test-smtp-server';
import { callApi } from './support/call-api';
import { expect, test, type RunningHost } from './support/fixtures';
import { billingEmail, seedLowClients } from './support/low-clients';

/** At most this many sends are in flight (the outbox's slots, `SENDS_AT_ONCE`). */
const SLOTS = 5;

let smtp: TestSmtpServer;
test.beforeEach(async () => {
  smtp = await startTestSmtpServer();
});
test.afterEach(async () => {
  await smtp.stop();
});

const withStatus = async (request: APIRequestContext, host: RunningHost, status: 'sent' | 'failed') =>
  (await callApi(request, host, 'notifications.list', { status, limit: 100 })).rows;

/** The recipients of the rows left `sending`, read from the database file while no host runs. */
function sendingAtCrash(dataDir: string): string[] {
  const db = new Database(path.join(dataDir, 'lowbal.sqlite'), { readonly: true });
  try {
    return (
      db.prepare("SELECT recipient FROM notifications WHERE status = 'sending'").all() as {
        recipient: string;
      }[]
    ).map((row) => row.recipient);
  } finally {
    db.close();
  }
}

/** How many times each Message-ID arrived. */
function arrivalsById(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of smtp.received) {
    const id = headerLines(mail.raw).find((line) => /^message-id:/i.test(line)) ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

test.describe('delivery through a crash (the service killed with SIGKILL)', () => {
  test('killed while the server delays its replies mid-batch: after a restart every e-mail arrives, duplicates at most the ones in flight', async ({
    request,
    host,
  }) => {
    test.setTimeout(120_000);
    const clients = Array.from({ length: 40 }, (_, i) => `Client ${i + 1}`);
    await seedLowClients(request, host, {
      clients: clients.map((name) => [name, '5']),
      smtp: { port: smtp.port },
    });
    expect((await callApi(request, host, 'engine.checkNow', {})).checks[0].queued).toBe(40);

    // The server takes the first few at once, then answers each message only after a while.
    let recipients = 0;
    smtp.onRecipient = () => {
      recipients += 1;
      if (recipients === 10) smtp.answerAfter(3_000);
    };
    await callApi(request, host, 'engine.resume', {});
    await expect.poll(() => smtp.unanswered).toBeGreaterThan(0);
    await host.kill();
    const acceptedAtOnce = smtp.received.length;
    expect(acceptedAtOnce).toBeGreaterThan(0);
    // The server still takes what it had the data of when the sender died.
    await expect.poll(() => smtp.unanswered).toBe(0);
    // In flight at the crash: left `sending`, and the server has it.
    const taken = new Set(smtp.received.flatMap((mail) => mail.to));
    const inFlight = sendingAtCrash(host.dataDir).filter((recipient) => taken.has(recipient)).length;
    expect(inFlight).toBeGreaterThan(0);
    expect(inFlight).toBeLessThanOrEqual(SLOTS);

    smtp.answerAfter(0);
    await host.restart();
    await expect
      .poll(async () => (await withStatus(request, host, 'sent')).length, { timeout: 60_000 })
      .toBe(40);

    const arrivals = arrivalsById();
    expect(arrivals.size).toBe(40);
    expect(new Set(smtp.received.flatMap((mail) => mail.to))).toEqual(new Set(clients.map(billingEmail)));
    const duplicates = smtp.received.length - arrivals.size;
    expect(duplicates).toBeLessThanOrEqual(inFlight);
    expect(host.output).toMatch(/WARN notifications left sending by a stopped Lowbal are queued again/);
  });

  test('a message that crashes the process 3 times ends failed with the reason; the others are delivered', async ({
    request,
    host,
  }) => {
    test.setTimeout(180_000);
    const clients = ['Client 1', 'Client 2', 'Poison', 'Client 4', 'Client 5', 'Client 6'];
    await seedLowClients(request, host, {
      clients: clients.map((name) => [name, '5']),
      smtp: { port: smtp.port },
    });
    expect((await callApi(request, host, 'engine.checkNow', {})).checks[0].queued).toBe(6);

    // Whenever the service gets as far as naming this recipient, it dies (as on a message that crashes
    // it): the server holds its answer, so the message cannot get through before the kill lands.
    let crashes = 0;
    let crashed: Promise<void> = Promise.resolve();
    smtp.onRecipient = (address) => {
      if (address !== billingEmail('Poison')) return;
      crashes += 1;
      crashed = host.kill();
      return 'hold';
    };
    await callApi(request, host, 'engine.resume', {});
    for (let crash = 1; crash <= 3; crash++) {
      await expect.poll(() => crashes, { timeout: 60_000 }).toBe(crash);
      await crashed;
      await host.restart();
    }

    await expect
      .poll(async () => (await withStatus(request, host, 'sent')).length, { timeout: 60_000 })
      .toBe(5);
    const [failed] = await withStatus(request, host, 'failed');
    expect(failed).toMatchObject({ recipient: billingEmail('Poison'), attempts: 3 });
    expect(failed.lastError).toMatch(/^Interrupted 3 times: Lowbal stopped while sending it each time/);
    expect(crashes).toBe(3);
    expect(smtp.received.flatMap((mail) => mail.to)).not.toContain(billingEmail('Poison'));
    expect(new Set(smtp.received.flatMap((mail) => mail.to)).size).toBe(5);
  });
});
