import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../../test-support/closed-after-each';
import { createEngineWorld } from '../../../test-support/engine-world';
import { queueNotifications } from '../../../test-support/outbox-fixtures';
import { createTestCore, type TestCore } from '../../../test-support/test-core';
import { isGone, thisProcess } from '../../lease/process-identity';
import { createLogger } from '../../logger';
import { SenderLease } from './sender-lease';

const openCore = closedAfterEach(createTestCore);
const openWorld = closedAfterEach(createEngineWorld);
const TIMING = { heartbeatMs: 40, ttlMs: 600 };

function leaseOn(core: TestCore, timing = TIMING) {
  const lines: string[] = [];
  const lease = new SenderLease(
    {
      db: core.ctx.db,
      log: createLogger((line) => lines.push(line), 'debug'),
      now: () => core.ctx.now(),
      clock: Date.now,
      description: 'test sender',
    },
    timing,
  );
  return { lease, lines };
}

/** A pid that certainly belongs to no running process: one of a child that has exited. */
function deadPid(): number {
  return Number(
    spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
      .stdout,
  );
}

const senders = (core: TestCore) =>
  core.ctx
    .db('outbox_senders')
    .select('id', 'description', 'host', 'pid', 'heartbeat_at', 'expires_at', 'state');

describe('a sender lease', () => {
  it('registers on start, renews with heartbeats, and is gone after stop', async () => {
    const core = await openCore();
    const { lease } = leaseOn(core);
    expect(lease.valid()).toBe(false);
    const before = Date.now();
    await lease.start();
    await lease.start();
    expect(lease.valid()).toBe(true);
    const [row] = await senders(core);
    expect(row).toMatchObject({
      id: lease.id,
      description: 'test sender',
      host: os.hostname(),
      pid: process.pid,
    });
    expect(row.expires_at - row.heartbeat_at).toBe(600);
    expect(row.heartbeat_at).toBeGreaterThanOrEqual(before);
    await expect.poll(async () => (await senders(core))[0].heartbeat_at).toBeGreaterThan(row.heartbeat_at);

    lease.setPeerState('email', { unreachableSince: 5, error: 'down', recoveredAt: null });
    await expect
      .poll(async () => JSON.parse((await senders(core))[0].state as string))
      .toEqual({ email: { unreachableSince: 5, error: 'down', recoveredAt: null } });

    await lease.stop();
    await lease.stop();
    expect(lease.valid()).toBe(false);
    expect(await senders(core)).toEqual([]);
  });

  it('takes back at start what senders that are gone left sending, and leaves the live ones alone', async () => {
    const w = await openWorld();
    const core = w.core;
    const ids = await queueNotifications(w, 4);
    const { lease, lines } = leaseOn(core);
    const register = (id: string, host: string, pid: number, expiresAt: number) =>
      core.ctx.db('outbox_senders').insert({
        id,
        description: id,
        host,
        pid,
        started_at: 0,
        heartbeat_at: 0,
        expires_at: expiresAt,
      });
    const future = Date.now() + 60_000;
    await register('crashed here', os.hostname(), deadPid(), future);
    await register('running here', os.hostname(), process.ppid, future);
    await register('elsewhere', 'another-machine', 1, future);
    await register('expired', 'another-machine', 1, Date.now() - 1);
    const claimers = ['crashed here', 'running here', 'elsewhere', 'expired'];
    for (const [index, id] of ids.entries()) {
      await core.ctx
        .db('notifications')
        .where({ id })
        .update({ status: 'sending', claimed_by: claimers[index] });
    }
    await lease.start();
    expect((await senders(core)).map((row) => row.id).sort()).toEqual(
      ['elsewhere', lease.id, 'running here'].sort(),
    );
    expect(await core.ctx.db('notifications').orderBy('id').pluck('status')).toEqual([
      'queued',
      'sending',
      'sending',
      'queued',
    ]);
    expect(lines.join('\n')).toMatch(
      /WARN notifications left sending by a stopped Lowbal are queued again interrupted=2 returned=0/,
    );
    await lease.stop();
  });

  it('stops being valid two thirds into its lease when it cannot renew, says so once, and resumes when it can', async () => {
    const core = await openCore();
    const { lease, lines } = leaseOn(core);
    const lapses: number[] = [];
    lease.onLapse(() => lapses.push(Date.now()));
    const stopListening = lease.onLapse(() => lapses.push(-1));
    stopListening();
    await lease.start();
    await core.ctx.db.raw(
      `CREATE TRIGGER no_renewal BEFORE UPDATE ON outbox_senders BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    );
    const { expires_at: expiresAt } = (await senders(core))[0];
    await expect.poll(() => lapses.length, { timeout: 5_000 }).toBe(1);
    expect(lease.valid()).toBe(false);
    expect(lapses[0]).toBeLessThan(expiresAt);
    expect(lapses[0]).toBeGreaterThanOrEqual(expiresAt - 600 + 400 - 5);
    expect(lines.filter((line) => line.includes('could not renew the sender lease; retrying'))).toHaveLength(
      1,
    );
    expect(lines.filter((line) => line.includes('could not be renewed in time'))).toHaveLength(1);

    await core.ctx.db.raw('DROP TRIGGER no_renewal');
    await expect.poll(() => lease.valid()).toBe(true);
    expect(lines.filter((line) => line.includes('sender lease renewed; sending resumes'))).toHaveLength(1);
    expect(lapses).toHaveLength(1);
    await lease.stop();
  });

  it('goes on under a new id when another sender took its claims back while it could not renew', async () => {
    const core = await openCore();
    const { lease, lines } = leaseOn(core);
    await lease.start();
    const first = lease.id;
    await core.ctx.db('outbox_senders').where({ id: first }).delete();
    await expect.poll(() => lease.id).not.toBe(first);
    expect((await senders(core)).map((row) => row.id)).toEqual([lease.id]);
    expect(lines.join('\n')).toMatch(/WARN this sender was presumed gone and its claims were taken back/);
    await lease.stop();
  });
});

describe('isGone', () => {
  const self = thisProcess('me');
  it('knows a process of this machine that no longer runs is gone, and nothing else', () => {
    expect(isGone({ id: 'a', host: self.host, pid: deadPid() }, self)).toBe(true);
    expect(isGone({ id: 'b', host: self.host, pid: process.ppid }, self)).toBe(false);
    expect(isGone({ id: 'c', host: self.host, pid: process.pid }, self)).toBe(false);
    expect(isGone({ id: 'd', host: 'another-machine', pid: deadPid() }, self)).toBe(false);
    // pid 1 always runs, under another user when this is not root: still alive.
    expect(isGone({ id: 'e', host: self.host, pid: 1 }, self)).toBe(false);
  });
});
