import { DateTime, Info } from 'luxon';

/**
 * A profile's quiet hours (SPEC §7): notifications are sent only from `from`
 * until `until` ("HH:MM", local time of the IANA `timeZone`); a window whose
 * `until` is earlier than its `from` runs across midnight. Outside it a
 * notification is held until the window next opens. Luxon does the zone
 * arithmetic, so an opening stays at its local time across a DST change.
 */
export interface QuietHours {
  from: string;
  until: string;
  timeZone: string;
}

export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isTimeZone(zone: string): boolean {
  return Info.isValidIANAZone(zone);
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether a local time of day (minutes since midnight) lies in the window [from, until). */
function inWindow(quiet: QuietHours, minute: number): boolean {
  const from = minutesOf(quiet.from);
  const until = minutesOf(quiet.until);
  return from < until ? minute >= from && minute < until : minute >= from || minute < until;
}

/**
 * When a notification created at `at` may be sent: `at` itself inside the
 * window, else the window's next opening (epoch ms).
 */
export function sendableFrom(quiet: QuietHours | null, at: number): number {
  if (!quiet) return at;
  const local = DateTime.fromMillis(at, { zone: quiet.timeZone });
  if (inWindow(quiet, local.hour * 60 + local.minute)) return at;
  const from = minutesOf(quiet.from);
  const opening = local.set({ hour: Math.floor(from / 60), minute: from % 60, second: 0, millisecond: 0 });
  return (opening.toMillis() > at ? opening : opening.plus({ days: 1 })).toMillis();
}

/** The IANA zones a picker offers: UTC, then the runtime's own list (which leaves UTC out). */
export function timeZoneNames(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
}
