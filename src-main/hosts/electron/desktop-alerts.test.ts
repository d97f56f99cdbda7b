import { describe, expect, it } from 'vitest';
import type { EngineOverview } from '../../shared/schemas/overview';
import { DeliveryAlertMonitor } from './desktop-alerts';

const quiet: EngineOverview = {
  state: 'running',
  paused: false,
  readOnly: null,
  smtpConfigured: true,
  nextCheckAt: null,
  lastCheck: null,
  queue: { waiting: 0, retrying: 0, lastRetryError: null },
  failedTotal: 0,
};

const outbox = (failedTotal: number, waiting = 0, retrying = 0, lastRetryError: string | null = null) => ({
  ...quiet,
  failedTotal,
  queue: { waiting, retrying, lastRetryError },
});

describe('desktop alerts about deliveries', () => {
  it('do not repeat the failures that happened before the app started', () => {
    const monitor = new DeliveryAlertMonitor();
    expect(monitor.next(outbox(12))).toEqual([]);
    expect(monitor.next(outbox(12))).toEqual([]);
  });

  it('say once that e-mails failed, however many batches the failing run takes', () => {
    const monitor = new DeliveryAlertMonitor();
    monitor.next(outbox(0, 120));
    expect(monitor.next(outbox(50, 70))).toEqual([
      {
        problem: 'failed',
        title: 'E-mails could not be delivered',
        body: '50 e-mails failed. Click to see the failures.',
        route: '/notifications/failed',
      },
    ]);
    expect(monitor.next(outbox(100, 20))).toEqual([]);
    expect(monitor.next(outbox(120, 0))).toEqual([]);
    // The run is over; the next failure is news again.
    expect(monitor.next(outbox(120, 0))).toEqual([]);
    expect(monitor.next(outbox(121, 0))).toMatchObject([
      { problem: 'failed', body: '1 e-mail failed. Click to see the failures.' },
    ]);
  });

  it('count failures again after they were retried', () => {
    const monitor = new DeliveryAlertMonitor();
    monitor.next(outbox(3));
    monitor.next(outbox(0, 3));
    monitor.next(outbox(0, 0));
    expect(monitor.next(outbox(2, 0))).toMatchObject([{ problem: 'failed' }]);
  });

  it('say once that the mail server is unreachable, until e-mails go out again', () => {
    const monitor = new DeliveryAlertMonitor();
    monitor.next(quiet);
    const down = outbox(0, 4, 4, 'connect ECONNREFUSED 10.0.0.5:587');
    expect(monitor.next(down)).toEqual([
      {
        problem: 'unreachable',
        title: 'E-mail server unreachable',
        body: '4 e-mails waiting; Lowbal keeps trying. The server said: connect ECONNREFUSED 10.0.0.5:587',
        route: '/notifications',
      },
    ]);
    expect(monitor.next(outbox(0, 6, 6, 'connect ECONNREFUSED 10.0.0.5:587'))).toEqual([]);
    expect(monitor.next(outbox(0, 0))).toEqual([]);
    expect(monitor.next(down)).toMatchObject([{ problem: 'unreachable' }]);
  });

  it('report an unreachable server found at start-up', () => {
    expect(new DeliveryAlertMonitor().next(outbox(0, 2, 2))).toMatchObject([
      { problem: 'unreachable', body: '2 e-mails waiting; Lowbal keeps trying.' },
    ]);
  });
});
