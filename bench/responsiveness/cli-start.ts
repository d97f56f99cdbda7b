import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../scripts/project-root';
import { DATABASE_FILE_NAME, openDatabase } from '../../src-main/core/db/open-database';
import { medianInTurns, timed } from '../report/timing';

const LOWBAL = path.join(PROJECT_ROOT, 'out', 'main', 'lowbal.js');

/** What a script that only opens the database and reads a row costs: the floor of any command. */
const OPEN_WITH_BETTER_SQLITE = `const Database = require('better-sqlite3');
const db = new Database(process.argv[1], { readonly: true });
db.prepare('SELECT count(*) FROM clients').get();
db.close();`;

/**
 * `lowbal export` of an empty database, and `node -e` opening that database
 * with better-sqlite3, each a fresh process, `runs` times in turns; the medians.
 */
export async function measureCliStart(
  dir: string,
  runs: number,
): Promise<{ cliMs: number; baselineMs: number }> {
  const db = await openDatabase({ file: path.join(dir, DATABASE_FILE_NAME) });
  await db.destroy();
  const out = path.join(dir, 'export.json');
  const run = (args: string[]) => async () =>
    (await timed(() => execFileSync(process.execPath, args, { cwd: PROJECT_ROOT, stdio: 'ignore' }))).ms;
  const exportRun = run([LOWBAL, 'export', '--out', out, '--data', dir]);
  const baselineRun = run(['-e', OPEN_WITH_BETTER_SQLITE, path.join(dir, DATABASE_FILE_NAME)]);
  // One of each first, so neither pays for a cold disk cache.
  await exportRun();
  await baselineRun();
  const { subject, baseline } = await medianInTurns(runs, exportRun, baselineRun);
  if (!JSON.parse(fs.readFileSync(out, 'utf8')).format) throw new Error('lowbal export wrote no document');
  return { cliMs: subject, baselineMs: baseline };
}
