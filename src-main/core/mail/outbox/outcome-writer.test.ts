import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../logger';
import type { OutcomeWrite } from './outbox-repo';
import { OutcomeWriter } from './outcome-writer';

const sent = (id: number): OutcomeWrite => ({ id, claimer: 'c', kind: 'sent', messageId: `<${id}@x>` });
const TIMING = { gatherMs: 5, gatherCount: 3, firstRetryMs: 100, longestRetryMs: 400 };

afterEach(() => {
  vi.useRealTimers();
});

function writerWith(write: (writes: OutcomeWrite[]) => Promise<void>, timing = TIMING) {
  const lines: string[] = [];
  const writer = new OutcomeWriter(
    write,
    createLogger((line) => lines.push(line), 'debug'),
    timing,
  );
  return { writer, lines };
}

describe('the outcome writer', () => {
  it('writes an outcome after a few milliseconds, with those that arrive meanwhile, in one write', async () => {
    vi.useFakeTimers();
    const batches: number[][] = [];
    const { writer, lines } = writerWith(async (writes) => {
      batches.push(writes.map((write) => write.id));
    });
    expect(writer.pending).toBe(0);
    const first = writer.record(sent(1));
    const second = writer.record(sent(2));
    expect(writer.pending).toBe(2);
    await vi.advanceTimersByTimeAsync(4);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([first, second]);
    expect(batches).toEqual([[1, 2]]);
    expect(writer.pending).toBe(0);
    expect(writer.healthy).toBe(true);
    expect(lines).toEqual([]);
  });

  it('writes within the same turn and retries after 100 ms by default', async () => {
    vi.useFakeTimers();
    const attempts: number[] = [];
    const start = Date.now();
    const writer = new OutcomeWriter(
      async () => {
        attempts.push(Date.now() - start);
        if (attempts.length === 1) throw new Error('locked');
      },
      createLogger(() => {}),
    );
    const done = writer.record(sent(1));
    expect(attempts).toEqual([]);
    await vi.advanceTimersByTimeAsync(99);
    expect(attempts).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(attempts).toEqual([0, 100]);
  });

  it('with no gathering time, writes together only the outcomes of the same turn', async () => {
    const batches: number[][] = [];
    const { writer } = writerWith(
      async (writes) => {
        batches.push(writes.map((write) => write.id));
      },
      { ...TIMING, gatherMs: 0 },
    );
    const sameTurn = [writer.record(sent(1)), writer.record(sent(2))];
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = writer.record(sent(3));
    await Promise.all([...sameTurn, later]);
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('writes at once when `gatherCount` outcomes wait', async () => {
    vi.useFakeTimers();
    const batches: number[][] = [];
    const { writer } = writerWith(async (writes) => {
      batches.push(writes.map((write) => write.id));
    });
    const done = [writer.record(sent(1)), writer.record(sent(2)), writer.record(sent(3))];
    await vi.advanceTimersByTimeAsync(0);
    await Promise.all(done);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('puts what arrives during a write into the next one', async () => {
    vi.useFakeTimers();
    const batches: number[][] = [];
    let release = () => {};
    const { writer } = writerWith(async (writes) => {
      batches.push(writes.map((write) => write.id));
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const first = writer.record(sent(1));
    await vi.advanceTimersByTimeAsync(5);
    // As many as would end a gathering at once: nothing is gathering during a write.
    const more = [writer.record(sent(2)), writer.record(sent(3)), writer.record(sent(4))];
    release();
    await Promise.all([first, ...more]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps outcomes whose write fails and writes them again with back-off until it succeeds, saying so once', async () => {
    vi.useFakeTimers();
    const attempts: number[] = [];
    let failuresLeft = 4;
    const { writer, lines } = writerWith(async () => {
      attempts.push(Date.now());
      if (failuresLeft-- > 0) throw new Error('database is locked');
    });
    const troubles: number[] = [];
    writer.onTrouble(() => troubles.push(Date.now()));
    let written = false;
    const start = Date.now();
    void writer.record(sent(1)).then(() => (written = true));
    await vi.advanceTimersByTimeAsync(5);
    expect(writer.healthy).toBe(false);
    expect(troubles).toHaveLength(1);
    const later = writer.record(sent(2));
    await vi.advanceTimersByTimeAsync(2_000);
    await later;
    expect(written).toBe(true);
    expect(writer.healthy).toBe(true);
    // 100, 200, 400 and (at most) 400 ms apart.
    expect(attempts.map((at) => at - start)).toEqual([5, 105, 305, 705, 1105]);
    expect(troubles).toHaveLength(1);
    expect(lines.filter((line) => line.includes('could not write delivery outcomes'))).toHaveLength(1);
    expect(lines.find((line) => line.includes('could not write'))).toMatch(
      /ERROR could not write delivery outcomes; keeping them and retrying outcomes=1 error="database is locked"/,
    );
    expect(
      lines.filter((line) => line.includes('INFO delivery outcomes written again after=4 outcomes=2')),
    ).toHaveLength(1);
  });

  it('reports trouble again after a recovery, and not after it is told to stop listening', async () => {
    vi.useFakeTimers();
    let fail = true;
    const { writer } = writerWith(async () => {
      if (fail) {
        fail = false;
        throw new Error('disk full');
      }
    });
    const troubles: string[] = [];
    const stop = writer.onTrouble(() => troubles.push('a'));
    writer.onTrouble(() => troubles.push('b'));
    await Promise.all([writer.record(sent(1)), vi.advanceTimersByTimeAsync(1_000)]);
    expect(troubles).toEqual(['a', 'b']);
    stop();
    fail = true;
    await Promise.all([writer.record(sent(2)), vi.advanceTimersByTimeAsync(1_000)]);
    expect(troubles).toEqual(['a', 'b', 'b']);
  });

  it('tells when everything recorded so far is written', async () => {
    vi.useFakeTimers();
    const { writer } = writerWith(async () => {});
    let idle = false;
    await writer.idle();
    void writer.record(sent(1));
    void writer.idle().then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(1);
    expect(idle).toBe(false);
    await vi.advanceTimersByTimeAsync(10);
    expect(idle).toBe(true);
  });
});
