import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { KICKS_ONLY } from '../../test-support/engine-world';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { createLogger } from '../logger';
import { claimLease, readLease } from './lease-repo';
import type { LeaseOptions } from './scheduler-lease';

const open: TestCore[] = [];
afterEach(async () => {
  const dirs = new Set(open.map((core) => core.dataDir));
  for (const core of open.splice(0)) await core.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function host(dataDir?: string): Promise<TestCore & { lines: string[] }> {
  const core = await createTestCore({ dataDir });
  open.push(core);
  const lines: string[] = [];
  core.ctx.log = createLogger((line) => lines.push(line), 'debug');
  return Object.assign(core, { lines });
}

/** A holder on another machine: alive until its lease expires. */
const elsewhere = { host: 'another-machine', pid: 1 };

const fast = (description: string): LeaseOptions => ({
  description,
  heartbeatMs: 20,
  ttlMs: 300,
  scheduler: KICKS_ONLY,
});

describe('one sender per database', () => {
  it('lets the first host send and makes the second read-only, saying who sends', async () => {
    const first = await host();
    const second = await host(first.dataDir);
    await first.ctx.lease.start(first.ctx, fast('desktop app on host office-pc (pid 11)'));
    await second.ctx.lease.start(second.ctx, fast('headless service on host srv (pid 22)'));

    expect(first.ctx.engine.scheduler).not.toBeNull();
    expect(first.ctx.lease.readOnly()).toBeNull();
    expect(second.ctx.engine.scheduler).toBeNull();
    const lease = await readLease(first.ctx.db);
    expect(second.ctx.lease.readOnly()).toEqual({
      holder: 'desktop app on host office-pc (pid 11)',
      since: lease!.acquiredAt,
    });
    expect(second.lines.join('\n')).toMatch(
      /WARN read-only: another Lowbal checks and sends on this database holder="desktop app on host office-pc \(pid 11\)"/,
    );

    const refused = await second.callError('engine.checkNow', {});
    expect(refused.code).toBe('read_only');
    expect(refused.message).toMatch(
      /desktop app on host office-pc \(pid 11\) since \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
    );
    expect(await first.call('engine.checkNow', {})).toEqual({ checks: [], paused: false, cancelled: false });

    expect(await second.call('overview.get', {})).toMatchObject({
      state: 'read-only',
      readOnly: { holder: 'desktop app on host office-pc (pid 11)' },
    });
    expect(await first.call('overview.get', {})).toMatchObject({ state: 'running', readOnly: null });
  });

  it('passes the lease on when its holder stops cleanly', async () => {
    const first = await host();
    const second = await host(first.dataDir);
    await first.ctx.lease.start(first.ctx, fast('first'));
    await second.ctx.lease.start(second.ctx, fast('second'));
    expect(second.ctx.lease.readOnly()?.holder).toBe('first');

    await first.ctx.lease.stop(first.ctx);
    expect(first.ctx.engine.scheduler).toBeNull();
    await expect.poll(() => second.ctx.engine.scheduler !== null).toBe(true);
    expect(second.ctx.lease.readOnly()).toBeNull();
    expect((await readLease(second.ctx.db))?.description).toBe('second');
    expect(second.lines.join('\n')).toMatch(
      /INFO scheduler lease acquired; this host checks and sends host=second/,
    );
  });

  it('takes over a lease whose holder stopped renewing it (crashed, killed)', async () => {
    const waiting = await host();
    await claimLease(waiting.ctx.db, {
      holder: 'gone',
      description: 'headless service on host old (pid 9)',
      host: 'old',
      pid: 9,
      now: Date.now(),
      ttlMs: 150,
    });
    await waiting.ctx.lease.start(waiting.ctx, fast('desktop'));
    expect(waiting.ctx.lease.readOnly()?.holder).toBe('headless service on host old (pid 9)');
    await expect.poll(() => waiting.ctx.engine.scheduler !== null).toBe(true);
    expect(waiting.ctx.lease.readOnly()).toBeNull();
  });

  it('stops sending when another host took the lease over, and waits for it', async () => {
    const stalled = await host();
    await stalled.ctx.lease.start(stalled.ctx, fast('stalled'));
    expect(stalled.ctx.engine.scheduler).not.toBeNull();
    // What a host that found the lease expired (this one slept through its heartbeats) does.
    await stalled.ctx
      .db('scheduler_lease')
      .update({ holder: 'other', description: 'other host', expires_at: Date.now() + 60_000 });

    await expect.poll(() => stalled.ctx.lease.readOnly()?.holder).toBe('other host');
    expect(stalled.ctx.engine.scheduler).toBeNull();
    expect(stalled.lines.join('\n')).toMatch(
      /the scheduler lease was taken over; stopping the scheduler here/,
    );
  });

  it('keeps the lease alive with heartbeats and releases it on close', async () => {
    const holder = await host();
    await holder.ctx.lease.start(holder.ctx, fast('holder'));
    const first = await readLease(holder.ctx.db);
    await expect
      .poll(async () => (await readLease(holder.ctx.db))!.heartbeatAt)
      .toBeGreaterThan(first!.heartbeatAt);
    const renewed = await readLease(holder.ctx.db);
    expect(renewed!.acquiredAt).toBe(first!.acquiredAt);
    expect(renewed!.expiresAt).toBe(renewed!.heartbeatAt + 300);

    await holder.close();
    open.splice(open.indexOf(holder), 1);
    const reopened = await host(holder.dataDir);
    expect(await readLease(reopened.ctx.db)).toBeNull();
  });

  it('lets only one of two simultaneous claims win', async () => {
    const a = await host();
    const b = await host(a.dataDir);
    const now = Date.now();
    const [seenByA, seenByB] = await Promise.all([
      claimLease(a.ctx.db, { ...elsewhere, holder: 'a', description: 'a', now, ttlMs: 30_000 }),
      claimLease(b.ctx.db, { ...elsewhere, holder: 'b', description: 'b', now, ttlMs: 30_000 }),
    ]);
    expect(seenByA!.holder).toBe(seenByB!.holder);
    const loser = seenByA!.holder === 'a' ? 'b' : 'a';
    expect(
      await claimLease(a.ctx.db, {
        ...elsewhere,
        holder: loser,
        description: loser,
        now: now + 1,
        ttlMs: 30_000,
      }),
    ).toMatchObject({
      holder: seenByA!.holder,
    });
  });

  it('does not restrict a process that never asked for the lease (tests, the CLI)', async () => {
    const cli = await host();
    expect(cli.ctx.lease.readOnly()).toBeNull();
    expect(await cli.call('engine.checkNow', {})).toEqual({ checks: [], paused: false, cancelled: false });
    expect(await cli.call('overview.get', {})).toMatchObject({ state: 'stopped' });
  });
});
