import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '../../shared/events';
import type { CheckProgressView } from '../../shared/schemas/notification';
import { throttleProgress } from './progress-throttle';

const progress = (profileIndex: number, state: CheckProgressView['state'] = 'running'): CoreEvent => ({
  name: 'check.progress',
  payload: {
    runId: 1,
    trigger: 'manual',
    startedAt: 0,
    profileIndex,
    profileCount: 100,
    profileName: `P${profileIndex}`,
    clientsEvaluated: profileIndex * 10,
    state,
  },
});
const changed: CoreEvent = { name: 'engine.changed', payload: {} };
const index = (event: CoreEvent) =>
  event.name === 'check.progress' ? `${event.payload.state} ${event.payload.profileIndex}` : event.name;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('throttleProgress', () => {
  it('sends running progress at most once per interval, the latest winning', () => {
    const sent: CoreEvent[] = [];
    const pass = throttleProgress(
      (event) => sent.push(event),
      100,
      () => Date.now(),
    );
    pass(progress(0));
    for (let i = 1; i <= 50; i++) pass(progress(i));
    expect(sent.map(index)).toEqual(['running 0']);
    vi.advanceTimersByTime(100);
    expect(sent.map(index)).toEqual(['running 0', 'running 50']);
    vi.advanceTimersByTime(1_000);
    expect(sent).toHaveLength(2);
  });

  it('sends the end (and other events) at once, dropping progress it makes stale', () => {
    const sent: CoreEvent[] = [];
    const pass = throttleProgress(
      (event) => sent.push(event),
      100,
      () => Date.now(),
    );
    pass(progress(0));
    pass(progress(1));
    pass(changed);
    pass(progress(2));
    pass(progress(3, 'cancelling'));
    pass(progress(3, 'cancelled'));
    vi.advanceTimersByTime(1_000);
    expect(sent.map(index)).toEqual([
      'running 0',
      'running 1',
      'engine.changed',
      'cancelling 3',
      'cancelled 3',
    ]);
  });
});
