import fs from 'node:fs';
import { SECTION_NAMES } from '../core/interchange/format';
import type { ImportPlan, SectionName } from '../core/interchange/interchange-types';
import { resolveDataDir } from '../hosts/data-dir';
import { CliError, DATA_OPTION_HELP, EXIT_FAILED, formatTable, withCore } from './cli-support';
import { parseCommandLine, usageError, type Command } from './command';

export const importCommand: Command = {
  name: 'import',
  summary: 'Import a JSON file (all or nothing), or check it with --dry-run',
  help: `Usage: lowbal import FILE [--dry-run] [--replace] [--data DIR]

Validates the whole file, then merges it into the database in one transaction,
matching entries by their natural keys (currency code, reseller name, user
e-mail, profile and client name within their reseller). A file with any
problem changes nothing; every problem is listed with its JSON path.
Balances that rise count as refills and reset the clients' rule counters.

Arguments:
  FILE          The JSON file to import ("-" reads standard input)

Options:
  --dry-run     Only show what would be created, updated and left unchanged
                (in a folder without a database: what a new one would get; nothing is created)
  --replace     Also remove, in each section the file holds, what it does not list
${DATA_OPTION_HELP}
  -h, --help    Show this help

Exit status: 0 imported (or valid with --dry-run), 1 the file has problems or
the import failed, 2 wrong command line.
`,
  async run(args, output) {
    const parsed = parseCommandLine(
      this,
      output,
      args,
      { 'dry-run': { type: 'boolean' }, replace: { type: 'boolean' } },
      1,
    );
    if (!parsed) return;
    const [file] = parsed.positionals;
    if (!file) throw usageError(this, 'Missing FILE');
    const dryRun = parsed.values['dry-run'] ?? false;
    const replace = parsed.values.replace ?? false;
    const text = readInput(file);

    await withCore(parsed.values.data, { missing: dryRun ? 'empty' : 'create' }, async (core) => {
      if (!dryRun) {
        const result = await core.call('interchange.apply', { text, replace });
        output.out(
          `${describePlan(result.plan, result.sections, result.refills, replace)}\nImported ${file}.\n`,
        );
        return;
      }
      const preview = await core.call('interchange.preview', { text, replace });
      if (!preview.valid) {
        const more = preview.errorCount - preview.errors.length;
        throw new CliError(
          `${file} has ${preview.errorCount === 1 ? 'a problem' : `${preview.errorCount} problems`}`,
          EXIT_FAILED,
          [
            ...preview.errors.map((issue) => `${issue.path}: ${issue.message}`),
            ...(more > 0 ? [`… and ${more} more`] : []),
          ],
        );
      }
      const against = core.scratch
        ? `No Lowbal database in ${resolveDataDir(parsed.values.data)} yet: this is what the file would create in a new one.\n`
        : '';
      output.out(
        `${against}${describePlan(preview.plan, preview.sections, preview.refills, replace)}\n` +
          `Dry run: nothing was changed${core.scratch ? ' and nothing was created' : ''}.\n`,
      );
    });
  },
};

function readInput(file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).message}`);
  }
}

function describePlan(plan: ImportPlan, sections: SectionName[], refills: number, replace: boolean): string {
  if (sections.length === 0) return 'The file holds no section.';
  const header = ['section', 'create', 'update', 'unchanged', ...(replace ? ['delete'] : [])];
  const rows = SECTION_NAMES.filter((name) => sections.includes(name)).map((name) => {
    const counts = plan[name];
    return [
      name,
      String(counts.create),
      String(counts.update),
      String(counts.unchanged),
      ...(replace ? [String(counts.delete)] : []),
    ];
  });
  const refillLine = refills
    ? `\nRefills: ${refills} client${refills === 1 ? '' : 's'} (rule counters reset)`
    : '';
  return `${formatTable([header, ...rows])}${refillLine}`;
}
