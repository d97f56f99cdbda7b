import dayjs from 'dayjs';

/** A moment as operators read it in tables: local date and time to the minute. */
export function formatDateTime(ms: number): string {
  return dayjs(ms).format('YYYY-MM-DD HH:mm');
}

export function formatDate(ms: number): string {
  return dayjs(ms).format('YYYY-MM-DD');
}
