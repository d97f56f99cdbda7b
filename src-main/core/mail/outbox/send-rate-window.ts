const WINDOW_MS = 60_000;

/** Counts sends over the last minute, for the "messages per minute" rate limit. */
export class SendRateWindow {
  private sends: { at: number; count: number }[] = [];

  /** Drops the sends older than the window (they are in time order). */
  private forget(now: number): void {
    while (this.sends.length > 0 && this.sends[0].at <= now - WINDOW_MS) this.sends.shift();
  }

  /** How many more messages may go out now; `limitPerMinute` 0 means no limit. */
  allowance(limitPerMinute: number, now: number): number {
    if (limitPerMinute === 0) return Number.POSITIVE_INFINITY;
    this.forget(now);
    const used = this.sends.reduce((sum, send) => sum + send.count, 0);
    return Math.max(0, limitPerMinute - used);
  }

  /** Counts `count` sends at `now`; what is out of the window is forgotten, so it stays small without a limit. */
  record(count: number, now: number): void {
    this.sends.push({ at: now, count });
    this.forget(now);
  }
}
