import { describe, expect, it } from 'vitest';
import { readEventFrames } from './event-frames';

describe('readEventFrames', () => {
  it('reads whole frames, skips comments and keeps an unfinished frame for later', () => {
    const first = readEventFrames(
      ': connected\n\ndata: {"name":"engine.changed","payload":{}}\n\ndata: {"na',
    );
    expect(first.events).toEqual([{ name: 'engine.changed', payload: {} }]);
    expect(first.rest).toBe('data: {"na');
    const second = readEventFrames(`${first.rest}me":"engine.changed","payload":{}}\n\n: keep-alive\n\n`);
    expect(second).toEqual({ events: [{ name: 'engine.changed', payload: {} }], rest: '' });
  });
});
