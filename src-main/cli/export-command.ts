import fs from 'node:fs';
import path from 'node:path';
import { SECTION_NAMES, type SectionName } from '../core/interchange/format';
import { DATA_OPTION_HELP, withCore } from './cli-support';
import { parseCommandLine, usageError, type Command } from './command';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write the data (or chosen sections) to a JSON file',
  help: `Usage: lowbal export --out FILE [--sections LIST] [--data DIR]

Writes currencies, resellers, users, profiles and clients as one JSON document
(the format of docs/lowbal.schema.json). Secrets such as the SMTP password are
never exported.

Options:
  --out FILE        File to write ("-" writes to standard output)
  --sections LIST   Comma-separated sections to export: ${SECTION_NAMES.join(',')}
                    (default: all)
${DATA_OPTION_HELP}
  -h, --help        Show this help
`,
  async run(args, output) {
    const parsed = parseCommandLine(this, output, args, {
      out: { type: 'string' },
      sections: { type: 'string' },
    });
    if (!parsed) return;
    const { out, data } = parsed.values;
    if (!out) throw usageError(this, 'Missing --out FILE');
    const sections = parsed.values.sections === undefined ? undefined : parseSections(parsed.values.sections);

    const result = await withCore(data, { missing: 'refuse' }, (core) =>
      core.call('interchange.export', { sections }),
    );
    const summary = Object.entries(result.counts)
      .map(([name, count]) => `${count} ${name}`)
      .join(', ');
    if (out === '-') {
      output.out(result.text);
      output.err(`Exported ${summary}\n`);
      return;
    }
    writeFileAtomically(out, result.text);
    output.out(`Exported ${summary} to ${out}\n`);
  },
};

function parseSections(list: string): SectionName[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(SECTION_NAMES as readonly string[]).includes(name));
  if (unknown.length || names.length === 0) {
    throw usageError(
      exportCommand,
      `${unknown.length ? `Unknown section "${unknown[0]}"` : 'No section given'}; choose among ${SECTION_NAMES.join(', ')}`,
    );
  }
  return names as SectionName[];
}

/** Writes beside the target and renames, so a reader never sees half a file. */
function writeFileAtomically(file: string, text: string) {
  const target = path.resolve(file);
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, target);
}
