import { describe, expect, it } from 'vitest';
import type { EngineOverview } from '../../../shared/schemas/overview';
import { trayMenuTemplate } from './tray-menu';
import { formatMoment, trayStatus } from './tray-status';

const NOW = new Date(2026, 10, 26, 10, 0).getTime();
const at = (hours: number, minutes = 0, day = 26) => new Date(2026, 10, day, hours, minutes).getTime();

const running: EngineOverview = {
  state: 'running',
  paused: false,
  readOnly: null,
  smtpConfigured: true,
  nextCheckAt: at(11, 30),
  lastCheck: { at: at(9, 5), profileName: 'Prepaid standard', queued: 6, sent: 5, failed: 1, waiting: 0 },
  queue: { waiting: 0, retrying: 0, lastRetryError: null },
  failedTotal: 1,
  delivery: [],
};

describe('the tray status', () => {
  it('says what runs, what the last check did and when the next one is', () => {
    const status = trayStatus({ ...running, lastCheck: { ...running.lastCheck!, failed: 0 } }, NOW);
    expect(status.lines).toEqual([
      'Checking and sending',
      'Last check 09:05 (Prepaid standard): 5 sent, 0 failed',
      'Next check 11:30',
    ]);
    expect(status.tooltip).toBe(`Lowbal\n${status.lines.join('\n')}`);
    expect(status.icon).toBe('ok');
  });

  it('shows failures and e-mails waiting for a retry, with the attention icon', () => {
    const status = trayStatus(
      { ...running, queue: { waiting: 3, retrying: 2, lastRetryError: '451 Greylisted' } },
      NOW,
    );
    expect(status.lines).toContain('Last check 09:05 (Prepaid standard): 5 sent, 1 failed');
    expect(status.lines).toContain('2 e-mails waiting for a retry');
    expect(status.icon).toBe('attention');
  });

  it('says so while the mail server is unreachable, and when it delivers again', () => {
    const peer = {
      channel: 'email',
      peer: 'Mail server',
      since: at(10, 2),
      error: 'connect ECONNREFUSED',
      waiting: 37,
    };
    const quiet = { ...running, lastCheck: { ...running.lastCheck!, failed: 0 } };
    const down = trayStatus(
      {
        ...quiet,
        delivery: [
          { ...peer, condition: 'unreachable', line: 'Mail server unreachable since 10:02 — 37 waiting' },
        ],
      },
      NOW,
    );
    expect(down.lines).toContain('Mail server unreachable since 10:02 — 37 waiting');
    expect(down.icon).toBe('attention');
    const again = trayStatus(
      {
        ...quiet,
        delivery: [
          {
            ...peer,
            condition: 'recovered',
            error: null,
            line: 'Mail server reachable again since 10:05 — delivering again',
          },
        ],
      },
      NOW,
    );
    expect(again.lines).toContain('Mail server reachable again since 10:05 — delivering again');
    expect(again.icon).toBe('ok');
  });

  it('says who sends when this app is read-only, and offers no Check now', () => {
    const status = trayStatus(
      {
        ...running,
        state: 'read-only',
        readOnly: { holder: 'headless service on host srv (pid 7)', since: at(8) },
        lastCheck: null,
      },
      NOW,
    );
    expect(status.lines.slice(0, 2)).toEqual([
      'Read-only: the headless service on host srv (pid 7) sends',
      'No check yet',
    ]);
    expect(status.canCheck).toBe(false);
    expect(status.icon).toBe('paused');
    const checkNow = trayMenuTemplate(status, noActions).find((item) => item.label === 'Check now');
    expect(checkNow?.enabled).toBe(false);
  });

  it('while paused: the next check waits, the menu offers Resume', () => {
    const status = trayStatus({ ...running, state: 'paused', paused: true, lastCheck: null }, NOW);
    expect(status.lines).toEqual(['Notifications paused', 'No check yet', 'Next check: when resumed']);
    const labels = trayMenuTemplate(status, noActions).map((item) => item.label ?? item.type);
    expect(labels).toEqual([
      'Notifications paused',
      'No check yet',
      'Next check: when resumed',
      'separator',
      'Open Lowbal',
      'Check now',
      'Resume notifications',
      'separator',
      'Quit',
    ]);
  });

  it('points at the settings while e-mail is not set up, and cuts a long tooltip', () => {
    const status = trayStatus(
      {
        ...running,
        smtpConfigured: false,
        lastCheck: { ...running.lastCheck!, profileName: 'x'.repeat(200) },
      },
      NOW,
    );
    expect(status.lines[0]).toBe('E-mail not set up (Settings → E-mail)');
    expect(status.tooltip).toHaveLength(127);
    expect(status.tooltip.endsWith('…')).toBe(true);
  });

  it('writes today’s times as hours and other days with their date', () => {
    expect(formatMoment(at(23, 59), NOW)).toBe('23:59');
    expect(formatMoment(at(0, 1, 27), NOW)).toBe('2026-11-27 00:01');
    expect(trayStatus({ ...running, nextCheckAt: at(7) }, NOW).lines[2]).toBe('Next check 10:00');
  });
});

const noActions = { open() {}, checkNow() {}, togglePause() {}, quit() {} };
