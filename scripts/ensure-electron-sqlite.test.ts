import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronSqliteBinding } from '../src-main/hosts/electron/native-sqlite';
import {
  type Command,
  ensureElectronSqlite,
  type EnsureOptions,
  nodeGypCandidates,
  nodeGypCommand,
  prebuildInstallCommand,
} from './ensure-electron-sqlite';

let root: string;
let sqliteDir: string;

function installSqlite(version: string): void {
  fs.mkdirSync(path.join(sqliteDir, 'build', 'Release'), { recursive: true });
  fs.mkdirSync(path.join(sqliteDir, 'lib'), { recursive: true });
  fs.writeFileSync(path.join(sqliteDir, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version }));
  fs.writeFileSync(path.join(sqliteDir, 'binding.gyp'), '{}');
  fs.writeFileSync(path.join(sqliteDir, 'lib', 'index.js'), '');
  fs.writeFileSync(path.join(sqliteDir, 'build', 'Release', 'better_sqlite3.node'), 'node build');
}

/** A fake toolchain: each step either "builds" the binding in its working folder or fails. */
function options(steps: Record<'prebuild' | 'gyp', 'builds' | 'fails' | 'builds-for-node'>) {
  const ran: { tool: string; command: Command; sawNodeBuild: boolean }[] = [];
  const nodeBuilds = new Set<string>();
  const opts: EnsureOptions = {
    root,
    electronVersion: '40.1.0',
    sqliteDir,
    prebuildBin: '/x/prebuild-install/bin.js',
    nodeGyp: '/x/node-gyp.js',
    arch: 'x64',
    log: () => undefined,
    async run(command, cwd) {
      const tool = command.args[0].includes('prebuild') ? 'prebuild' : 'gyp';
      const binding = path.join(cwd, 'build', 'Release', 'better_sqlite3.node');
      ran.push({ tool, command, sawNodeBuild: fs.existsSync(binding) });
      const outcome = steps[tool as 'prebuild' | 'gyp'];
      if (outcome === 'fails') return { status: 1 };
      fs.mkdirSync(path.dirname(binding), { recursive: true });
      fs.writeFileSync(binding, `${tool} build`);
      if (outcome === 'builds-for-node') nodeBuilds.add(binding);
      return { status: 0 };
    },
    loadsInNode: async (file) => nodeBuilds.has(file),
  };
  return { opts, ran };
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-native-'));
  sqliteDir = path.join(root, 'node_modules', 'better-sqlite3');
  installSqlite('12.4.1');
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const binding = () => electronSqliteBinding(root, '40.1.0');

describe('ensureElectronSqlite', () => {
  it('uses a prebuilt binary when one downloads, built from a copy without the Node build', async () => {
    const { opts, ran } = options({ prebuild: 'builds', gyp: 'fails' });
    expect(await ensureElectronSqlite(opts)).toBe(binding());
    expect(fs.readFileSync(binding(), 'utf8')).toBe('prebuild build');
    expect(ran.map((step) => [step.tool, step.sawNodeBuild])).toEqual([['prebuild', false]]);
    expect(binding()).toBe(
      path.join(
        root,
        '.native',
        'electron-40.1.0',
        'better-sqlite3',
        'build',
        'Release',
        'better_sqlite3.node',
      ),
    );
    expect(fs.readFileSync(path.join(sqliteDir, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe(
      'node build',
    );
  });

  it('compiles with node-gyp when no prebuilt binary is available', async () => {
    const { opts, ran } = options({ prebuild: 'fails', gyp: 'builds' });
    await ensureElectronSqlite(opts);
    expect(fs.readFileSync(binding(), 'utf8')).toBe('gyp build');
    expect(ran.map((step) => step.tool)).toEqual(['prebuild', 'gyp']);
  });

  it('does nothing when the build for this Electron and better-sqlite3 exists', async () => {
    await ensureElectronSqlite(options({ prebuild: 'builds', gyp: 'fails' }).opts);
    const again = options({ prebuild: 'builds', gyp: 'builds' });
    expect(await ensureElectronSqlite(again.opts)).toBe(binding());
    expect(again.ran).toEqual([]);
  });

  it('rebuilds after better-sqlite3 is upgraded', async () => {
    await ensureElectronSqlite(options({ prebuild: 'builds', gyp: 'fails' }).opts);
    installSqlite('12.5.0');
    const upgraded = options({ prebuild: 'fails', gyp: 'builds' });
    await ensureElectronSqlite(upgraded.opts);
    expect(upgraded.ran.map((step) => step.tool)).toEqual(['prebuild', 'gyp']);
    expect(fs.readFileSync(binding(), 'utf8')).toBe('gyp build');
  });

  it('refuses a build that plain Node can load', async () => {
    const { opts } = options({ prebuild: 'fails', gyp: 'builds-for-node' });
    await expect(ensureElectronSqlite(opts)).rejects.toThrow(/built for Node instead of Electron/);
  });

  it('explains a failure and leaves nothing that looks finished', async () => {
    const { opts } = options({ prebuild: 'fails', gyp: 'fails' });
    await expect(ensureElectronSqlite(opts)).rejects.toThrow(
      /Could not build better-sqlite3 for Electron 40\.1\.0 \(prebuilt download: exit 1; compiling with node-gyp: exit 1\)/,
    );
    expect(fs.existsSync(binding())).toBe(false);
    expect(fs.readdirSync(path.join(root, '.native', 'electron-40.1.0'))).toEqual([]);
  });

  it('says when node-gyp is missing', async () => {
    const { opts } = options({ prebuild: 'fails', gyp: 'builds' });
    await expect(ensureElectronSqlite({ ...opts, nodeGyp: undefined })).rejects.toThrow(
      /node-gyp was not found/,
    );
  });
});

describe('build commands', () => {
  it('asks prebuild-install for the Electron runtime', () => {
    expect(prebuildInstallCommand('/p/bin.js', '40.1.0', 'arm64')).toEqual({
      command: process.execPath,
      args: ['/p/bin.js', '--runtime', 'electron', '--target', '40.1.0', '--arch', 'arm64'],
    });
  });

  it('compiles against Electron’s headers, ignoring npm’s nodedir', () => {
    const command = nodeGypCommand('/g/node-gyp.js', '40.1.0', 'x64');
    expect(command.args).toEqual([
      '/g/node-gyp.js',
      'rebuild',
      '--release',
      '--runtime=electron',
      '--target=40.1.0',
      '--arch=x64',
      '--dist-url=https://electronjs.org/headers',
    ]);
    expect(command.unsetEnv).toContain('npm_config_nodedir');
  });

  it('finds node-gyp through npm, then next to the node executable', () => {
    const candidates = nodeGypCandidates(
      { npm_config_node_gyp: '/npm/node-gyp.js' },
      '/usr/bin/node',
      'linux',
    );
    expect(candidates[0]).toBe('/npm/node-gyp.js');
    expect(candidates.at(-1)).toBe('/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
    expect(nodeGypCandidates({}, 'C:\\node\\node.exe', 'win32').at(-1)).toBe(
      'C:\\node\\node_modules\\npm\\node_modules\\node-gyp\\bin\\node-gyp.js',
    );
  });
});
