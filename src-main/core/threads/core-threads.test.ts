import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/events';
import type { ApiResult } from '../../shared/errors';
import { startTestSmtpServer, type TestSmtpServer } from '../../test-support/test-smtp-server';
import type { ChannelInput, Channel, ChannelOutput } from '../api/handler-table';
import { createLogger } from '../logger';
import type { SecretStore } from '../mail/secret-store';
import { startCoreThreads, type CoreThreads, type CoreThreadsOptions } from './core-threads';

const opened: { threads: CoreThreads; dataDir: string }[] = [];
const servers: TestSmtpServer[] = [];
afterEach(async () => {
  for (const { threads, dataDir } of opened.splice(0)) {
    await threads.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  for (const server of servers.splice(0)) await server.stop();
});

/** A secret store of the host's that records what the threads asked of it. */
function recordingStore(): SecretStore & { asked: string[]; hold: boolean; release(): void } {
  const waiting: (() => void)[] = [];
  const store = {
    description: 'the test keychain',
    asked: [] as string[],
    hold: false,
    release: () => waiting.splice(0).forEach((go) => go()),
    async encrypt(plain: string) {
      store.asked.push(`encrypt ${plain}`);
      if (store.hold) await new Promise<void>((resolve) => waiting.push(resolve));
      return `sealed:${[...plain].reverse().join('')}`;
    },
    async decrypt(stored: string) {
      store.asked.push(`decrypt ${stored}`);
      return [...stored.slice('sealed:'.length)].reverse().join('');
    },
    async discard(stored: string) {
      store.asked.push(`discard ${stored}`);
    },
  };
  return store;
}

interface Started {
  threads: CoreThreads;
  dataDir: string;
  lines: string[];
  events: CoreEvent[];
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
}

async function start(options: Partial<CoreThreadsOptions> = {}): Promise<Started> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-threads-'));
  const lines: string[] = [];
  const threads = await startCoreThreads({
    dataDir,
    log: createLogger((line) => lines.push(line), 'debug'),
    secrets: recordingStore(),
    readers: 1,
    ...options,
  });
  opened.push({ threads, dataDir });
  const events: CoreEvent[] = [];
  threads.subscribe((event) => events.push(event));
  return {
    threads,
    dataDir,
    lines,
    events,
    async call(channel, input) {
      const result = await threads.invoke(channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as never;
    },
  };
}

async function lowClients(core: Started, smtpPort: number, count: number) {
  await core.call('engine.pause', {});
  await core.call('mail.saveSettings', {
    host: '127.0.0.1',
    port: smtpPort,
    tlsMode: 'none',
    user: '',
    password: '',
    fromName: 'Lowbal',
    fromAddress: 'alerts@acme.example',
    rateLimit: 0,
  });
  const usd = await core.call('currencies.create', {
    code: 'USD',
    name: 'US Dollar',
    rate: '1',
    isBase: true,
  });
  const reseller = await core.call('resellers.create', { name: 'Acme', email: 'noc@acme.example' });
  const profile = await core.call('profiles.create', {
    name: 'Prepaid',
    resellerId: reseller.id,
    currencyId: usd.id,
    maxQty: 0,
    period: { value: 24, unit: 'hours' },
    userNotification: { threshold: '', notify: false, userIds: [], emails: [] },
    clientNotification: { threshold: '20', notify: true, emails: [] },
  });
  for (let i = 1; i <= count; i++) {
    await core.call('clients.create', {
      name: `Client ${i}`,
      resellerId: reseller.id,
      currencyId: usd.id,
      billingEmail: `client${i}@client.example`,
      balance: '5',
      credit: '0',
      profileId: profile.id,
    });
  }
}

/** A thread starts in seconds on a loaded machine (tests run it from TypeScript). */
const RESTART = { timeout: 30_000 };

const exited = (worker: { once(event: 'exit', listener: () => void): void }) =>
  new Promise<void>((resolve) => worker.once('exit', () => resolve()));

describe('the core in its own threads', () => {
  it('answers calls, forwards the writer’s events, and gives readers the writer’s engine state', async () => {
    const core = await start({ lease: { description: 'test host' } });
    expect(core.threads.channels).toContain('engine.checkNow');
    const smtp = await startTestSmtpServer();
    servers.push(smtp);
    await lowClients(core, smtp.port, 3);
    const { checks } = await core.call('engine.checkNow', {});
    expect(checks[0]).toMatchObject({ clientsEvaluated: 3, queued: 3 });
    const progress = core.events.filter((event) => event.name === 'check.progress');
    expect(progress.at(-1)?.payload).toMatchObject({ state: 'finished', profileIndex: 1, profileCount: 1 });
    expect(core.events.map((event) => event.name)).toContain('engine.changed');
    // engine.status runs on the reader, which knows from the writer that the scheduler runs there.
    expect(await core.call('engine.status', {})).toMatchObject({ running: true, paused: true, check: null });
    expect(await core.call('engine.overview', {})).toMatchObject({ state: 'paused', readOnly: null });
    expect(core.lines.join('\n')).toMatch(
      /INFO scheduler lease acquired; this host checks and sends host="test host"/,
    );
  });

  it('asks the host for every secret: the threads never hold the keychain', async () => {
    const secrets = recordingStore();
    const core = await start({ secrets });
    const auth = { user: 'lowbal', pass: 'p4ss word' };
    const smtp = await startTestSmtpServer({ auth });
    servers.push(smtp);
    const settings = {
      host: '127.0.0.1',
      port: smtp.port,
      tlsMode: 'none' as const,
      user: auth.user,
      password: auth.pass,
      fromName: 'Lowbal',
      fromAddress: 'alerts@acme.example',
      rateLimit: 0,
    };
    const saved = await core.call('mail.saveSettings', settings);
    expect(saved).toMatchObject({ hasPassword: true, passwordStorage: 'the test keychain' });
    expect(JSON.stringify(saved)).not.toContain(auth.pass);
    expect(await core.call('mail.sendTest', { to: 'ops@acme.example' })).toMatchObject({ ok: true });
    const sealed = `sealed:${[...auth.pass].reverse().join('')}`;
    expect(secrets.asked).toEqual([`encrypt ${auth.pass}`, `decrypt ${sealed}`]);
    expect(smtp.received).toHaveLength(1);

    // A replaced secret is forgotten by the host's store too.
    await core.call('mail.saveSettings', { ...settings, password: 'n3w' });
    expect(secrets.asked.slice(2)).toEqual(['encrypt n3w', `discard ${sealed}`]);
  });

  it('starts a crashed writer again: the log and an event say so, calls in flight fail, the next call succeeds', async () => {
    const secrets = recordingStore();
    const core = await start({ secrets, lease: { description: 'test host' } });
    secrets.hold = true;
    const inFlight = core.threads.invoke('mail.saveSettings', {
      host: 'smtp.example',
      port: 587,
      tlsMode: 'starttls',
      user: 'u',
      password: 'held',
      fromName: 'Lowbal',
      fromAddress: 'alerts@acme.example',
      rateLimit: 0,
    });
    await expect.poll(() => secrets.asked, RESTART).toEqual(['encrypt held']);

    const writer = core.threads.workers().writer!;
    await writer.terminate();
    expect(await inFlight).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/stopped while handling this call/) },
    });
    // Calls made while it restarts wait for it, then succeed.
    const created = await core.call('resellers.create', { name: 'After the crash', email: 'a@acme.example' });
    expect(created.name).toBe('After the crash');
    expect(core.threads.workers().writer).not.toBe(writer);
    await expect.poll(() => core.events.map((event) => event.name), RESTART).toContain('core.restarted');
    expect(core.events.find((event) => event.name === 'core.restarted')?.payload).toMatchObject({
      part: 'writer',
      reason: 'exit code 1',
    });
    const log = core.lines.join('\n');
    expect(log).toMatch(
      /ERROR the core's writer stopped unexpectedly; starting it again reason="exit code 1"/,
    );
    expect(log).toMatch(/INFO the core's writer is running again/);
    // It holds the lease again at once (same holder), instead of waiting for the old one to expire.
    await expect.poll(async () => (await core.call('engine.overview', {})).state, RESTART).toBe('running');
  });

  it('answers reads while the writer is down, from a reader', async () => {
    const core = await start();
    await core.call('resellers.create', { name: 'Acme', email: 'noc@acme.example' });
    const writer = core.threads.workers().writer!;
    const gone = exited(writer);
    await writer.terminate();
    await gone;
    const listed = await core.threads.invoke('resellers.list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ name: 'Acme' }] });
    // Answered before the writer was back: a call routed to the writer would have waited for it.
    expect(core.events.map((event) => event.name)).not.toContain('core.restarted');
    await expect.poll(() => core.events.map((event) => event.name), RESTART).toContain('core.restarted');
  });

  it('starts a crashed reader again and keeps answering reads meanwhile', async () => {
    const core = await start({ readers: 1 });
    const reader = core.threads.workers().readers[0]!;
    await reader.terminate();
    expect(await core.threads.invoke('currencies.list', {})).toEqual({ ok: true, value: [] });
    await expect.poll(() => core.events.some((event) => event.name === 'core.restarted'), RESTART).toBe(true);
    expect(core.threads.workers().readers[0]).not.toBe(reader);
    expect(await core.threads.invoke('currencies.list', {})).toEqual({ ok: true, value: [] });
  });

  it('loses no e-mail when the writer crashes while sending: what was being sent goes out after the restart', async () => {
    const core = await start({ lease: { description: 'test host' } });
    const smtp = await startTestSmtpServer();
    servers.push(smtp);
    await lowClients(core, smtp.port, 4);
    await core.call('engine.checkNow', {});
    smtp.answerAfter(60_000);
    await core.call('engine.resume', {});
    const sending = async () =>
      (await core.call('notifications.list', { status: 'sending', limit: 10 })).total;
    await expect.poll(sending, { timeout: 10_000 }).toBe(4);

    smtp.answerAfter(0);
    await core.threads.workers().writer!.terminate();
    const sent = async () => (await core.call('notifications.list', { status: 'sent', limit: 10 })).total;
    await expect.poll(sent, { timeout: 20_000 }).toBe(4);
    const recipients = new Set(smtp.received.flatMap((mail) => mail.to));
    expect([...recipients].sort()).toEqual([1, 2, 3, 4].map((i) => `client${i}@client.example`));
    expect(core.lines.join('\n')).toMatch(
      /WARN notifications left sending by a stopped Lowbal are queued again interrupted=4/,
    );
  });

  it('says why it cannot start, and leaves no thread behind', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-threads-'));
    fs.writeFileSync(path.join(dataDir, 'lowbal.sqlite'), 'this is not a database, just text long enough');
    try {
      await expect(
        startCoreThreads({ dataDir, log: createLogger(() => undefined), secrets: recordingStore() }),
      ).rejects.toThrow(/could not start: file is not a database/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('closes its threads: the scheduler stops, the lease is released, later calls are refused', async () => {
    const core = await start({ lease: { description: 'test host' } });
    const { writer, readers } = core.threads.workers();
    const gone = Promise.all([writer!, ...readers.map((reader) => reader!)].map(exited));
    await core.threads.close();
    await gone;
    expect(core.lines.join('\n')).toMatch(/INFO scheduler stopped[\s\S]*INFO scheduler lease released/);
    const refused: ApiResult<unknown> = await core.threads.invoke('currencies.list', {});
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: 'Lowbal is stopping' },
    });
  });
});
