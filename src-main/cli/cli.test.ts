import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from '../../scripts/ensure-build';
import {
  FIXTURES_DIR,
  clientEntry,
  databaseFingerprint,
  document,
  text,
  withoutExportedAt,
} from '../core/interchange/test-documents';
import { createTestCore } from '../test-support/test-core';

const ROOT = path.resolve(__dirname, '../..');
/** The built command, as package.json's `bin` and the README's service unit run it: plain Node, no TypeScript. */
const LOWBAL = path.join(ROOT, 'out', 'main', 'lowbal.js');
const SPEC_EXAMPLE = path.join(FIXTURES_DIR, 'spec-example.json');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as an operator's script would: a child process, with its own environment. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const { LOWBAL_DATA_DIR: _ignored, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [LOWBAL, ...args],
      { cwd: ROOT, env: { ...inherited, HOME: tempDir(), ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-cli-'));
}

/** A data folder holding the SPEC's example. */
async function importedExample(): Promise<string> {
  const data = tempDir();
  const run = await cli(['import', SPEC_EXAMPLE, '--data', data]);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return data;
}

// The tests run the build, made now unless out/ is newer than every source.
beforeAll(() => ensureBuild(), 300_000);

describe('lowbal CLI', { timeout: 120_000 }, () => {
  it('prints help at the top level and for each command', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Usage: lowbal <command>/);
    for (const command of ['serve', 'export', 'import', 'check']) {
      expect(top.stdout).toContain(`  ${command}`);
      const help = await cli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: lowbal ${command}`));
      expect(help.stdout).toContain('--data DIR');
    }
  });

  it('is the package’s `lowbal` bin, a Node script', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(path.resolve(ROOT, pkg.bin.lowbal)).toBe(LOWBAL);
    expect(fs.readFileSync(LOWBAL, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('exits with 2 and a message on a wrong command line', async () => {
    expect((await cli([])).code).toBe(2);
    const unknown = await cli(['frobnicate']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
    const option = await cli(['import', 'x.json', '--force']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/Unknown option '--force'/);
    const noOut = await cli(['export']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/Missing --out FILE/);
    const port = await cli(['serve', '--port', 'http']);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--port must be a whole number/);
    const section = await cli(['export', '--out', '-', '--sections', 'clients,bogus']);
    expect(section.code).toBe(2);
    expect(section.stderr).toMatch(/Unknown section "bogus"/);
  });

  it('imports a file, then exports the same data', async () => {
    const data = await importedExample();
    const out = path.join(tempDir(), 'export.json');
    const exported = await cli(['export', '--out', out, '--data', data]);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(exported.stdout).toMatch(/Exported 1 currencies, 1 resellers, 1 users, 1 profiles, 1 clients to /);

    const file = JSON.parse(fs.readFileSync(out, 'utf8'));
    const example = JSON.parse(fs.readFileSync(SPEC_EXAMPLE, 'utf8'));
    expect(file.clients).toEqual([{ ...example.clients[0], balance: '12.50', credit: '0.00' }]);
    expect(file.resellers).toEqual(example.resellers);

    const again = await cli(['import', out, '--dry-run', '--data', data]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/clients\s+0\s+0\s+1/);
    expect(again.stdout).toMatch(/Dry run: nothing was changed/);
  });

  it('exports chosen sections to standard output', async () => {
    const data = await importedExample();
    const run = await cli(['export', '--out', '-', '--sections', 'resellers', '--data', data]);
    expect(run.code).toBe(0);
    expect(Object.keys(JSON.parse(run.stdout))).toEqual(['format', 'version', 'exportedAt', 'resellers']);
    expect(run.stderr).toMatch(/Exported 1 resellers/);
  });

  it('uses LOWBAL_DATA_DIR when --data is not given', async () => {
    const data = await importedExample();
    const run = await cli(['export', '--out', '-'], { LOWBAL_DATA_DIR: data });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).clients).toHaveLength(1);
  });

  it('previews with --dry-run without writing', async () => {
    const data = await importedExample();
    const before = databaseFingerprint(data);
    const file = path.join(tempDir(), 'balances.json');
    fs.writeFileSync(
      file,
      text(document({ clients: [clientEntry({ profile: 'Prepaid standard', balance: '99' })] })),
    );
    const run = await cli(['import', file, '--dry-run', '--data', data]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/clients\s+0\s+1\s+0/);
    expect(run.stdout).toMatch(/Refills: 1 client/);
    expect(databaseFingerprint(data)).toBe(before);
  });

  it('rejects a bad file with exit code 1, every problem by its path, and no change', async () => {
    const data = await importedExample();
    const before = databaseFingerprint(data);
    const file = path.join(tempDir(), 'bad.json');
    fs.writeFileSync(
      file,
      text(
        document({
          clients: [
            clientEntry({ balance: '1.23456' }),
            clientEntry({ name: 'Two', billingEmail: 'two@', profile: null }),
          ],
        }),
      ),
    );
    for (const args of [[], ['--dry-run']]) {
      const run = await cli(['import', file, ...args, '--data', data]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/2 problems/);
      expect(run.stderr).toContain('$.clients[0].balance: Balance must have at most 4 decimal places');
      expect(run.stderr).toContain(
        '$.clients[1].billingEmail: Billing Email: two@ is not a valid e-mail address',
      );
    }
    expect(databaseFingerprint(data)).toBe(before);

    const missing = await cli(['import', path.join(tempDir(), 'nope.json'), '--data', data]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read .*nope\.json/);
  });

  it('shows with --dry-run what a file would create in a folder without a database, creating nothing', async () => {
    const empty = tempDir();
    const missing = path.join(empty, 'not-yet');
    for (const folder of [empty, missing]) {
      const run = await cli(['import', SPEC_EXAMPLE, '--dry-run', '--data', folder]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        `No Lowbal database in ${folder} yet: this is what the file would create in a new one.`,
      );
      expect(run.stdout).toMatch(/clients\s+1\s+0\s+0/);
      expect(run.stdout).toMatch(/Dry run: nothing was changed and nothing was created\./);
    }
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it('refuses to export or check a folder without a database', async () => {
    const empty = tempDir();
    for (const args of [['export', '--out', '-'], ['check']]) {
      const run = await cli([...args, '--data', empty]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/No Lowbal database at/);
    }
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it('checks every profile now, or only shows what it would queue with --dry-run', async () => {
    const data = await importedExample();
    const notifications = async () => {
      const core = await createTestCore({ dataDir: data });
      try {
        const [{ count }] = await core.ctx.db('notifications').count({ count: '*' });
        return Number(count);
      } finally {
        await core.close();
      }
    };

    const dry = await cli(['check', '--dry-run', '--data', data]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Prepaid standard\s+1\s+2\s+4\s+0\s+0/);
    expect(dry.stdout).toMatch(/Total: 4 e-mails would be queued/);
    expect(await notifications()).toBe(0);

    const run = await cli(['check', '--data', data]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Total: 4 e-mails queued/);
    expect(await notifications()).toBe(4);
  });

  it('round-trips through the CLI: export, import into a new folder, export again', async () => {
    const data = await importedExample();
    const first = await cli(['export', '--out', '-', '--data', data]);
    const file = path.join(tempDir(), 'all.json');
    fs.writeFileSync(file, first.stdout);
    const copy = tempDir();
    expect((await cli(['import', file, '--data', copy])).code).toBe(0);
    const second = await cli(['export', '--out', '-', '--data', copy]);
    expect(withoutExportedAt(second.stdout)).toBe(withoutExportedAt(first.stdout));
  });
});
