import { createCore, type Core } from '../../src-main/core/create-core';
import { silentLogger } from '../../src-main/core/logger';
import type { EmailChannelConfig } from '../../src-main/core/channels/email/email-channel';
import { createEmailSender } from '../../src-main/core/channels/email/email-sender';
import type { ChannelSender } from '../../src-main/core/mail/outbox/channel';
import { createDispatcher } from '../../src-main/core/mail/outbox/dispatcher';
import { loadSmtpConfig } from '../../src-main/core/mail/smtp-config';
import { POOL_SIZE } from '../../src-main/core/mail/smtp-sender';
import { startTestSmtpServer, type TestSmtpServer } from '../../src-main/test-support/test-smtp-server';
import type { BenchContext } from '../bench-context';
import {
  formatDuration,
  formatNumber,
  type ScenarioRecorder,
  type ScenarioResult,
} from '../report/bench-report';
import { timed } from '../report/timing';
import { dispatchInBatches } from './batch-outcome-dispatch';
import { arrivalsById, prepareOutbox } from './prepare-outbox';

const METHOD = `A generated database where every client is low is checked by the real engine, and its outbox trimmed to
exactly the e-mails to send. The outbox dispatcher (\`createDispatcher\`: a pool of ${POOL_SIZE} SMTP connections, each
outcome written as its send finishes) sends them all to an in-process \`smtp-server\`; so does, in turn, the baseline
\`bench/dispatch/batch-outcome-dispatch.ts\`, the dispatcher as it was before issue 10 (nodemailer's pooled transport,
${POOL_SIZE} connections, batches of 50 whose outcomes are written after the whole batch), twice each, taking turns, the
faster run of each counting; then the dispatcher with one connection per e-mail, on a tenth of the queue. The queue is reset between runs. Each
run is verified against the server: every row is \`sent\` and every Message-ID arrived exactly once.`;

/** What the batch-outcome dispatcher achieved on this machine before issue 10 changed it (commit b511399). */
const BEFORE_ISSUE_10 =
  '938 and 953 e-mails/s (10,000 e-mails in 10.67 s and 10.50 s; quick size: 551–671 e-mails/s)';

/** The next attempt of the rows left out of a run on a sample. */
const NOT_DUE = Number.MAX_SAFE_INTEGER;

interface SendRun {
  ms: number;
  sent: number;
}

const rate = (run: SendRun) => `${formatNumber(run.sent / (run.ms / 1000))} e-mails/s`;

/**
 * Checks that every row that was due is sent and every Message-ID it holds
 * arrived exactly once since `receivedBefore`.
 */
async function verifyRun(
  core: Core,
  smtp: TestSmtpServer,
  receivedBefore: number,
  run: SendRun,
  expected: number,
  recorder: ScenarioRecorder,
  name: string,
): Promise<void> {
  const rows: { status: string; message_id: string | null }[] = await core.ctx
    .db('notifications')
    .whereNot('next_attempt_at', NOT_DUE)
    .orWhereNull('next_attempt_at')
    .select('status', 'message_id');
  const arrivals = arrivalsById(smtp, receivedBefore);
  const received = smtp.received.length - receivedBefore;
  const exactlyOnce = rows.every(
    (row) => row.status === 'sent' && row.message_id !== null && arrivals.get(row.message_id) === 1,
  );
  recorder.check(
    `${name}: every e-mail arrived exactly once`,
    exactlyOnce && received === expected && arrivals.size === expected && run.sent === expected,
    `${formatNumber(run.sent)} sent, ${formatNumber(received)} received, ` +
      `${formatNumber(arrivals.size)} distinct Message-IDs`,
  );
}

