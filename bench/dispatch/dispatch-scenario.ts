import path from 'node:path';
import { createCore, type Core } from '../../src-main/core/create-core';
import { DATABASE_FILE_NAME } from '../../src-main/core/db/open-database';
import { silentLogger } from '../../src-main/core/logger';
import { createDispatcher } from '../../src-main/core/mail/outbox/dispatcher';
import type { SmtpConfig } from '../../src-main/core/mail/smtp-config';
import {
  createPooledSender,
  createSingleSender,
  type MailSender,
} from '../../src-main/core/mail/smtp-transport';
import { headerLines } from '../../src-main/test-support/mail-world';
import { startTestSmtpServer, type TestSmtpServer } from '../../src-main/test-support/test-smtp-server';
import type { BenchContext } from '../bench-context';
import { callChannel } from '../call-channel';
import { generateDataset } from '../dataset/generate-dataset';
import {
  formatDuration,
  formatNumber,
  type ScenarioRecorder,
  type ScenarioResult,
} from '../report/bench-report';
import { timed } from '../report/timing';

const METHOD = `A generated database where every client is low is checked by the real engine, and its outbox trimmed to
exactly the e-mails to send. The outbox dispatcher (\`createDispatcher\`) then sends them all to an in-process
\`smtp-server\` twice: with its pooled transport, and with a sender that opens one connection per e-mail (the
app's single-connection sender, as for \`Send test e-mail\`), the queue being reset in between. Each run is
verified against the server: every row is \`sent\` and every Message-ID arrived exactly once.`;

/** The Message-ID header of a raw message as the server received it. */
function messageIdOf(raw: string): string | undefined {
  const line = headerLines(raw).find((header) => /^message-id:/i.test(header));
  return line?.slice(line.indexOf(':') + 1).trim();
}

interface SendRun {
  ms: number;
  sent: number;
}

/** Sends the whole queue with `createSender`, then verifies each e-mail arrived exactly once. */
async function sendQueue(
  core: Core,
  smtp: TestSmtpServer,
  createSender: (config: SmtpConfig) => MailSender,
  expected: number,
  recorder: ScenarioRecorder,
  name: string,
): Promise<SendRun> {
  const receivedBefore = smtp.received.length;
  const dispatcher = createDispatcher(core.ctx, { createSender });
  const { ms, value } = await timed(() => dispatcher.runOnce());
  await dispatcher.close();

  const rows: { status: string; message_id: string | null }[] = await core.ctx
    .db('notifications')
    .select('status', 'message_id');
  const ids = smtp.received.slice(receivedBefore).map((mail) => messageIdOf(mail.raw) ?? '');
  const arrivals = new Map<string, number>();
  for (const id of ids) arrivals.set(id, (arrivals.get(id) ?? 0) + 1);
  const exactlyOnce = rows.every(
    (row) => row.status === 'sent' && row.message_id !== null && arrivals.get(row.message_id) === 1,
  );
  recorder.check(
    `${name}: every e-mail arrived exactly once`,
    exactlyOnce && ids.length === expected && arrivals.size === expected && value.sent === expected,
    `${formatNumber(value.sent)} sent, ${formatNumber(ids.length)} received, ` +
      `${formatNumber(arrivals.size)} distinct Message-IDs, ${formatNumber(value.retried + value.failed)} not delivered`,
  );
  return { ms, sent: value.sent };
}

export async function runDispatchScenario(bench: BenchContext): Promise<ScenarioResult> {
  const { emails } = bench.sizes.dispatch;
  const recorder = bench.recorder('dispatch', 'Dispatch', METHOD);
  const dataDir = bench.scratch('dispatch');
  // Every client low: each queues three to five e-mails, so a third of `emails` clients is enough.
  await generateDataset(path.join(dataDir, DATABASE_FILE_NAME), {
    clients: Math.ceil(emails / 3),
    profiles: 10,
    resellers: 5,
    lowFraction: 1,
  });
  const core = await createCore({ dataDir, log: silentLogger });
  const smtp = await startTestSmtpServer();
  try {
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
    const db = core.ctx.db;
    const [{ last }] = await db.raw<{ last: number }[]>(
      'SELECT id AS last FROM notifications ORDER BY id LIMIT 1 OFFSET ?',
      [emails - 1],
    );
    await db('notifications').where('id', '>', last).delete();
    recorder.figure(
      'queued by the engine',
      `${formatNumber(emails)} e-mails (of ${formatNumber(queued)} queued)`,
    );

    const pooled = await sendQueue(core, smtp, createPooledSender, emails, recorder, 'pooled');
    await db('notifications').update({
      status: 'queued',
      attempts: 0,
      sent_at: null,
      message_id: null,
      next_attempt_at: core.ctx.now(),
    });
    const single = await sendQueue(
      core,
      smtp,
      createSingleSender,
      emails,
      recorder,
      'one connection per e-mail',
    );

    const rate = (run: SendRun) => `${formatNumber(run.sent / (run.ms / 1000))} e-mails/s`;
    recorder.figure('pooled sending', `${formatDuration(pooled.ms)} (${rate(pooled)})`);
    recorder.figure('one connection per e-mail', `${formatDuration(single.ms)} (${rate(single)})`);
    recorder.goal({
      label: 'pooled sending against one connection per e-mail',
      basis: `${rate(pooled)} vs ${rate(single)}`,
      value: single.ms / pooled.ms,
      unit: '×',
      comparison: 'at least',
      limit: 3,
    });
  } finally {
    await core.close();
    await smtp.stop();
  }
  return recorder.result;
}
