import { describe, expect, it } from 'vitest';
import { isTimeZone, sendableFrom } from './quiet-hours';

const london = { from: '08:00', until: '20:00', timeZone: 'Europe/London' };
const night = { from: '22:00', until: '06:00', timeZone: 'America/New_York' };

describe('quiet hours (SPEC §7)', () => {
  it('sends at once inside the window, holds until the next opening outside it', () => {
    const noon = Date.UTC(2026, 11, 2, 12);
    expect(sendableFrom(london, noon)).toBe(noon);
    expect(sendableFrom(london, Date.UTC(2026, 11, 2, 6, 30))).toBe(Date.UTC(2026, 11, 2, 8));
    // 20:00 is already outside; across midnight to tomorrow's 08:00 (GMT in December).
    expect(sendableFrom(london, Date.UTC(2026, 11, 2, 20))).toBe(Date.UTC(2026, 11, 3, 8));
    expect(sendableFrom(london, Date.UTC(2026, 11, 2, 23, 59))).toBe(Date.UTC(2026, 11, 3, 8));
    expect(sendableFrom(null, noon)).toBe(noon);
  });

  it('keeps the opening at its local time across a DST change', () => {
    // Saturday 27 March 2027, 21:00 GMT; the clocks go forward that night: 08:00 BST is 07:00 UTC.
    expect(sendableFrom(london, Date.UTC(2027, 2, 27, 21))).toBe(Date.UTC(2027, 2, 28, 7));
    // And back on 31 October 2027: 08:00 GMT is 08:00 UTC, a day after 08:00 BST (07:00 UTC).
    expect(sendableFrom(london, Date.UTC(2027, 9, 30, 20))).toBe(Date.UTC(2027, 9, 31, 8));
  });

  it('a window across midnight (22:00–06:00 New York) is open at night and opens at 22:00', () => {
    // 12:00 EST = 17:00 UTC → 22:00 EST = 03:00 UTC next day.
    expect(sendableFrom(night, Date.UTC(2026, 11, 2, 17))).toBe(Date.UTC(2026, 11, 3, 3));
    // 23:30 and 05:59 EST are inside.
    expect(sendableFrom(night, Date.UTC(2026, 11, 3, 4, 30))).toBe(Date.UTC(2026, 11, 3, 4, 30));
    expect(sendableFrom(night, Date.UTC(2026, 11, 3, 10, 59))).toBe(Date.UTC(2026, 11, 3, 10, 59));
    // 06:00 EST is outside: held until 22:00 EST the same day.
    expect(sendableFrom(night, Date.UTC(2026, 11, 3, 11))).toBe(Date.UTC(2026, 11, 4, 3));
  });

  it('knows IANA zones', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
