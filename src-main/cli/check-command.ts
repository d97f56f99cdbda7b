import type { CheckSummary } from '../shared/schemas/notification';
import { DATA_OPTION_HELP, formatTable, withCore, type CliCore } from './cli-support';
import { parseCommandLine, type Command } from './command';

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check every profile now and print the summary (or --dry-run)',
  help: `Usage: lowbal check [--dry-run] [--data DIR]

Runs one check of every profile now, as "Check now" in the app does: each
active client is evaluated against the profile's rules, and the e-mails that
are due are queued and counted (Max Qty). The running Lowbal app or service
sends the queued e-mails.

Options:
  --dry-run     Evaluate only: show what would be queued, queue and count nothing
${DATA_OPTION_HELP}
  -h, --help    Show this help
`,
  async run(args, output) {
    const parsed = parseCommandLine(this, output, args, { 'dry-run': { type: 'boolean' } });
    if (!parsed) return;
    const dryRun = parsed.values['dry-run'] ?? false;

    await withCore(parsed.values.data, { missing: 'refuse' }, async (core) => {
      if (dryRun) {
        const summaries = await previewAll(core);
        output.out(`${describeChecks(summaries, 'would queue')}\nDry run: nothing was queued or counted.\n`);
        return;
      }
      const { checks, paused } = await core.call('engine.checkNow', {});
      const note = paused
        ? 'Notifications are paused: the queued e-mails wait until they are resumed.'
        : 'The running Lowbal app or service sends the queued e-mails.';
      output.out(`${describeChecks(checks, 'queued')}\n${note}\n`);
    });
  },
};

const PAGE = 1000;

/** The dry run of every profile, in list order. */
async function previewAll(core: CliCore): Promise<CheckSummary[]> {
  const summaries: CheckSummary[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { rows, total } = await core.call('profiles.list', { offset, limit: PAGE });
    for (const profile of rows) {
      summaries.push((await core.call('engine.preview', { profileId: profile.id, limit: 1 })).summary);
    }
    if (offset + PAGE >= total) return summaries;
  }
}

function describeChecks(summaries: CheckSummary[], queuedLabel: string): string {
  if (summaries.length === 0) return 'No profiles to check.';
  const rows = summaries.map((s) => [
    s.profileName,
    String(s.clientsEvaluated),
    String(s.matches),
    String(s.queued),
    String(s.maxQtyReached),
    String(s.skipped),
  ]);
  const table = formatTable([
    ['profile', 'clients', 'matches', queuedLabel, 'max qty reached', 'skipped'],
    ...rows,
  ]);
  const reasons = summaries.flatMap((s) =>
    s.skippedReasons.map((r) => `  ${s.profileName}: ${r.count} skipped: ${r.reason}`),
  );
  const total = summaries.reduce((sum, s) => sum + s.queued, 0);
  return [
    table,
    ...(reasons.length ? ['Skipped:', ...reasons] : []),
    `Total: ${total} e-mail${total === 1 ? '' : 's'} ${queuedLabel === 'queued' ? 'queued' : 'would be queued'}.`,
  ].join('\n');
}
