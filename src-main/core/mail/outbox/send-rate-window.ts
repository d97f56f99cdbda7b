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

  /** Counts `count` sends at `now`, forgetting those older than the window (so it stays small without a limit). */
  record(count: number, now: number): void {
    const last = this.sends.at(-1);
    if (last?.at === now) last.count += count;
    else this.sends.push({ at: now, count });
    while (this.sends.length > 0 && this.sends[0].at <= now - WINDOW_MS) this.sends.shift();
  }
}
