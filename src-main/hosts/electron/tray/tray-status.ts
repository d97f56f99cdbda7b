import type { CoreRestartView } from '../../../shared/events';
import type { CheckProgressView } from '../../../shared/schemas/notification';
import type { EngineOverview } from '../../../shared/schemas/overview';

export type TrayIconState = 'ok' | 'paused' | 'attention';

/** What the tray shows: a status line per menu entry, the same lines as tooltip, and the icon. */
export interface TrayStatus {
  lines: string[];
  tooltip: string;
  icon: TrayIconState;
  paused: boolean;
  /** Check now is refused while another host sends. */
  canCheck: boolean;
}

/** Windows cuts tray tooltips at 127 characters. */
const TOOLTIP_MAX = 127;

const pad = (value: number) => String(value).padStart(2, '0');

/** `14:05` today, `2026-11-27 14:05` on another day (local time). */
export function formatMoment(at: number, now: number): string {
  const moment = new Date(at);
  const time = `${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
  if (moment.toDateString() === new Date(now).toDateString()) return time;
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())} ${time}`;
}

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

function stateLine(overview: EngineOverview): string {
  switch (overview.state) {
    case 'read-only':
      return `Read-only: the ${overview.readOnly?.holder ?? 'other Lowbal'} sends`;
    case 'paused':
      return 'Notifications paused';
    case 'running':
      return overview.smtpConfigured ? 'Checking and sending' : 'E-mail not set up (Settings → E-mail)';
    case 'stopped':
      return 'Not checking yet';
  }
}

function lastCheckLine(overview: EngineOverview, now: number): string {
  const check = overview.lastCheck;
  if (!check) return 'No check yet';
  const outcome = [`${check.sent} sent`, `${check.failed} failed`];
  if (check.waiting > 0) outcome.push(`${check.waiting} waiting`);
  return `Last check ${formatMoment(check.at, now)} (${check.profileName}): ${outcome.join(', ')}`;
}

function nextCheckLine(overview: EngineOverview, now: number): string {
  if (overview.state === 'paused') return 'Next check: when resumed';
  if (overview.nextCheckAt === null) return 'Next check: none (no profiles)';
  return `Next check ${formatMoment(Math.max(overview.nextCheckAt, now), now)}`;
}

/** What the core's events told the tray besides the overview it reads. */
export interface TrayLive {
  /** The check running now. */
  check: CheckProgressView | null;
  /** The last time the core was started again after a crash. */
  restart: CoreRestartView | null;
}

function checkingLine(check: CheckProgressView): string {
  const where = check.profileName
    ? `${check.profileName}, profile ${check.profileIndex} of ${check.profileCount}`
    : 'starting';
  const what = check.state === 'cancelling' ? 'Cancelling the check' : 'Checking';
  return `${what} (${where}): ${check.clientsEvaluated.toLocaleString('en-US')} clients so far`;
}

/** The tray's reading of the engine's state. */
export function trayStatus(
  overview: EngineOverview,
  now: number,
  live: TrayLive = { check: null, restart: null },
): TrayStatus {
  const lines = [
    stateLine(overview),
    ...(live.check ? [checkingLine(live.check)] : []),
    lastCheckLine(overview, now),
    nextCheckLine(overview, now),
  ];
  for (const peer of overview.delivery) if (peer.line) lines.push(peer.line);
  if (live.restart)
    lines.push(`Engine restarted ${formatMoment(live.restart.at, now)} after a crash (see the log)`);
  if (overview.queue.retrying > 0) {
    lines.push(`${plural(overview.queue.retrying, 'e-mail')} waiting for a retry`);
  }
  const unreachable = overview.delivery.some((peer) => peer.condition === 'unreachable');
  const trouble =
    unreachable ||
    overview.queue.retrying > 0 ||
    (overview.lastCheck?.failed ?? 0) > 0 ||
    live.restart !== null;
  const tooltip = ['Lowbal', ...lines].join('\n');
  return {
    lines,
    tooltip: tooltip.length > TOOLTIP_MAX ? `${tooltip.slice(0, TOOLTIP_MAX - 1)}…` : tooltip,
    icon: trouble ? 'attention' : overview.state === 'running' ? 'ok' : 'paused',
    paused: overview.paused,
    canCheck: overview.state !== 'read-only',
  };
}
