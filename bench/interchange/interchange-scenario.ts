import path from 'node:path';
import type { ChannelOutput } from '../../src-main/core/api/handler-table';
import { createCore, type Core } from '../../src-main/core/create-core';
import { DATABASE_FILE_NAME, openDatabase } from '../../src-main/core/db/open-database';
import { silentLogger } from '../../src-main/core/logger';
import type { BenchContext } from '../bench-context';
import { generateDataset } from '../dataset/generate-dataset';
import { formatDuration, formatNumber, type ScenarioResult } from '../report/bench-report';
import { medianOf, timed } from '../report/timing';
import { rawExport, rawImport } from './raw-interchange';

const METHOD = `A generated database is exported with the \`interchange.export\` handler (every section), and that file
is imported with \`interchange.apply\` into a fresh, empty database (validation, the plan and the writes, in one
transaction). The export's baseline is a raw \`SELECT *\` of the same tables serialized with \`JSON.stringify\`; the
import's baseline inserts the same rows (clients, their opening balances, profiles and their rules, the catalogs)
into a fresh database with prepared better-sqlite3 statements in one transaction, the file having been parsed and
its keys resolved beforehand. Each figure is the median of the repetitions.`;

async function invoke<C extends 'interchange.export' | 'interchange.apply'>(
  core: Core,
  channel: C,
  input: unknown,
): Promise<ChannelOutput<C>> {
  const result = await core.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value as ChannelOutput<C>;
}

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
  let exportMs: number;
  try {
    exportMs = await medianOf(sizes.repetitions, async () => {
      const { ms, value } = await timed(() => invoke(source, 'interchange.export', {}));
      text = value.text;
      return ms;
    });
  } finally {
    await source.close();
  }
  const rawExportMs = await medianOf(sizes.repetitions, async () => rawExport(sourceFile).ms);
  const megabytes = `${formatNumber(Buffer.byteLength(text) / 1024 ** 2, 1)} MB`;
  recorder.figure(
    `export of ${formatNumber(sizes.clients)} clients and ${formatNumber(sizes.profiles)} profiles`,
    `${formatDuration(exportMs)} (${megabytes} of JSON)`,
  );
  recorder.figure('raw SELECT + JSON.stringify of the same tables', formatDuration(rawExportMs));

  const importMs = await medianOf(sizes.repetitions, async (run) => {
    const core = await createCore({
      dataDir: await freshDatabase(bench, `import-${run}`),
      log: silentLogger,
    });
    try {
      const { ms, value } = await timed(() => invoke(core, 'interchange.apply', { text }));
      if (value.plan.clients.create !== sizes.clients || value.plan.profiles.create !== sizes.profiles) {
        throw new Error(
          `the import created ${value.plan.clients.create} clients, ${value.plan.profiles.create} profiles`,
        );
      }
      return ms;
    } finally {
      await core.close();
    }
  });
  const rawImportMs = await medianOf(sizes.repetitions, async (run) => {
    const dir = await freshDatabase(bench, `raw-import-${run}`);
    return rawImport(path.join(dir, DATABASE_FILE_NAME), text);
  });
  const parse = await timed(() => JSON.parse(text) as unknown);
  recorder.figure(`import of the exported file (${megabytes})`, formatDuration(importMs));
  recorder.figure('raw insert of the same rows in one transaction', formatDuration(rawImportMs));
  recorder.figure('JSON.parse of the file alone (for reference)', formatDuration(parse.ms));

  recorder.goal({
    label: 'import time against the raw insert',
    basis: `${formatDuration(importMs)} vs ${formatDuration(rawImportMs)}`,
    value: importMs / rawImportMs,
    unit: '×',
    comparison: 'at most',
    limit: 3,
  });
  recorder.goal({
    label: 'export time against the raw SELECT + JSON.stringify',
    basis: `${formatDuration(exportMs)} vs ${formatDuration(rawExportMs)}`,
    value: exportMs / rawExportMs,
    unit: '×',
    comparison: 'at most',
    limit: 3,
  });
  return recorder.result;
}
