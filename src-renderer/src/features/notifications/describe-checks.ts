import type { CheckSummary } from '@shared/schemas/notification';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line about what checks did, for a toast: "Checked 2 profiles: 5 e-mails queued for 3 matches". */
export function describeChecks(checks: CheckSummary[], paused: boolean, cancelled = false): string {
  const total = (pick: (check: CheckSummary) => number) =>
    checks.reduce((sum, check) => sum + pick(check), 0);
  const what =
    checks.length === 1 ? `Checked ${checks[0].profileName}` : `Checked ${count(checks.length, 'profile')}`;
  const parts = [
    `${count(
      total((c) => c.queued),
      'e-mail',
    )} queued for ${count(
      total((c) => c.matches),
      'match',
      'matches',
    )}`,
  ];
  const limited = total((c) => c.maxQtyReached);
  if (limited) parts.push(`${limited} at Max Qty`);
  const skipped = total((c) => c.skipped);
  if (skipped) parts.push(`${skipped} skipped`);
  const stopped = cancelled ? ' Cancelled before the other profiles.' : '';
  return `${what}: ${parts.join(', ')}.${stopped}${paused ? ' Sending is paused.' : ''}`;
}
