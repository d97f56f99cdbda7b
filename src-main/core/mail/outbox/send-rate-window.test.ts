import { describe, expect, it } from 'vitest';
import { SendRateWindow } from './send-rate-window';

describe('the send rate window', () => {
  it('allows the limit per rolling minute', () => {
    const window = new SendRateWindow();
    expect(window.allowance(3, 0)).toBe(3);
    window.record(2, 1_000);
    expect(window.allowance(3, 1_000)).toBe(1);
    window.record(1, 1_000);
    expect(window.allowance(3, 30_000)).toBe(0);
    window.record(5, 40_000);
    expect(window.allowance(3, 60_999)).toBe(0);
    // The sends of 1 s go out of the window at 61 s; those of 40 s at 100 s.
    expect(window.allowance(10, 61_000)).toBe(5);
    expect(window.allowance(10, 100_000)).toBe(10);
  });

  it('has no limit at 0, and forgets what is out of the window as it records', () => {
    const window = new SendRateWindow();
    for (let at = 0; at < 200_000; at += 100) window.record(1, at);
    expect(window.allowance(0, 200_000)).toBe(Number.POSITIVE_INFINITY);
    // Only the last minute's sends are kept: 600 of them, at 100 ms apart.
    expect(window.allowance(1_000, 199_900)).toBe(400);
    window.record(1, 199_900);
    window.record(1, 199_900);
    expect(window.allowance(1_000, 199_900)).toBe(398);
  });
});
