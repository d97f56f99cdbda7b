import path from 'node:path';
import { createCore } from '../../src-main/core/create-core';
import { DATABASE_FILE_NAME, openDatabase } from '../../src-main/core/db/open-database';
import { silentLogger } from '../../src-main/core/logger';
import type { BenchContext } from '../bench-context';
import { callChannel } from '../call-channel';
import { generateDataset } from '../dataset/generate-dataset';
import {
  formatDuration,
  formatNumber,
  timeAgainstBaseline,
  type ScenarioResult,
} from '../report/bench-report';
import { medianInTurns, timed } from '../report/timing';
import { rawExport, rawImport } from './raw-interchange';

const METHOD = `A generated database is exported with the \`interchange.export\` handler (every section), and that file
is imported with \`interchange.apply\` into a fresh, empty database (validation, the plan and the writes, in one
transaction). The export's baseline is a raw \`SELECT *\` of the same tables serialized with \`JSON.stringify\`; the
import's baseline inserts the same rows (clients, their opening balances, profiles and their rules, the catalogs)
into a fresh database with prepared better-sqlite3 statements in one transaction, the file having been parsed and
its keys resolved beforehand. Each figure is the median of the repetitions, the app and its baseline taking turns.`;

/** A new folder with an empty, migrated database (untimed). */
async function freshDatabase(bench: BenchContext, name: string): Promise<string> {
  const dir = bench.scratch(name);
  const db = await openDatabase({ file: path.join(dir, DATABASE_FILE_NAME) });
  await db.destroy();
  return dir;
}

export async function runInterchangeScenario(bench: BenchContext): Promise<ScenarioResult> {
  const sizes = bench.sizes.interchange;
  const recorder = bench.recorder('interchange', 'Import and export', METHOD);
  const sourceDir = bench.scratch('interchange-source');
  const sourceFile = path.join(sourceDir, DATABASE_FILE_NAME);
  await generateDataset(sourceFile, {
    clients: sizes.clients,
    profiles: sizes.profiles,
    resellers: sizes.resellers,
  });

  const source = await createCore({ dataDir: sourceDir, log: silentLogger });
  let text = '';
  let exported: { subject: number; baseline: number };
  try {
    exported = await medianInTurns(
      sizes.repetitions,
      async () => {
        const { ms, value } = await timed(() => callChannel(source, 'interchange.export', {}));
        text = value.text;
        return ms;
      },
      async () => rawExport(sourceFile),
    );
  } finally {
    await source.close();
  }
  const megabytes = `${formatNumber(Buffer.byteLength(text) / 1024 ** 2, 1)} MB`;

  const imported = await medianInTurns(
    sizes.repetitions,
    async (run) => {
      const core = await createCore({
        dataDir: await freshDatabase(bench, `import-${run}`),
        log: silentLogger,
      });
      try {
        const { ms, value } = await timed(() => callChannel(core, 'interchange.apply', { text }));
        const created = value.plan;
        if (created.clients.create !== sizes.clients || created.profiles.create !== sizes.profiles) {
          throw new Error(
            `the import created ${created.clients.create} clients, ${created.profiles.create} profiles`,
          );
        }
        return ms;
      } finally {
        await core.close();
      }
    },
    async (run) =>
      rawImport(path.join(await freshDatabase(bench, `raw-import-${run}`), DATABASE_FILE_NAME), text),
  );
  const parse = await timed(() => JSON.parse(text) as unknown);
  recorder.figure(
    `export of ${formatNumber(sizes.clients)} clients and ${formatNumber(sizes.profiles)} profiles`,
    `${formatDuration(exported.subject)} (${megabytes} of JSON)`,
  );
  recorder.figure('raw SELECT + JSON.stringify of the same tables', formatDuration(exported.baseline));
  recorder.figure(`import of the exported file (${megabytes})`, formatDuration(imported.subject));
  recorder.figure('raw insert of the same rows in one transaction', formatDuration(imported.baseline));
  recorder.figure('JSON.parse of the file alone (for reference)', formatDuration(parse.ms));

  recorder.goal(
    timeAgainstBaseline('import time against the raw insert', imported.subject, imported.baseline, 3),
  );
  recorder.goal(
    timeAgainstBaseline(
      'export time against the raw SELECT + JSON.stringify',
      exported.subject,
      exported.baseline,
      3,
    ),
  );
  return recorder.result;
}
