import type { EngineOverview } from '../../shared/schemas/overview';

export type DeliveryProblem = 'failed' | 'unreachable';

export interface DeliveryAlert {
  problem: DeliveryProblem;
  title: string;
  body: string;
  /** The app route a click opens. */
  route: string;
}

const FAILURES_ROUTE = '/notifications/failed';
const NOTIFICATIONS_ROUTE = '/notifications';

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

/**
 * Decides when the desktop gets a notification about deliveries: once when
 * e-mails start failing, and once when the mail server stops taking them —
 * at most one per problem until it changes. A failure problem lasts until a
 * sending run ends without new failures (so a burst is one alert, and the
 * next check that fails again is a new one); an unreachable server lasts
 * until no e-mail waits for a retry. Failures that happened before the app
 * started are history, not news.
 */
export class DeliveryAlertMonitor {
  private failedSeen: number | null = null;
  private failing = false;
  private unreachable = false;

  next(overview: EngineOverview): DeliveryAlert[] {
    const alerts: DeliveryAlert[] = [];
    const failed = overview.failedTotal;
    if (this.failedSeen !== null && failed > this.failedSeen) {
      if (!this.failing) {
        alerts.push({
          problem: 'failed',
          title: 'E-mails could not be delivered',
          body: `${plural(failed - this.failedSeen, 'e-mail')} failed. Click to see the failures.`,
          route: FAILURES_ROUTE,
        });
      }
      this.failing = true;
    } else if (overview.queue.waiting === 0) {
      this.failing = false;
    }
    this.failedSeen = failed;

    const retrying = overview.queue.retrying > 0;
    if (retrying && !this.unreachable) {
      const reply = overview.queue.lastRetryError ? ` The server said: ${overview.queue.lastRetryError}` : '';
      alerts.push({
        problem: 'unreachable',
        title: 'E-mail server unreachable',
        body: `${plural(overview.queue.retrying, 'e-mail')} waiting; Lowbal keeps trying.${reply}`,
        route: NOTIFICATIONS_ROUTE,
      });
    }
    this.unreachable = retrying;
    return alerts;
  }
}
