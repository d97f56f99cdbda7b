import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../../src-main/core/create-core';
import { DATABASE_FILE_NAME } from '../../src-main/core/db/open-database';
import { silentLogger } from '../../src-main/core/logger';
import { POOL_SIZE } from '../../src-main/core/mail/smtp-sender';
import { startTestSmtpServer } from '../../src-main/test-support/test-smtp-server';
import { PROJECT_ROOT } from '../../scripts/project-root';
import type { BenchContext } from '../bench-context';
import { randomInt, seededRandom } from '../dataset/random';
import { arrivalsById, prepareOutbox } from '../dispatch/prepare-outbox';
import { formatDuration, formatNumber, type ScenarioResult } from '../report/bench-report';

const CHILD = path.join(PROJECT_ROOT, 'bench/fault/sender-child.ts');
const START_TIMEOUT_MS = 60_000;

const METHOD = `The outbox of a generated database is filled with exactly the e-mails to send (as in Dispatch), then sent by
\`bench/fault/sender-child.ts\`: a process that opens the core as a host does and takes the scheduler lease, which sends
the queue to an in-process \`smtp-server\`. At random points (seeded), once the server has taken a random number of
e-mails, the sender is killed with SIGKILL and started again on the same database, five times; the last run sends what is
left. Every Message-ID the server received is compared with the database: an e-mail is lost when it is not \`sent\` or its
Message-ID never arrived; every extra arrival of a Message-ID is a duplicate. Each restart takes the lease at once (the
old holder's process is gone) and takes back the rows the killed sender left \`sending\`.`;

interface Sender {
  child: ChildProcess;
  exited: Promise<void>;
}

function startSender(dataDir: string, log: (text: string) => void): Promise<Sender> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr!.setEncoding('utf8').on('data', log);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the sender did not start')), START_TIMEOUT_MS);
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      if (!text.includes('ready')) return;
      clearTimeout(timer);
      resolve({ child, exited });
    });
    child.once('exit', (code) => reject(new Error(`the sender exited (${code}) before it was ready`)));
  });
}

/** Counts of the outbox by status, read from the file while the sender may run (WAL readers never block it). */
function statuses(dataDir: string): Record<string, number> {
  const db = new Database(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
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

const until = async (done: () => boolean, what: string, timeoutMs = 600_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

export async function runFaultScenario(bench: BenchContext): Promise<ScenarioResult> {
  const { emails, kills } = bench.sizes.fault;
  const recorder = bench.recorder('fault', 'Fault: the sender killed mid-send', METHOD);
  const dataDir = bench.scratch('fault');
  const smtp = await startTestSmtpServer();
  const senderLog: string[] = [];
  try {
    const { core } = await prepareOutbox(dataDir, emails, smtp, (dir) =>
      createCore({ dataDir: dir, log: silentLogger }),
    );
    await core.close();

    const random = seededRandom(10);
    const killAt = Array.from({ length: kills }, () => randomInt(random, 1, emails - 1)).sort(
      (a, b) => a - b,
    );
    const inFlightAtKills: number[] = [];
    const started = performance.now();
    let sender = await startSender(dataDir, (text) => senderLog.push(text));
    for (const at of killAt) {
      await until(() => smtp.received.length >= at, `${at} e-mails arrived`);
      sender.child.kill('SIGKILL');
      await sender.exited;
      inFlightAtKills.push(statuses(dataDir).sending ?? 0);
      sender = await startSender(dataDir, (text) => senderLog.push(text));
    }
    await until(() => smtp.received.length >= emails && (statuses(dataDir).sent ?? 0) >= emails, 'all sent');
    const ms = performance.now() - started;
    sender.child.kill('SIGTERM');
    await sender.exited;

    const db = new Database(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
    const rows = db.prepare('SELECT status, message_id, interruptions FROM notifications').all() as {
      status: string;
      message_id: string | null;
      interruptions: number;
    }[];
    db.close();
    const arrivals = arrivalsById(smtp);
    const lost = rows.filter(
      (row) => row.status !== 'sent' || !row.message_id || !arrivals.has(row.message_id),
    ).length;
    const duplicates = [...arrivals.values()].reduce((sum, count) => sum + count - 1, 0);
    const interrupted = rows.filter((row) => row.interruptions > 0).length;

    recorder.check(
      'every Message-ID that arrived belongs to an e-mail of the outbox',
      [...arrivals.keys()].every((id) => rows.some((row) => row.message_id === id)),
      `${formatNumber(arrivals.size)} distinct Message-IDs for ${formatNumber(rows.length)} e-mails`,
    );
    recorder.goal({
      label: `e-mails lost over ${kills} kills`,
      basis: `${formatNumber(emails - lost)} of ${formatNumber(emails)} sent and received`,
      value: lost,
      unit: 'e-mails',
      comparison: 'at most',
      limit: 0,
    });
    recorder.goal({
      label: `e-mails sent twice over ${kills} kills (goal: ${kills} × the pool size of ${POOL_SIZE})`,
      basis: `${formatNumber(smtp.received.length)} arrivals of ${formatNumber(arrivals.size)} Message-IDs`,
      value: duplicates,
      unit: 'e-mails',
      comparison: 'at most',
      limit: kills * POOL_SIZE,
    });
    recorder.figure('killed after the server had taken', killAt.map((at) => formatNumber(at)).join(', '));
    recorder.figure(
      'left `sending` at each kill (in flight or claimed, not yet sent)',
      inFlightAtKills.join(', '),
    );
    recorder.figure('e-mails counted as interrupted (sent again on their own)', formatNumber(interrupted));
    recorder.figure(
      `all ${formatNumber(emails)} e-mails, ${kills} kills and restarts included`,
      `${formatDuration(ms)} (${formatNumber(emails / (ms / 1000))} e-mails/s)`,
    );
  } catch (error) {
    process.stderr.write(senderLog.join(''));
    throw error;
  } finally {
    await smtp.stop();
  }
  return recorder.result;
}
