import { describe, expect, it } from 'vitest';
import { lastLocalDays } from './local-days';

const HOUR = 60 * 60_000;

describe('lastLocalDays', () => {
  it('gives contiguous whole days ending with today, in UTC', () => {
    const days = lastLocalDays(Date.UTC(2026, 2, 1, 12), 'UTC', 3);
    expect(days).toEqual([
      { day: '2026-02-27', start: Date.UTC(2026, 1, 27), end: Date.UTC(2026, 1, 28) },
      { day: '2026-02-28', start: Date.UTC(2026, 1, 28), end: Date.UTC(2026, 2, 1) },
      { day: '2026-03-01', start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 2, 2) },
    ]);
  });

  it('starts each day at local midnight, across a daylight saving change', () => {
    // Berlin moves from UTC+1 to UTC+2 on 2026-03-29: that day has 23 hours.
    const days = lastLocalDays(Date.UTC(2026, 2, 30, 10), 'Europe/Berlin', 3);
    expect(days.map((d) => d.day)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(days[0].start).toBe(Date.UTC(2026, 2, 27, 23));
    expect(days[1].start).toBe(Date.UTC(2026, 2, 28, 23));
    expect(days[2].start).toBe(Date.UTC(2026, 2, 29, 22));
    expect(days.map((d) => (d.end - d.start) / HOUR)).toEqual([24, 23, 24]);
    for (let i = 1; i < days.length; i++) expect(days[i].start).toBe(days[i - 1].end);
  });

  it('knows which local day a moment falls in', () => {
    const moment = Date.UTC(2026, 10, 26, 8);
    expect(lastLocalDays(moment, 'Pacific/Honolulu', 1)[0].day).toBe('2026-11-25');
    expect(lastLocalDays(moment, 'Asia/Kathmandu', 1)[0]).toEqual({
      day: '2026-11-26',
      start: Date.UTC(2026, 10, 25, 18, 15),
      end: Date.UTC(2026, 10, 26, 18, 15),
    });
  });
});
