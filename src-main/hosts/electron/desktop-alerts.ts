import type { EngineOverview } from '../../shared/schemas/overview';

export type DeliveryProblem = 'failed' | 'unreachable' | 'recovered';

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
 * e-mails start failing, once when a channel's server becomes unreachable and
 * once when it answers again ("delivering again") — one per change. A failure
 * problem lasts until a sending run ends without new failures (so a burst is
 * one alert, and the next check that fails again is a new one). Failures that
 * happened before the app started are history, not news; a server already
 * unreachable then is news.
 */
export class DeliveryAlertMonitor {
  private failedSeen: number | null = null;
  private failing = false;
  private readonly unreachable = new Set<string>();

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

    for (const peer of overview.delivery) {
      const down = peer.condition === 'unreachable';
      if (down && !this.unreachable.has(peer.channel)) {
        alerts.push({
          problem: 'unreachable',
          title: `${peer.peer} unreachable`,
          body:
            `${peer.line}. Lowbal holds them and delivers as soon as it answers.` +
            (peer.error ? ` It said: ${peer.error}` : ''),
          route: NOTIFICATIONS_ROUTE,
        });
      } else if (!down && this.unreachable.has(peer.channel)) {
        alerts.push({
          problem: 'recovered',
          title: 'Delivering again',
          body: `The ${peer.peer.toLowerCase()} answers again; what waited is being delivered.`,
          route: NOTIFICATIONS_ROUTE,
        });
      }
      if (down) this.unreachable.add(peer.channel);
      else this.unreachable.delete(peer.channel);
    }
    return alerts;
  }
}
