import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../../bench/dataset/generate-dataset';
import { DATABASE_FILE_NAME } from '../../core/db/open-database';
import { silentLogger } from '../../core/logger';
import { type HeadlessHost, startHeadlessHost } from './start-headless-host';

const CLIENTS = 200_000;
const CALLS = 50;

let dataDir: string;
let rendererDir: string;
let host: HeadlessHost;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-responsive-'));
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Lowbal</title>');
  // Profiles not due for a day: nothing is checked until the test asks.
  await generateDataset(path.join(dataDir, DATABASE_FILE_NAME), {
    clients: CLIENTS,
    profiles: 2,
    resellers: 4,
  });
  host = await startHeadlessHost({ dataDir, rendererDir, port: 0, log: silentLogger, readers: 1 });
}, 120_000);

afterAll(async () => {
  await host?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

async function api(channel: string, body: unknown): Promise<{ ok: boolean; value?: unknown }> {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { ok: boolean; value?: unknown };
}

describe('the headless host during a long check', { timeout: 120_000 }, () => {
  it(`answers ${CALLS} trivial calls while a check of ${CLIENTS.toLocaleString('en')} clients runs`, async () => {
    const started = new Promise<void>((resolve) => {
      const stop = host.core.subscribe((event) => {
        if (event.name === 'check.progress' && event.payload.profileIndex >= 1) {
          stop();
          resolve();
        }
      });
    });
    let checkAnswered = false;
    const check = api('engine.checkNow', {}).then((result) => {
      checkAnswered = true;
      return result;
    });
    await started;

    const waits: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const begun = performance.now();
      const listed = await api('currencies.list', {});
      waits.push(performance.now() - begun);
      expect(listed.ok).toBe(true);
    }
    // Every call came back while the check still ran: none of them waited for it.
    expect(checkAnswered).toBe(false);
    expect(Math.max(...waits)).toBeLessThanOrEqual(1_000);

    const result = (await check) as { ok: boolean; value: { checks: { clientsEvaluated: number }[] } };
    expect(result.ok).toBe(true);
    const evaluated = result.value.checks.reduce((sum, c) => sum + c.clientsEvaluated, 0);
    expect(evaluated).toBeGreaterThan(CLIENTS * 0.9);
  });
});