export async function runDispatchScenario(bench: BenchContext): Promise<ScenarioResult> {
  const { emails } = bench.sizes.dispatch;
  const recorder = bench.recorder('dispatch', 'Dispatch', METHOD);
  const smtp = await startTestSmtpServer();
  const { core, queued } = await prepareOutbox(bench.scratch('dispatch'), emails, smtp, (dataDir) =>
    createCore({ dataDir, log: silentLogger }),
  );
  try {
    recorder.figure(
      'queued by the engine',
      `${formatNumber(emails)} e-mails (of ${formatNumber(queued)} queued)`,
    );
    const db = core.ctx.db;
    const resetQueue = () =>
      db('notifications').update({
        status: 'queued',
        attempts: 0,
        sent_at: null,
        message_id: null,
        claimed_by: null,
        claimed_at: null,
        next_attempt_at: core.ctx.now(),
      });
    /** Sends the queue (or its first `sample` e-mails) with the dispatcher. */
    const withDispatcher = async (
      name: string,
      createSender?: (config: EmailChannelConfig) => ChannelSender,
      sample = emails,
    ) => {
      if (sample < emails) {
        const kept = db('notifications').orderBy('id').limit(sample).select('id');
        await db('notifications').whereNotIn('id', kept).update({ next_attempt_at: NOT_DUE });
      }
      const before = smtp.received.length;
      const dispatcher = createDispatcher(core.ctx, { createSender: createSender as never });
      const { ms, value } = await timed(() => dispatcher.runOnce());
      await dispatcher.close();
      const run = { ms, sent: value.sent };
      await verifyRun(core, smtp, before, run, sample, recorder, name);
      await resetQueue();
      return run;
    };
    const inBatches = async (name: string) => {
      const before = smtp.received.length;
      const config = (await loadSmtpConfig(core.ctx))!;
      const claimer = core.ctx.outbox.senderLease(core.ctx).id;
      const { ms, value } = await timed(() => dispatchInBatches(db, config, core.ctx.now(), claimer));
      const run = { ms, sent: value };
      await verifyRun(core, smtp, before, run, emails, recorder, name);
      await resetQueue();
      return run;
    };

    const batchRuns: SendRun[] = [];
    const pooledRuns: SendRun[] = [];
    for (const round of [1, 2]) {
      batchRuns.push(await inBatches(`batch-outcome baseline, run ${round}`));
      pooledRuns.push(await withDispatcher(`pooled, run ${round}`));
    }
    const fastest = (runs: SendRun[]) => runs.reduce((a, b) => (a.ms <= b.ms ? a : b));
    const batch = fastest(batchRuns);
    const pooled = fastest(pooledRuns);
    // A tenth of the queue: with a connection per e-mail it is slow, and its rate is what counts.
    const single = await withDispatcher(
      'one connection per e-mail (a tenth of the queue)',
      (config) => createEmailSender(config, { messagesPerConnection: 1 }),
      Math.ceil(emails / 10),
    );

    recorder.figure('pooled sending, outcome per e-mail', `${formatDuration(pooled.ms)} (${rate(pooled)})`);
    recorder.figure(
      'batch-outcome baseline (the dispatcher before issue 10)',
      `${formatDuration(batch.ms)} (${rate(batch)})`,
    );
    recorder.figure('one connection per e-mail', `${formatDuration(single.ms)} (${rate(single)})`);
    recorder.figure('batch-outcome dispatcher, measured before issue 10 changed it', BEFORE_ISSUE_10);
    recorder.goal({
      label: 'pooled sending against one connection per e-mail',
      basis: `${rate(pooled)} vs ${rate(single)}`,
      value: pooled.sent / pooled.ms / (single.sent / single.ms),
      unit: '×',
      comparison: 'at least',
      limit: 3,
    });
    recorder.goal({
      label:
        'pooled rate with an outcome per e-mail against the batch-outcome rate (no more than 10% slower)',
      basis: `${rate(pooled)} vs ${rate(batch)}`,
      value: pooled.sent / pooled.ms / (batch.sent / batch.ms),
      unit: '×',
      comparison: 'at least',
      limit: 0.9,
    });
  } finally {
    await core.close();
    await smtp.stop();
  }
  return recorder.result;
}
