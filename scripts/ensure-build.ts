import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { packageBin, PROJECT_ROOT } from './project-root';

/** What `electron-vite build` writes; all must exist and be newer than every source. */
export const BUILD_OUTPUTS = [
  'out/main/index.js',
  'out/main/lowbal.js',
  'out/main/core-worker.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];

const BUILD_INPUTS = [
  'src-main',
  'src-preload',
  'src-renderer',
  'migrations',
  'electron.vite.config.ts',
  'path-aliases.ts',
  'postcss.config.cjs',
  'tsconfig.json',
  'package.json',
];

const isTestFile = (name: string) => /\.test\.tsx?$/.test(name);

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return isTestFile(entry) ? 0 : stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/** Why a build is needed, or null when `out/` is newer than every source file. */
export function staleBuildReason(root: string = PROJECT_ROOT): string | null {
  const outputTimes = BUILD_OUTPUTS.map((output) => {
    const stat = fs.statSync(path.join(root, output), { throwIfNoEntry: false });
    return { output, mtime: stat?.mtimeMs ?? 0 };
  });
  const missing = outputTimes.find((entry) => entry.mtime === 0);
  if (missing) return `${missing.output} is missing`;
  const oldestOutput = Math.min(...outputTimes.map((entry) => entry.mtime));
  const changed = BUILD_INPUTS.find((input) => newestMtime(path.join(root, input)) > oldestOutput);
  return changed ? `${changed} changed since the last build` : null;
}

/** Runs `electron-vite build` when `out/` is missing or older than the sources. */
export function ensureBuild(root: string = PROJECT_ROOT): void {
  const reason = staleBuildReason(root);
  if (!reason) return;
  // On stderr, build output included: `npm run cli -- export --out -` writes the export to stdout.
  process.stderr.write(`Building Lowbal (${reason})…\n`);
  const result = spawnSync(process.execPath, [packageBin('electron-vite', 'bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (result.status !== 0)
    throw new Error(`electron-vite build failed (exit ${result.status ?? result.signal})`);
}

if (require.main === module) {
  try {
    ensureBuild();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
