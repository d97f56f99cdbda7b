import { describe, expect, it } from 'vitest';
import type { CheckProgressView } from '../../shared/schemas/notification';
import { closedAfterEach } from '../../test-support/closed-after-each';
import { createEngineWorld, HOUR, type EngineWorld } from '../../test-support/engine-world';
import { createLogger } from '../logger';
import { runDueChecks } from './check-runs';

const openWorld = closedAfterEach(createEngineWorld);

/** Three profiles with two low clients each, every one e-mailed by the Client Notification. */
async function threeProfiles(w: EngineWorld): Promise<number[]> {
  const ids: number[] = [];
  for (const name of ['A', 'B', 'C']) {
    const profileId = await w.addProfile({
      name: `Profile ${name}`,
      period: { value: 1, unit: 'hours' },
      clientNotification: { threshold: '20', notify: true, emails: [] },
    });
    for (const n of [1, 2]) {
      await w.addClient({
        name: `${name}${n}`,
        balance: '5',
        profileId,
        billingEmail: `${name}${n}@c.example`,
      });
    }
    await w.addClient({
      name: `${name} rich`,
      balance: '500',
      profileId,
      billingEmail: `${name}r@c.example`,
    });
    ids.push(profileId);
  }
  return ids;
}

function progressOf(w: EngineWorld): CheckProgressView[] {
  const seen: CheckProgressView[] = [];
  w.core.subscribe((event) => {
    if (event.name === 'check.progress') seen.push(event.payload);
  });
  return seen;
}

const brief = (p: CheckProgressView) =>
  `${p.state} ${p.profileIndex}/${p.profileCount} ${p.profileName} ${p.clientsEvaluated}`;

