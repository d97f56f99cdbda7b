/** One calendar day in a time zone: `[start, end)` in epoch ms. */
export interface LocalDay {
  /** `YYYY-MM-DD` */
  day: string;
  start: number;
  end: number;
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function wallClock(zone: Intl.DateTimeFormat, at: number) {
  const parts = Object.fromEntries(zone.formatToParts(at).map((part) => [part.type, part.value]));
  return {
    date: { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) },
    /** The wall-clock time read as if it were UTC. */
    asUtc: Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    ),
  };
}

/** The zone's offset from UTC at `at`, in ms (whole seconds: Intl drops the milliseconds). */
function offsetAt(zone: Intl.DateTimeFormat, at: number): number {
  const whole = Math.floor(at / 1000) * 1000;
  return wallClock(zone, whole).asUtc - whole;
}

/** The first moment of a calendar date in the zone; twice refined so a DST change that day is respected. */
function midnight(zone: Intl.DateTimeFormat, date: CalendarDate): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day);
  const guess = asUtc - offsetAt(zone, asUtc);
  return asUtc - offsetAt(zone, guess);
}

/** Calendar arithmetic on a date, independent of any zone. */
function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The last `count` calendar days in `timeZone` up to and including the one holding `now`, oldest first. */
export function lastLocalDays(now: number, timeZone: string, count: number): LocalDay[] {
  const zone = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const today = wallClock(zone, now).date;
  const days: LocalDay[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const date = addDays(today, -back);
    days.push({
      day: `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`,
      start: midnight(zone, date),
      end: midnight(zone, addDays(date, 1)),
    });
  }
  return days;
}
