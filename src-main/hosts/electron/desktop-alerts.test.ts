import { describe, expect, it } from 'vitest';
import type { PeerStatusView } from '../../shared/schemas/delivery';
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
  delivery: [],
};

const mailServer = (condition: PeerStatusView['condition'], waiting = 0): EngineOverview => ({
  ...quiet,
  queue: { waiting, retrying: 0, lastRetryError: null },
  delivery: [
    {
      channel: 'email',
      peer: 'Mail server',
      condition,
      since: condition === 'reachable' ? null : 1,
      error: condition === 'unreachable' ? 'connect ECONNREFUSED 10.0.0.5:587' : null,
      waiting,
      line:
        condition === 'unreachable'
          ? `Mail server unreachable since 10:02 — ${waiting} waiting`
          : condition === 'recovered'
            ? 'Mail server reachable again since 10:05 — delivering again'
            : null,
    },
  ],
});

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

  it('say once that the mail server is unreachable, and once that it delivers again', () => {
    const monitor = new DeliveryAlertMonitor();
    expect(monitor.next(mailServer('reachable'))).toEqual([]);
    expect(monitor.next(mailServer('unreachable', 37))).toEqual([
      {
        problem: 'unreachable',
        title: 'Mail server unreachable',
        body:
          'Mail server unreachable since 10:02 — 37 waiting. Lowbal holds them and delivers as soon as it answers. ' +
          'It said: connect ECONNREFUSED 10.0.0.5:587',
        route: '/notifications',
      },
    ]);
    expect(monitor.next(mailServer('unreachable', 40))).toEqual([]);
    expect(monitor.next(mailServer('recovered', 40))).toEqual([
      {
        problem: 'recovered',
        title: 'Delivering again',
        body: 'The mail server answers again; what waited is being delivered.',
        route: '/notifications',
      },
    ]);
    expect(monitor.next(mailServer('recovered', 1))).toEqual([]);
    expect(monitor.next(mailServer('reachable', 0))).toEqual([]);
    expect(monitor.next(mailServer('unreachable', 1))).toMatchObject([{ problem: 'unreachable' }]);
  });

  it('report an unreachable server found at start-up, but not a recovery from before', () => {
    expect(new DeliveryAlertMonitor().next(mailServer('unreachable', 2))).toMatchObject([
      { problem: 'unreachable', body: expect.stringContaining('2 waiting') },
    ]);
    expect(new DeliveryAlertMonitor().next(mailServer('recovered', 2))).toEqual([]);
  });

  it('leave e-mails retried after a temporary failure to the tray', () => {
    expect(new DeliveryAlertMonitor().next(outbox(0, 2, 2, '451 Greylisted'))).toEqual([]);
  });
});
