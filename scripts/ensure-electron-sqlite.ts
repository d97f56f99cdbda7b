import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { electronSqliteBinding, electronSqliteDir } from '../src-main/hosts/electron/native-sqlite';
import { packageBin, PROJECT_ROOT } from './project-root';

/**
 * `npm start` and `npm run dev` run this first: Electron cannot load the
 * better-sqlite3 built for Node, so a copy built for the installed Electron is
 * kept in `.native/electron-<version>/better-sqlite3` (made once; node_modules stays Node's).
 */

export interface Command {
  command: string;
  args: string[];
  /** Variables to remove from the inherited environment. */
  unsetEnv?: string[];
}

export type RunCommand = (command: Command, cwd: string) => Promise<{ status: number | null }>;

const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

export function prebuildInstallCommand(prebuildBin: string, electronVersion: string, arch: string): Command {
  return {
    command: process.execPath,
    args: [prebuildBin, '--runtime', 'electron', '--target', electronVersion, '--arch', arch],
  };
}

export function nodeGypCommand(nodeGyp: string, electronVersion: string, arch: string): Command {
  return {
    command: process.execPath,
    args: [
      nodeGyp,
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      `--dist-url=${ELECTRON_HEADERS_URL}`,
    ],
    // npm passes its `nodedir` setting on (some systems point it at Node's own headers), which
    // would silently compile for Node instead of Electron.
    unsetEnv: ['npm_config_nodedir', 'NPM_CONFIG_NODEDIR'],
  };
}

/** Where node-gyp may be: npm tells its scripts, a local install, or the copy bundled with npm. */
export function nodeGypCandidates(
  env: NodeJS.ProcessEnv,
  execPath: string,
  platform: NodeJS.Platform,
): string[] {
  const bundled =
    platform === 'win32'
      ? path.win32.join(
          path.win32.dirname(execPath),
          'node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
        )
      : path.posix.join(execPath, '../../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
  const local = (() => {
    try {
      return require.resolve('node-gyp/bin/node-gyp.js', { paths: [PROJECT_ROOT] });
    } catch {
      return undefined;
    }
  })();
  return [env.npm_config_node_gyp, local, bundled].filter((file): file is string => Boolean(file));
}

function installedVersion(packageDir: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return undefined;
  }
}

export interface EnsureOptions {
  root: string;
  electronVersion: string;
  /** The installed better-sqlite3 package (its sources are copied). */
  sqliteDir: string;
  prebuildBin: string;
  nodeGyp: string | undefined;
  arch: string;
  run: RunCommand;
  /** Whether plain Node can load the file, which an Electron build never can. */
  loadsInNode(file: string): Promise<boolean>;
  log(message: string): void;
}

/** The Electron build's path when it exists for the installed better-sqlite3 version, else null. */
function existingBuild(root: string, electronVersion: string, sqliteVersion: string): string | null {
  const binding = electronSqliteBinding(root, electronVersion);
  const builtVersion = installedVersion(electronSqliteDir(root, electronVersion));
  return fs.existsSync(binding) && builtVersion === sqliteVersion ? binding : null;
}

/**
 * Builds better-sqlite3 for Electron unless already built: a prebuilt binary
 * first, compiling against Electron's headers second. Builds in a temp folder
 * and renames it into place, so an interrupted build never looks finished.
 */
export async function ensureElectronSqlite(options: EnsureOptions): Promise<string> {
  const { root, electronVersion, sqliteDir } = options;
  const sqliteVersion = installedVersion(sqliteDir);
  if (!sqliteVersion) throw new Error(`better-sqlite3 is not installed in ${sqliteDir}; run npm install`);
  const existing = existingBuild(root, electronVersion, sqliteVersion);
  if (existing) return existing;

  const target = electronSqliteDir(root, electronVersion);
  const work = `${target}.tmp-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(work), { recursive: true });
  // Everything but the Node build, so a leftover Node binary can never pass for Electron's.
  fs.cpSync(sqliteDir, work, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(sqliteDir, source).split(path.sep)[0];
      return relative !== 'build' && relative !== 'node_modules';
    },
  });
  const workBinding = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  options.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (once)…`);

  const attempts: { name: string; command?: Command }[] = [
    {
      name: 'prebuilt download',
      command: prebuildInstallCommand(options.prebuildBin, electronVersion, options.arch),
    },
    {
      name: 'compiling with node-gyp',
      command: options.nodeGyp ? nodeGypCommand(options.nodeGyp, electronVersion, options.arch) : undefined,
    },
  ];
  const failures: string[] = [];
  for (const attempt of attempts) {
    if (!attempt.command) {
      failures.push(`${attempt.name}: node-gyp was not found`);
      continue;
    }
    const { status } = await options.run(attempt.command, work);
    const problem =
      status !== 0
        ? `exit ${status}`
        : !fs.existsSync(workBinding)
          ? 'produced no better_sqlite3.node'
          : (await options.loadsInNode(workBinding))
            ? "built for Node instead of Electron (check npm's nodedir setting)"
            : null;
    if (!problem) {
      fs.rmSync(target, { recursive: true, force: true });
      fs.renameSync(work, target);
      options.log(`better-sqlite3 for Electron ${electronVersion} is ready.`);
      return electronSqliteBinding(root, electronVersion);
    }
    failures.push(`${attempt.name}: ${problem}`);
  }
  fs.rmSync(work, { recursive: true, force: true });
  throw new Error(
    `Could not build better-sqlite3 for Electron ${electronVersion} (${failures.join('; ')}).\n` +
      'It needs either network access to download a prebuilt binary, or a C++ toolchain ' +
      '(build-essential and python3 on Linux, Xcode command line tools on macOS, Visual Studio Build Tools ' +
      'on Windows) plus access to Electron headers. See README → Troubleshooting.',
  );
}

function spawnCommand(command: Command, cwd: string, stdio: 'inherit' | 'ignore') {
  return new Promise<{ status: number | null }>((resolve) => {
    const env = { ...process.env };
    for (const name of command.unsetEnv ?? []) delete env[name];
    const child = spawn(command.command, command.args, { cwd, env, stdio });
    child.on('error', () => resolve({ status: null }));
    child.on('exit', (status) => resolve({ status }));
  });
}
const runInherit: RunCommand = (command, cwd) => spawnCommand(command, cwd, 'inherit');
const runQuiet = (command: Command) => spawnCommand(command, PROJECT_ROOT, 'ignore');

const loadsInNode = (file: string) =>
  runQuiet({ command: process.execPath, args: ['-e', 'require(process.argv[1])', file] }).then(
    ({ status }) => status === 0,
  );

if (require.main === module) {
  const electronVersion = installedVersion(path.dirname(require.resolve('electron/package.json')));
  const nodeGyp = nodeGypCandidates(process.env, process.execPath, process.platform).find((file) =>
    fs.existsSync(file),
  );
  if (!electronVersion) {
    process.stderr.write('Electron is not installed; run npm install\n');
    process.exit(1);
  }
  ensureElectronSqlite({
    root: PROJECT_ROOT,
    electronVersion,
    sqliteDir: path.dirname(require.resolve('better-sqlite3/package.json', { paths: [PROJECT_ROOT] })),
    prebuildBin: packageBin('prebuild-install', 'bin.js'),
    nodeGyp,
    arch: process.arch,
    run: runInherit,
    loadsInNode,
    log: (message) => process.stdout.write(`${message}\n`),
  }).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
