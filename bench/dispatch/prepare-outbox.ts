import path from 'node:path';
import type { Core } from '../../src-main/core/create-core';
import { DATABASE_FILE_NAME } from '../../src-main/core/db/open-database';
import { headerLines } from '../../src-main/test-support/mail-world';
import type { TestSmtpServer } from '../../src-main/test-support/test-smtp-server';
import { callChannel } from '../call-channel';
import { generateDataset } from '../dataset/generate-dataset';

/**
 * Fills the outbox of a freshly generated database with exactly `emails`
 * e-mails, queued by the real engine: every client is low (three to five
 * e-mails each), the SMTP settings point at `smtp`, and the queue is trimmed.
 */
export async function prepareOutbox(
  dataDir: string,
  emails: number,
  smtp: TestSmtpServer,
  open: (dataDir: string) => Promise<Core>,
): Promise<{ core: Core; queued: number }> {
  await generateDataset(path.join(dataDir, DATABASE_FILE_NAME), {
    clients: Math.ceil(emails / 3),
    profiles: 10,
    resellers: 5,
    lowFraction: 1,
  });
  const core = await open(dataDir);
  await callChannel(core, 'mail.saveSettings', {
    host: '127.0.0.1',
    port: smtp.port,
    tlsMode: 'none',
    user: '',
    password: '',
    fromName: 'Lowbal',
    fromAddress: 'lowbal@bench.example',
    rateLimit: 0,
  });
  const { checks } = await callChannel(core, 'engine.checkNow', {});
  const queued = checks.reduce((sum, check) => sum + check.queued, 0);
  if (queued < emails) throw new Error(`the check queued ${queued} e-mails, fewer than ${emails}`);
  const [{ last }] = await core.ctx.db.raw<{ last: number }[]>(
    'SELECT id AS last FROM notifications ORDER BY id LIMIT 1 OFFSET ?',
    [emails - 1],
  );
  await core.ctx.db('notifications').where('id', '>', last).delete();
  return { core, queued };
}

/** The Message-ID header of a raw message as the server received it. */
export function messageIdOf(raw: string): string | undefined {
  const line = headerLines(raw).find((header) => /^message-id:/i.test(header));
  return line?.slice(line.indexOf(':') + 1).trim();
}

/** How many times each Message-ID arrived. */
export function arrivalsById(smtp: TestSmtpServer, from = 0): Map<string, number> {
  const arrivals = new Map<string, number>();
  for (const mail of smtp.received.slice(from)) {
    const id = messageIdOf(mail.raw) ?? '';
    arrivals.set(id, (arrivals.get(id) ?? 0) + 1);
  }
  return arrivals;
}