describe('a check run', () => {
  it('reports profile i of n and the clients evaluated, then that it finished', async () => {
    const world = await openWorld();
    await threeProfiles(world);
    const seen = progressOf(world);
    const result = await world.core.call('engine.checkNow', {});
    expect(result).toMatchObject({ cancelled: false, checks: [{}, {}, {}] });
    expect(seen.map(brief)).toEqual([
      'running 0/3  0',
      'running 1/3 Profile A 0',
      'running 1/3 Profile A 3',
      'running 1/3 Profile A 3',
      'running 2/3 Profile B 3',
      'running 2/3 Profile B 6',
      'running 2/3 Profile B 6',
      'running 3/3 Profile C 6',
      'running 3/3 Profile C 9',
      'running 3/3 Profile C 9',
      'finished 3/3 Profile C 9',
    ]);
    expect(new Set(seen.map((p) => p.runId)).size).toBe(1);
    expect(seen[0]).toMatchObject({ trigger: 'manual', startedAt: world.core.ctx.now() });
    expect((await world.core.call('engine.status', {})).check).toBeNull();
  });

  it('shows in engine.status while it runs', async () => {
    const world = await openWorld();
    await threeProfiles(world);
    const during: unknown[] = [];
    world.core.subscribe((event) => {
      if (event.name === 'check.progress' && event.payload.profileIndex === 2 && during.length === 0) {
        during.push(world.core.ctx.engineState().check);
      }
    });
    await world.core.call('engine.checkNow', {});
    expect(during).toEqual([expect.objectContaining({ state: 'running', profileIndex: 2, profileCount: 3 })]);
  });

  it('stops at its next step once cancelled, keeping the profiles it checked and nothing of the current one', async () => {
    const world = await openWorld();
    const [a, b, c] = await threeProfiles(world);
    const schedules = () =>
      world.core.ctx.db('profiles').whereIn('id', [b, c]).select('last_check_at', 'next_check_at');
    const before = await schedules();
    const seen = progressOf(world);
    let cancel: Promise<unknown> | undefined;
    world.core.subscribe((event) => {
      if (event.name === 'check.progress' && event.payload.profileName === 'Profile B' && !cancel) {
        cancel = world.core.call('engine.cancelCheck', {});
      }
    });
    const result = await world.core.call('engine.checkNow', {});
    expect(await cancel).toEqual({ cancelling: true });
    expect(result.cancelled).toBe(true);
    expect(result.checks.map((check) => check.profileId)).toEqual([a]);
    expect(seen.at(-1)).toMatchObject({ state: 'cancelled', profileIndex: 2, profileName: 'Profile B' });
    expect(seen.map((p) => p.state)).toContain('cancelling');

    const checked = await world.core.ctx.db('checks').pluck('profile_id');
    expect(checked).toEqual([a]);
    expect(await world.queued()).toEqual(['A1|client|A1@c.example', 'A2|client|A2@c.example']);
    // Nothing of B (its transaction rolled back) or C; a manual run leaves their schedules alone.
    expect(await schedules()).toEqual(before);
    expect(await world.core.call('engine.cancelCheck', {})).toEqual({ cancelling: false });
  });

  it('postpones the profiles a cancelled scheduled run did not check, as after a failure', async () => {
    const world = await openWorld();
    const [a] = await threeProfiles(world);
    world.core.subscribe((event) => {
      if (event.name === 'check.progress' && event.payload.profileName === 'Profile B') {
        world.core.ctx.engine.cancelCheck();
      }
    });
    const result = await runDueChecks(world.core.ctx);
    expect(result).toMatchObject({ cancelled: true, checks: [{ profileId: a }] });
    const now = world.core.ctx.now();
    const next = await world.core.ctx.db('profiles').orderBy('id').pluck('next_check_at');
    expect(next).toEqual([now + HOUR, now + 15 * 60_000, now + 15 * 60_000]);
    expect(await world.core.ctx.db('checks').pluck('profile_id')).toEqual([a]);
  });

  it('stops at its next step when the core closes, instead of holding the close up', async () => {
    const world = await openWorld();
    const [a] = await threeProfiles(world);
    let closing: Promise<void> | undefined;
    world.core.subscribe((event) => {
      if (event.name === 'check.progress' && event.payload.profileName === 'Profile B')
        closing ??= world.core.close();
    });
    const result = await world.core.call('engine.checkNow', {});
    await closing;
    expect(result.cancelled).toBe(true);
    expect(result.checks.map((check) => check.profileId)).toEqual([a]);
  });

  it('lets other work of its thread in between its steps', async () => {
    const world = await openWorld();
    await threeProfiles(world);
    let finished = false;
    let gotIn: boolean | undefined;
    world.core.subscribe((event) => {
      if (event.name === 'check.progress' && event.payload.profileIndex === 1 && gotIn === undefined) {
        gotIn = false;
        setImmediate(() => (gotIn = !finished));
      }
    });
    await world.core.call('engine.checkNow', {});
    finished = true;
    expect(gotIn).toBe(true);
  });

  it('says in the log how far a cancelled run got, and reports a failed one as failed', async () => {
    const world = await openWorld();
    await threeProfiles(world);
    const lines: string[] = [];
    world.core.ctx.log = createLogger((line) => lines.push(line), 'debug');
    const seen = progressOf(world);
    world.core.subscribe((event) => {
      if (event.name === 'check.progress' && event.payload.profileName === 'Profile B') {
        world.core.ctx.engine.cancelCheck();
        world.core.ctx.engine.cancelCheck();
      }
    });
    await world.core.call('engine.checkNow', {});
    // A second Cancel changes nothing: running until the first, then cancelling, then cancelled.
    const states = seen.map((p) => p.state).filter((state, i, all) => state !== all[i - 1]);
    expect(states).toEqual(['running', 'cancelling', 'cancelled']);
    await runDueChecks(world.core.ctx);
    const log = lines.join('\n');
    expect(log).toMatch(/INFO check cancelled checked=1 of=3/);
    expect(log).toMatch(/WARN scheduled check cancelled checked=0 postponed=2/);

    const failed = await world.core.callError('engine.checkNow', { profileId: 9999 });
    expect(failed.code).toBe('not_found');
    expect(seen.at(-1)).toMatchObject({ state: 'failed', profileCount: 1 });
  });

  it('checks a profile overdue by a whole Period as a catch-up, and one never checked as scheduled', async () => {
    const world = await openWorld();
    const [a, b, c] = await threeProfiles(world);
    const now = world.core.ctx.now();
    const db = world.core.ctx.db;
    await db('profiles').where({ id: a }).update({ next_check_at: null });
    await db('profiles')
      .where({ id: b })
      .update({ next_check_at: now - HOUR });
    await db('profiles')
      .where({ id: c })
      .update({ next_check_at: now - HOUR + 1 });
    const seen = progressOf(world);
    await runDueChecks(world.core.ctx);
    expect(seen[0].trigger).toBe('schedule');
    const triggers = await db('checks').orderBy('profile_id').pluck('trigger');
    expect(triggers).toEqual(['schedule', 'catch-up', 'schedule']);
  });

  it('waits for the run before it: two runs never interleave, and the second sees what the first did', async () => {
    const world = await openWorld();
    await threeProfiles(world);
    const seen = progressOf(world);
    const [manual, scheduled] = await Promise.all([
      world.core.call('engine.checkNow', {}),
      runDueChecks(world.core.ctx),
    ]);
    expect(manual.checks).toHaveLength(3);
    // The manual run checked every profile, so none was due any more when the scheduled run began.
    expect(scheduled).toEqual({ checks: [], cancelled: false });
    const runs = seen.map((p) => p.runId);
    expect(runs).toEqual([...runs].sort((x, y) => x - y));
  });
});
