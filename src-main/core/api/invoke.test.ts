import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/events';
import { closedAfterEach } from '../../test-support/closed-after-each';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { DATABASE_FILE_NAME } from '../db/open-database';
import { claimLease } from '../lease/lease-repo';
import { createLogger } from '../logger';
import { defineHandler } from './define-handler';
import { invokeHandler } from './invoke';

const open: TestCore[] = [];
afterEach(async () => {
  for (const core of open.splice(0)) {
    await core.close();
    fs.rmSync(core.dataDir, { recursive: true, force: true });
  }
});

async function core(): Promise<TestCore> {
  const created = await createTestCore();
  open.push(created);
  return created;
}

const table = {
  'test.send': defineHandler(z.object({}), { writes: true, needsLease: true }, () => 'sent'),
  'test.save': defineHandler(z.object({}), { writes: true }, () => 'saved'),
  'test.pause': defineHandler(z.object({}), { writes: true, emits: ['engine.changed'] }, (_input, ctx) => {
    ctx.events.emit('engine.changed', {});
    return 'paused';
  }),
  'test.silent': defineHandler(z.object({}), { writes: true }, (_input, ctx) => {
    ctx.events.emit('engine.changed', {});
    return 'done';
  }),
  'test.sneaky': defineHandler(z.object({}), { writes: true, emits: ['engine.changed'] }, (_input, ctx) => {
    ctx.events.emit('desktop.settingsChanged', { closeToTray: true, startAtLogin: true });
    return 'done';
  }),
};

/** A core whose lease is held by another host, as a second Lowbal on the same database sees it. */
async function readOnlyCore(): Promise<TestCore> {
  const other = await core();
  await claimLease(other.ctx.db, {
    holder: 'other',
    description: 'headless service',
    host: 'elsewhere',
    pid: 1,
    now: Date.now(),
    ttlMs: 60_000,
  });
  const readOnly = await createTestCore({ dataDir: other.dataDir });
  open.push(readOnly);
  await readOnly.ctx.lease.start(readOnly.ctx, { description: 'desktop app', heartbeatMs: 60_000 });
  expect(readOnly.ctx.lease.readOnly()?.holder).toBe('headless service');
  return readOnly;
}

describe('invokeHandler', () => {
  it('refuses a handler that needs the lease on a read-only host, and runs the others', async () => {
    const { ctx } = await readOnlyCore();
    const refused = await invokeHandler(table, ctx, 'test.send', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'read_only' } });
    expect(!refused.ok && refused.error.message).toMatch(/Checks and sending run in the headless service/);
    expect(await invokeHandler(table, ctx, 'test.save', {})).toEqual({ ok: true, value: 'saved' });
  });

  it('runs a handler that needs the lease where it is held, or never asked for', async () => {
    const { ctx } = await core();
    expect(await invokeHandler(table, ctx, 'test.send', {})).toEqual({ ok: true, value: 'sent' });
  });

  it('passes the events a handler declares on, and refuses one it does not', async () => {
    const test = await core();
    const events: CoreEvent[] = [];
    test.subscribe((event) => events.push(event));
    expect(await invokeHandler(table, test.ctx, 'test.pause', {})).toEqual({ ok: true, value: 'paused' });
    expect(events).toEqual([{ name: 'engine.changed', payload: {} }]);
    const lines: string[] = [];
    test.ctx.log = createLogger((line) => lines.push(line));
    const sneaky = await invokeHandler(table, test.ctx, 'test.sneaky', {});
    expect(sneaky).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(lines.join('\n')).toContain(
      'test.sneaky emitted \\"desktop.settingsChanged\\", which its handler does not declare in emits',
    );
    expect(events).toHaveLength(1);
  });

  it('refuses an event from a handler that declares none, and logs the failure with its channel', async () => {
    const test = await core();
    const lines: string[] = [];
    test.ctx.log = createLogger((line) => lines.push(line));
    const events: CoreEvent[] = [];
    test.subscribe((event) => events.push(event));
    const silent = await invokeHandler(table, test.ctx, 'test.silent', {});
    expect(silent).toMatchObject({ ok: false, error: { code: 'internal', issues: [] } });
    expect(events).toEqual([]);
    expect(lines.join('\n')).toMatch(
      /ERROR operation failed channel=test.silent reference=[0-9a-f]{8} error=".*test.silent emitted \\"engine.changed\\", which its handler does not declare in emits/,
    );
  });
});

const openCore = closedAfterEach(createTestCore);

describe('errors at the boundary', () => {
  it('keep an AppError’s message', async () => {
    const core = await openCore();
    const error = await core.callError('profiles.get', { id: 404 });
    expect(error).toEqual({
      code: 'not_found',
      message: 'Profile was not found; it may have been deleted',
      issues: [],
    });
  });

  it('give the caller only a reference for an unexpected error, and log it whole under that reference', async () => {
    const core = await openCore();
    const lines: string[] = [];
    core.ctx.log = createLogger((line) => lines.push(line));
    // Another process holds the write lock past busy_timeout: the insert fails with its SQL in the message.
    const other = new Database(path.join(core.dataDir, DATABASE_FILE_NAME));
    other.exec('BEGIN IMMEDIATE');
    try {
      const error = await core.callError('resellers.create', { name: 'Leaky', email: 'leak@x.example' });
      expect(error.code).toBe('internal');
      expect(error.message).toMatch(
        /^Something went wrong \(reference [0-9a-f]{8}\)\. The details are in Lowbal's log under that reference\.$/,
      );
      for (const internal of ['insert', 'resellers', 'leak@x.example', 'locked', 'SQLITE']) {
        expect(error.message).not.toContain(internal);
      }
      const reference = /reference ([0-9a-f]{8})/.exec(error.message)![1];
      const logged = lines.find((line) => line.includes(`reference=${reference}`));
      expect(logged).toMatch(/ERROR operation failed channel=resellers\.create reference=[0-9a-f]{8} error=/);
      expect(logged).toContain('leak@x.example');
      expect(logged).toContain('database is locked');
      expect(logged).toMatch(/at .*\.(ts|js):\d+/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});
