import type { CoreEvent } from '../../shared/events';

/** A running check's progress reaches the host at most this often. */
export const PROGRESS_EVERY_MS = 100;

const isRunningProgress = (event: CoreEvent) =>
  event.name === 'check.progress' && event.payload.state === 'running';

/**
 * Passes events on, except that a running check's progress goes at most once
 * per `intervalMs`, the latest one winning (a check of 10,000 small profiles
 * moves thousands of times a second; the window and the tray need a few).
 * Every other event, and a check's start, cancel and end, goes at once, after
 * any progress still held.
 */
export function throttleProgress(
  send: (event: CoreEvent) => void,
  intervalMs = PROGRESS_EVERY_MS,
  now: () => number = Date.now,
): (event: CoreEvent) => void {
  let lastSent = -Infinity;
  let held: CoreEvent | null = null;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!held) return;
    const event = held;
    held = null;
    lastSent = now();
    send(event);
  };
  return (event) => {
    if (!isRunningProgress(event)) {
      // The held progress is older than this event: it goes first, unless this one ends or replaces it.
      if (event.name === 'check.progress') held = null;
      flush();
      send(event);
      return;
    }
    const wait = lastSent + intervalMs - now();
    held = event;
    if (wait <= 0) flush();
    else timer ??= setTimeout(flush, wait);
  };
}
