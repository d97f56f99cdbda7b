const WINDOW_MS = 60_000;

/** Counts sends over the last minute, for the "messages per minute" rate limit. */
export class SendRateWindow {
  private sends: { at: number; count: number }[] = [];

  /** How many more messages may go out now; `limitPerMinute` 0 means no limit. */
  allowance(limitPerMinute: number, now: number): number {
    if (limitPerMinute === 0) return Number.POSITIVE_INFINITY;
    this.sends = this.sends.filter((send) => send.at > now - WINDOW_MS);
    const used = this.sends.reduce((sum, send) => sum + send.count, 0);
    return Math.max(0, limitPerMinute - used);
  }

  record(count: number, now: number): void {
    this.sends.push({ at: now, count });
  }
}
